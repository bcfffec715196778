/** Staff make a folder in a client's files (names unique among siblings, ignoring case). */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { useFilesChanged } from "./use-files-changed";

export function useCreateFolder(clientId: string) {
  const { api } = useFirm();
  const changed = useFilesChanged();
  return useMutation({
    mutationFn: (body: { name: string; parentId: string | null }) =>
      unwrap(api.POST("/clients/{id}/folders", { params: { path: { id: clientId } }, body })),
    onSuccess: changed,
  });
}
