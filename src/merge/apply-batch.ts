/**
 * Applying a pushed batch on the cloud, with fast lanes for what uploads and merges are mostly
 * made of, in tables without unique keys (time and expense entries):
 * - records new to the cloud (an upload);
 * - edits of records the cloud has (an incremental merge).
 * Those are checked one by one in memory, exactly as applyChange does (the fold of the record's
 * history, validation and authorization as their author, the derived amount, the conflicts an
 * edit logs), and then written together: a few multi-row statements for the rows and for the
 * journal, instead of six statements each. Everything else takes applyChange, in order; the
 * lanes are flushed before, so a later change always sees the earlier ones. An edit of a record
 * with an edit waiting in the lane folds over it (the cache holds it already); an edit of a
 * record whose insert waits takes applyChange after the flush.
 *
 * If a flush fails in the database (a row refers to a record the cloud does not have), the
 * flush is undone, the cache put back as it was, and each of its changes goes through
 * applyChange, which refuses exactly the bad ones: the answer is the same as without the lanes.
 */
import { sql } from "kysely";
import { AppError } from "../domain/errors.js";
import type { Db } from "../store/database.js";
import { insertMany } from "../store/multi-row.js";
import { foldChange, foldRecord, recordValues, replicaOf, type HeldChange } from "./change.js";
import {
  applyChange,
  batchLookup,
  changeProblem,
  checkReferences,
  conflictsToLog,
  derivedAmount,
  hasUpdatedAt,
  sameRecord,
  storedValues,
  targetRow,
  updateOf,
  type BatchCache,
  type ConflictToLog,
} from "./apply-changes.js";
import type { ApplyContext, ApplyResult, Row } from "./apply-context.js";
import { existingIds, recordConflict, takeSequenceNumbers } from "./journal-store.js";
import { syncedTable, valuesWithDefaults, type LookupField, type SyncedTable } from "./synced-tables.js";

/** A new record waiting in the lane. */
interface PendingInsert {
  kind: "insert";
  index: number;
  change: HeldChange;
  table: SyncedTable;
  row: Row;
}

/** An edit waiting in the lane: the row it leaves, the columns an UPDATE would set, the conflicts it logs. */
interface PendingEdit {
  kind: "edit";
  index: number;
  change: HeldChange;
  table: SyncedTable;
  row: Row;
  columns: string[];
  conflicts: ConflictToLog[];
  /** The change as the record's history in the cache holds it; its cloud sequence is set at the flush. */
  held: HeldChange;
}

type Pending = PendingInsert | PendingEdit;

/** What the lane holds between flushes, and the cache as it was before its edits. */
interface Lane {
  items: Pending[];
  /** Row key → what the waiting item of that row is (an insert, or edits). */
  rows: Map<string, "insert" | "edit">;
  identities: Set<string>;
  before: Map<string, { history: HeldChange[] | undefined; row: Row | undefined }>;
}

const emptyLane = (): Lane => ({ items: [], rows: new Map(), identities: new Set(), before: new Map() });
const identityOf = (change: HeldChange) => `${change.hlc}|${change.tbl}|${change.rowId}`;

export async function applyBatch(
  db: Db,
  context: ApplyContext,
  changes: readonly HeldChange[],
  cache: BatchCache,
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = new Array<ApplyResult>(changes.length);
  let lane = emptyLane();
  const lookup = batchLookup(db, context.firmId, cache);
  const references =
    context.side === "cloud" ? await referenceLookup(db, context.firmId, changes, cache) : lookup;
  const flush = async () => {
    if (lane.items.length === 0) return;
    const group = lane;
    lane = emptyLane();
    await writeTogether(db, context, group, cache, results);
  };

  const laneOf = async (change: HeldChange, waiting: "insert" | "edit" | undefined) => {
    // A change met again in the batch, or one to a row whose insert waits: applyChange, after
    // the flush, answers it as it would (a duplicate, or an edit over the stored insert).
    if (lane.identities.has(identityOf(change)) || waiting === "insert") return "slow";
    // Waiting edits have no sequence number yet: only their own replica's later edits, which
    // never conflict with them, may fold over them in the lane.
    const last = cache.histories.get(`${change.tbl}|${change.rowId}`)?.at(-1);
    if (waiting === "edit" && last && replicaOf(last.hlc) !== replicaOf(change.hlc)) return "slow";
    if (waiting === undefined) {
      const insert = await insertLane(context, change, cache, lookup, references);
      if (insert !== "slow") return insert;
    }
    return editLane(context, change, cache, lookup);
  };

  for (const [index, change] of changes.entries()) {
    const rowKey = `${change.tbl}|${change.rowId}`;
    const fast = await laneOf(change, lane.rows.get(rowKey));
    if (fast === "slow") {
      await flush();
      results[index] = await applyChange(db, context, change, cache);
    } else if (fast instanceof AppError) {
      results[index] = { status: "refused", code: fast.code, message: fast.message };
    } else if (fast.kind === "insert") {
      lane.items.push({ kind: "insert", index, change, table: fast.table, row: fast.row });
      lane.rows.set(rowKey, "insert");
      lane.identities.add(identityOf(change));
      // Reserve the row: a second change to it in this batch waits for this one.
      cache.rows.set(rowKey, fast.row);
    } else {
      if (!lane.before.has(rowKey)) {
        const history = cache.histories.get(rowKey);
        lane.before.set(rowKey, { history: history && [...history], row: cache.rows.get(rowKey) });
      }
      lane.items.push(Object.assign(fast, { index, change }));
      lane.rows.set(rowKey, "edit");
      lane.identities.add(identityOf(change));
      // The cache moves on at once, as applyChange's does: a later change of the batch folds
      // over this one and reads the row it leaves.
      cache.histories.set(rowKey, [...(cache.histories.get(rowKey) ?? []), fast.held]);
      cache.rows.set(rowKey, fast.row);
    }
  }
  await flush();
  return results;
}

/**
 * The records a batch's new rows refer to, checked to exist in the firm in a few queries a batch
 * (an upload's thousand entries name hundreds of clients, each read alone would cost a query).
 * A record this batch wrote or deleted is taken from the cache. Answers only the "id" field,
 * which is all checkReferences asks.
 */
async function referenceLookup(
  db: Db,
  firmId: string,
  changes: readonly HeldChange[],
  cache: BatchCache,
): Promise<LookupField> {
  const wanted = new Map<string, Set<string>>();
  for (const change of changes) {
    if (change.op !== "put") continue;
    for (const [column, parent] of Object.entries(syncedTable(change.tbl)?.references ?? {})) {
      const id = change.data[column];
      if (typeof id !== "string") continue;
      const ids = wanted.get(parent) ?? new Set<string>();
      wanted.set(parent, ids.add(id));
    }
  }
  const existing = new Set<string>();
  for (const [parent, ids] of wanted) {
    for (const id of await existingIds(db, firmId, parent, [...ids])) existing.add(`${parent}|${id}`);
  }
  return (tbl, rowId, field) => {
    const key = `${tbl}|${rowId}`;
    if (cache.rows.has(key)) return Promise.resolve(cache.rows.get(key)?.[field]);
    return Promise.resolve(field === "id" && existing.has(key) ? rowId : undefined);
  };
}

/** Whether a change can take the insert lane: a new, complete record in a table without unique keys. */
async function insertLane(
  context: ApplyContext,
  change: HeldChange,
  cache: BatchCache,
  lookup: LookupField,
  references: LookupField,
): Promise<"slow" | AppError | { kind: "insert"; table: SyncedTable; row: Row }> {
  const table = syncedTable(change.tbl);
  if (!table || table.unique.length > 0 || table.idColumns.length !== 1 || change.op !== "put") return "slow";
  if (changeProblem(change) !== null) return "slow";
  const rowKey = `${change.tbl}|${change.rowId}`;
  if (cache.held.has(`${change.hlc}|${rowKey}`)) return "slow";
  if ((cache.histories.get(rowKey) ?? []).length > 0 || cache.rows.get(rowKey) !== undefined) return "slow";
  const values = valuesWithDefaults(table, recordValues(foldRecord([change])));
  if (!Object.keys(table.fields).every((field) => field in values)) return "slow";
  try {
    if (context.side === "cloud") await checkReferences(table, undefined, values, references);
    await context.check?.(table, undefined, values, lookup);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return { kind: "insert", table, row: values };
}

/**
 * Whether a change can take the edit lane: a put to a record stored in a table without unique
 * keys, that the fold leaves stored. Checked as applyChange checks it, in the same order and
 * with the same answers; what applyChange would do otherwise (a record missing, deleted, or
 * not yet complete) is left to it.
 */
async function editLane(
  context: ApplyContext,
  change: HeldChange,
  cache: BatchCache,
  lookup: LookupField,
): Promise<"slow" | AppError | Omit<PendingEdit, "index" | "change">> {
  const table = syncedTable(change.tbl);
  if (!table || table.unique.length > 0 || table.idColumns.length !== 1 || change.op !== "put") return "slow";
  if (changeProblem(change) !== null) return "slow";
  const rowKey = `${change.tbl}|${change.rowId}`;
  if (cache.held.has(`${change.hlc}|${rowKey}`)) return "slow";
  const history = cache.histories.get(rowKey);
  const current = cache.rows.get(rowKey);
  if (history === undefined || current === undefined) return "slow";
  const before = foldRecord(history);
  const target = targetRow(table, foldChange(before, change));
  if (typeof target !== "object") return "slow";
  try {
    if (context.side === "cloud") await checkReferences(table, current, target, lookup);
    if (context.check && !sameRecord(table, current, target))
      await context.check(table, current, target, lookup);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  // The same readings of the clock as applyChange makes: the row's update time, then the log's.
  const { set, row } = updateOf(current, storedValues(context, table, target));
  const conflicts = conflictsToLog(context, before, change);
  const columns = set.map(([column]) => column);
  return { kind: "edit", table, row, columns, conflicts, held: Object.assign({}, change) };
}

/**
 * Writes a lane's records and journals its changes, numbered in the batch's order, under one
 * savepoint; on a database error, puts everything back and applies each change alone.
 */
async function writeTogether(
  db: Db,
  context: ApplyContext,
  lane: Lane,
  cache: BatchCache,
  results: ApplyResult[],
): Promise<void> {
  const group = lane.items;
  await sql`SAVEPOINT apply_batch`.execute(db);
  let first: number;
  try {
    let now: string | undefined;
    const inserts = new Map<SyncedTable, Row[]>();
    // An edited row is written once, as the last of its edits leaves it (the cache holds that),
    // setting the columns its edits set, as their UPDATEs would.
    const edits = new Map<string, { table: SyncedTable; columns: Set<string> }>();
    for (const item of group) {
      if (item.kind === "insert") {
        const amount = derivedAmount(item.table, item.row, context.minorDigits);
        // Object.assign, not a spread: see valuesWithDefaults.
        const row: Row = Object.assign({ firm_id: context.firmId }, item.row, {
          updated_at: (now ??= context.now()),
        });
        if (amount !== undefined) row.amount = amount;
        const rows = inserts.get(item.table);
        if (rows) rows.push(row);
        else inserts.set(item.table, [row]);
      } else if (item.columns.length > 0) {
        const rowKey = `${item.change.tbl}|${item.change.rowId}`;
        const edit = edits.get(rowKey) ?? { table: item.table, columns: new Set<string>() };
        for (const column of item.columns) edit.columns.add(column);
        edits.set(rowKey, edit);
      }
    }
    for (const [table, rows] of inserts) await insertRows(db, table.name, rows);
    // Rows that set the same columns go together (an incremental merge's are mostly alike).
    const updates = new Map<string, { table: SyncedTable; columns: string[]; rows: Row[] }>();
    for (const [rowKey, { table, columns }] of edits) {
      const sorted = [...columns].sort();
      const key = `${table.name}|${sorted.join(",")}`;
      const update = updates.get(key) ?? { table, columns: sorted, rows: [] };
      update.rows.push(cache.rows.get(rowKey)!);
      updates.set(key, update);
    }
    for (const { table, columns, rows } of updates.values())
      await updateRows(db, context, table, columns, rows);
    // Each change's sequence number, in the group's order: the firm's next numbers.
    first = await takeSequenceNumbers(db, context.firmId, group.length);
    await insertRows(
      db,
      "sync_change",
      group.map(({ change }, i) => ({
        seq: first + i,
        firm_id: context.firmId,
        hlc: change.hlc,
        replica: replicaOf(change.hlc),
        tbl: change.tbl,
        row_id: change.rowId,
        op: change.op,
        data: JSON.stringify(change.data),
        seen: change.seen,
        cloud_seq: change.cloudSeq,
        author: change.author ?? null,
      })),
    );
    for (const item of group) {
      if (item.kind === "edit")
        for (const conflict of item.conflicts)
          if (await recordConflict(db, context.firmId, conflict)) context.onConflict?.();
    }
    await sql`RELEASE SAVEPOINT apply_batch`.execute(db);
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT apply_batch`.execute(db);
    await sql`RELEASE SAVEPOINT apply_batch`.execute(db);
    if (error instanceof AppError) throw error;
    // One bad row spoils the statement: apply each on its own, so only the bad ones are refused.
    for (const [rowKey, before] of lane.before) {
      if (before.history === undefined) cache.histories.delete(rowKey);
      else cache.histories.set(rowKey, before.history);
      cache.rows.set(rowKey, before.row);
    }
    for (const { index, change, kind } of group) {
      if (kind === "insert") cache.rows.delete(`${change.tbl}|${change.rowId}`);
      results[index] = await applyChange(db, context, change, cache);
    }
    return;
  }
  for (const [i, item] of group.entries()) {
    const { index, change } = item;
    const seq = first + i;
    const rowKey = `${change.tbl}|${change.rowId}`;
    cache.held.set(`${change.hlc}|${rowKey}`, seq);
    // On the cloud the journal's own sequence is the cloud sequence.
    const cloudSeq = context.side === "cloud" ? seq : change.cloudSeq;
    if (item.kind === "edit") {
      item.held.cloudSeq = cloudSeq;
    } else {
      cache.histories.set(rowKey, [Object.assign({}, change, { cloudSeq })]);
      const amount = derivedAmount(item.table, item.row, context.minorDigits);
      const row: Row = Object.assign({ firm_id: context.firmId }, item.row);
      if (amount !== undefined) row.amount = amount;
      cache.rows.set(rowKey, row);
    }
    results[index] = { status: "accepted", seq, duplicate: false, followUps: [] };
  }
}

/**
 * Stored rows updated many to a statement: an insert of the whole row that always meets it, so
 * it sets the given columns (ON CONFLICT ... DO UPDATE, on both engines; the whole row because
 * the insert it stands for must be complete). Only the columns the slow path's UPDATEs set are
 * set: SQLite rewrites every index holding a column an UPDATE sets, changed or not.
 */
async function updateRows(
  db: Db,
  context: ApplyContext,
  table: SyncedTable,
  set: readonly string[],
  rows: readonly Row[],
) {
  const columns = [
    "firm_id",
    ...Object.keys(table.fields),
    ...(table.derived ? ["amount"] : []),
    ...(hasUpdatedAt(table) ? ["updated_at"] : []),
  ];
  await insertMany(
    db,
    { table: table.name, columns, upsert: { key: table.idColumns[0]!, set } },
    rows,
    (row, c) => (c === "firm_id" ? context.firmId : row[c]),
  );
}

/** Multi-row INSERTs of rows that all have the same keys. */
async function insertRows(db: Db, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  await insertMany(db, { table, columns: Object.keys(rows[0]!) }, rows, (row, c) => row[c]);
}
