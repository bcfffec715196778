/**
 * The firm at this address as its public pages see it (GET /auth/firm): its name, and whether
 * this is a desktop (firmtime desktop on a firm file) and still unprotected. The cloud has no
 * connection state, so desktop-only parts of the app show only where `desktop` is set.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../api/client";
import type { paths } from "../api/schema";
import { useFirm } from "./firm-context";

export type FirmInfo = paths["/auth/firm"]["get"]["responses"][200]["content"]["application/json"];

export const firmInfoQueryOptions = (api: FirmApi) =>
  queryOptions({
    queryKey: ["auth", "firm"],
    queryFn: () => unwrap(api.GET("/auth/firm")),
    staleTime: Infinity,
  });

export function useFirmInfo() {
  const { api } = useFirm();
  return useQuery(firmInfoQueryOptions(api));
}
