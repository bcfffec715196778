/** Clients: a page of the list, one client, and the changes; every change refreshes what shows clients. */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import type { ClientChange, ClientInput, ClientQuery } from "./types";
import { refreshAfterChange } from "../../../lib/refresh";

export function useClientList(query: ClientQuery) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["clients", "list", query],
    queryFn: () => unwrap(api.GET("/clients", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** The client whose code is exactly `code` (any case), or null: one lookup by the code's index. */
export async function clientByCode(api: FirmApi, code: string) {
  const found = await unwrap(api.GET("/clients", { params: { query: { code: code.trim(), limit: 1 } } }));
  return found.items[0] ?? null;
}

export function useClientChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, ["clients"]);
  const create = useMutation({
    mutationFn: (body: ClientInput) => unwrap(api.POST("/clients", { body })),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: ClientChange }) =>
      unwrap(api.PATCH("/clients/{id}", { params: { path: { id } }, body: change })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/clients/{id}", { params: { path: { id } } })),
    onSettled: refresh,
  });
  return { create, update, remove };
}
