/**
 * The desktop's connection state (Offline, Online, Merge notification, Merge conflicts) with its
 * counts. The server pushes it as server-sent events whenever it changes; one stream per app
 * (opened by the badge in the frame) writes each state into the query cache, where every page
 * reads it. No polling: between events nothing is asked.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { firmApiBase, unwrap, type FirmApi } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";

export type ConnectionStatus =
  paths["/desktop/status"]["get"]["responses"][200]["content"]["application/json"];

export const connectionQueryOptions = (api: FirmApi) =>
  queryOptions({
    queryKey: ["desktop", "status"],
    queryFn: () => unwrap(api.GET("/desktop/status")),
    staleTime: Infinity,
  });

/** Opens the event stream while `enabled`; says whether the local app's server is reachable. */
export function useConnectionStream(enabled: boolean): { connected: boolean } {
  const { slug, queryClient, api } = useFirm();
  const [connected, setConnected] = useState(true);
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`${firmApiBase(slug)}/desktop/events`);
    source.addEventListener("status", (event) => {
      setConnected(true);
      queryClient.setQueryData(
        connectionQueryOptions(api).queryKey,
        JSON.parse(event.data as string) as ConnectionStatus,
      );
    });
    // EventSource reconnects by itself; until it does, the state shown may be old.
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    return () => source.close();
  }, [enabled, slug, queryClient, api]);
  return { connected };
}

export function useConnectionStatus(enabled = true) {
  const { api } = useFirm();
  return useQuery({ ...connectionQueryOptions(api), enabled });
}
