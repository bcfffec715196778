/** One page of a client's history: all of it for staff, what concerns them for a contact. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { filesKeys } from "./file-types";

export interface ActivityQuery {
  order: "newest" | "oldest";
  limit: number;
  offset: number;
}

export function useActivityPage(clientId: string, query: ActivityQuery) {
  const { api } = useFirm();
  return useQuery({
    queryKey: filesKeys.activity(clientId, query),
    queryFn: () => unwrap(api.GET("/clients/{id}/activity", { params: { path: { id: clientId }, query } })),
    placeholderData: keepPreviousData,
  });
}
