/** Staff delete an empty folder; one that holds anything is refused (409) in the server's words. */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { useFilesChanged } from "./use-files-changed";

export function useDeleteFolder() {
  const { api } = useFirm();
  const changed = useFilesChanged();
  return useMutation({
    mutationFn: (folderId: string) =>
      unwrap(api.DELETE("/folders/{id}", { params: { path: { id: folderId } } })),
    onSuccess: changed,
  });
}
