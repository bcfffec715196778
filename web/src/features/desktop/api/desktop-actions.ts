/** Merge now and working offline: each answers with the new connection state, kept in the cache. */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { connectionQueryOptions } from "./connection-state";
import { refreshAfterChange } from "../../../lib/refresh";

export function useMergeNow() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/desktop/merge")),
    onSuccess: (answer) => {
      queryClient.setQueryData(connectionQueryOptions(api).queryKey, answer.status);
      void refreshAfterChange(queryClient, ["desktop", "conflicts"], ["desktop", "log"]);
    },
  });
}

export function useWorkOffline() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: (offline: boolean) => unwrap(api.PUT("/desktop/offline", { body: { offline } })),
    onSuccess: (status) => queryClient.setQueryData(connectionQueryOptions(api).queryKey, status),
  });
}
