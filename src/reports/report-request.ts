/**
 * What a user asks a report for, checked before any query runs: the period (from/to, a month
 * or a year), the grouping levels, the kind and the statuses. Pure: references by code (staff,
 * client, project, work code) are resolved by the service.
 */
import { monthOf, parseIsoDate, type IsoDate } from "../domain/dates.js";
import { ENTRY_STATUSES, isEntryStatus, type EntryStatus } from "../domain/entries.js";
import { invalid } from "../domain/errors.js";
import type { EntryKind } from "../time-expense/entry-store.js";
import {
  GROUP_BYS,
  KIND_FILTERS,
  MAX_GROUP_LEVELS,
  type GroupBy,
  type KindFilter,
  type ReportCriteria,
} from "./report.js";

export interface ReportRequest {
  from?: string;
  to?: string;
  /** "YYYY-MM": the whole calendar month. */
  month?: string;
  /** "YYYY": the whole calendar year. */
  year?: string;
  staff?: string;
  client?: string;
  /** Named within `client`. */
  project?: string;
  workCode?: string;
  billable?: boolean;
  status?: readonly string[];
  /** Defaults to both. */
  kind?: string;
  /** One level, or two. */
  groupBy: readonly string[];
}

export interface Period {
  from: IsoDate | null;
  to: IsoDate | null;
}

/** One way of naming the period at a time, so a typo cannot silently widen or narrow it. */
export function resolvePeriod(request: Pick<ReportRequest, "from" | "to" | "month" | "year">): Period {
  const ways = [
    request.from !== undefined || request.to !== undefined,
    request.month !== undefined,
    request.year !== undefined,
  ];
  if (ways.filter(Boolean).length > 1) throw invalid("name the period one way: from/to, a month or a year");
  if (request.month !== undefined) return monthPeriod(request.month);
  if (request.year !== undefined) return yearPeriod(request.year);
  const from = request.from !== undefined ? parseIsoDate(request.from, "from date") : null;
  const to = request.to !== undefined ? parseIsoDate(request.to, "to date") : null;
  if (from && to && from > to) throw invalid(`from date ${from} is after to date ${to}`);
  return { from, to };
}

function monthPeriod(text: string): Period {
  const month = text.trim();
  if (!/^\d{4}-\d{2}$/.test(month)) throw invalid(`month ${JSON.stringify(text)} is not a month (YYYY-MM)`);
  return monthOf(parseIsoDate(`${month}-01`, "month"));
}

function yearPeriod(text: string): Period {
  const year = text.trim();
  if (!/^\d{4}$/.test(year)) throw invalid(`year ${JSON.stringify(text)} is not a year (YYYY)`);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export function checkGroupBy(levels: readonly string[]): GroupBy[] {
  const groupBy = levels.map((level) => level.trim().toLowerCase());
  if (groupBy.length === 0) throw invalid(`a report is grouped by one of ${GROUP_BYS.join(", ")}`);
  if (groupBy.length > MAX_GROUP_LEVELS)
    throw invalid(`a report has at most ${MAX_GROUP_LEVELS} grouping levels`);
  for (const level of groupBy) {
    if (!(GROUP_BYS as readonly string[]).includes(level)) {
      throw invalid(`cannot group by ${JSON.stringify(level)}: choose ${GROUP_BYS.join(", ")}`);
    }
  }
  if (new Set(groupBy).size !== groupBy.length) throw invalid("each grouping level must be different");
  return groupBy as GroupBy[];
}

export function checkKind(kind: string | undefined): KindFilter {
  const value = (kind ?? "both").trim().toLowerCase();
  if (!(KIND_FILTERS as readonly string[]).includes(value)) {
    throw invalid(`kind ${JSON.stringify(kind)} must be one of ${KIND_FILTERS.join(", ")}`);
  }
  return value as KindFilter;
}

export const kindsOf = (kind: KindFilter): EntryKind[] => (kind === "both" ? ["time", "expense"] : [kind]);

export function checkStatuses(statuses: readonly string[] | undefined): EntryStatus[] {
  const checked = (statuses ?? []).map((status) => status.trim().toLowerCase());
  for (const status of checked) {
    if (!isEntryStatus(status))
      throw invalid(`status ${JSON.stringify(status)} must be one of ${ENTRY_STATUSES.join(", ")}`);
  }
  return [...new Set(checked as EntryStatus[])];
}

export interface CheckedRequest {
  criteria: ReportCriteria;
  groupBy: GroupBy[];
}

/** Everything that can be checked without the store; references stay as given (code or id). */
export function checkReportRequest(request: ReportRequest): CheckedRequest {
  const period = resolvePeriod(request);
  const code = (value: string | undefined) => value?.trim() || null;
  if (code(request.project) && !code(request.client)) {
    throw invalid("a project filter names its client too (--client CODE --project CODE)");
  }
  return {
    groupBy: checkGroupBy(request.groupBy),
    criteria: {
      ...period,
      staff: code(request.staff),
      client: code(request.client),
      project: code(request.project),
      workCode: code(request.workCode),
      billable: request.billable ?? null,
      status: checkStatuses(request.status),
      kind: checkKind(request.kind),
    },
  };
}
