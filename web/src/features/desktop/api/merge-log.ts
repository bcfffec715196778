/** The merge's warning and error logs, a page at a time. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";

export type LogEntry =
  paths["/sync/log"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type LogLevel = "warning" | "error";

export const LOG_PAGE_SIZE = 20;

export function useMergeLog(level: LogLevel, includeClosed: boolean, page: number) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["desktop", "log", level, includeClosed, page],
    queryFn: () =>
      unwrap(
        api.GET("/sync/log", {
          params: {
            query: {
              level,
              all: includeClosed ? ("true" as const) : ("false" as const),
              limit: LOG_PAGE_SIZE,
              offset: page * LOG_PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
