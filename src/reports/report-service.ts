/**
 * Time & expense transaction reports: `basic` (one line per group, the database's sums) and
 * `detailed` (every entry, grouped, with subtotals). Both file their figures through the same
 * grouping, so for the same request their totals are equal, to the cent.
 */
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import type { EntryFilter, EntryKind, EntryVisibility } from "../time-expense/entry-store.js";
import { resolveEntryFilter } from "../time-expense/time-entry-service.js";
import { buildGroups, grandTotal, lineItem, monthKey, type GroupedItem } from "./report-grouping.js";
import { checkReportRequest, kindsOf, type ReportRequest } from "./report-request.js";
import { selectGroupLabels, selectGroupSums, selectReportLines, type GroupLabel } from "./report-store.js";
import type { GroupBy, GroupKey, Report, ReportCriteria, ReportGroup, ReportType } from "./report.js";

export type { ReportRequest } from "./report-request.js";

/**
 * Which entries of each kind the report may cover (the caller's read rights, as lists apply
 * them); a kind left out covers every entry, as the CLI on a firm file does.
 */
export type ReportVisibility = Partial<Record<EntryKind, EntryVisibility>>;

export interface PreparedReport {
  criteria: ReportCriteria;
  groupBy: GroupBy[];
  /** The request's filter with each kind's visibility. */
  filterOf: (kind: EntryKind) => EntryFilter;
  kinds: EntryKind[];
}

/** Checks the request, then turns codes into ids (an unknown code is an error, not an empty report). */
export async function prepareReport(
  db: Db,
  scope: FirmScope,
  request: ReportRequest,
  visibility: ReportVisibility,
): Promise<PreparedReport> {
  const { criteria, groupBy } = checkReportRequest(request);
  const filter = await resolveEntryFilter(db, scope, {
    from: criteria.from ?? undefined,
    to: criteria.to ?? undefined,
    staff: criteria.staff ?? undefined,
    client: criteria.client ?? undefined,
    project: criteria.project ?? undefined,
    workCode: criteria.workCode ?? undefined,
    status: criteria.status.length ? criteria.status : undefined,
    billable: criteria.billable ?? undefined,
  });
  const filterOf = (kind: EntryKind): EntryFilter => ({ ...filter, visibility: visibility[kind] });
  return { criteria, groupBy, filterOf, kinds: kindsOf(criteria.kind) };
}

export function assemble(
  type: ReportType,
  scope: FirmScope,
  prepared: PreparedReport,
  groups: ReportGroup[],
): Report {
  const { name, currency, minorDigits } = scope.firm;
  return {
    type,
    firm: { name, currency, minorDigits },
    criteria: prepared.criteria,
    groupBy: prepared.groupBy,
    groups,
    total: grandTotal(groups),
  };
}

/** One line per group: the sums come from the database (GROUP BY), never from loaded rows. */
export async function basicReport(
  db: Db,
  scope: FirmScope,
  request: ReportRequest,
  visibility: ReportVisibility = {},
): Promise<Report> {
  const prepared = await prepareReport(db, scope, request, visibility);
  return assemble("basic", scope, prepared, await groupSums(db, scope, prepared, prepared.groupBy));
}

/**
 * The group tree of the prepared report's entries under `groupBy`, with the database's sums
 * (GROUP BY), named and in code order: a basic report's groups, and the chart data's series.
 */
export async function groupSums(
  db: Db,
  scope: FirmScope,
  prepared: PreparedReport,
  groupBy: readonly GroupBy[],
): Promise<ReportGroup[]> {
  const firmId = scope.firm.id;
  const keyOf = await groupKeyNamer(db, firmId, groupBy);
  const items: GroupedItem[] = [];
  for (const kind of prepared.kinds) {
    for (const sums of await selectGroupSums(db, firmId, kind, prepared.filterOf(kind), groupBy)) {
      items.push({
        keys: sums.keys.map((id, level) => keyOf(groupBy[level]!, id)),
        totals: sums.totals,
      });
    }
  }
  // A group with both time and expense entries arrives twice (once per kind); buildGroups adds them.
  return buildGroups(items, groupBy.length);
}

/** Every entry line, grouped, with a subtotal per group and a grand total. */
export async function detailedReport(
  db: Db,
  scope: FirmScope,
  request: ReportRequest,
  visibility: ReportVisibility = {},
): Promise<Report> {
  const prepared = await prepareReport(db, scope, request, visibility);
  const lines = await selectReportLines(db, scope.firm.id, prepared.kinds, prepared.filterOf);
  const items = lines.map((line) => lineItem(line, prepared.groupBy));
  return assemble("detailed", scope, prepared, buildGroups(items, prepared.groupBy.length));
}

export function runReport(
  db: Db,
  scope: FirmScope,
  type: ReportType,
  request: ReportRequest,
  visibility: ReportVisibility = {},
): Promise<Report> {
  return type === "basic"
    ? basicReport(db, scope, request, visibility)
    : detailedReport(db, scope, request, visibility);
}

/** Names group ids from the small record tables, each read once for the whole report. */
async function groupKeyNamer(
  db: Db,
  firmId: string,
  groupBy: readonly GroupBy[],
): Promise<(by: GroupBy, id: string) => GroupKey> {
  const labels = new Map<GroupBy, Map<string, GroupLabel>>();
  for (const by of groupBy) if (by !== "month") labels.set(by, await selectGroupLabels(db, firmId, by));
  return (by, id) => {
    if (by === "month") return monthKey(id);
    // An entry always references an existing record (foreign keys); the id is a fallback label.
    const label = labels.get(by)?.get(id) ?? { code: id, name: "" };
    return { by, id, ...label };
  };
}
