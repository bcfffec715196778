/**
 * A staff member's expenses over a period, their changes, and their receipts (photos or PDFs
 * kept on the server's file store, checked there on content and size).
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { firmApiBase, unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";
import { uploadFile, type UploadProgress } from "../../../lib/upload";

export type ExpenseEntry =
  paths["/expense-entries/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type NewExpenseEntry = NonNullable<
  paths["/expense-entries"]["post"]["requestBody"]
>["content"]["application/json"];
export type ExpenseChange = NonNullable<
  paths["/expense-entries/{id}"]["patch"]["requestBody"]
>["content"]["application/json"];
export type Receipt =
  paths["/expense-entries/{id}/receipts"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

const expensesKey = ["expense-entries", "me"] as const;
const receiptsKey = (entryId: string) => ["expense-entries", "receipts", entryId] as const;

/** The signed-in staff member's expenses dated from..to, newest first (a month holds tens). */
export function useExpensesBetween(from: string, to: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...expensesKey, from, to],
    queryFn: () =>
      unwrap(api.GET("/expense-entries", { params: { query: { from, to, sort: "-date", limit: 500 } } })),
  });
}

export function useExpenseChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, expensesKey);
  const create = useMutation({
    mutationFn: (body: NewExpenseEntry) => unwrap(api.POST("/expense-entries", { body })),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: ExpenseChange }) =>
      unwrap(api.PATCH("/expense-entries/{id}", { params: { path: { id } }, body: change })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/expense-entries/{id}", { params: { path: { id } } })),
    onSettled: refresh,
  });
  const submit = useMutation({
    mutationFn: (ids: string[]) =>
      unwrap(api.POST("/expense-entries/status", { body: { ids, status: "submitted" } })),
    onSettled: refresh,
  });
  return { create, update, remove, submit };
}

export function useReceipts(entryId: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: receiptsKey(entryId),
    queryFn: () => unwrap(api.GET("/expense-entries/{id}/receipts", { params: { path: { id: entryId } } })),
  });
}

/** Where the browser fetches a receipt's bytes (the session's cookie authorizes it). */
export function useReceiptAddress() {
  const { slug } = useFirm();
  return (receipt: Receipt) =>
    `${firmApiBase(slug)}/expense-entries/${encodeURIComponent(receipt.entryId)}/receipts/${encodeURIComponent(receipt.id)}/content`;
}

/** Attaches a file to an entry (any entry: a new one's id is known only once it is saved). */
export function useReceiptUpload() {
  const { session, queryClient } = useFirm();
  return async (
    entryId: string,
    file: File,
    onProgress: (progress: UploadProgress) => void,
    signal?: AbortSignal,
  ) => {
    try {
      return await uploadFile<Receipt>(
        session,
        `/expense-entries/${encodeURIComponent(entryId)}/receipts`,
        file,
        onProgress,
        signal,
      );
    } finally {
      void refreshAfterChange(queryClient, receiptsKey(entryId));
    }
  };
}

export function useReceiptRemoval(entryId: string) {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, receiptsKey(entryId));
  return useMutation({
    mutationFn: (receiptId: string) =>
      unwrap(
        api.DELETE("/expense-entries/{id}/receipts/{receiptId}", {
          params: { path: { id: entryId, receiptId } },
        }),
      ),
    onSettled: refresh,
  });
}
