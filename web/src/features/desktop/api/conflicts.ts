/** The conflict log a page at a time, and restoring or dismissing one conflict. */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type Conflict =
  paths["/sync/conflicts"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type ConflictFilter = "open" | "all";

export const CONFLICT_PAGE_SIZE = 20;

export function useConflicts(filter: ConflictFilter, page: number) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["desktop", "conflicts", filter, page],
    queryFn: () =>
      unwrap(
        api.GET("/sync/conflicts", {
          params: {
            query: {
              ...(filter === "open" ? { status: "open" as const } : {}),
              limit: CONFLICT_PAGE_SIZE,
              offset: page * CONFLICT_PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useResolveConflict() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: "restore" | "dismiss" }) =>
      unwrap(
        action === "restore"
          ? api.POST("/sync/conflicts/{id}/restore", { params: { path: { id } } })
          : api.POST("/sync/conflicts/{id}/dismiss", { params: { path: { id } } }),
      ),
    onSuccess: () => refreshAfterChange(queryClient, ["desktop", "conflicts"]),
  });
}
