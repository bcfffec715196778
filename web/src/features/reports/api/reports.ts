/**
 * The reports the page shows and the files it downloads, all from one set of criteria, so the
 * screen, the charts and every file answer the same question with the server's own totals.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { ApiProblem } from "../../../api/problem";
import type { paths } from "../../../api/schema";
import { attachmentName, saveStream, type DownloadProgress } from "../../../lib/download";
import { useFirm } from "../../../lib/firm-context";
import { filterQuery, reportQuery, type ReportCriteria } from "../report-criteria";

type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? Q : never;
export type Report = paths["/reports/basic"]["get"]["responses"][200]["content"]["application/json"];
export type ReportGroup = Report["groups"][number];
export type ReportLine = NonNullable<ReportGroup["lines"]>[number];
export type ReportTotals = Report["total"];
export type Charts = paths["/reports/charts"]["get"]["responses"][200]["content"]["application/json"];
export type ChartPoint = Charts["byClient"][number];

export type ReportType = "basic" | "detailed";
export type DownloadFormat = "csv" | "xlsx" | "pdf";

const STALE = 30_000;

export function useReport(type: ReportType, criteria: ReportCriteria, enabled = true) {
  const { api } = useFirm();
  const query = reportQuery(criteria) as Query<"/reports/basic">;
  return useQuery({
    queryKey: ["reports", type, query],
    queryFn: () =>
      unwrap(
        type === "basic"
          ? api.GET("/reports/basic", { params: { query: { ...query, format: "json" } } })
          : api.GET("/reports/detailed", { params: { query: { ...query, format: "json" } } }),
      ) as Promise<Report>,
    placeholderData: keepPreviousData,
    staleTime: STALE,
    enabled,
  });
}

export function useCharts(criteria: ReportCriteria, enabled = true) {
  const { api } = useFirm();
  const query = filterQuery(criteria) as Query<"/reports/charts">;
  return useQuery({
    queryKey: ["reports", "charts", query],
    queryFn: () => unwrap(api.GET("/reports/charts", { params: { query } })),
    placeholderData: keepPreviousData,
    staleTime: STALE,
    enabled,
  });
}

const MEDIA_TYPES: Record<DownloadFormat, string> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** Streams the report file made on the server and saves it; progress as bytes arrive. */
export function useReportDownload() {
  const { api } = useFirm();
  return async (
    type: ReportType,
    format: DownloadFormat,
    criteria: ReportCriteria,
    onProgress: (progress: DownloadProgress) => void,
    signal: AbortSignal,
  ): Promise<string> => {
    const query = { ...(reportQuery(criteria) as Query<"/reports/basic/download">), format };
    let result;
    try {
      result =
        type === "basic"
          ? await api.GET("/reports/basic/download", { params: { query }, parseAs: "stream", signal })
          : await api.GET("/reports/detailed/download", { params: { query }, parseAs: "stream", signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw ApiProblem.offline();
    }
    const { response } = result;
    if (!response.ok || !result.data) {
      // The routes document only their file; a refusal is still problem+json.
      const { error } = result as { error?: unknown };
      const body = error && typeof error === "object" ? error : {};
      throw new ApiProblem(response.status, body as Record<string, unknown>);
    }
    const name = attachmentName(response.headers.get("content-disposition"), `${type}-report.${format}`);
    const length = Number(response.headers.get("content-length")) || null;
    await saveStream(result.data, name, MEDIA_TYPES[format], length, onProgress);
    return name;
  };
}
