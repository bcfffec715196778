/** Staff groups and who is in them (groups carry roles: changing members is sharing). */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type StaffGroup = paths["/staff-groups/{id}"]["get"]["responses"][200]["content"]["application/json"];

const groupsKey = ["staff-groups"] as const;

/** A firm has tens of groups, not thousands: one page of 500. */
export function useStaffGroups(enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...groupsKey, "list"],
    queryFn: () => unwrap(api.GET("/staff-groups", { params: { query: { limit: 500 } } })),
    enabled,
  });
}

export function useStaffGroupChanges() {
  const { api, queryClient } = useFirm();
  const refresh = async () => {
    await refreshAfterChange(queryClient, groupsKey, ["staff"]);
  };
  const add = useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/staff-groups", { body: { name } })),
    onSuccess: refresh,
  });
  const addMember = useMutation({
    mutationFn: ({ id, staffId }: { id: string; staffId: string }) =>
      unwrap(api.PUT("/staff-groups/{id}/members/{staffId}", { params: { path: { id, staffId } } })),
    onSuccess: refresh,
  });
  const removeMember = useMutation({
    mutationFn: ({ id, staffId }: { id: string; staffId: string }) =>
      unwrap(api.DELETE("/staff-groups/{id}/members/{staffId}", { params: { path: { id, staffId } } })),
    onSuccess: refresh,
  });
  return { add, addMember, removeMember };
}
