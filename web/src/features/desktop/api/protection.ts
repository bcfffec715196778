/** The first run on an unprotected firm file: its staff, and turning protection on. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type FirstAdminBody = NonNullable<
  paths["/desktop/protection"]["post"]["requestBody"]
>["content"]["application/json"];

export function useProtection() {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["desktop", "protection"],
    queryFn: () => unwrap(api.GET("/desktop/protection")),
  });
}

export function useTurnProtectionOn() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: (body: FirstAdminBody) => unwrap(api.POST("/desktop/protection", { body })),
    onSuccess: () => refreshAfterChange(queryClient, ["auth"]),
  });
}
