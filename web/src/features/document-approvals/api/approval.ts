/**
 * One document approval (src/portal/approval-*.ts): a shared file's version a contact is asked to
 * approve. The contact asked decides once; staff may withdraw a pending one. The record never
 * changes afterwards, so every answer replaces the cached one whole.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type DocumentApproval =
  paths["/approvals/{id}"]["get"]["responses"][200]["content"]["application/json"];

const approvalKey = (id: string) => ["document-approvals", id] as const;

export function useDocumentApproval(id: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: approvalKey(id),
    queryFn: () => unwrap(api.GET("/approvals/{id}", { params: { path: { id } } })),
    retry: false,
  });
}

/** After a decision or a withdrawal: the record as the server keeps it, and what waits, again. */
function useApprovalChanged(id: string) {
  const { queryClient } = useFirm();
  return (approval: DocumentApproval) => {
    queryClient.setQueryData(approvalKey(id), approval);
    void refreshAfterChange(queryClient, ["portal", "waiting"]);
  };
}

export function useDecideApproval(id: string) {
  const { api } = useFirm();
  const changed = useApprovalChanged(id);
  return useMutation({
    mutationFn: (body: { decision: "approved" | "declined"; comment: string }) =>
      unwrap(api.POST("/approvals/{id}/decision", { params: { path: { id } }, body })),
    onSuccess: changed,
  });
}

export function useWithdrawApproval(id: string) {
  const { api } = useFirm();
  const changed = useApprovalChanged(id);
  return useMutation({
    mutationFn: () => unwrap(api.POST("/approvals/{id}/cancel", { params: { path: { id } }, body: {} })),
    onSuccess: changed,
  });
}
