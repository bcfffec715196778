/**
 * A report as a sequence of events, in print order, so every output format (CSV, XLSX, PDF)
 * is written by one walk whether the report sits in memory (the CLI, the JSON route) or is
 * read from the store page by page (downloads of a year of a large firm). Pure.
 *
 * Order: a group opens, then its lines (last level of a detailed report) or its sub-groups,
 * then it closes with its totals; after every group, the grand total. Invariant: a close
 * event's totals are the exact sum of what was printed under it, as in the Report tree.
 */
import type {
  GroupBy,
  GroupKey,
  Report,
  ReportCriteria,
  ReportGroup,
  ReportLine,
  ReportType,
  Totals,
} from "./report.js";

/** Everything a format prints before the first group: known before any line is read. */
export interface ReportHead {
  type: ReportType;
  firm: Report["firm"];
  criteria: ReportCriteria;
  groupBy: GroupBy[];
}

export type ReportEvent =
  /** `path` runs from the top-level group down to the one opening. */
  | { kind: "open"; path: readonly GroupKey[] }
  | { kind: "line"; path: readonly GroupKey[]; line: ReportLine }
  | { kind: "close"; path: readonly GroupKey[]; totals: Totals }
  | { kind: "total"; totals: Totals };

export const headOf = (report: Report): ReportHead => ({
  type: report.type,
  firm: report.firm,
  criteria: report.criteria,
  groupBy: report.groupBy,
});

/** An in-memory report's events. */
export function* reportEvents(report: Report): Generator<ReportEvent> {
  function* walk(group: ReportGroup, parents: readonly GroupKey[]): Generator<ReportEvent> {
    const path = [...parents, group.key];
    yield { kind: "open", path };
    for (const line of group.lines) yield { kind: "line", path, line };
    for (const sub of group.groups) yield* walk(sub, path);
    yield { kind: "close", path, totals: group.totals };
  }
  for (const group of report.groups) yield* walk(group, []);
  yield { kind: "total", totals: report.total };
}

/** Whether a close event ends a group that held sub-groups (every level but the last). */
export const closesParent = (head: ReportHead, path: readonly GroupKey[]): boolean =>
  path.length < head.groupBy.length;
