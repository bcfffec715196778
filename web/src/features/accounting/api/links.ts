/** The links between firmtime's records and the books' records, and unlinking one. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { accountingKey } from "./settings";
import { refreshAfterChange } from "../../../lib/refresh";

export type AccountingLink =
  paths["/accounting/links"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type LocalKind = AccountingLink["localKind"];

const linksKey = [...accountingKey, "links"] as const;

export function useAccountingLinks(localKind: LocalKind | null) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...linksKey, localKind],
    queryFn: () =>
      unwrap(api.GET("/accounting/links", { params: { query: localKind ? { localKind } : {} } })),
    retry: false,
  });
}

export function useUnlink() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: ({ localKind, localId }: { localKind: LocalKind; localId: string }) =>
      unwrap(
        api.DELETE("/accounting/links/{localKind}/{id}", { params: { path: { localKind, id: localId } } }),
      ),
    onSettled: () => void refreshAfterChange(queryClient, linksKey),
  });
}
