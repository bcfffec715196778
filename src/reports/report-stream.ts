/**
 * Reports read for a download: the same request, rights and figures as report-service, but a
 * detailed report's lines come from the store a page at a time and leave as events, so a year
 * of a large firm never sits in memory. Everything that can refuse the request (bad filters,
 * unknown references) runs before the first event, so a refusal is still a clean error
 * response, never a half-written file.
 *
 * The group tree (names, code order) is the basic report's, from the database's GROUP BY; a
 * detailed report then reads each last-level group's lines by (date, id) keyset pages, the
 * order the in-memory report lists them in, and its subtotals are sums of the lines it wrote.
 * Pages are separate reads: entries written while a download runs may or may not be in it,
 * but every total in it is the sum of the lines in it.
 */
import { monthOf } from "../domain/dates.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import type { EntryFilter, EntryKind } from "../time-expense/entry-store.js";
import { headOf, reportEvents, type ReportEvent, type ReportHead } from "./report-events.js";
import { lineTotals, sumTotals } from "./report-grouping.js";
import {
  assemble,
  groupSums,
  prepareReport,
  type PreparedReport,
  type ReportRequest,
  type ReportVisibility,
} from "./report-service.js";
import { selectReportLines, type LineCursor } from "./report-store.js";
import type { GroupKey, ReportGroup, ReportType, Totals } from "./report.js";

export interface ReportSource {
  head: ReportHead;
  /** Read with `for await`: a detailed report's come from the store as they are read. */
  events: AsyncIterable<ReportEvent> | Iterable<ReportEvent>;
}

export const DEFAULT_PAGE_SIZE = 1000;

export async function streamReport(
  db: Db,
  scope: FirmScope,
  type: ReportType,
  request: ReportRequest,
  visibility: ReportVisibility = {},
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<ReportSource> {
  const prepared = await prepareReport(db, scope, request, visibility);
  const tree = await groupSums(db, scope, prepared, prepared.groupBy);
  if (type === "basic") {
    // One row per group: small, and already summed by the database.
    const report = assemble("basic", scope, prepared, tree);
    return { head: headOf(report), events: reportEvents(report) };
  }
  const head = headOf(assemble("detailed", scope, prepared, []));
  return { head, events: detailedEvents(db, scope.firm.id, prepared, tree, pageSize) };
}

const later = (a: string | undefined, b: string): string => (a !== undefined && a > b ? a : b);
const earlier = (a: string | undefined, b: string): string => (a !== undefined && a < b ? a : b);

/** The filter of the entries under one group: the report's, narrowed to the group's key. */
function narrowTo(filter: EntryFilter, key: GroupKey): EntryFilter {
  switch (key.by) {
    case "client":
      return { ...filter, clientId: key.id };
    case "staff":
      return { ...filter, staffId: key.id };
    case "workcode":
      return { ...filter, workCodeId: key.id };
    case "month": {
      const month = monthOf(`${key.id}-01`);
      return { ...filter, from: later(filter.from, month.from), to: earlier(filter.to, month.to) };
    }
  }
}

async function* detailedEvents(
  db: Db,
  firmId: string,
  prepared: PreparedReport,
  tree: readonly ReportGroup[],
  pageSize: number,
): AsyncGenerator<ReportEvent> {
  const levels = prepared.groupBy.length;

  async function* lines(
    filterOf: (kind: EntryKind) => EntryFilter,
    path: readonly GroupKey[],
  ): AsyncGenerator<ReportEvent, Totals> {
    let totals = sumTotals([]);
    let after: LineCursor | null = null;
    for (;;) {
      const page = await selectReportLines(db, firmId, prepared.kinds, filterOf, { after, limit: pageSize });
      for (const line of page) {
        yield { kind: "line", path, line };
        totals = sumTotals([totals, lineTotals(line)]);
      }
      const last = page.at(-1);
      if (!last || page.length < pageSize) return totals;
      after = { date: last.date, id: last.id };
    }
  }

  async function* walk(
    group: ReportGroup,
    parents: readonly GroupKey[],
    parentFilterOf: (kind: EntryKind) => EntryFilter,
  ): AsyncGenerator<ReportEvent, Totals> {
    const path = [...parents, group.key];
    const filterOf = (kind: EntryKind) => narrowTo(parentFilterOf(kind), group.key);
    yield { kind: "open", path };
    let totals: Totals;
    if (path.length < levels) {
      const parts: Totals[] = [];
      for (const sub of group.groups) parts.push(yield* walk(sub, path, filterOf));
      totals = sumTotals(parts);
    } else {
      totals = yield* lines(filterOf, path);
    }
    yield { kind: "close", path, totals };
    return totals;
  }

  const parts: Totals[] = [];
  for (const group of tree) parts.push(yield* walk(group, [], prepared.filterOf));
  yield { kind: "total", totals: sumTotals(parts) };
}
