/** Staff members: a page of the list at a time, one member, and their changes. */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";

export type StaffMember = paths["/staff/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type NewStaff = NonNullable<paths["/staff"]["post"]["requestBody"]>["content"]["application/json"];
export type StaffChange = NonNullable<
  paths["/staff/{id}"]["patch"]["requestBody"]
>["content"]["application/json"];
type StaffQuery = NonNullable<paths["/staff"]["get"]["parameters"]["query"]>;
export type StaffSort = NonNullable<StaffQuery["sort"]>;

const staffKey = ["staff"] as const;

export interface StaffPageQuery {
  /** `key` ascending or `-key` descending. */
  sort: string;
  status: "active" | "inactive" | undefined;
  limit: number;
  offset: number;
}

/** The server's sort key and direction from the list's `key` / `-key`. */
function sortOf(sort: string): { sort: StaffSort; order: "asc" | "desc" } {
  const key = sort.replace(/^-/, "") as StaffSort;
  return { sort: key, order: sort.startsWith("-") ? "desc" : "asc" };
}

export function useStaffPage(query: StaffPageQuery) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...staffKey, "page", query],
    queryFn: () =>
      unwrap(
        api.GET("/staff", {
          params: {
            query: { ...sortOf(query.sort), status: query.status, limit: query.limit, offset: query.offset },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
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
  const refresh = () => queryClient.invalidateQueries({ queryKey: staffKey });
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
