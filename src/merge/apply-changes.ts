/**
 * Applying changes that came from another replica, on the cloud (a push) or on a desktop (a
 * pull). One change at a time, inside the caller's transaction with the firm's `applying` flag
 * set (the triggers stay quiet: this code journals the change itself, with its own HLC):
 *
 * 1. a change already held (same HLC, table and row) is answered, never applied twice;
 * 2. the record is rebuilt from every change held for it plus this one (foldRecord): last
 *    writer wins per field, a tombstone ends it, derived amounts are recomputed from the
 *    merged minutes or quantity and rate;
 * 3. on the cloud, the result is validated and authorized as its author (the `check` hook) and
 *    unique keys are kept unique by renaming the later record, itself a cloud change;
 * 4. the row is written and the change journaled under a savepoint, so a refused change leaves
 *    nothing behind while the rest of the batch goes on.
 */
import { sql } from "kysely";
import { AppError } from "../domain/errors.js";
import { expenseAmount, timeAmount } from "../domain/money.js";
import { isUniqueViolation, type Db } from "../store/database.js";
import {
  conflictsOf,
  foldChange,
  foldRecord,
  hlcAfter,
  isConcurrent,
  recordValues,
  replicaOf,
  type FieldValue,
  type FoldedRecord,
  type HeldChange,
} from "./change.js";
import {
  applyResolution,
  RESOLUTION_TABLE,
  resolutionProblem,
  settleResolution,
} from "./conflict-resolution.js";
import {
  appendChange,
  changesOfRows,
  findChange,
  listPending,
  readRecord,
  readRecords,
  recordConflict,
  removePending,
} from "./journal-store.js";
import type { ApplyContext, ApplyResult, Row } from "./apply-context.js";
import {
  fieldProblem,
  rowIdOf,
  syncedTable,
  valuesWithDefaults,
  type LookupField,
  type SyncedTable,
} from "./synced-tables.js";

const refused = (code: string, message: string): ApplyResult => ({ status: "refused", code, message });

/** Why a change is malformed, checked before anything is read. */
export function changeProblem(change: HeldChange): string | null {
  if (change.tbl === RESOLUTION_TABLE) return resolutionProblem(change);
  const table = syncedTable(change.tbl);
  if (!table) return `${change.tbl} is not a synced table`;
  if (change.op === "delete")
    return Object.keys(change.data).length === 0 ? null : "a delete carries no fields";
  for (const [field, value] of Object.entries(change.data)) {
    const type = table.fields[field];
    if (type === undefined) return `${change.tbl} has no field ${field}`;
    const problem = fieldProblem(type, value);
    if (problem) return `${change.tbl}.${field} ${problem}`;
  }
  // A change that names the record's id columns must name the record it is filed under.
  if (table.idColumns.every((c) => c in change.data) && rowIdOf(table, change.data) !== change.rowId) {
    return `the row id ${change.rowId} does not match the record's fields`;
  }
  if (table.idColumns.length === 0 && change.rowId !== "firm") return "the firm's row id is firm";
  return null;
}

/**
 * What applying a batch reads, fetched for the whole batch in a few queries and kept up to date
 * as its changes apply: the changes already held, each row's history, each row as stored.
 */
export interface BatchCache {
  held: Map<string, number>;
  histories: Map<string, HeldChange[]>;
  rows: Map<string, Row | undefined>;
}

const identityOf = (change: Pick<HeldChange, "hlc" | "tbl" | "rowId">) =>
  `${change.hlc}|${change.tbl}|${change.rowId}`;
const rowKeyOf = (change: Pick<HeldChange, "tbl" | "rowId">) => `${change.tbl}|${change.rowId}`;

/** A field of another record, read from the database. */
const readLookup =
  (db: Db, firmId: string): LookupField =>
  async (tbl, rowId, field) => {
    const spec = syncedTable(tbl);
    return spec ? (await readRecord(db, firmId, spec, rowId))?.[field] : undefined;
  };

/**
 * Lookups within a batch: a record this batch wrote is taken from the cache (so a later change
 * sees an earlier one), any other is read once per batch. An upload's thousand entries name a
 * handful of staff, clients and work codes.
 */
export function batchLookup(db: Db, firmId: string, cache: BatchCache): LookupField {
  const read = new Map<string, Promise<Row | undefined>>();
  return async (tbl, rowId, field) => {
    const key = `${tbl}|${rowId}`;
    if (cache.rows.has(key)) return cache.rows.get(key)?.[field];
    const spec = syncedTable(tbl);
    if (!spec) return undefined;
    let row = read.get(key);
    if (!row) read.set(key, (row = readRecord(db, firmId, spec, rowId)));
    return (await row)?.[field];
  };
}

export async function prefetchBatch(
  db: Db,
  context: ApplyContext,
  changes: readonly HeldChange[],
): Promise<BatchCache> {
  const cache: BatchCache = { held: new Map(), histories: new Map(), rows: new Map() };
  const byTable = new Map<string, Set<string>>();
  for (const change of changes) {
    if (!syncedTable(change.tbl)) continue;
    byTable.set(change.tbl, (byTable.get(change.tbl) ?? new Set()).add(change.rowId));
  }
  for (const [tbl, rowIds] of byTable) {
    const table = syncedTable(tbl)!;
    const histories = await changesOfRows(db, context.firmId, tbl, [...rowIds]);
    for (const rowId of rowIds) {
      const history = histories.get(rowId) ?? [];
      // On the cloud the journal's own sequence is the cloud sequence (the changes were just read).
      if (context.side === "cloud") for (const held of history) held.cloudSeq = held.seq;
      for (const held of history) cache.held.set(identityOf(held), (held as { seq?: number }).seq ?? 0);
      cache.histories.set(`${tbl}|${rowId}`, history);
    }
    const rows = await readRecords(db, context.firmId, table, [...rowIds]);
    for (const rowId of rowIds) cache.rows.set(`${tbl}|${rowId}`, rows.get(rowId));
  }
  return cache;
}

export async function applyChange(
  db: Db,
  context: ApplyContext,
  change: HeldChange,
  cache?: BatchCache,
): Promise<ApplyResult> {
  const problem = changeProblem(change);
  if (problem) return refused("BAD_CHANGE", problem);
  if (change.tbl === RESOLUTION_TABLE) return applyResolution(db, context, change);
  const table = syncedTable(change.tbl)!;
  const { firmId } = context;
  const rowKey = rowKeyOf(change);

  const heldSeq = cache ? cache.held.get(identityOf(change)) : (await findChange(db, firmId, change))?.seq;
  if (heldSeq !== undefined) {
    return { status: "accepted", seq: heldSeq, duplicate: true, followUps: [] };
  }

  const history =
    cache?.histories.get(rowKey) ??
    ((await changesOfRows(db, firmId, table.name, [change.rowId])).get(change.rowId) ?? []).map(
      // On the cloud the journal's own sequence is the cloud sequence.
      (c) => (context.side === "cloud" ? Object.assign({}, c, { cloudSeq: c.seq }) : c),
    );
  const before = foldRecord(history);
  const after = foldChange(before, change);
  const current = cache?.rows.has(rowKey)
    ? cache.rows.get(rowKey)
    : await readRecord(db, firmId, table, change.rowId);
  let target = targetRow(table, after);
  const lookup = cache ? batchLookup(db, firmId, cache) : readLookup(db, firmId);

  if (context.side === "cloud" && !current && target === "incomplete" && !after.deletedAt) {
    return refused(
      "NOT_FOUND",
      `the ${table.name.replaceAll("_", " ")} ${change.rowId} does not exist on the cloud`,
    );
  }
  if (context.side === "cloud" && change.op === "delete" && !current && history.length === 0) {
    // A firm deletes only what it has: another firm's id, or one never seen, is refused
    // rather than journaled (it would sit in the firm's journal and reach its desktops).
    return refused("NOT_FOUND", `the ${label(table)} ${change.rowId} does not exist on the cloud`);
  }
  if (context.side === "cloud" && !current && typeof target === "object" && history.length === 0) {
    const taken = await idTakenElsewhere(db, context.firmId, table, change.rowId);
    if (taken) return refused(taken.code, taken.message);
  }

  await sql`SAVEPOINT apply_change`.execute(db);
  try {
    const followUps: HeldChange[] = [];
    if (context.side === "cloud" && typeof target === "object") {
      await checkReferences(table, current, target, lookup);
      target = await keepKeysUnique(db, context, table, change, history, target, followUps);
    }
    const wanted = typeof target === "object" ? target : undefined;
    if (context.check && (current || wanted) && !sameRecord(table, current, wanted)) {
      await context.check(table, current, wanted, lookup);
    }
    const written = await writeRecord(db, context, table, change.rowId, current, target);
    const seq = await appendChange(db, firmId, change);
    for (const followUp of followUps) followUp.cloudSeq = await appendChange(db, firmId, followUp);
    await logConflicts(db, context, before, change);
    await sql`RELEASE SAVEPOINT apply_change`.execute(db);
    if (cache) {
      const sequenced = (c: HeldChange, n: number) =>
        context.side === "cloud" ? Object.assign({}, c, { cloudSeq: n }) : c;
      cache.held.set(identityOf(change), seq);
      history.push(sequenced(change, seq));
      for (const followUp of followUps) history.push(sequenced(followUp, followUp.cloudSeq ?? 0));
      cache.histories.set(rowKey, history);
      cache.rows.set(rowKey, written);
    }
    return { status: "accepted", seq, duplicate: false, followUps };
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT apply_change`.execute(db);
    await sql`RELEASE SAVEPOINT apply_change`.execute(db);
    if (error instanceof AppError) return refused(error.code, error.message);
    if (context.side === "cloud" && isUniqueViolation(error)) {
      return refused("DUPLICATE", `the ${table.name.replaceAll("_", " ")} collides with an existing one`);
    }
    if (context.side === "cloud" && isForeignKeyViolation(error)) {
      return refused(
        "REFERENCE",
        change.op === "delete"
          ? `the ${table.name.replaceAll("_", " ")} is still in use on the cloud`
          : `the ${table.name.replaceAll("_", " ")} refers to a record that does not exist on the cloud`,
      );
    }
    throw error;
  }
}

/**
 * Desktop: applies a page of cloud changes. Every change is journaled first, then each record
 * the page touches is rebuilt once from all its changes, so a record whose key the cloud
 * renamed (a later change in the same page) never collides on the way. Returns the rows that
 * still could not be written (a rename still to come in a later page), oldest change first.
 */
export async function applyPage(db: Db, context: ApplyContext, changes: readonly HeldChange[]) {
  const touched = new Map<string, { tbl: string; rowId: string; firstSeq: number }>();
  const byTable = new Map<string, Set<string>>();
  for (const change of changes) {
    const problem = changeProblem(change);
    if (problem)
      throw new AppError("VALIDATION", `the cloud sent a change this desktop cannot apply: ${problem}`);
    const key = `${change.tbl}|${change.rowId}`;
    if (!touched.has(key))
      touched.set(key, { tbl: change.tbl, rowId: change.rowId, firstSeq: change.cloudSeq ?? 0 });
    byTable.set(change.tbl, (byTable.get(change.tbl) ?? new Set()).add(change.rowId));
  }
  for (const [tbl, rowIds] of byTable) {
    if (tbl === RESOLUTION_TABLE) continue;
    const histories = await changesOfRows(db, context.firmId, tbl, [...rowIds]);
    const known = new Set([...histories.values()].flat().map((c) => c.hlc));
    for (const change of changes) {
      if (change.tbl !== tbl || known.has(change.hlc)) continue;
      const history = histories.get(change.rowId) ?? [];
      await logConflicts(db, context, foldRecord(history), change);
      await appendChange(db, context.firmId, change);
      history.push({ ...change, seq: 0 });
      histories.set(change.rowId, history);
      known.add(change.hlc);
    }
  }
  // Resolutions close conflicts, after the page's changes have logged theirs.
  for (const change of changes) {
    if (change.tbl === RESOLUTION_TABLE) await applyResolution(db, context, change);
  }
  // Rows an earlier refusal left to rebuild get their chance with the page's (it may free
  // their key or bring what they refer to); they stay listed until they fit. A row that refers
  // to one written later in the page, or waits for a key freed later, is retried until stuck.
  const pending = (await listPending(db, context.firmId)).map((row) => ({
    ...row,
    firstSeq: -1,
    pending: true,
  }));
  const rows = [...pending, ...[...touched.values()].map((row) => ({ ...row, pending: false }))];
  const settle = async (row: { tbl: string; rowId: string; pending: boolean }) => {
    if (row.pending) await removePending(db, context.firmId, row);
  };
  let stuck = await rebuildUntilStuck(db, context, rows, settle);
  if (stuck.filter((row) => !row.pending).length > 1) {
    // Stuck rows may hold each other's keys (two clients that swapped codes): park them, retry.
    for (const row of stuck) if (!row.pending) await parkKeys(db, context, row.tbl, row.rowId);
    stuck = await rebuildUntilStuck(db, context, stuck, settle);
  }
  return stuck.filter((row) => !row.pending).sort((a, b) => a.firstSeq - b.firstSeq);
}

/** Rebuilds rows until a whole round makes no progress (a child waits for its parent); returns the stuck. */
export async function rebuildUntilStuck<R extends { tbl: string; rowId: string }>(
  db: Db,
  context: ApplyContext,
  rows: readonly R[],
  onRebuilt: (row: R) => Promise<void> = () => Promise.resolve(),
): Promise<R[]> {
  let left = [...rows];
  for (let progress = true; progress && left.length > 0;) {
    progress = false;
    for (const row of [...left]) {
      if (await rebuildRecord(db, context, row.tbl, row.rowId)) {
        left = left.filter((other) => other !== row);
        await onRebuilt(row);
        progress = true;
      }
    }
  }
  return left;
}

/**
 * Makes a record match the changes held for it again: after a pushed change was refused and
 * dropped, the desktop returns to the cloud's value. False when the record cannot be written
 * yet (a row that still refers to it), so the caller can retry once those are rebuilt too.
 */
export async function rebuildRecord(
  db: Db,
  context: ApplyContext,
  tbl: string,
  rowId: string,
): Promise<boolean> {
  if (tbl === RESOLUTION_TABLE) {
    await settleResolution(db, context.firmId, rowId);
    return true;
  }
  const table = syncedTable(tbl);
  if (!table) return true;
  const history = (await changesOfRows(db, context.firmId, tbl, [rowId])).get(rowId) ?? [];
  const current = await readRecord(db, context.firmId, table, rowId);
  const target = history.length === 0 ? "absent" : targetRow(table, foldRecord(history));
  await sql`SAVEPOINT rebuild_record`.execute(db);
  try {
    await writeRecord(db, context, table, rowId, current, target === "incomplete" ? "absent" : target);
    await sql`RELEASE SAVEPOINT rebuild_record`.execute(db);
    return true;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT rebuild_record`.execute(db);
    await sql`RELEASE SAVEPOINT rebuild_record`.execute(db);
    if (isForeignKeyViolation(error) || isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Moves a stored row's renamable unique keys out of the way, inside the page's transaction. */
async function parkKeys(db: Db, context: ApplyContext, tbl: string, rowId: string): Promise<void> {
  const table = syncedTable(tbl);
  if (!table || !(await readRecord(db, context.firmId, table, rowId))) return;
  const parked = table.unique.flatMap((key) =>
    key.resolve === "refuse"
      ? []
      : "suffix" in key.resolve
        ? [sql`${sql.ref(key.resolve.suffix)} = ${`~parked~${rowId}`}`]
        : [sql`${sql.ref(key.resolve.clear)} = NULL`],
  );
  if (parked.length === 0) return;
  await sql`UPDATE ${sql.table(table.name)} SET ${sql.join(parked)}
    WHERE ${whereRow(table, context.firmId, rowId)}`.execute(db);
}

/** The row the fold says should exist, "absent" after a tombstone, or "incomplete" before its insert. */
export function targetRow(table: SyncedTable, record: FoldedRecord): Row | "absent" | "incomplete" {
  if (record.deletedAt) return "absent";
  const values = valuesWithDefaults(table, recordValues(record));
  const complete = Object.keys(table.fields).every((field) => field in values);
  return complete || table.idColumns.length === 0 ? values : "incomplete";
}

const label = (table: SyncedTable) => table.name.replaceAll("_", " ");

/**
 * Cloud: every reference a record holds must name a record of the same firm (merge.md). Checked
 * before the store's composite foreign keys would refuse it, so the answer is a clear refusal,
 * and the same whether the id is unknown or another firm's (nothing says which firm has it).
 * Only references the change sets are checked: the others were checked when they were set.
 */
export async function checkReferences(
  table: SyncedTable,
  current: Row | undefined,
  wanted: Row,
  lookup: LookupField,
): Promise<void> {
  for (const [column, parent] of Object.entries(table.references ?? {})) {
    const id = wanted[column];
    if (id === null || id === undefined || (current && current[column] === id)) continue;
    if (typeof id === "string" && (await lookup(parent, id, "id")) !== undefined) continue;
    throw new AppError(
      "REFERENCE",
      `the ${label(table)}'s ${column.replace(/_id$/, "").replaceAll("_", " ")} ${String(id)} does not exist on the cloud`,
    );
  }
}

/**
 * Cloud: a new record's id that a record of another firm already has. Ids are UUIDs born on
 * their replica, so only a forged change reuses one; it is refused without saying whose it is.
 */
async function idTakenElsewhere(
  db: Db,
  firmId: string,
  table: SyncedTable,
  rowId: string,
): Promise<AppError | null> {
  if (table.idColumns.length !== 1) return null; // link rows are named by their firm's records
  const found = await sql<{ firm_id: string }>`SELECT firm_id FROM ${sql.table(table.name)}
    WHERE ${sql.ref(table.idColumns[0]!)} = ${rowId}`.execute(db);
  if (!found.rows.some((row) => row.firm_id !== firmId)) return null;
  return new AppError("ID_TAKEN", `the id ${rowId} cannot be used for a new ${label(table)}`);
}

export function sameRecord(table: SyncedTable, a: Row | undefined, b: Row | undefined): boolean {
  if (!a || !b) return a === b;
  return Object.keys(table.fields).every((field) => !(field in b) || a[field] === b[field]);
}

const isForeignKeyViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
};

/** Link tables (two id columns) carry only created_at. */
export const hasUpdatedAt = (table: SyncedTable) => table.idColumns.length !== 2;

/**
 * Makes the stored row match the fold: insert, update, delete, or leave it waiting for its
 * insert. Returns the row as now stored (undefined when there is none).
 */
async function writeRecord(
  db: Db,
  context: ApplyContext,
  table: SyncedTable,
  rowId: string,
  current: Row | undefined,
  target: Row | "absent" | "incomplete",
): Promise<Row | undefined> {
  const where = whereRow(table, context.firmId, rowId);
  if (target === "absent" || target === "incomplete") {
    if (current && target === "absent") {
      await sql`DELETE FROM ${sql.table(table.name)} WHERE ${where}`.execute(db);
      return undefined;
    }
    return current;
  }
  const values = storedValues(context, table, target);
  if (current) {
    const { set, row } = updateOf(current, values);
    if (set.length === 0) return current;
    await sql`UPDATE ${sql.table(table.name)} SET ${sql.join(
      set.map(([field, value]) => sql`${sql.ref(field)} = ${value}`),
    )} WHERE ${where}`.execute(db);
    return row;
  }
  if (table.idColumns.length === 0) return current; // the firm's profile row always exists
  const columns = ["firm_id", ...Object.keys(values)];
  await sql`INSERT INTO ${sql.table(table.name)} (${sql.join(columns.map((c) => sql.ref(c)))})
    VALUES (${sql.join([context.firmId, ...Object.values(values)])})`.execute(db);
  return { firm_id: context.firmId, ...values };
}

/** The values a row the fold wants is stored with: its fields, the time it changed, its derived amount. */
export function storedValues(context: ApplyContext, table: SyncedTable, target: Row): Row {
  // Object.assign, not a spread: see valuesWithDefaults.
  const values: Row = Object.assign({}, target);
  if (hasUpdatedAt(table)) values.updated_at = context.now();
  const amount = derivedAmount(table, target, context.minorDigits);
  if (amount !== undefined) values.amount = amount;
  return values;
}

/**
 * What an UPDATE of a stored row sets (nothing when no value differs: the row, its update time
 * included, stays as it is) and the row it leaves.
 */
export function updateOf(current: Row, values: Row): { set: [string, Row[string]][]; row: Row } {
  const set = Object.entries(values).filter(
    ([field, value]) => field !== "updated_at" && current[field] !== value,
  );
  if (set.length === 0) return { set, row: current };
  if (values.updated_at !== undefined) set.push(["updated_at", values.updated_at]);
  const row = Object.assign({}, current);
  for (const [field, value] of set) row[field] = value;
  return { set, row };
}

function whereRow(table: SyncedTable, firmId: string, rowId: string) {
  const parts = rowId.split(":");
  return sql.join(
    [
      sql`firm_id = ${firmId}`,
      ...table.idColumns.map((column, i) => sql`${sql.ref(column)} = ${parts[i] ?? ""}`),
    ],
    sql` AND `,
  );
}

/** Entries' amounts: derived, never merged (merge.md), so both replicas compute the same one. */
export function derivedAmount(table: SyncedTable, row: Row, minorDigits: number): number | undefined {
  const int = (field: string) => Number(row[field] ?? 0);
  if (table.derived === "time_amount") return timeAmount(int("rate"), int("minutes"), minorDigits);
  if (table.derived === "expense_amount") {
    return expenseAmount(int("quantity"), int("unit_rate"), int("surcharge_bp"), minorDigits);
  }
  return undefined;
}

/**
 * Cloud: a record made on one replica may take a key (client code, staff number, email, work
 * code) another replica's record already holds. The record arriving later keeps its data under
 * a suffixed code (or without the email), by a cloud change every replica receives, and the
 * conflict log says what happened. Keys that cannot be renamed (a rate's target and date) refuse.
 */
async function keepKeysUnique(
  db: Db,
  context: ApplyContext,
  table: SyncedTable,
  change: HeldChange,
  history: readonly HeldChange[],
  target: Row,
  followUps: HeldChange[],
): Promise<Row> {
  let row = target;
  const followUp = (field: string, value: FieldValue): string => {
    const hlc = context.tick!();
    followUps.push({
      hlc,
      tbl: table.name,
      rowId: change.rowId,
      op: "put",
      data: { [field]: value },
      seen: null,
      cloudSeq: null,
    });
    return hlc;
  };
  for (const key of table.unique) {
    const renamed =
      key.resolve === "refuse" ? null : "suffix" in key.resolve ? key.resolve.suffix : key.resolve.clear;
    // The author's later value of the key, hidden by the rename of an older value: it stands
    // (renamed again below if it is taken), by a new cloud change every replica receives.
    const reassert = renamed !== null && hiddenByRename(history, change, renamed, context.cloudReplica);
    if (reassert) row = { ...row, [renamed]: change.data[renamed] ?? null };
    if (key.columns.some((c) => row[c] === null || row[c] === undefined)) {
      if (reassert) followUp(renamed, row[renamed] ?? null);
      continue;
    }
    const taken = async (candidate: Row) => {
      const match = sql.join(
        key.columns.map((c) => sql`${sql.ref(c)} = ${candidate[c]}`),
        sql` AND `,
      );
      const others = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table.name)}
        WHERE firm_id = ${context.firmId} AND ${match} AND NOT (${whereRow(table, context.firmId, change.rowId)})`.execute(
        db,
      );
      return Number(others.rows[0]?.n ?? 0) > 0;
    };
    if (!(await taken(row))) {
      if (reassert) followUp(renamed, row[renamed] ?? null);
      continue;
    }
    if (key.resolve === "refuse") {
      throw new AppError(
        "DUPLICATE",
        `another ${table.name.replaceAll("_", " ")} has the same ${key.columns.join(" and ")}`,
      );
    }
    const field = "suffix" in key.resolve ? key.resolve.suffix : key.resolve.clear;
    const original = row[field] ?? null;
    let replacement: FieldValue = null;
    if ("suffix" in key.resolve) {
      for (let n = 2; ; n++) {
        const candidate = { ...row, [field]: `${String(original)}-${n}` };
        if (!(await taken(candidate))) {
          replacement = candidate[field] ?? null;
          break;
        }
      }
    }
    row = { ...row, [field]: replacement };
    const hlc = followUp(field, replacement);
    const logged = await recordConflict(db, context.firmId, {
      at: context.now(),
      kind: "unique",
      tbl: table.name,
      rowId: change.rowId,
      field,
      lostValue: original,
      lostHlc: change.hlc,
      lostAuthor: change.author ?? null,
      keptValue: replacement,
      keptHlc: hlc,
    });
    if (logged) context.onConflict?.();
  }
  return row;
}

/**
 * Whether `change` is the latest value a user gave a key field, yet a rename the cloud made to
 * keep an older value unique (a cloud change made without a cursor) carries a newer HLC and
 * would hide it: the author changed the key without having seen that rename.
 */
function hiddenByRename(
  history: readonly HeldChange[],
  change: HeldChange,
  field: string,
  cloudReplica: string | null,
): boolean {
  if (change.op !== "put" || !(field in change.data)) return false;
  const isRename = (c: HeldChange) =>
    c.seen === null && cloudReplica !== null && replicaOf(c.hlc) === cloudReplica;
  const setters = history.filter((c) => c.op === "put" && field in c.data && c.hlc !== change.hlc);
  if (setters.some((c) => !isRename(c) && hlcAfter(c.hlc, change.hlc))) return false;
  return setters.some((c) => isRename(c) && hlcAfter(c.hlc, change.hlc));
}

/**
 * Values overwritten unseen, and edits that met a delete, go to the conflict log: on the cloud
 * every one (the firm's whole record, for those with the Merge permission), on a desktop those
 * where its own value lost (what its users need to review and may restore).
 */
async function logConflicts(db: Db, context: ApplyContext, before: FoldedRecord, change: HeldChange) {
  for (const conflict of conflictsToLog(context, before, change)) {
    if (await recordConflict(db, context.firmId, conflict)) context.onConflict?.();
  }
}

export type ConflictToLog = Parameters<typeof recordConflict>[2];

/** The conflicts applying `change` over `before` logs on this side (logConflicts), without writing them. */
export function conflictsToLog(
  context: ApplyContext,
  before: FoldedRecord,
  change: HeldChange,
): ConflictToLog[] {
  const at = context.now();
  const found: ConflictToLog[] = [];
  const record = (conflict: ConflictToLog) => {
    if (context.side === "cloud" || replicaOf(conflict.lostHlc) === context.ownReplica) found.push(conflict);
  };
  if (change.op === "put" && before.deletedAt && replicaOf(before.deletedAt) !== replicaOf(change.hlc)) {
    record({
      at,
      kind: "deleted",
      tbl: change.tbl,
      rowId: change.rowId,
      field: "*",
      lostValue: JSON.stringify(change.data),
      lostHlc: change.hlc,
      lostAuthor: change.author ?? null,
      keptValue: null,
      keptHlc: before.deletedAt,
    });
    return found;
  }
  if (change.op === "delete" && !before.deletedAt) {
    // Edits from other replicas the deleting replica never saw are lost with the record.
    const unseen = [...before.fields].filter(([, version]) =>
      isConcurrent(
        version,
        { hlc: change.hlc, seen: change.seen, cloudSeq: change.cloudSeq },
        context.cloudReplica,
      ),
    );
    if (unseen.length > 0) {
      record({
        at,
        kind: "deleted",
        tbl: change.tbl,
        rowId: change.rowId,
        field: "*",
        lostValue: JSON.stringify(
          Object.fromEntries(unseen.map(([field, version]) => [field, version.value])),
        ),
        lostHlc: unseen
          .map(([, version]) => version.hlc)
          .sort()
          .at(-1)!,
        lostAuthor: unseen.map(([, version]) => version.author).find((a) => a) ?? null,
        keptValue: null,
        keptHlc: change.hlc,
      });
    }
    return found;
  }
  for (const conflict of conflictsOf(before, change, context.cloudReplica)) {
    record({
      at,
      kind: "overwrite",
      tbl: change.tbl,
      rowId: change.rowId,
      field: conflict.field,
      lostValue: conflict.lost.value,
      lostHlc: conflict.lost.hlc,
      lostAuthor: conflict.lost.author ?? null,
      keptValue: conflict.kept.value,
      keptHlc: conflict.kept.hlc,
    });
  }
  return found;
}
