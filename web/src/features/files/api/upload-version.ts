/** Sends a new version of a file, with its progress. */
import { useMutation } from "@tanstack/react-query";
import { useFirm } from "../../../lib/firm-context";
import { uploadFile, type UploadProgress } from "../../../lib/upload";
import type { EntityFile } from "./file-types";
import { useFilesChanged } from "./use-files-changed";

export function useUploadVersion(fileId: string) {
  const { session } = useFirm();
  const changed = useFilesChanged();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (progress: UploadProgress) => void }) =>
      uploadFile<EntityFile>(session, `/files/${fileId}/versions`, file, onProgress),
    onSettled: changed,
  });
}
