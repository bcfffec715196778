/**
 * Runs of the accounting connector: asking for one, the history (newest first, a page at a time),
 * one run (read again every 2 seconds while it waits or runs), its items (a page at a time,
 * by outcome) and an export's file.
 */
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { ApiProblem } from "../../../api/problem";
import type { paths } from "../../../api/schema";
import { attachmentName, saveStream } from "../../../lib/download";
import { useFirm } from "../../../lib/firm-context";
import { accountingKey } from "./settings";
import { refreshAfterChange } from "../../../lib/refresh";

export type AccountingRun =
  paths["/accounting/runs/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type RunItem =
  paths["/accounting/runs/{id}/items"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type RunRequest = NonNullable<
  paths["/accounting/runs"]["post"]["requestBody"]
>["content"]["application/json"];

const runsKey = [...accountingKey, "runs"] as const;
const runKey = (id: string) => [...runsKey, "one", id] as const;
export const RUNS_PAGE = 20;
export const ITEMS_PAGE = 100;
const POLL_MS = 2_000;

const isActive = (run: AccountingRun | undefined) => run?.status === "queued" || run?.status === "running";

/** A new run, or the same kind already waiting (`queued: false`: the server answered 200). */
export function useAskRun() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: async (body: RunRequest) => {
      const result = await api.POST("/accounting/runs", { body }).catch(() => {
        throw ApiProblem.offline();
      });
      const run = await unwrap(Promise.resolve(result));
      return { run, queued: result.response.status === 202 };
    },
    onSuccess: () => void refreshAfterChange(queryClient, runsKey),
  });
}

export function useRunHistory(enabled = true) {
  const { api } = useFirm();
  return useInfiniteQuery({
    queryKey: [...runsKey, "history"],
    enabled,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/accounting/runs", {
          params: { query: { limit: RUNS_PAGE, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) =>
      page.items.length < RUNS_PAGE ? undefined : page.items[page.items.length - 1]!.id,
    retry: false,
    // A run in the list that waits or runs changes on its own: the list follows it.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(isActive)) ? POLL_MS : false,
  });
}

export function useRun(id: string, enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: runKey(id),
    enabled,
    queryFn: () => unwrap(api.GET("/accounting/runs/{id}", { params: { path: { id } } })),
    retry: false,
    // Until the connector is done with it; a finished run never changes again.
    refetchInterval: (query) => (isActive(query.state.data) ? POLL_MS : false),
  });
}

/** The run's items, `ITEMS_PAGE` at a time; `refreshKey` changes read them again from the start. */
export function useRunItems(id: string, outcome: string | null, refreshKey: string) {
  const { api } = useFirm();
  return useInfiniteQuery({
    queryKey: [...runKey(id), "items", outcome, refreshKey],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/accounting/runs/{id}/items", {
          params: {
            path: { id },
            query: {
              limit: ITEMS_PAGE,
              ...(pageParam > 0 ? { after: pageParam } : {}),
              ...(outcome ? { outcome } : {}),
            },
          },
        }),
      ),
    initialPageParam: 0,
    getNextPageParam: (page) =>
      page.items.length < ITEMS_PAGE ? undefined : page.items[page.items.length - 1]!.seq,
    retry: false,
  });
}

/** Saves an export run's file under the name the server gives it. */
export function useRunFileDownload() {
  const { api } = useFirm();
  return async (run: AccountingRun): Promise<string> => {
    let result;
    try {
      result = await api.GET("/accounting/runs/{id}/file", {
        params: { path: { id: run.id } },
        parseAs: "stream",
      });
    } catch {
      throw ApiProblem.offline();
    }
    const { response } = result;
    if (!response.ok || !result.data) {
      const { error } = result as { error?: unknown };
      const body = error && typeof error === "object" ? error : {};
      throw new ApiProblem(response.status, body as Record<string, unknown>);
    }
    const name = attachmentName(response.headers.get("content-disposition"), run.fileName ?? "export.txt");
    const length = Number(response.headers.get("content-length")) || null;
    await saveStream(result.data, name, "text/plain", length, () => undefined);
    return name;
  };
}
