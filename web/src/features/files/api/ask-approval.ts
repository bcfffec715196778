/** Staff ask one of the client's portal contacts to approve a shared file's current version. */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { useFilesChanged } from "./use-files-changed";

export function useAskApproval(fileId: string) {
  const { api } = useFirm();
  const changed = useFilesChanged();
  return useMutation({
    mutationFn: (body: { contactId: string; message: string }) =>
      unwrap(api.POST("/files/{id}/approvals", { params: { path: { id: fileId } }, body })),
    onSuccess: changed,
  });
}
