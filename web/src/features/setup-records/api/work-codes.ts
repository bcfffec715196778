/** Work codes: a page of the list, one work code, a lookup by code, and the changes. */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import type { WorkCodeChange, WorkCodeInput, WorkCodeQuery } from "./types";
import { refreshAfterChange } from "../../../lib/refresh";

export function useWorkCodeList(query: WorkCodeQuery) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["work-codes", "page", query],
    queryFn: () => unwrap(api.GET("/work-codes", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useWorkCode(id: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["work-codes", id],
    queryFn: () => unwrap(api.GET("/work-codes/{id}", { params: { path: { id } } })),
  });
}

/** The work code whose code is exactly `code` (any case), or null. */
export async function workCodeByCode(api: FirmApi, code: string) {
  const found = await unwrap(api.GET("/work-codes", { params: { query: { code: code.trim(), limit: 1 } } }));
  return found.items[0] ?? null;
}

export function useWorkCodeChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, ["work-codes"]);
  const create = useMutation({
    mutationFn: (body: WorkCodeInput) => unwrap(api.POST("/work-codes", { body })),
    onSettled: async () => {
      await refresh();
      await refreshAfterChange(queryClient, ["rates"]);
    },
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: WorkCodeChange }) =>
      unwrap(api.PATCH("/work-codes/{id}", { params: { path: { id } }, body: change })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/work-codes/{id}", { params: { path: { id } } })),
    onSettled: refresh,
  });
  return { create, update, remove };
}
