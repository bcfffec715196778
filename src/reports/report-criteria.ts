/**
 * What a report covers, in words, for the heading of a PDF and the Criteria sheet of an XLSX,
 * and the file name a download gets. Pure.
 */
import type { ReportHead } from "./report-events.js";
import { GROUP_TITLES } from "./report.js";

/** The period as people say it: a month ("2026-03"), a year ("2026"), a range, or open ends. */
export function periodText(from: string | null, to: string | null): string {
  if (from && to) {
    if (from.slice(0, 7) === to.slice(0, 7) && from.endsWith("-01") && to === lastDayOf(to))
      return from.slice(0, 7);
    if (from.endsWith("-01-01") && to.endsWith("-12-31") && from.slice(0, 4) === to.slice(0, 4))
      return from.slice(0, 4);
    return `${from} to ${to}`;
  }
  if (from) return `from ${from}`;
  if (to) return `to ${to}`;
  return "all dates";
}

function lastDayOf(date: string): string {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${date.slice(0, 7)}-${String(day).padStart(2, "0")}`;
}

/** Label and value pairs: firm, report, period, grouping, and each filter given. */
export function criteriaLines(head: ReportHead): [string, string][] {
  const { criteria } = head;
  const lines: [string, string][] = [
    ["Firm", head.firm.name],
    ["Report", head.type === "basic" ? "Basic" : "Detailed"],
    ["Period", periodText(criteria.from, criteria.to)],
    ["Grouped by", head.groupBy.map((by) => GROUP_TITLES[by]).join(", then ")],
    ["Currency", head.firm.currency],
  ];
  const filters: [string, string | null][] = [
    ["Staff", criteria.staff],
    ["Client", criteria.client],
    ["Project", criteria.project],
    ["Work code", criteria.workCode],
    [
      "Billable",
      criteria.billable === null ? null : criteria.billable ? "billable only" : "non-billable only",
    ],
    ["Status", criteria.status.length ? criteria.status.join(", ") : null],
    ["Kind", criteria.kind === "both" ? null : criteria.kind],
  ];
  for (const [label, value] of filters) if (value !== null) lines.push([label, value]);
  return lines;
}

/** ASCII words joined by hyphens: safe in any file system and in a Content-Disposition header. */
function fileWord(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 40);
}

/** "smith-detailed-report-2026-03.xlsx": firm, report, period. */
export function reportFileName(head: ReportHead, firmLabel: string, extension: string): string {
  const period = fileWord(periodText(head.criteria.from, head.criteria.to));
  return `${fileWord(firmLabel) || "firm"}-${head.type}-report-${period}.${extension}`;
}
