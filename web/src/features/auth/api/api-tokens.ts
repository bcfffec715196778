/** The person's API tokens (for the CLI and scripts): listed, created (shown once), revoked. */
import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export const apiTokensQueryOptions = (api: FirmApi) =>
  queryOptions({ queryKey: ["auth", "tokens"], queryFn: () => unwrap(api.GET("/auth/tokens")) });

export function useApiTokens() {
  const { api } = useFirm();
  return useQuery(apiTokensQueryOptions(api));
}

export function useCreateApiToken() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/auth/tokens", { body: { name } })),
    onSuccess: () => refreshAfterChange(queryClient, apiTokensQueryOptions(api).queryKey),
  });
}

export function useRevokeApiToken() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/auth/tokens/{id}", { params: { path: { id } } })),
    onSuccess: () => refreshAfterChange(queryClient, apiTokensQueryOptions(api).queryKey),
  });
}
