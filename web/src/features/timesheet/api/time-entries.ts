/**
 * A staff member's time entries over some days, and the changes the grid and the day view make.
 * Each change refreshes the days it touched; nothing else is reloaded.
 */
import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type TimeEntry = paths["/time-entries/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type NewTimeEntry = NonNullable<
  paths["/time-entries"]["post"]["requestBody"]
>["content"]["application/json"];
export type TimeEntryChange = NonNullable<
  paths["/time-entries/{id}"]["patch"]["requestBody"]
>["content"]["application/json"];

export const entriesKey = (staffId: string | null) => ["time-entries", staffId ?? "me"] as const;

export const entriesBetween = (api: FirmApi, staffId: string | null, from: string, to: string) =>
  queryOptions({
    queryKey: [...entriesKey(staffId), from, to],
    queryFn: () =>
      unwrap(
        api.GET("/time-entries", {
          params: { query: { staffId: staffId ?? undefined, from, to, limit: 500, sort: "date" } },
        }),
      ),
  });

export function useEntriesBetween(staffId: string | null, from: string, to: string) {
  const { api } = useFirm();
  return useQuery(entriesBetween(api, staffId, from, to));
}

/** Create, change or delete one entry; the staff member's lists are refreshed afterwards. */
export function useTimeEntryChanges(staffId: string | null) {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, entriesKey(staffId));
  const create = useMutation({
    mutationFn: (body: NewTimeEntry) => unwrap(api.POST("/time-entries", { body })),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: TimeEntryChange }) =>
      unwrap(api.PATCH("/time-entries/{id}", { params: { path: { id } }, body: change })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/time-entries/{id}", { params: { path: { id } } })),
    onSettled: refresh,
  });
  const setStatus = useMutation({
    mutationFn: (body: { ids: string[]; status: "submitted" | "draft" }) =>
      unwrap(api.POST("/time-entries/status", { body })),
    onSettled: refresh,
  });
  return { create, update, remove, setStatus };
}
