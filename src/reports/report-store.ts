/**
 * Report queries. Totals are computed by the database (SUM ... GROUP BY) over the stored,
 * already-rounded amounts, so a year of 200,000 entries never crosses into JavaScript; a
 * detailed report reads its lines with the names it shows joined in, in one query.
 * Row types stay here: callers get GroupSums, ReportLine and GroupLabel.
 */
import { sql, type Expression, type ExpressionBuilder, type RawBuilder } from "kysely";
import { invalid } from "../domain/errors.js";
import type { Db } from "../store/database.js";
import type { Database } from "../store/tables.js";
import { entryTable, visibleEntries, type EntryFilter, type EntryKind } from "../time-expense/entry-store.js";
import type { GroupBy, ReportLine, Totals } from "./report.js";

/**
 * Entries of one kind matching the filter, as `e`. The filter is entry-store's entryQuery
 * again, with qualified columns: reports join staff, client and project, which share
 * firm_id, status and client_id with the entry tables. Both entry tables have every filtered
 * column, so the query is typed against time_entry and run on either.
 */
function filteredEntries(db: Db, firmId: string, kind: EntryKind, filter: EntryFilter) {
  let query = db.selectFrom(`${entryTable(kind)} as e` as "time_entry as e").where("e.firm_id", "=", firmId);
  if (filter.from) query = query.where("e.entry_date", ">=", filter.from);
  if (filter.to) query = query.where("e.entry_date", "<=", filter.to);
  if (filter.staffId) query = query.where("e.staff_id", "=", filter.staffId);
  if (filter.clientId) query = query.where("e.client_id", "=", filter.clientId);
  if (filter.projectId) query = query.where("e.project_id", "=", filter.projectId);
  if (filter.workCodeId) query = query.where("e.work_code_id", "=", filter.workCodeId);
  if (filter.status?.length) query = query.where("e.status", "in", filter.status);
  if (filter.billable !== undefined) query = query.where("e.billable", "=", filter.billable ? 1 : 0);
  const visibility = filter.visibility;
  if (visibility && visibility !== "all") {
    query = query.where((eb) =>
      visibleEntries(eb, visibility, { staffId: "e.staff_id", clientId: "e.client_id" }),
    );
  }
  return query;
}

type EntryExpressions = ExpressionBuilder<Database & { e: Database["time_entry"] }, "e">;

/** Minutes (time) or quantity (expense): the one column that differs in name between tables. */
const quantityOf = (kind: EntryKind): RawBuilder<number> =>
  sql<number>`${sql.ref(kind === "time" ? "e.minutes" : "e.quantity")}`;
const rateOf = (kind: EntryKind): RawBuilder<number> =>
  sql<number>`${sql.ref(kind === "time" ? "e.rate" : "e.unit_rate")}`;

/** The grouping column; a month is the date's "YYYY-MM" prefix (same substr on both engines). */
function groupKeyOf(by: GroupBy): RawBuilder<string> {
  switch (by) {
    case "client":
      return sql<string>`${sql.ref("e.client_id")}`;
    case "staff":
      return sql<string>`${sql.ref("e.staff_id")}`;
    case "workcode":
      return sql<string>`${sql.ref("e.work_code_id")}`;
    case "month":
      return sql<string>`substr(${sql.ref("e.entry_date")}, 1, 7)`;
  }
}

/**
 * SUM of a 64-bit column, cast back to bigint: PostgreSQL's SUM(bigint) is numeric, which
 * pg would hand over as text; cast, it arrives through the store's checked int8 parser.
 */
function summed(eb: EntryExpressions, value: Expression<number>): RawBuilder<number> {
  return sql<number>`cast(${eb.fn.sum(value)} as bigint)`;
}

function whenBillable(eb: EntryExpressions, value: Expression<number>) {
  return eb.case().when("e.billable", "=", eb.lit(1)).then(value).else(eb.lit(0)).end();
}

/** The database's sums for one group (one kind of entry), before names are attached. */
export interface GroupSums {
  /** The group's id at each level (record id, or "YYYY-MM"). */
  keys: string[];
  totals: Totals;
}

/** Per-group sums of one kind of entry, computed by the database. */
export async function selectGroupSums(
  db: Db,
  firmId: string,
  kind: EntryKind,
  filter: EntryFilter,
  groupBy: readonly GroupBy[],
): Promise<GroupSums[]> {
  const keys = groupBy.map(groupKeyOf);
  const rows = await filteredEntries(db, firmId, kind, filter)
    .select((eb) => {
      const minutes = kind === "time" ? eb.ref("e.minutes") : eb.lit(0);
      return [
        ...keys.map((key, level) => key.as(`key${level}`)),
        summed(eb, minutes).as("minutes"),
        summed(eb, whenBillable(eb, minutes)).as("billable_minutes"),
        summed(eb, eb.ref("e.amount")).as("amount"),
        summed(eb, whenBillable(eb, eb.ref("e.amount"))).as("billable_amount"),
        sql<number>`count(*)`.as("entries"),
      ];
    })
    .groupBy(keys)
    .execute();
  return rows.map((row) => {
    const record = row as Record<string, unknown>;
    const entries = checkedInteger(row.entries);
    return {
      keys: groupBy.map((_by, level) => String(record[`key${level}`])),
      totals: {
        minutes: checkedInteger(row.minutes),
        billableMinutes: checkedInteger(row.billable_minutes),
        amount: checkedInteger(row.amount),
        billableAmount: checkedInteger(row.billable_amount),
        timeEntries: kind === "time" ? entries : 0,
        expenseEntries: kind === "expense" ? entries : 0,
      },
    };
  });
}

/**
 * SQLite hands a sum past 2^53 over as an inexact number; refuse it rather than print a total
 * that is off by some cents. (PostgreSQL's int8 parser already refuses.)
 */
function checkedInteger(value: number | string | bigint): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw invalid("a report total is too large to be exact");
  return number;
}

/** The entry lines of one kind, read in the line's own shape and order (ReportLine): see asLine. */
function linesOf(db: Db, firmId: string, kind: EntryKind, filter: EntryFilter) {
  return filteredEntries(db, firmId, kind, filter)
    .innerJoin("staff as s", (join) =>
      join.onRef("s.id", "=", "e.staff_id").onRef("s.firm_id", "=", "e.firm_id"),
    )
    .innerJoin("client as c", (join) =>
      join.onRef("c.id", "=", "e.client_id").onRef("c.firm_id", "=", "e.firm_id"),
    )
    .innerJoin("work_code as w", (join) =>
      join.onRef("w.id", "=", "e.work_code_id").onRef("w.firm_id", "=", "e.firm_id"),
    )
    .leftJoin("project as p", (join) =>
      join.onRef("p.id", "=", "e.project_id").onRef("p.firm_id", "=", "e.firm_id"),
    )
    .select([
      sql.lit(kind).as("kind"),
      "e.id as id",
      "e.entry_date as date",
      "e.staff_id as staffId",
      "s.staff_number as staffNumber",
      sql<string>`${sql.ref("s.first_name")} || ' ' || ${sql.ref("s.last_name")}`.as("staffName"),
      "e.client_id as clientId",
      "c.code as clientCode",
      "c.name as clientName",
      "p.code as projectCode",
      "e.work_code_id as workCodeId",
      "w.code as workCode",
      "w.name as workCodeName",
      "e.description as description",
      quantityOf(kind).as("quantity"),
      rateOf(kind).as("rate"),
      "e.amount as amount",
      "e.billable as billable",
      "e.status as status",
    ]);
}

/** A staff member's name as reports print it; the lines' query makes the same with `||`. */
const staffName = (row: { first_name: string; last_name: string }): string =>
  `${row.first_name} ${row.last_name}`;

type LineRow = Awaited<ReturnType<ReturnType<typeof linesOf>["execute"]>>[number];

/**
 * The row as the line, in place: a month's detailed report holds tens of thousands of lines,
 * and a second object for each (with the rows alive until all were copied) kept the collector
 * busy for a good part of the report's time.
 */
function asLine(row: LineRow): ReportLine {
  const line = row as Omit<LineRow, "billable"> & { billable: number | boolean };
  line.quantity = checkedInteger(row.quantity);
  line.rate = checkedInteger(row.rate);
  line.amount = checkedInteger(row.amount);
  line.billable = row.billable === 1;
  return line as ReportLine;
}

/** Where a page of lines starts: just after this line, in (date, id) order. */
export interface LineCursor {
  date: string;
  id: string;
}

/**
 * Entry lines of the given kinds with their names, by date then id (entries of a day in
 * creation order). `filterOf` gives each kind its filter: the two kinds' visibility may differ.
 * With `page`, at most `page.limit` lines after `page.after`: a keyset page, so reading a year
 * page by page costs one index range per page, never an OFFSET scan, and holds no connection
 * between pages (SQLite's one connection keeps serving other requests).
 */
export async function selectReportLines(
  db: Db,
  firmId: string,
  kinds: readonly EntryKind[],
  filterOf: (kind: EntryKind) => EntryFilter,
  page?: { after: LineCursor | null; limit: number },
): Promise<ReportLine[]> {
  const after = page?.after;
  const [first, ...others] = kinds.map((kind) => {
    const lines = linesOf(db, firmId, kind, filterOf(kind));
    return after
      ? lines.where((eb) =>
          eb.or([
            eb("e.entry_date", ">", after.date),
            eb.and([eb("e.entry_date", "=", after.date), eb("e.id", ">", after.id)]),
          ]),
        )
      : lines;
  });
  if (!first) return [];
  const ordered = others.length
    ? others
        .reduce((union, query) => union.unionAll(query), first)
        .orderBy("date")
        .orderBy("id")
    : first.orderBy("e.entry_date").orderBy("e.id");
  const rows = await (page ? ordered.limit(page.limit) : ordered).execute();
  return rows.map(asLine);
}

/** What a group is called: code and name of a client, staff member or work code. */
export interface GroupLabel {
  code: string;
  name: string;
}

/** The names of every record of one kind, by id: small tables, read once per report. */
export async function selectGroupLabels(
  db: Db,
  firmId: string,
  by: Exclude<GroupBy, "month">,
): Promise<Map<string, GroupLabel>> {
  let rows: { id: string; code: string; name: string }[];
  switch (by) {
    case "client":
      rows = await db
        .selectFrom("client")
        .select(["id", "code", "name"])
        .where("firm_id", "=", firmId)
        .execute();
      break;
    case "workcode":
      rows = await db
        .selectFrom("work_code")
        .select(["id", "code", "name"])
        .where("firm_id", "=", firmId)
        .execute();
      break;
    case "staff":
      rows = (
        await db
          .selectFrom("staff")
          .select(["id", "staff_number", "first_name", "last_name"])
          .where("firm_id", "=", firmId)
          .execute()
      ).map((row) => ({ id: row.id, code: row.staff_number, name: staffName(row) }));
      break;
  }
  return new Map(rows.map((row) => [row.id, { code: row.code, name: row.name }]));
}
