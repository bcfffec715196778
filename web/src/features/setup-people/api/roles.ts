/** Built-in and custom roles, and custom roles' changes. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type Role = paths["/roles/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type RoleBody = NonNullable<paths["/roles"]["post"]["requestBody"]>["content"]["application/json"];
export type Grants = Role["grants"];

const rolesKey = ["roles"] as const;

/** Ten built-in roles and a firm's few custom ones: one page of 500. */
export function useRoles(enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...rolesKey, "list"],
    queryFn: () => unwrap(api.GET("/roles", { params: { query: { limit: 500 } } })),
    staleTime: 60_000,
    enabled,
  });
}

export function useRoleChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, rolesKey);
  const create = useMutation({
    mutationFn: (body: RoleBody) => unwrap(api.POST("/roles", { body })),
    onSuccess: refresh,
  });
  const edit = useMutation({
    mutationFn: ({ id, body }: { id: string; body: RoleBody }) =>
      unwrap(api.PATCH("/roles/{id}", { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
  return { create, edit };
}
