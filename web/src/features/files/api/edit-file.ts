/** Staff share a file with the client or stop sharing it, rename it, or move it to a folder. */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { useFilesChanged } from "./use-files-changed";

export type FileChange = NonNullable<
  paths["/files/{id}"]["patch"]["requestBody"]
>["content"]["application/json"];

export function useEditFile(fileId: string) {
  const { api } = useFirm();
  const changed = useFilesChanged();
  return useMutation({
    mutationFn: (body: FileChange) =>
      unwrap(api.PATCH("/files/{id}", { params: { path: { id: fileId } }, body })),
    onSuccess: changed,
  });
}
