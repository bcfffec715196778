/**
 * The firm's accounting overview (src/accounting/accounting-routes.ts): settings, the QuickBooks
 * Online connection and the mappings, with the changes an Admin makes to them. Every change reads
 * the overview again, so the page shows the server's word, not what was typed.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type AccountingOverview = paths["/accounting"]["get"]["responses"][200]["content"]["application/json"];
export type AccountingSettings = AccountingOverview["settings"];
export type ConnectionState = AccountingOverview["connection"]["state"];
export type SettingsPatch = NonNullable<
  paths["/accounting/settings"]["patch"]["requestBody"]
>["content"]["application/json"];

export const accountingKey = ["accounting"] as const;
const overviewKey = [...accountingKey, "overview"] as const;

export function useAccountingOverview(enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: overviewKey,
    enabled,
    queryFn: () => unwrap(api.GET("/accounting")),
    // A refusal (403) is the answer; retrying it only delays the page that says so.
    retry: false,
  });
}

function useOverviewChanged() {
  const { queryClient } = useFirm();
  return () => void refreshAfterChange(queryClient, overviewKey);
}

export function useEditSettings() {
  const { api } = useFirm();
  const changed = useOverviewChanged();
  return useMutation({
    mutationFn: (body: SettingsPatch) => unwrap(api.PATCH("/accounting/settings", { body })),
    onSuccess: changed,
  });
}

/** Asks the server for Intuit's consent page; the caller sends the browser there. */
export function useConnectQuickBooks() {
  const { api } = useFirm();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/accounting/connect")),
  });
}

/** Forgets the firm's QuickBooks Online tokens (links and history stay). */
export function useDisconnectQuickBooks() {
  const { api } = useFirm();
  const changed = useOverviewChanged();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/accounting/connection")),
    onSuccess: changed,
  });
}

export function useSetWorkerKind() {
  const { api } = useFirm();
  const changed = useOverviewChanged();
  return useMutation({
    mutationFn: ({ staffId, kind }: { staffId: string; kind: "employee" | "vendor" }) =>
      unwrap(api.PUT("/accounting/workers/{id}", { params: { path: { id: staffId } }, body: { kind } })),
    onSuccess: changed,
  });
}

export function useSetExpenseAccount() {
  const { api } = useFirm();
  const changed = useOverviewChanged();
  return useMutation({
    mutationFn: ({ workCodeId, accountId }: { workCodeId: string; accountId: string | null }) =>
      unwrap(
        api.PUT("/accounting/expense-accounts/{id}", {
          params: { path: { id: workCodeId } },
          body: { accountId },
        }),
      ),
    onSuccess: changed,
  });
}
