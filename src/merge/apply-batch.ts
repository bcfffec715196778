/**
 * Applying a pushed batch on the cloud, with a fast lane for what an upload is mostly made of:
 * records new to the cloud in tables without unique keys (time and expense entries). Those are
 * checked one by one in memory (validation and authorization as their author, exactly as
 * applyChange does) and then written together: a few multi-row inserts for the rows and for
 * the journal, instead of six statements each. Everything else takes applyChange, in order;
 * the fast lane is flushed before, so a later change always sees the earlier ones.
 *
 * If a flush fails in the database (a row refers to a record the cloud does not have), the
 * flush is undone and each of its changes goes through applyChange, which refuses exactly the
 * bad ones: the answer is the same as without the fast lane.
 */
import { sql } from "kysely";
import { AppError } from "../domain/errors.js";
import type { Db } from "../store/database.js";
import { foldRecord, recordValues, type HeldChange } from "./change.js";
import {
  applyChange,
  batchLookup,
  changeProblem,
  checkReferences,
  derivedAmount,
  type BatchCache,
} from "./apply-changes.js";
import type { ApplyContext, ApplyResult, Row } from "./apply-context.js";
import { existingIds, takeSequenceNumbers } from "./journal-store.js";
import { parseHlc } from "./hlc.js";
import { syncedTable, valuesWithDefaults, type LookupField, type SyncedTable } from "./synced-tables.js";

interface Pending {
  index: number;
  change: HeldChange;
  table: SyncedTable;
  row: Row;
}

const MAX_PARAMETERS = 30_000;

export async function applyBatch(
  db: Db,
  context: ApplyContext,
  changes: readonly HeldChange[],
  cache: BatchCache,
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = new Array<ApplyResult>(changes.length);
  let pending: Pending[] = [];
  const lookup = batchLookup(db, context.firmId, cache);
  const references =
    context.side === "cloud" ? await referenceLookup(db, context.firmId, changes, cache) : lookup;
  const flush = async () => {
    if (pending.length === 0) return;
    const group = pending;
    pending = [];
    await insertTogether(db, context, group, cache, results);
  };

  for (const [index, change] of changes.entries()) {
    const fast = await fastLane(context, change, cache, lookup, references);
    if (fast === "slow") {
      await flush();
      results[index] = await applyChange(db, context, change, cache);
    } else if (fast instanceof AppError) {
      results[index] = { status: "refused", code: fast.code, message: fast.message };
    } else {
      pending.push({ index, change, ...fast });
      // Reserve the row: a second change to it in this batch waits for this one.
      cache.rows.set(`${change.tbl}|${change.rowId}`, fast.row);
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

/** Whether a change can take the fast lane: a new, complete record in a table without unique keys. */
async function fastLane(
  context: ApplyContext,
  change: HeldChange,
  cache: BatchCache,
  lookup: LookupField,
  references: LookupField,
): Promise<"slow" | AppError | { table: SyncedTable; row: Row }> {
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
  return { table, row: values };
}

async function insertTogether(
  db: Db,
  context: ApplyContext,
  group: readonly Pending[],
  cache: BatchCache,
  results: ApplyResult[],
): Promise<void> {
  await sql`SAVEPOINT apply_batch`.execute(db);
  let seqs: Map<string, number>;
  try {
    const now = context.now();
    const byTable = new Map<SyncedTable, Pending[]>();
    for (const item of group) {
      const list = byTable.get(item.table) ?? [];
      list.push(item);
      byTable.set(item.table, list);
    }
    for (const [table, items] of byTable) {
      const rows = items.map(({ row }) => {
        const amount = derivedAmount(table, row, context.minorDigits);
        return { firm_id: context.firmId, ...row, updated_at: now, ...(amount !== undefined && { amount }) };
      });
      await insertRows(db, table.name, rows);
    }
    // Each change's sequence number, in the group's order: the firm's next numbers.
    const first = await takeSequenceNumbers(db, context.firmId, group.length);
    seqs = new Map(group.map(({ change }, i) => [`${change.tbl}|${change.rowId}`, first + i]));
    await insertRows(
      db,
      "sync_change",
      group.map(({ change }, i) => ({
        seq: first + i,
        firm_id: context.firmId,
        hlc: change.hlc,
        replica: parseHlc(change.hlc).replica,
        tbl: change.tbl,
        row_id: change.rowId,
        op: change.op,
        data: JSON.stringify(change.data),
        seen: change.seen,
        cloud_seq: change.cloudSeq,
        author: change.author ?? null,
      })),
    );
    await sql`RELEASE SAVEPOINT apply_batch`.execute(db);
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT apply_batch`.execute(db);
    await sql`RELEASE SAVEPOINT apply_batch`.execute(db);
    if (error instanceof AppError) throw error;
    // One bad row spoils the statement: apply each on its own, so only the bad ones are refused.
    for (const { index, change } of group) {
      cache.rows.delete(`${change.tbl}|${change.rowId}`);
      results[index] = await applyChange(db, context, change, cache);
    }
    return;
  }
  for (const { index, change, row, table } of group) {
    const seq = seqs.get(`${change.tbl}|${change.rowId}`)!;
    const rowKey = `${change.tbl}|${change.rowId}`;
    cache.held.set(`${change.hlc}|${rowKey}`, seq);
    cache.histories.set(rowKey, [{ ...change, cloudSeq: context.side === "cloud" ? seq : change.cloudSeq }]);
    const amount = derivedAmount(table, row, context.minorDigits);
    cache.rows.set(rowKey, { firm_id: context.firmId, ...row, ...(amount !== undefined && { amount }) });
    results[index] = { status: "accepted", seq, duplicate: false, followUps: [] };
  }
}

/** Multi-row INSERTs, in chunks that stay under both engines' limit on parameters. */
async function insertRows(db: Db, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(
      chunk.map((row) => sql`(${sql.join(columns.map((c) => row[c] ?? null))})`),
    )}`.execute(db);
  }
}
