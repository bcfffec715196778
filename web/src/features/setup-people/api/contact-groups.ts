/**
 * Contact groups and who is in them. Groups carry roles on clients, so adding or taking out a
 * member shares or unshares those roles: every sharing list is refreshed after a change.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type ContactGroup =
  paths["/contact-groups/{id}"]["get"]["responses"][200]["content"]["application/json"];

const groupsKey = ["contact-groups"] as const;

/** A firm has tens of contact groups, not thousands: one page of 500. */
export function useContactGroups(enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...groupsKey, "list"],
    queryFn: () => unwrap(api.GET("/contact-groups", { params: { query: { limit: 500 } } })),
    enabled,
  });
}

export function useContactGroupChanges() {
  const { api, queryClient } = useFirm();
  const refresh = async () => {
    await refreshAfterChange(queryClient, groupsKey, ["sharing"]);
  };
  const add = useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/contact-groups", { body: { name } })),
    onSuccess: refresh,
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      unwrap(api.PATCH("/contact-groups/{id}", { params: { path: { id } }, body: { name } })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/contact-groups/{id}", { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const addMember = useMutation({
    mutationFn: ({ id, contactId }: { id: string; contactId: string }) =>
      unwrap(api.PUT("/contact-groups/{id}/members/{contactId}", { params: { path: { id, contactId } } })),
    onSuccess: refresh,
  });
  const removeMember = useMutation({
    mutationFn: ({ id, contactId }: { id: string; contactId: string }) =>
      unwrap(api.DELETE("/contact-groups/{id}/members/{contactId}", { params: { path: { id, contactId } } })),
    onSuccess: refresh,
  });
  return { add, rename, remove, addMember, removeMember };
}
