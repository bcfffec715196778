/**
 * Effective-dated rate resolution (shared/design/domain.md, "Rates").
 *
 * For an entry dated D the rate is the first level that has a row effective on or before D,
 * taking at each level the row with the latest such effective date:
 *   1. project × work code, then project;  2. client × work code, then client;
 *   3. staff × work code;  4. staff standard;  5. work code default;  6. zero.
 * Pure: callers load the rows once (a firm has few) and resolve many entries against them.
 */
import type { IsoDate } from "./dates.js";

export const RATE_SCOPES = ["project", "client", "staff", "work_code"] as const;
export type RateScope = (typeof RATE_SCOPES)[number];

export interface RateRow {
  id: string;
  scope: RateScope;
  staffId: string | null;
  clientId: string | null;
  projectId: string | null;
  /** null for a project, client or staff standard rate; required for a work code default. */
  workCodeId: string | null;
  effectiveDate: IsoDate;
  rate: number;
}

export type RateSource =
  | "project_work_code"
  | "project"
  | "client_work_code"
  | "client"
  | "staff_work_code"
  | "staff"
  | "work_code"
  | "none";

export interface RateQuery {
  date: IsoDate;
  staffId: string;
  clientId: string;
  projectId: string | null;
  workCodeId: string;
  /**
   * Expense entries take only work-code-specific rates (levels 1-3 for the work code, then its
   * default): a staff member's or client's standard rate is an hourly rate, not a unit price.
   */
  kind?: "time" | "expense";
}

export interface ResolvedRate {
  rate: number;
  source: RateSource;
  rateId: string | null;
}

/** The key a rate row is filed under; also what makes two rows "the same rate" in the store. */
export function rateTargetKey(
  row: Pick<RateRow, "scope" | "staffId" | "clientId" | "projectId" | "workCodeId">,
): string {
  const owner =
    row.scope === "project"
      ? row.projectId
      : row.scope === "client"
        ? row.clientId
        : row.scope === "staff"
          ? row.staffId
          : "";
  return `${row.scope}:${owner ?? ""}:${row.workCodeId ?? ""}`;
}

export interface RateBook {
  resolve(query: RateQuery): ResolvedRate;
}

/**
 * The rate targets an entry's rate may come from, most specific first, as target keys: a book
 * resolving one entry needs the rates of these targets only.
 */
export function rateLevels(query: Omit<RateQuery, "date">): [RateSource, string][] {
  const { staffId, clientId, projectId, workCodeId } = query;
  const standard = query.kind !== "expense";
  const levels: [RateSource, string, boolean][] = [
    ["project_work_code", `project:${projectId ?? ""}:${workCodeId}`, projectId !== null],
    ["project", `project:${projectId ?? ""}:`, projectId !== null && standard],
    ["client_work_code", `client:${clientId}:${workCodeId}`, true],
    ["client", `client:${clientId}:`, standard],
    ["staff_work_code", `staff:${staffId}:${workCodeId}`, true],
    ["staff", `staff:${staffId}:`, standard],
    ["work_code", `work_code::${workCodeId}`, true],
  ];
  return levels.filter(([, , applies]) => applies).map(([source, key]) => [source, key]);
}

/** Indexes rate rows by target, each target's rows sorted by effective date. */
export function createRateBook(rows: Iterable<RateRow>): RateBook {
  const byTarget = new Map<string, RateRow[]>();
  for (const row of rows) {
    const key = rateTargetKey(row);
    const list = byTarget.get(key);
    if (list) list.push(row);
    else byTarget.set(key, [row]);
  }
  for (const list of byTarget.values()) list.sort((a, b) => compareDates(a.effectiveDate, b.effectiveDate));

  const latestOnOrBefore = (key: string, date: IsoDate): RateRow | undefined => {
    const list = byTarget.get(key);
    if (!list) return undefined;
    // Binary search for the last row with effectiveDate <= date.
    let low = 0;
    let high = list.length - 1;
    let found: RateRow | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const row = list[middle]!;
      if (row.effectiveDate <= date) {
        found = row;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  };

  return {
    resolve(query) {
      for (const [source, key] of rateLevels(query)) {
        const row = latestOnOrBefore(key, query.date);
        if (row) return { rate: row.rate, source, rateId: row.id };
      }
      return { rate: 0, source: "none", rateId: null };
    },
  };
}

function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "historical" (before the lock date: frozen), "future" (not yet effective) or "current". */
export function rateTiming(
  effectiveDate: IsoDate,
  today: IsoDate,
  lockDate: IsoDate | null,
): "historical" | "current" | "future" {
  if (lockDate && effectiveDate < lockDate) return "historical";
  return effectiveDate > today ? "future" : "current";
}

/** The effective date a work code's base rate carries: valid for every entry date. */
export const ALWAYS: IsoDate = "0001-01-01";
