/**
 * What a report covers, as the page's address holds it: the address's search parameters are the
 * API's own query (month or year or from/to, filters, groupBy), so a report can be bookmarked and
 * shared, and the page, its charts and its downloads all ask the server the same question.
 * Pure: reading and writing criteria, the period presets.
 */
import { monthOf } from "../../lib/calendar";

export const GROUP_BYS = ["client", "staff", "workcode", "month"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const GROUP_TITLES: Record<GroupBy, string> = {
  client: "Client",
  staff: "Staff",
  workcode: "Work code",
  month: "Month",
};

export const STATUSES = ["draft", "submitted", "approved", "billed", "transferred"] as const;
export type EntryStatus = (typeof STATUSES)[number];

export type Period =
  | { kind: "month"; month: string }
  | { kind: "year"; year: string }
  | { kind: "range"; from: string | null; to: string | null };

export interface ReportCriteria {
  period: Period;
  kind: "time" | "expense" | "both";
  billable: "true" | "false" | null;
  status: EntryStatus[];
  clientId: string | null;
  projectId: string | null;
  staffId: string | null;
  workCodeId: string | null;
  /** One level, or two: ["client", "month"]. */
  groupBy: [GroupBy] | [GroupBy, GroupBy];
}

/** The address's search parameters as they are kept (every value text). */
export type ReportSearch = Partial<Record<string, string>>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ID = /^[0-9a-zA-Z-]{1,64}$/;

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const idOrNull = (value: unknown) => {
  const id = text(value);
  return id && ID.test(id) ? id : null;
};

/** Criteria from the address; anything unreadable falls back to this month, grouped by client. */
export function readCriteria(search: Record<string, unknown>, today: Date = new Date()): ReportCriteria {
  const month = text(search.month);
  const year = text(search.year);
  const from = text(search.from);
  const to = text(search.to);
  let period: Period;
  if (month && MONTH.test(month)) period = { kind: "month", month };
  else if (year && YEAR.test(year)) period = { kind: "year", year };
  else if ((from && DATE.test(from)) || (to && DATE.test(to)))
    period = {
      kind: "range",
      from: from && DATE.test(from) ? from : null,
      to: to && DATE.test(to) ? to : null,
    };
  else period = { kind: "month", month: monthOf(today) };

  const kind = text(search.kind);
  const billable = text(search.billable);
  const status = (text(search.status) ?? "")
    .split(",")
    .filter((value): value is EntryStatus => (STATUSES as readonly string[]).includes(value));
  const groups = (text(search.groupBy) ?? "")
    .split(",")
    .filter((value): value is GroupBy => (GROUP_BYS as readonly string[]).includes(value));
  const first = groups[0] ?? "client";
  const second = groups[1] && groups[1] !== first ? groups[1] : undefined;

  return {
    period,
    kind: kind === "time" || kind === "expense" ? kind : "both",
    billable: billable === "true" || billable === "false" ? billable : null,
    status: [...new Set(status)],
    clientId: idOrNull(search.clientId),
    projectId: idOrNull(search.projectId),
    staffId: idOrNull(search.staffId),
    workCodeId: idOrNull(search.workCodeId),
    groupBy: second ? [first, second] : [first],
  };
}

/** The filters as the API's query (without groupBy: the charts take none). */
export function filterQuery(criteria: ReportCriteria): ReportSearch {
  const query: ReportSearch = {};
  const { period } = criteria;
  if (period.kind === "month") query.month = period.month;
  else if (period.kind === "year") query.year = period.year;
  else {
    if (period.from) query.from = period.from;
    if (period.to) query.to = period.to;
  }
  if (criteria.kind !== "both") query.kind = criteria.kind;
  if (criteria.billable) query.billable = criteria.billable;
  if (criteria.status.length) query.status = criteria.status.join(",");
  if (criteria.clientId) query.clientId = criteria.clientId;
  if (criteria.projectId) query.projectId = criteria.projectId;
  if (criteria.staffId) query.staffId = criteria.staffId;
  if (criteria.workCodeId) query.workCodeId = criteria.workCodeId;
  return query;
}

/** The whole question: filters and grouping; also what the address keeps. */
export function reportQuery(criteria: ReportCriteria): ReportSearch & { groupBy: string } {
  return { ...filterQuery(criteria), groupBy: criteria.groupBy.join(",") };
}

/** The period in words for the page's heading. */
export function periodWords(period: Period, formatMonth: (month: string) => string): string {
  if (period.kind === "month") return formatMonth(period.month);
  if (period.kind === "year") return period.year;
  if (period.from && period.to) return `${period.from} to ${period.to}`;
  if (period.from) return `from ${period.from}`;
  if (period.to) return `up to ${period.to}`;
  return "all dates";
}

/** A basis-point share as a percentage with one decimal: 6250 → "62.5%" (integer arithmetic only). */
export function shareText(basisPoints: number | null): string {
  if (basisPoints === null || !Number.isSafeInteger(basisPoints)) return "—";
  const tenths = Math.round(basisPoints / 10);
  return `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)}%`;
}
