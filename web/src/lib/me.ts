/** Who is signed in (GET /auth/me), with the rights summary that decides which pages show. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../api/client";
import type { paths } from "../api/schema";
import { useFirm } from "./firm-context";

export type Me = paths["/auth/me"]["get"]["responses"][200]["content"]["application/json"];
export type AccessObjectName = keyof Me["permissions"] & string;

export const meQueryOptions = (api: FirmApi) =>
  queryOptions({
    queryKey: ["auth", "me"],
    queryFn: () => unwrap(api.GET("/auth/me")),
    staleTime: 60_000,
  });

export function useMe(): Me | undefined {
  const { api } = useFirm();
  return useQuery(meQueryOptions(api)).data;
}

/** Whether `me` may do `action` on `object` somewhere (firm-wide or on some record). */
export function mayDo(me: Me | undefined, object: string, action: string, where: "firm" | "some" = "some") {
  const grant = me?.permissions[object];
  return grant ? grant[where].includes(action) : false;
}
