/**
 * Who holds which role on a client: assignments made there (to users and groups, revocable
 * here) and roles inherited through a group, a firm-wide role or being partner or manager.
 */
import { useMutation, useQueries, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type Assignment =
  paths["/assignments"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type InheritedRole =
  paths["/assignments/inherited"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type NewAssignment = NonNullable<
  paths["/assignments"]["post"]["requestBody"]
>["content"]["application/json"];

const sharingKey = (entityId: string) => ["sharing", "entity", entityId] as const;

export function useDirectAssignments(entityId: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...sharingKey(entityId), "direct"],
    queryFn: () => unwrap(api.GET("/assignments", { params: { query: { entityId, limit: 500 } } })),
  });
}

export function useInheritedRoles(entityId: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...sharingKey(entityId), "inherited"],
    queryFn: () => unwrap(api.GET("/assignments/inherited", { params: { query: { entityId, limit: 500 } } })),
  });
}

/** Roles given to one user or group directly (firm-wide, on clients, on projects). */
export function usePrincipalAssignments(principalId: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["sharing", "principal", principalId],
    queryFn: () => unwrap(api.GET("/assignments", { params: { query: { principalId, limit: 500 } } })),
  });
}

/**
 * Roles given directly to each of several principals (a contact's account and the groups they
 * are in), in the order asked; needs roles:R.
 */
export function useAssignmentsOfPrincipals(principalIds: readonly string[]) {
  const { api } = useFirm();
  return useQueries({
    queries: principalIds.map((principalId) => ({
      queryKey: ["sharing", "principal", principalId],
      queryFn: () => unwrap(api.GET("/assignments", { params: { query: { principalId, limit: 500 } } })),
    })),
  });
}

/** Giving and taking away roles; every sharing list is refreshed afterwards. */
export function useSharingChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, ["sharing"]);
  const grant = useMutation({
    mutationFn: (body: NewAssignment) => unwrap(api.POST("/assignments", { body })),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/assignments/{id}", { params: { path: { id } } })),
    onSuccess: refresh,
  });
  return { grant, revoke };
}

/** A user, by id (for naming whom a direct grant is to). */
export function useUserAccount(id: string | null) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["users", id],
    queryFn: () => unwrap(api.GET("/users/{id}", { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}
