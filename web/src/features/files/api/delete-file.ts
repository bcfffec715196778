/** Staff delete a file and its versions (a file that is the record of a request or approval stays: 409). */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { useFilesChanged } from "./use-files-changed";

export function useDeleteFile(fileId: string) {
  const { api } = useFirm();
  const changed = useFilesChanged();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/files/{id}", { params: { path: { id: fileId } } })),
    onSuccess: changed,
  });
}
