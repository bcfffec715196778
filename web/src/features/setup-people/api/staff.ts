/** Staff members: a page of the list at a time, one member, and their changes. */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type StaffMember = paths["/staff/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type NewStaff = NonNullable<paths["/staff"]["post"]["requestBody"]>["content"]["application/json"];
export type StaffChange = NonNullable<
  paths["/staff/{id}"]["patch"]["requestBody"]
>["content"]["application/json"];
type StaffQuery = NonNullable<paths["/staff"]["get"]["parameters"]["query"]>;
export type StaffSort = NonNullable<StaffQuery["sort"]>;

const staffKey = ["staff"] as const;

export interface StaffPageQuery {
  /** `key` ascending or `-key` descending, as the server takes it. */
  sort: string;
  search: string;
  status: "active" | "inactive" | undefined;
  limit: number;
  offset: number;
}

export function useStaffPage(query: StaffPageQuery) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...staffKey, "page", query],
    queryFn: () =>
      unwrap(
        api.GET("/staff", {
          params: {
            query: {
              sort: query.sort as StaffSort,
              search: query.search || undefined,
              status: query.status,
              limit: query.limit,
              offset: query.offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The staff member with this number (exact, any case), or null. */
export async function findStaffByNumber(api: FirmApi, staffNumber: string): Promise<StaffMember | null> {
  const found = await unwrap(api.GET("/staff", { params: { query: { code: staffNumber, limit: 1 } } }));
  return found.items[0] ?? null;
}

export function useStaffMember(id: string | null | undefined) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...staffKey, id],
    queryFn: () => unwrap(api.GET("/staff/{id}", { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

/** Members of one staff group, a page at a time. */
export function useGroupMembers(groupId: string, limit: number, offset: number) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...staffKey, "group", groupId, limit, offset],
    queryFn: () =>
      unwrap(api.GET("/staff", { params: { query: { groupId, limit, offset, sort: "lastName" } } })),
    placeholderData: keepPreviousData,
  });
}

export function useStaffChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, staffKey);
  const add = useMutation({
    mutationFn: (body: NewStaff) => unwrap(api.POST("/staff", { body })),
    onSuccess: refresh,
  });
  const edit = useMutation({
    mutationFn: ({ id, change }: { id: string; change: StaffChange }) =>
      unwrap(api.PATCH("/staff/{id}", { params: { path: { id } }, body: change })),
    onSuccess: (staff) => {
      queryClient.setQueryData([...staffKey, staff.id], staff);
      return refresh();
    },
  });
  return { add, edit };
}
