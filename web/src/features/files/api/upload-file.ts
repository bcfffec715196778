/**
 * Adds a file to a client, with its progress. The kind and folder go in the query (the server
 * reads them there or in the form's first fields) so that who may add what is decided before a
 * byte is sent. A contact's file is always the client's own: it sends no kind.
 */
import { useMutation } from "@tanstack/react-query";
import { useFirm } from "../../../lib/firm-context";
import { uploadFile, type UploadProgress } from "../../../lib/upload";
import type { EntityFile, FileKind } from "./file-types";
import { useFilesChanged } from "./use-files-changed";

export interface NewFile {
  file: File;
  kind?: Exclude<FileKind, "client">;
  folderId: string | null;
  onProgress: (progress: UploadProgress) => void;
}

export function useUploadFile(clientId: string) {
  const { session } = useFirm();
  const changed = useFilesChanged();
  return useMutation({
    mutationFn: ({ file, kind, folderId, onProgress }: NewFile) => {
      const query = new URLSearchParams();
      if (kind) query.set("kind", kind);
      if (folderId) query.set("folderId", folderId);
      const search = query.size > 0 ? `?${query.toString()}` : "";
      return uploadFile<EntityFile>(session, `/clients/${clientId}/files${search}`, file, onProgress);
    },
    onSettled: changed,
  });
}
