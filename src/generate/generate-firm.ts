/**
 * A new firm file holding a synthetic firm (firm-shape.ts), for benchmarks.
 *
 * The file is made as `firmtime init` makes one (createFirmFile: the header mark, WAL, the
 * migrations), then every record is written through the real tables with the journal
 * triggers active, authored by the firm's first Admin, so the file's sync_change journal holds
 * one insert change per record, exactly what `firmtime integrate` uploads. With an Admin
 * password, protection is turned on by the product's own turnProtectionOn, and the file is
 * ready to integrate.
 *
 * Speed: one raw connection, prepared multi-row INSERTs reused, 20,000 rows per transaction,
 * synchronous=OFF while writing (the file is not the user's until it is complete). Memory: the
 * entries stream from generators, one statement's rows at a time.
 *
 * All or nothing: the firm is written to a hidden file beside the target, and only a complete
 * file is linked to the target's name (never over an existing file). A failure or an abort
 * (options.signal) deletes the partial file; a killed process leaves only the hidden
 * `.NAME.PID.generating` file, never a half firm file under the target name.
 */
import { existsSync, linkSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { checkNewPassword } from "../access/passwords.js";
import { turnProtectionOn } from "../access/protection-service.js";
import { AppError, invalid } from "../domain/errors.js";
import { rateTargetKey } from "../domain/rates.js";
import { currentAuthor, withAuthor } from "../store/author-context.js";
import { fixedClock } from "../store/clock.js";
import { createFirmFile, openFirmFile } from "../store/database.js";
import type { ExpenseEntry, TimeEntry } from "../time-expense/entry-store.js";
import {
  checkSeed,
  expenseEntries,
  GENERATED_AT,
  isScale,
  planFirm,
  SCALES,
  timeEntries,
  type FirmPlan,
  type FirmSize,
  type Scale,
} from "./firm-shape.js";

export type { FirmSize, Scale } from "./firm-shape.js";
export { SCALES } from "./firm-shape.js";

export interface GenerateOptions {
  scale: Scale;
  seed: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** With a password, protection is on and staff member 1 is an Admin with it; without, it stays off. */
  adminPassword?: string;
}

export interface GeneratedFirm {
  firmId: string;
  staff: number;
  clients: number;
  timeEntries: number;
  expenseEntries: number;
  adminEmail: string;
}

/** Rows per transaction: large enough to amortise commits, small enough to keep the WAL small. */
const ROWS_PER_TRANSACTION = 20_000;
/** Bound parameters per multi-row INSERT (SQLite allows 32,766). */
const PARAMETERS_PER_STATEMENT = 2_000;

export async function generateFirmFile(path: string, options: GenerateOptions): Promise<GeneratedFirm> {
  if (!isScale(String(options.scale))) {
    throw invalid(`scale ${JSON.stringify(options.scale)} must be S, M or L`);
  }
  return generateFirmFileOfSize(path, SCALES[options.scale], options);
}

/** The same for any size (tests use small firms). */
export async function generateFirmFileOfSize(
  path: string,
  size: FirmSize,
  options: Omit<GenerateOptions, "scale">,
): Promise<GeneratedFirm> {
  const seed = checkSeed(options.seed);
  const password = options.adminPassword === undefined ? undefined : checkNewPassword(options.adminPassword);
  if (existsSync(path)) throw fileExists(path);
  options.signal?.throwIfAborted();
  const plan = planFirm(size, seed);
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.generating`);
  try {
    await (await createFirmFile(partial)).close();
    await withAuthor(plan.admin.email, async () => {
      await writeFirm(partial, plan, options);
      if (password !== undefined) await protect(partial, plan, password);
    });
    publish(partial, path);
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(partial + suffix, { force: true });
  }
  return {
    firmId: plan.firm.id,
    staff: plan.staff.length,
    clients: plan.clients.length,
    timeEntries: size.timeEntries,
    expenseEntries: size.expenseEntries,
    adminEmail: plan.admin.email,
  };
}

const fileExists = (path: string) =>
  new AppError("FILE_EXISTS", `${path} already exists; generate only creates new firm files`);

/** Links the complete file to its name, never over a file that appeared meanwhile. */
function publish(partial: string, path: string): void {
  try {
    linkSync(partial, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw fileExists(path);
    // A file system without hard links: rename, after the same check (a narrow race remains).
    if (existsSync(path)) throw fileExists(path);
    renameSync(partial, path);
  }
}

/** Turns protection on as `firmtime protection on --admin S1` does. */
async function protect(file: string, plan: FirmPlan, password: string): Promise<void> {
  const store = await openFirmFile(file);
  try {
    await turnProtectionOn(store.db, fixedClock(GENERATED_AT), { staff: plan.admin.staffNumber, password });
  } finally {
    await store.close();
  }
}

// --- writing ---

type Value = string | number | null;

/** A table's columns and how a record fills them: the same names and encodings as the stores. */
interface TableSpec<T> {
  name: string;
  columns: readonly string[];
  values(record: T): Value[];
}

const flag = (value: boolean): number => (value ? 1 : 0);

function tables(firmId: string) {
  const firm: TableSpec<FirmPlan["firm"]> = {
    name: "firm",
    columns: [
      "firm_id",
      "name",
      "currency",
      "minor_digits",
      "time_increment",
      "lock_date",
      "fiscal_year_start_month",
      "slug",
      "protection",
      "created_at",
      "updated_at",
    ],
    values: (f) => [
      f.id,
      f.name,
      f.currency,
      f.minorDigits,
      f.timeIncrement,
      null,
      f.fiscalYearStartMonth,
      null,
      0,
      f.createdAt,
      f.createdAt,
    ],
  };
  const staff: TableSpec<FirmPlan["staff"][number]> = {
    name: "staff",
    columns: [
      "id",
      "firm_id",
      "staff_number",
      "first_name",
      "last_name",
      "email",
      "status",
      "inactive_date",
      "created_at",
      "updated_at",
    ],
    values: (s) => [
      s.id,
      firmId,
      s.staffNumber,
      s.firstName,
      s.lastName,
      s.email,
      s.status,
      s.inactiveDate,
      s.createdAt,
      s.updatedAt,
    ],
  };
  const group: TableSpec<FirmPlan["groups"][number]> = {
    name: "staff_group",
    columns: ["id", "firm_id", "name", "created_at", "updated_at"],
    values: (g) => [g.id, firmId, g.name, g.createdAt, g.createdAt],
  };
  const member: TableSpec<FirmPlan["members"][number]> = {
    name: "staff_group_member",
    columns: ["firm_id", "group_id", "staff_id", "created_at"],
    values: (m) => [firmId, m.groupId, m.staffId, m.createdAt],
  };
  const client: TableSpec<FirmPlan["clients"][number]> = {
    name: "client",
    columns: [
      "id",
      "firm_id",
      "code",
      "name",
      "status",
      "contact_company_id",
      "partner_id",
      "manager_id",
      "address",
      "notes",
      "created_at",
      "updated_at",
    ],
    values: (c) => [
      c.id,
      firmId,
      c.code,
      c.name,
      c.status,
      null,
      c.partnerId,
      c.managerId,
      c.address,
      c.notes,
      c.createdAt,
      c.updatedAt,
    ],
  };
  const workCode: TableSpec<FirmPlan["workCodes"][number]> = {
    name: "work_code",
    columns: [
      "id",
      "firm_id",
      "code",
      "kind",
      "billable",
      "name",
      "surcharge_bp",
      "internal_note",
      "active",
      "created_at",
      "updated_at",
    ],
    values: (w) => [
      w.id,
      firmId,
      w.code,
      w.kind,
      flag(w.billable),
      w.name,
      w.surchargeBp,
      w.internalNote,
      flag(w.active),
      w.createdAt,
      w.createdAt,
    ],
  };
  const rate: TableSpec<FirmPlan["rates"][number]> = {
    name: "rate",
    columns: [
      "id",
      "firm_id",
      "scope",
      "staff_id",
      "client_id",
      "project_id",
      "work_code_id",
      "target_key",
      "effective_date",
      "rate",
      "created_at",
      "updated_at",
    ],
    values: (r) => [
      r.id,
      firmId,
      r.scope,
      r.staffId,
      r.clientId,
      r.projectId,
      r.workCodeId,
      rateTargetKey(r),
      r.effectiveDate,
      r.rate,
      r.createdAt,
      r.createdAt,
    ],
  };
  const entryColumns = [
    "id",
    "firm_id",
    "staff_id",
    "client_id",
    "project_id",
    "work_code_id",
    "entry_date",
    "billable",
    "amount",
    "description",
    "status",
  ] as const;
  const entryValues = (e: TimeEntry | ExpenseEntry): Value[] => [
    e.id,
    firmId,
    e.staffId,
    e.clientId,
    e.projectId,
    e.workCodeId,
    e.date,
    flag(e.billable),
    e.amount,
    e.description,
    e.status,
  ];
  const time: TableSpec<TimeEntry> = {
    name: "time_entry",
    columns: [...entryColumns, "minutes", "rate", "rate_source", "created_at", "updated_at"],
    values: (e) => [...entryValues(e), e.minutes, e.rate, e.rateSource, e.createdAt, e.updatedAt],
  };
  const expense: TableSpec<ExpenseEntry> = {
    name: "expense_entry",
    columns: [
      ...entryColumns,
      "quantity",
      "unit_rate",
      "rate_source",
      "surcharge_bp",
      "receipt_file",
      "created_at",
      "updated_at",
    ],
    values: (e) => [
      ...entryValues(e),
      e.quantity,
      e.unitRate,
      e.rateSource,
      e.surchargeBp,
      e.receiptFile,
      e.createdAt,
      e.updatedAt,
    ],
  };
  return { firm, staff, group, member, client, workCode, rate, time, expense };
}

/** A raw connection as the store opens one: foreign keys on, the journal's author function. */
function rawConnection(file: string): BetterSqlite3.Database {
  const connection = new BetterSqlite3(file, { fileMustExist: true });
  connection.pragma("journal_mode = WAL");
  connection.pragma("foreign_keys = ON");
  // While writing, the file is not yet anyone's: a crash deletes it rather than recovering it.
  connection.pragma("synchronous = OFF");
  connection.pragma("cache_size = -65536");
  connection.function("ftm_author", { deterministic: false }, () => currentAuthor());
  return connection;
}

/** Commits every ROWS_PER_TRANSACTION rows, reports progress, lets signals in, honours an abort. */
class Session {
  private done = 0;
  private uncommitted = 0;

  constructor(
    readonly connection: BetterSqlite3.Database,
    private readonly total: number,
    private readonly options: Omit<GenerateOptions, "scale">,
  ) {
    connection.exec("BEGIN");
  }

  async written(rows: number): Promise<void> {
    this.done += rows;
    this.uncommitted += rows;
    if (this.uncommitted >= ROWS_PER_TRANSACTION) await this.commit();
  }

  async commit(): Promise<void> {
    this.connection.exec("COMMIT");
    this.uncommitted = 0;
    this.options.onProgress?.(this.done, this.total);
    // A turn of the event loop, so Ctrl-C (and any abort) is seen between transactions.
    await nextTurn();
    this.options.signal?.throwIfAborted();
    this.connection.exec("BEGIN");
  }

  finish(): void {
    this.connection.exec("COMMIT");
    this.options.onProgress?.(this.done, this.total);
  }
}

async function writeRows<T>(session: Session, table: TableSpec<T>, records: Iterable<T>): Promise<void> {
  const width = table.columns.length;
  const perStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / width));
  const insert = (rows: number) => {
    const row = `(${table.columns.map(() => "?").join(", ")})`;
    return session.connection.prepare(
      `INSERT INTO ${table.name} (${table.columns.join(", ")}) VALUES ${Array<string>(rows).fill(row).join(", ")}`,
    );
  };
  const many = insert(perStatement);
  const one = insert(1);
  const buffer: Value[] = [];
  let rows = 0;
  for (const record of records) {
    for (const value of table.values(record)) buffer.push(value);
    if (++rows === perStatement) {
      many.run(buffer);
      buffer.length = 0;
      rows = 0;
      await session.written(perStatement);
    }
  }
  for (let row = 0; row < rows; row++) one.run(buffer.slice(row * width, (row + 1) * width));
  await session.written(rows);
}

async function writeFirm(file: string, plan: FirmPlan, options: Omit<GenerateOptions, "scale">) {
  const spec = tables(plan.firm.id);
  const total =
    1 +
    plan.staff.length +
    plan.groups.length +
    plan.members.length +
    plan.clients.length +
    plan.workCodes.length +
    plan.rates.length +
    plan.size.timeEntries +
    plan.size.expenseEntries;
  const connection = rawConnection(file);
  try {
    const session = new Session(connection, total, options);
    // In the order a firm is set up: the firm (its trigger makes the sync state), people, clients, codes, rates.
    await writeRows(session, spec.firm, [plan.firm]);
    await writeRows(session, spec.staff, plan.staff);
    await writeRows(session, spec.group, plan.groups);
    await writeRows(session, spec.member, plan.members);
    await writeRows(session, spec.client, plan.clients);
    await writeRows(session, spec.workCode, plan.workCodes);
    await writeRows(session, spec.rate, plan.rates);
    await writeRows(session, spec.time, timeEntries(plan));
    await writeRows(session, spec.expense, expenseEntries(plan));
    session.finish();
    // Durable from here: the complete file is checkpointed with a sync before it gets its name.
    connection.pragma("synchronous = FULL");
    connection.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    if (connection.inTransaction) connection.exec("ROLLBACK");
    connection.close();
  }
}
