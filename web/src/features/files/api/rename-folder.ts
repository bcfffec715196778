/** Staff rename a folder. */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { useFilesChanged } from "./use-files-changed";

export function useRenameFolder() {
  const { api } = useFirm();
  const changed = useFilesChanged();
  return useMutation({
    mutationFn: ({ folderId, name }: { folderId: string; name: string }) =>
      unwrap(api.PATCH("/folders/{id}", { params: { path: { id: folderId } }, body: { name } })),
    onSuccess: changed,
  });
}
