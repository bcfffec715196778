/** Queries for time and expense entries. Row types stay here; callers get TimeEntry / ExpenseEntry. */
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from "kysely";
import type { EntryStatus } from "../domain/entries.js";
import type { Db } from "../store/database.js";
import { containsText, countRows } from "../store/list-query.js";
import { countAlways, type Counter } from "../store/count-cache.js";
import { STAFF_NAME_COLUMNS, staffRowToName, type StaffName } from "../firm-setup/staff-store.js";
import type { ExpenseEntryTable, TimeEntryTable } from "../store/tables.js";

interface EntryBase {
  id: string;
  staffId: string;
  clientId: string;
  projectId: string | null;
  workCodeId: string;
  date: string;
  billable: boolean;
  amount: number;
  description: string;
  status: EntryStatus;
  /** Why a reviewer returned the entry to its staff member; null once it is submitted again. */
  reviewComment: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TimeEntry extends EntryBase {
  minutes: number;
  rate: number;
  rateSource: string;
}

export interface ExpenseEntry extends EntryBase {
  quantity: number;
  unitRate: number;
  rateSource: string;
  surchargeBp: number;
  receiptFile: string | null;
}

export type EntryKind = "time" | "expense";
export type EntryTableName = "time_entry" | "expense_entry";
export const entryTable = (kind: EntryKind): EntryTableName =>
  kind === "time" ? "time_entry" : "expense_entry";

const baseFromRow = (row: Selectable<TimeEntryTable> | Selectable<ExpenseEntryTable>): EntryBase => ({
  id: row.id,
  staffId: row.staff_id,
  clientId: row.client_id,
  projectId: row.project_id,
  workCodeId: row.work_code_id,
  date: row.entry_date,
  billable: row.billable === 1,
  amount: row.amount,
  description: row.description,
  status: row.status,
  reviewComment: row.review_comment,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const timeRowToEntry = (row: Selectable<TimeEntryTable>): TimeEntry => ({
  ...baseFromRow(row),
  minutes: row.minutes,
  rate: row.rate,
  rateSource: row.rate_source,
});

export const expenseRowToEntry = (row: Selectable<ExpenseEntryTable>): ExpenseEntry => ({
  ...baseFromRow(row),
  quantity: row.quantity,
  unitRate: row.unit_rate,
  rateSource: row.rate_source,
  surchargeBp: row.surcharge_bp,
  receiptFile: row.receipt_file,
});

const baseToRow = (entry: EntryBase) => ({
  staff_id: entry.staffId,
  client_id: entry.clientId,
  project_id: entry.projectId,
  work_code_id: entry.workCodeId,
  entry_date: entry.date,
  billable: entry.billable ? 1 : 0,
  amount: entry.amount,
  description: entry.description,
  status: entry.status,
  created_at: entry.createdAt,
  updated_at: entry.updatedAt,
});

const timeToRow = (firmId: string, entry: TimeEntry) => ({
  id: entry.id,
  firm_id: firmId,
  ...baseToRow(entry),
  minutes: entry.minutes,
  rate: entry.rate,
  rate_source: entry.rateSource,
});

const expenseToRow = (firmId: string, entry: ExpenseEntry) => ({
  id: entry.id,
  firm_id: firmId,
  ...baseToRow(entry),
  quantity: entry.quantity,
  unit_rate: entry.unitRate,
  rate_source: entry.rateSource,
  surcharge_bp: entry.surchargeBp,
  receipt_file: entry.receiptFile,
});

// 500 rows × 17 columns stays well under SQLite's 32,766 bound parameters.
const BATCH = 500;

export async function insertTimeEntries(
  db: Db,
  firmId: string,
  entries: readonly TimeEntry[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += BATCH) {
    await db
      .insertInto("time_entry")
      .values(entries.slice(start, start + BATCH).map((entry) => timeToRow(firmId, entry)))
      .execute();
  }
}

export async function insertExpenseEntries(
  db: Db,
  firmId: string,
  entries: readonly ExpenseEntry[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += BATCH) {
    await db
      .insertInto("expense_entry")
      .values(entries.slice(start, start + BATCH).map((entry) => expenseToRow(firmId, entry)))
      .execute();
  }
}

export async function replaceTimeEntry(db: Db, firmId: string, entry: TimeEntry): Promise<void> {
  const { id: _id, firm_id: _firm, created_at: _created, ...values } = timeToRow(firmId, entry);
  await db
    .updateTable("time_entry")
    .set(values)
    .where("firm_id", "=", firmId)
    .where("id", "=", entry.id)
    .execute();
}

export async function replaceExpenseEntry(db: Db, firmId: string, entry: ExpenseEntry): Promise<void> {
  const { id: _id, firm_id: _firm, created_at: _created, ...values } = expenseToRow(firmId, entry);
  await db
    .updateTable("expense_entry")
    .set(values)
    .where("firm_id", "=", firmId)
    .where("id", "=", entry.id)
    .execute();
}

export async function findTimeEntry(db: Db, firmId: string, id: string): Promise<TimeEntry | undefined> {
  const row = await db
    .selectFrom("time_entry")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id.trim())
    .executeTakeFirst();
  return row ? timeRowToEntry(row) : undefined;
}

export async function findExpenseEntry(
  db: Db,
  firmId: string,
  id: string,
): Promise<ExpenseEntry | undefined> {
  const row = await db
    .selectFrom("expense_entry")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id.trim())
    .executeTakeFirst();
  return row ? expenseRowToEntry(row) : undefined;
}

export async function deleteEntryRow(db: Db, firmId: string, kind: EntryKind, id: string): Promise<void> {
  await db.deleteFrom(entryTable(kind)).where("firm_id", "=", firmId).where("id", "=", id).execute();
}

/**
 * Moves entries to `status`. The review comment goes with it: returning (to draft) sets the
 * reviewer's comment when one is given, submitting clears it; other moves leave it.
 */
export async function updateEntryStatuses(
  db: Db,
  firmId: string,
  kind: EntryKind,
  ids: string[],
  status: EntryStatus,
  now: string,
  comment?: string,
): Promise<void> {
  const review =
    status === "submitted"
      ? { review_comment: null }
      : status === "draft" && comment !== undefined
        ? { review_comment: comment }
        : {};
  for (let start = 0; start < ids.length; start += BATCH) {
    await db
      .updateTable(entryTable(kind))
      .set({ status, updated_at: now, ...review })
      .where("firm_id", "=", firmId)
      .where("id", "in", ids.slice(start, start + BATCH))
      .execute();
  }
}

/**
 * Which entries a caller may read (shared/design/access.md, "Own vs all"): every entry, or
 * their own (staff_id) plus those of the clients a role or a partner/manager post reaches.
 */
export type EntryVisibility = "all" | { ownStaffId: string | null; clientIds: readonly string[] };

/** List orders; every one ends on the id, so pages never overlap or skip a row. */
export const ENTRY_SORTS = [
  "date",
  "-date",
  "amount",
  "-amount",
  "created",
  "-created",
  "staff",
  "-staff",
] as const;
export type EntrySort = (typeof ENTRY_SORTS)[number];

export interface EntryFilter {
  from?: string;
  to?: string;
  staffId?: string;
  clientId?: string;
  projectId?: string;
  workCodeId?: string;
  status?: EntryStatus[];
  billable?: boolean;
  /** Absent means every entry: the CLI and services act with the file's full rights. */
  visibility?: EntryVisibility;
  limit?: number;
  offset?: number;
  sort?: EntrySort;
}

/**
 * The visibility rule as SQL, for the entry tables' columns as named (bare or qualified).
 * An empty reach is `1 = 0` (Kysely's empty OR), never an invalid `IN ()`.
 */
export function visibleEntries<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  visibility: Exclude<EntryVisibility, "all">,
  columns: { staffId: string; clientId: string },
): Expression<SqlBool> {
  const { ownStaffId, clientIds } = visibility;
  return eb.or([
    ...(ownStaffId ? [eb(sql.ref(columns.staffId), "=", ownStaffId)] : []),
    ...(clientIds.length ? [eb(sql.ref(columns.clientId), "in", [...clientIds])] : []),
  ]);
}

/**
 * Entries filtered as reports and lists need. The two entry tables share every filtered column,
 * so the query is built once against time_entry's shape and run on either table.
 */
export function entryQuery(db: Db, firmId: string, kind: EntryKind, filter: EntryFilter) {
  let query = db.selectFrom(entryTable(kind) as "time_entry").where("firm_id", "=", firmId);
  if (filter.from) query = query.where("entry_date", ">=", filter.from);
  if (filter.to) query = query.where("entry_date", "<=", filter.to);
  if (filter.staffId) query = query.where("staff_id", "=", filter.staffId);
  if (filter.clientId) query = query.where("client_id", "=", filter.clientId);
  if (filter.projectId) query = query.where("project_id", "=", filter.projectId);
  if (filter.workCodeId) query = query.where("work_code_id", "=", filter.workCodeId);
  if (filter.status?.length) query = query.where("status", "in", filter.status);
  if (filter.billable !== undefined) query = query.where("billable", "=", filter.billable ? 1 : 0);
  const visibility = filter.visibility;
  if (visibility && visibility !== "all") {
    query = query.where((eb) =>
      visibleEntries(eb, visibility, { staffId: "staff_id", clientId: "client_id" }),
    );
  }
  return query;
}

const SORT_COLUMNS = { date: "entry_date", amount: "amount", created: "created_at" } as const;

/** The page of entries a filter asks for, in its order (by date by default); exported for its plan test. */
export function pagedEntryQuery(db: Db, firmId: string, kind: EntryKind, filter: EntryFilter) {
  const sort = filter.sort ?? "date";
  const direction = sort.startsWith("-") ? "desc" : "asc";
  const key = sort.replace("-", "") as keyof typeof SORT_COLUMNS | "staff";
  let query = entryQuery(db, firmId, kind, filter).selectAll();
  if (key === "staff") {
    // By the staff member's name, ignoring case as the staff list does (a reviewer reads down
    // one person's work), then their own entries by date. The subqueries name the entry's staff_id bare: the entry table's real
    // name differs by kind, and the staff table has no column of that name.
    query = query
      .orderBy(
        (eb) =>
          eb
            .selectFrom("staff")
            .select(sql<string>`lower(staff.last_name)`.as("last"))
            .whereRef("staff.id", "=", "staff_id"),
        direction,
      )
      .orderBy(
        (eb) =>
          eb
            .selectFrom("staff")
            .select(sql<string>`lower(staff.first_name)`.as("first"))
            .whereRef("staff.id", "=", "staff_id"),
        direction,
      )
      .orderBy("staff_id", direction)
      .orderBy("entry_date", direction);
  } else {
    query = query.orderBy(SORT_COLUMNS[key], direction);
  }
  query = query.orderBy("id", direction);
  // SQLite takes OFFSET only after a LIMIT, so an offset counts only within a page.
  if (filter.limit) query = query.limit(filter.limit).offset(filter.offset ?? 0);
  return query;
}

/** How many entries a filter matches, whatever its page; `counter` may answer from a cache (count-cache.ts). */
export async function countEntries(
  db: Db,
  firmId: string,
  kind: EntryKind,
  filter: EntryFilter,
  counter: Counter = countAlways,
): Promise<number> {
  const { limit: _limit, offset: _offset, sort: _sort, ...matching } = filter;
  return counter(`${kind}|${JSON.stringify(matching)}`, async () => {
    const row = await entryQuery(db, firmId, kind, matching)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

export async function selectTimeEntries(db: Db, firmId: string, filter: EntryFilter): Promise<TimeEntry[]> {
  return (await pagedEntryQuery(db, firmId, "time", filter).execute()).map(timeRowToEntry);
}

export async function selectExpenseEntries(
  db: Db,
  firmId: string,
  filter: EntryFilter,
): Promise<ExpenseEntry[]> {
  const rows = (await pagedEntryQuery(
    db,
    firmId,
    "expense",
    filter,
  ).execute()) as unknown as Selectable<ExpenseEntryTable>[];
  return rows.map(expenseRowToEntry);
}

/**
 * The staff members who have entries in any of `sources` (a kind and its filter), by staff
 * number, a page at a time: the people a reviewer reviews, named without reading the staff list
 * (which takes staff:R). Each source's `visibility` keeps it to entries the caller may read.
 */
export async function listEntryStaff(
  db: Db,
  firmId: string,
  sources: readonly { kind: EntryKind; filter: Omit<EntryFilter, "limit" | "offset" | "sort"> }[],
  search: string | undefined,
  page: { limit: number; offset: number },
): Promise<{ items: StaffName[]; total: number }> {
  let query = db
    .selectFrom("staff")
    .where("firm_id", "=", firmId)
    .where((eb) =>
      eb.or(
        sources.map(({ kind, filter }) =>
          eb("id", "in", entryQuery(db, firmId, kind, filter).select("staff_id")),
        ),
      ),
    );
  if (search)
    query = query.where((eb) => containsText(eb, ["staff_number", "first_name", "last_name"], search));
  const total = await countRows(query);
  const rows = await query
    .select(STAFF_NAME_COLUMNS)
    .orderBy("staff_number")
    .orderBy("id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items: rows.map(staffRowToName), total };
}
