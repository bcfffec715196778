/**
 * The firm's records that many pages name: clients, projects and work codes, read one by one
 * (by id, cached) or searched on the server a page at a time. Nothing here loads a whole list
 * of a large firm: searches ask for 20 at most.
 */
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../api/client";
import type { paths } from "../api/schema";
import { useFirm } from "./firm-context";

type Json<P extends keyof paths, M extends "get"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : never;

export type Client = Json<"/clients/{id}", "get">;
export type Project = Json<"/projects/{id}", "get">;
export type WorkCode = Json<"/work-codes/{id}", "get">;

const LONG = 5 * 60_000;

export const clientQuery = (api: FirmApi, id: string) =>
  queryOptions({
    queryKey: ["clients", id],
    queryFn: () => unwrap(api.GET("/clients/{id}", { params: { path: { id } } })),
    staleTime: LONG,
  });

export const projectQuery = (api: FirmApi, id: string) =>
  queryOptions({
    queryKey: ["projects", id],
    queryFn: () => unwrap(api.GET("/projects/{id}", { params: { path: { id } } })),
    staleTime: LONG,
  });

export function useClient(id: string | null | undefined) {
  const { api } = useFirm();
  return useQuery({ ...clientQuery(api, id ?? ""), enabled: Boolean(id) });
}

export function useProject(id: string | null | undefined) {
  const { api } = useFirm();
  return useQuery({ ...projectQuery(api, id ?? ""), enabled: Boolean(id) });
}

/** The firm's work codes of a kind (a firm has tens, not thousands: one page of 500). */
export function useWorkCodes(kind: "time" | "expense") {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["work-codes", "list", kind],
    queryFn: () => unwrap(api.GET("/work-codes", { params: { query: { kind, limit: 500 } } })),
    staleTime: LONG,
  });
}

/** Active clients whose code or name holds `search`, 20 at most. */
export function useClientSearch(search: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["clients", "search", search],
    queryFn: () =>
      unwrap(
        api.GET("/clients", {
          params: { query: { search: search || undefined, status: "active", limit: 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** A client's open projects. */
export function useProjectsOf(clientId: string | null) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["projects", "of", clientId],
    queryFn: () =>
      unwrap(
        api.GET("/projects", { params: { query: { clientId: clientId!, status: "open", limit: 100 } } }),
      ),
    enabled: Boolean(clientId),
    staleTime: 60_000,
  });
}

export const clientLabel = (client: Pick<Client, "code" | "name"> | undefined) =>
  client ? `${client.code} · ${client.name}` : "…";
export const workCodeLabel = (code: Pick<WorkCode, "code" | "name"> | undefined) =>
  code ? `${code.code} · ${code.name}` : "…";
