/**
 * Queries on the merge tables: the firm's sync state and clock, the change journal, and the
 * conflict, warning/error and push-batch logs. Row types stay here.
 */
import { randomBytes } from "node:crypto";
import { PostgresAdapter, sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { Db } from "../store/database.js";
import type { SyncChangeTable, SyncConflictTable, SyncLogTable } from "../store/tables.js";
import type { Change, FieldValue, HeldChange } from "./change.js";
import { parseHlc, type Hlc } from "./hlc.js";

export interface SyncState {
  firmId: string;
  replicaId: string;
  clock: Hlc;
  cursor: number;
  /** Desktop: local changes up to this sequence number have been sent and answered. */
  pushedUpto: number;
  epoch: string;
  cloudUrl: string | null;
  cloudSlug: string | null;
  cloudReplicaId: string | null;
  fileId: string;
  /** Set only once every step of the integration is done (integrationOf). */
  integratedAt: string | null;
  /** Desktop: the Admin who started integrating the file ('' if unknown), from its start on. */
  integratingAs: string | null;
  lastMergeAt: string | null;
  /** What the last merge did, as MergeSummary JSON. */
  lastMerge: string | null;
  boundFileId: string | null;
  /** Desktop: the newest of its own changes the cloud has answered. */
  ackedHlc: string | null;
  /** Desktop: merging is stopped by its user's choice, across restarts. */
  workingOffline: boolean;
}

export async function readSyncState(db: Db, firmId: string): Promise<SyncState> {
  const row = await db
    .selectFrom("sync_state")
    .selectAll()
    .where("firm_id", "=", firmId)
    .executeTakeFirstOrThrow();
  return {
    firmId,
    replicaId: row.replica_id,
    clock: { millis: row.millis, counter: row.counter, replica: row.replica_id },
    cursor: row.cursor,
    pushedUpto: row.pushed_upto,
    epoch: row.epoch,
    cloudUrl: row.cloud_url,
    cloudSlug: row.cloud_slug,
    cloudReplicaId: row.cloud_replica_id,
    fileId: row.file_id,
    integratedAt: row.integrated_at,
    integratingAs: row.integrating_as,
    lastMergeAt: row.last_merge_at,
    lastMerge: row.last_merge,
    boundFileId: row.bound_file_id,
    ackedHlc: row.acked_hlc,
    workingOffline: row.working_offline === 1,
  };
}

/**
 * Where a desktop file is in its integration: never started (or a copy made from the cloud),
 * started and interrupted before every step was done, or finished.
 */
export type IntegrationProgress = "none" | "unfinished" | "finished";

export function integrationOf(state: Pick<SyncState, "integratedAt" | "integratingAs">): IntegrationProgress {
  if (state.integratedAt !== null) return "finished";
  return state.integratingAs !== null ? "unfinished" : "none";
}

/**
 * Takes the firm's sync state for writing: on PostgreSQL the row stays locked until commit, so
 * the merge and every journaled write of the firm take their turn, as the triggers do.
 */
export async function lockSyncState(db: Db, firmId: string): Promise<SyncState> {
  await db.updateTable("sync_state").set({ applying: 0 }).where("firm_id", "=", firmId).execute();
  await quietJournal(db, false);
  return readSyncState(db, firmId);
}

export type SyncStateChanges = Partial<{
  clock: Hlc;
  applying: boolean;
  cursor: number;
  pushedUpto: number;
  epoch: string;
  cloudUrl: string | null;
  cloudSlug: string | null;
  cloudReplicaId: string | null;
  integratedAt: string | null;
  integratingAs: string | null;
  lastMergeAt: string | null;
  lastMerge: string | null;
  boundFileId: string | null;
  ackedHlc: string | null;
  workingOffline: boolean;
}>;

/**
 * A cloud restored from a backup may lack changes it had acknowledged: every firm on it takes a
 * new epoch, so each desktop, at its next merge, sends everything again and fetches it all anew.
 */
export async function startNewEpochs(db: Db): Promise<number> {
  const firms = await db.selectFrom("sync_state").select("firm_id").execute();
  for (const { firm_id } of firms) {
    await db
      .updateTable("sync_state")
      .set({ epoch: randomBytes(8).toString("hex") })
      .where("firm_id", "=", firm_id)
      .execute();
  }
  return firms.length;
}

export async function updateSyncState(db: Db, firmId: string, changes: SyncStateChanges): Promise<void> {
  const set = {
    ...(changes.clock && { millis: changes.clock.millis, counter: changes.clock.counter }),
    ...(changes.applying !== undefined && { applying: changes.applying ? 1 : 0 }),
    ...(changes.cursor !== undefined && { cursor: changes.cursor }),
    ...(changes.pushedUpto !== undefined && { pushed_upto: changes.pushedUpto }),
    ...(changes.epoch !== undefined && { epoch: changes.epoch }),
    ...(changes.cloudUrl !== undefined && { cloud_url: changes.cloudUrl }),
    ...(changes.cloudSlug !== undefined && { cloud_slug: changes.cloudSlug }),
    ...(changes.cloudReplicaId !== undefined && { cloud_replica_id: changes.cloudReplicaId }),
    ...(changes.integratedAt !== undefined && { integrated_at: changes.integratedAt }),
    ...(changes.integratingAs !== undefined && { integrating_as: changes.integratingAs }),
    ...(changes.lastMergeAt !== undefined && { last_merge_at: changes.lastMergeAt }),
    ...(changes.lastMerge !== undefined && { last_merge: changes.lastMerge }),
    ...(changes.boundFileId !== undefined && { bound_file_id: changes.boundFileId }),
    ...(changes.ackedHlc !== undefined && { acked_hlc: changes.ackedHlc }),
    ...(changes.workingOffline !== undefined && { working_offline: changes.workingOffline ? 1 : 0 }),
  };
  if (Object.keys(set).length === 0) return;
  await db.updateTable("sync_state").set(set).where("firm_id", "=", firmId).execute();
  if (changes.applying !== undefined) await quietJournal(db, changes.applying);
}

/**
 * PostgreSQL: the journal triggers are not even called while this transaction applies (the
 * setting their condition reads, migration 0019), turned on and off with the `applying` flag.
 * Transaction-local: it ends with the transaction, and a rollback to a savepoint takes it back
 * with the flag. SQLite's triggers read the flag itself.
 */
async function quietJournal(db: Db, applying: boolean): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`SELECT set_config('ftm.applying', ${applying ? "on" : ""}, true)`.execute(db);
}

type ChangeRow = Pick<
  SyncChangeTable,
  "hlc" | "tbl" | "row_id" | "op" | "data" | "seen" | "cloud_seq" | "author"
> & {
  seq: number;
};

const heldChange = (row: ChangeRow): HeldChange & { seq: number } => ({
  seq: row.seq,
  hlc: row.hlc,
  tbl: row.tbl,
  rowId: row.row_id,
  op: row.op,
  data: JSON.parse(row.data) as Record<string, FieldValue>,
  seen: row.seen,
  cloudSeq: row.cloud_seq,
  author: row.author,
});

const CHANGE_COLUMNS = ["seq", "hlc", "tbl", "row_id", "op", "data", "seen", "cloud_seq", "author"] as const;

/** Every change held for these rows of one table, grouped by row id, in journal order. */
export async function changesOfRows(
  db: Db,
  firmId: string,
  tbl: string,
  rowIds: readonly string[],
): Promise<Map<string, (HeldChange & { seq: number })[]>> {
  const byRow = new Map<string, (HeldChange & { seq: number })[]>();
  for (let i = 0; i < rowIds.length; i += 500) {
    // No ORDER BY: it would tempt the planner into reading the firm's journal in sequence
    // order instead of seeking each row; the few changes per row are sorted here.
    const rows = await db
      .selectFrom("sync_change")
      .select(CHANGE_COLUMNS)
      .where("firm_id", "=", firmId)
      .where("tbl", "=", tbl)
      .where("row_id", "in", rowIds.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const list = byRow.get(row.row_id) ?? [];
      list.push(heldChange(row));
      byRow.set(row.row_id, list);
    }
  }
  for (const list of byRow.values()) list.sort((a, b) => a.seq - b.seq);
  return byRow;
}

export async function findChange(
  db: Db,
  firmId: string,
  change: Pick<Change, "hlc" | "tbl" | "rowId">,
): Promise<{ seq: number; cloudSeq: number | null } | undefined> {
  const row = await db
    .selectFrom("sync_change")
    .select(["seq", "cloud_seq"])
    .where("firm_id", "=", firmId)
    .where("hlc", "=", change.hlc)
    .where("tbl", "=", change.tbl)
    .where("row_id", "=", change.rowId)
    .executeTakeFirst();
  return row && { seq: row.seq, cloudSeq: row.cloud_seq };
}

/**
 * Takes the firm's next `count` journal sequence numbers; returns the first. The firm's journal
 * is numbered on its own (migration 0004), under the sync state row the writer already holds.
 */
export async function takeSequenceNumbers(db: Db, firmId: string, count: number): Promise<number> {
  const row = await db
    .updateTable("sync_state")
    .set((eb) => ({ last_seq: eb("last_seq", "+", count) }))
    .where("firm_id", "=", firmId)
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  return Number(row.last_seq) - count + 1;
}

/** Appends a change to the journal; returns its local sequence number. */
export async function appendChange(db: Db, firmId: string, change: HeldChange): Promise<number> {
  const seq = await takeSequenceNumbers(db, firmId, 1);
  await db
    .insertInto("sync_change")
    .values({
      seq,
      firm_id: firmId,
      hlc: change.hlc,
      replica: parseHlc(change.hlc).replica,
      tbl: change.tbl,
      row_id: change.rowId,
      op: change.op,
      data: JSON.stringify(change.data),
      seen: change.seen,
      cloud_seq: change.cloudSeq,
      author: change.author ?? null,
    })
    .execute();
  return seq;
}

export async function removeChange(db: Db, firmId: string, change: Pick<Change, "hlc" | "tbl" | "rowId">) {
  await db
    .deleteFrom("sync_change")
    .where("firm_id", "=", firmId)
    .where("hlc", "=", change.hlc)
    .where("tbl", "=", change.tbl)
    .where("row_id", "=", change.rowId)
    .execute();
}

/**
 * The cloud sequence of a desktop's changes that stay on the desktop: the changes of an entry
 * while it is negative (merge.md, "Held records"; held-records.ts decides which).
 */
export const HELD = -1;

/** Holds every change of these rows that is not on the cloud yet. */
export async function holdRecords(
  db: Db,
  firmId: string,
  tbl: string,
  rowIds: readonly string[],
): Promise<void> {
  for (let i = 0; i < rowIds.length; i += 500) {
    await db
      .updateTable("sync_change")
      .set({ cloud_seq: HELD })
      .where("firm_id", "=", firmId)
      .where("tbl", "=", tbl)
      .where("row_id", "in", rowIds.slice(i, i + 500))
      .where("cloud_seq", "is", null)
      .execute();
  }
}

/**
 * A held record goes up: every change of it the cloud does not have (held, or made since) moves
 * to the end of the journal, in its order, unsent. They keep their HLCs, so the cloud orders them
 * by when they were made; their new sequence numbers put them after the pushed-up-to mark, which
 * has moved past them while they were held. Runs in the caller's transaction.
 */
export async function releaseRecord(db: Db, firmId: string, tbl: string, rowId: string): Promise<number> {
  const rows = await db
    .selectFrom("sync_change")
    .select(CHANGE_COLUMNS)
    .where("firm_id", "=", firmId)
    .where("tbl", "=", tbl)
    .where("row_id", "=", rowId)
    .where((eb) => eb.or([eb("cloud_seq", "is", null), eb("cloud_seq", "=", HELD)]))
    .orderBy("seq")
    .execute();
  if (rows.length === 0) return 0;
  await db
    .deleteFrom("sync_change")
    .where("firm_id", "=", firmId)
    .where(
      "seq",
      "in",
      rows.map((row) => row.seq),
    )
    .execute();
  for (const row of rows) await appendChange(db, firmId, { ...heldChange(row), cloudSeq: null });
  return rows.length;
}

/**
 * A desktop's own changes not sent yet, oldest first: those after the pushed-up-to mark (a
 * batch is answered whole, so everything up to its last change is settled), except held ones.
 */
export async function unsentChanges(
  db: Db,
  state: Pick<SyncState, "firmId" | "replicaId" | "pushedUpto">,
  limit: number,
  /** Only changes journaled at or before this sequence number (those waiting when a merge began). */
  upTo?: number,
): Promise<(HeldChange & { seq: number })[]> {
  const rows = await unsent(db, state, upTo)
    .select(["c.seq", "c.hlc", "c.tbl", "c.row_id", "c.op", "c.data", "c.seen", "c.cloud_seq", "c.author"])
    .orderBy("c.seq")
    .limit(limit)
    .execute();
  return rows.map(heldChange);
}

export async function countUnsent(
  db: Db,
  state: Pick<SyncState, "firmId" | "replicaId" | "pushedUpto">,
  /** Only changes journaled at or before this sequence number. */
  upTo?: number,
) {
  const row = await unsent(db, state, upTo)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Unsent changes someone other than `author` made (on a desktop file several people use). */
export async function unsentAuthors(
  db: Db,
  state: Pick<SyncState, "firmId" | "replicaId" | "pushedUpto">,
  author: string | null,
): Promise<Map<string, number>> {
  const rows = await unsent(db, state)
    .select(["c.author", (eb) => eb.fn.countAll<number>().as("n")])
    .where("c.author", "is not", null)
    .groupBy("c.author")
    .execute();
  return new Map(rows.filter((row) => row.author !== author).map((row) => [row.author!, Number(row.n)]));
}

/** This replica's changes not sent yet; with `upTo`, only those journaled at or before it. */
const unsent = (db: Db, state: Pick<SyncState, "firmId" | "replicaId" | "pushedUpto">, upTo?: number) =>
  db
    .selectFrom("sync_change as c")
    .where("c.firm_id", "=", state.firmId)
    .where("c.seq", ">", state.pushedUpto)
    .$if(upTo !== undefined, (query) => query.where("c.seq", "<=", upTo!))
    .where("c.replica", "=", state.replicaId)
    .where("c.cloud_seq", "is", null);

/**
 * The rows of these tables that have changes not sent yet (what may have changed since the last
 * merge), when those changes are at most `atMost`; null when there are more (a first upload sends
 * every entry: a million rows at M, too many to hold in memory for a lookup).
 */
export async function rowsWithUnsentChanges(
  db: Db,
  state: Pick<SyncState, "firmId" | "replicaId" | "pushedUpto">,
  tables: readonly string[],
  atMost: number,
): Promise<Set<string> | null> {
  // Not DISTINCT: the set drops repeats, and SQLite would build a temporary B-tree for it.
  const rows = await unsent(db, state)
    .select(["c.tbl", "c.row_id"])
    .where("c.tbl", "in", tables)
    .limit(atMost + 1)
    .execute();
  return rows.length > atMost ? null : new Set(rows.map((row) => `${row.tbl}|${row.row_id}`));
}

/**
 * The open log entries of `code` whose row has a change not sent yet, found by the database:
 * one seek of the journal's row index per open entry, whatever the number of changes waiting.
 */
export async function openLogWithUnsentChanges(
  db: Db,
  state: Pick<SyncState, "firmId" | "replicaId" | "pushedUpto">,
  level: LogEntry["level"],
  code: string,
): Promise<LogEntry[]> {
  const rows = await db
    .selectFrom("sync_log as w")
    .selectAll("w")
    .where("w.firm_id", "=", state.firmId)
    .where("w.code", "=", code)
    .where("w.level", "=", level)
    .where("w.closed_at", "is", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("sync_change as c")
          .select(sql.lit(1).as("one"))
          .where("c.firm_id", "=", state.firmId)
          .where("c.tbl", "=", eb.ref("w.tbl"))
          .where("c.row_id", "=", eb.ref("w.row_id"))
          // The conditions of `unsent`, written out: that builder does not know the outer row.
          // `+seq` keeps SQLite on the row index: offered the sequence range, it walks every
          // change waiting (all of them, on a first upload) for each warning.
          .where(sql<number>`+c.seq`, ">", state.pushedUpto)
          .where("c.replica", "=", state.replicaId)
          .where("c.cloud_seq", "is", null),
      ),
    )
    .orderBy("w.at")
    .orderBy("w.id")
    .execute();
  return rows.map(logEntryOf);
}

/** Desktop: records the cloud's sequence numbers of acknowledged changes, a run at a time. */
export async function setCloudSeqs(
  db: Db,
  firmId: string,
  acks: readonly { seq: number; cloudSeq: number }[],
) {
  const sorted = [...acks].sort((a, b) => a.seq - b.seq);
  for (let start = 0; start < sorted.length;) {
    let end = start;
    const delta = sorted[start]!.cloudSeq - sorted[start]!.seq;
    while (
      end + 1 < sorted.length &&
      sorted[end + 1]!.seq === sorted[end]!.seq + 1 &&
      sorted[end + 1]!.cloudSeq - sorted[end + 1]!.seq === delta
    ) {
      end++;
    }
    await db
      .updateTable("sync_change")
      .set((eb) => ({ cloud_seq: eb("seq", "+", delta) }))
      .where("firm_id", "=", firmId)
      .where("seq", ">=", sorted[start]!.seq)
      .where("seq", "<=", sorted[end]!.seq)
      .execute();
    start = end + 1;
  }
}

/** Cloud: the changes after a cursor, in sequence order, leaving out the asking replica's own. */
export async function changesAfter(
  db: Db,
  firmId: string,
  after: number,
  upTo: number,
  excludeReplica: string,
  limit: number,
): Promise<(HeldChange & { seq: number })[]> {
  const rows = await db
    .selectFrom("sync_change")
    .select(CHANGE_COLUMNS)
    .where("firm_id", "=", firmId)
    .where("seq", ">", after)
    .where("seq", "<=", upTo)
    .where("replica", "<>", excludeReplica)
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map(heldChange);
}

export async function headSeq(db: Db, firmId: string): Promise<number> {
  const row = await db
    .selectFrom("sync_change")
    .select((eb) => eb.fn.max("seq").as("head"))
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return Number(row?.head ?? 0);
}

export async function countChangesAfter(db: Db, firmId: string, after: number, excludeReplica: string) {
  const row = await db
    .selectFrom("sync_change")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("firm_id", "=", firmId)
    .where("seq", ">", after)
    .where("replica", "<>", excludeReplica)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// --- replicas (copy detection, replica-copy.ts) ---

/** Cloud: the newest change of `replica` it has answered, or null before its first push. */
export async function readReplicaAck(db: Db, firmId: string, replica: string): Promise<string | null> {
  const row = await db
    .selectFrom("sync_replica")
    .select("acked_hlc")
    .where("firm_id", "=", firmId)
    .where("replica_id", "=", replica)
    .executeTakeFirst();
  return row?.acked_hlc ?? null;
}

/** Cloud: moves a replica's answered mark forward (never back). */
export async function recordReplicaAck(db: Db, firmId: string, replica: string, hlc: string, now: string) {
  await db
    .insertInto("sync_replica")
    .values({ firm_id: firmId, replica_id: replica, acked_hlc: hlc, updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(["firm_id", "replica_id"])
        .doUpdateSet({ acked_hlc: hlc, updated_at: now })
        .where("sync_replica.acked_hlc", "<", hlc),
    )
    .execute();
}

/** Cloud: the oldest change of `replica` after `after` it has answered (journaled or refused). */
export async function firstAnsweredAfter(
  db: Db,
  firmId: string,
  replica: string,
  after: string,
): Promise<string | null> {
  const journaled = await db
    .selectFrom("sync_change")
    .select((eb) => eb.fn.min("hlc").as("hlc"))
    .where("firm_id", "=", firmId)
    .where("replica", "=", replica)
    .where("hlc", ">", after)
    .executeTakeFirst();
  const refused = await db
    .selectFrom("sync_refusal")
    .select((eb) => eb.fn.min("hlc").as("hlc"))
    .where("firm_id", "=", firmId)
    .where("hlc", ">", after)
    .where("hlc", "like", `%-${replica}`)
    .executeTakeFirst();
  const found = [journaled?.hlc, refused?.hlc].filter((h): h is string => typeof h === "string").sort();
  return found[0] ?? null;
}

// --- conflicts ---

export interface Conflict {
  id: string;
  at: string;
  kind: SyncConflictTable["kind"];
  tbl: string;
  rowId: string;
  field: string;
  lostValue: FieldValue;
  lostHlc: string;
  /** Who wrote the value that lost, when known. */
  lostAuthor: string | null;
  keptValue: FieldValue;
  keptHlc: string;
  status: SyncConflictTable["status"];
  resolvedAt: string | null;
}

/** Logs a conflict once (by its key); whether it was new. */
export async function recordConflict(
  db: Db,
  firmId: string,
  conflict: Omit<Conflict, "id" | "status" | "resolvedAt">,
): Promise<boolean> {
  const result = await db
    .insertInto("sync_conflict")
    .values({
      id: uuidv7(),
      firm_id: firmId,
      at: conflict.at,
      kind: conflict.kind,
      tbl: conflict.tbl,
      row_id: conflict.rowId,
      field: conflict.field,
      lost_value: JSON.stringify(conflict.lostValue),
      lost_hlc: conflict.lostHlc,
      lost_author: conflict.lostAuthor,
      kept_value: JSON.stringify(conflict.keptValue),
      kept_hlc: conflict.keptHlc,
      status: "open",
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

const conflictOf = (row: SyncConflictTable): Conflict => ({
  id: row.id,
  at: row.at,
  kind: row.kind,
  tbl: row.tbl,
  rowId: row.row_id,
  field: row.field,
  lostValue: JSON.parse(row.lost_value) as FieldValue,
  lostHlc: row.lost_hlc,
  lostAuthor: row.lost_author,
  keptValue: JSON.parse(row.kept_value) as FieldValue,
  keptHlc: row.kept_hlc,
  status: row.status,
  resolvedAt: row.resolved_at,
});

export async function listConflicts(
  db: Db,
  firmId: string,
  status?: Conflict["status"],
  /** Only conflicts where this author's value lost (for users without the Merge permission). */
  lostBy?: string,
): Promise<Conflict[]> {
  let query = db.selectFrom("sync_conflict").selectAll().where("firm_id", "=", firmId);
  if (status) query = query.where("status", "=", status);
  if (lostBy !== undefined) query = query.where("lost_author", "=", lostBy);
  return (await query.orderBy("at").orderBy("id").execute()).map(conflictOf);
}

/** One page of the conflict log, oldest first, and how many match in all. */
export async function pageConflicts(
  db: Db,
  firmId: string,
  filter: { status?: Conflict["status"]; lostBy?: string },
  page: { limit: number; offset: number },
): Promise<{ items: Conflict[]; total: number }> {
  let query = db.selectFrom("sync_conflict").where("firm_id", "=", firmId);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.lostBy !== undefined) query = query.where("lost_author", "=", filter.lostBy);
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy("at")
    .orderBy("id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items: rows.map(conflictOf), total: Number(n) };
}

export async function getConflict(db: Db, firmId: string, id: string): Promise<Conflict | undefined> {
  const row = await db
    .selectFrom("sync_conflict")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && conflictOf(row);
}

export async function resolveConflict(
  db: Db,
  firmId: string,
  id: string,
  status: "restored" | "dismissed",
  at: string,
): Promise<void> {
  await db
    .updateTable("sync_conflict")
    .set({ status, resolved_at: at })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

/** What names one conflict on every replica (ids differ per replica): the field and the lost change. */
export type ConflictKey = Pick<Conflict, "tbl" | "rowId" | "field" | "lostHlc">;

export async function findConflictByKey(
  db: Db,
  firmId: string,
  key: ConflictKey,
): Promise<Conflict | undefined> {
  const row = await db
    .selectFrom("sync_conflict")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("tbl", "=", key.tbl)
    .where("row_id", "=", key.rowId)
    .where("field", "=", key.field)
    .where("lost_hlc", "=", key.lostHlc)
    .executeTakeFirst();
  return row && conflictOf(row);
}

/** Sets a conflict's status by its key; `open` clears the resolution time. */
export async function setConflictStatus(
  db: Db,
  firmId: string,
  key: ConflictKey,
  status: Conflict["status"],
  resolvedAt: string | null,
): Promise<void> {
  await db
    .updateTable("sync_conflict")
    .set({ status, resolved_at: status === "open" ? null : resolvedAt })
    .where("firm_id", "=", firmId)
    .where("tbl", "=", key.tbl)
    .where("row_id", "=", key.rowId)
    .where("field", "=", key.field)
    .where("lost_hlc", "=", key.lostHlc)
    .execute();
}

// --- warning and error log ---

export interface LogEntry {
  id: string;
  at: string;
  level: SyncLogTable["level"];
  code: string;
  tbl: string;
  rowId: string;
  hlc: string | null;
  message: string;
  data: Record<string, FieldValue>;
  /** When a warning closed (what it warned of is over); null while it is open. */
  closedAt: string | null;
}

export async function appendLog(
  db: Db,
  firmId: string,
  entry: Omit<LogEntry, "id" | "closedAt">,
): Promise<void> {
  await db
    .insertInto("sync_log")
    .values({
      id: uuidv7(),
      firm_id: firmId,
      at: entry.at,
      level: entry.level,
      code: entry.code,
      tbl: entry.tbl,
      row_id: entry.rowId,
      hlc: entry.hlc,
      message: entry.message,
      data: JSON.stringify(entry.data),
      closed_at: null,
    })
    .execute();
}

export interface LogFilter {
  /** Leave out closed warnings. */
  openOnly?: boolean;
  /** Only entries of this code (and these rows). */
  code?: string;
  rowIds?: readonly string[];
}

export async function listLog(
  db: Db,
  firmId: string,
  level?: LogEntry["level"],
  filter: LogFilter = {},
): Promise<LogEntry[]> {
  let query = db.selectFrom("sync_log").selectAll().where("firm_id", "=", firmId);
  if (level) query = query.where("level", "=", level);
  if (filter.openOnly) query = query.where("closed_at", "is", null);
  if (filter.code) query = query.where("code", "=", filter.code);
  if (!filter.rowIds) return (await query.orderBy("at").orderBy("id").execute()).map(logEntryOf);
  // Rows in chunks (both engines cap a statement's parameters), found through (firm, code, row).
  const rows: SyncLogTable[] = [];
  for (let i = 0; i < filter.rowIds.length; i += 500)
    rows.push(...(await query.where("row_id", "in", filter.rowIds.slice(i, i + 500)).execute()));
  rows.sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
  return rows.map(logEntryOf);
}

const logEntryOf = (row: SyncLogTable): LogEntry => ({
  id: row.id,
  at: row.at,
  level: row.level,
  code: row.code,
  tbl: row.tbl,
  rowId: row.row_id,
  hlc: row.hlc,
  message: row.message,
  data: JSON.parse(row.data) as Record<string, FieldValue>,
  closedAt: row.closed_at,
});

/** One page of the warning and error log, oldest first, and how many match in all. */
export async function pageLog(
  db: Db,
  firmId: string,
  filter: { level?: LogEntry["level"]; openOnly?: boolean },
  page: { limit: number; offset: number },
): Promise<{ items: LogEntry[]; total: number }> {
  let query = db.selectFrom("sync_log").where("firm_id", "=", firmId);
  if (filter.level) query = query.where("level", "=", filter.level);
  if (filter.openOnly) query = query.where("closed_at", "is", null);
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy("at")
    .orderBy("id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items: rows.map(logEntryOf), total: Number(n) };
}

export async function closeLogEntry(db: Db, firmId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable("sync_log")
    .set({ closed_at: at })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

/** Open warnings of one code: the held records, one warning each. */
export async function countOpenLog(db: Db, firmId: string, code: string): Promise<number> {
  const row = await db
    .selectFrom("sync_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("firm_id", "=", firmId)
    .where("level", "=", "warning")
    .where("code", "=", code)
    .where("closed_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countLog(db: Db, firmId: string, level: LogEntry["level"]): Promise<number> {
  const row = await db
    .selectFrom("sync_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("firm_id", "=", firmId)
    .where("level", "=", level)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// --- rows waiting to be rebuilt (desktop) ---

export async function addPending(db: Db, firmId: string, rows: readonly { tbl: string; rowId: string }[]) {
  for (const row of rows) {
    await db
      .insertInto("sync_pending")
      .values({ firm_id: firmId, tbl: row.tbl, row_id: row.rowId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function listPending(db: Db, firmId: string): Promise<{ tbl: string; rowId: string }[]> {
  const rows = await db
    .selectFrom("sync_pending")
    .select(["tbl", "row_id"])
    .where("firm_id", "=", firmId)
    .execute();
  return rows.map((row) => ({ tbl: row.tbl, rowId: row.row_id }));
}

export async function removePending(db: Db, firmId: string, row: { tbl: string; rowId: string }) {
  await db
    .deleteFrom("sync_pending")
    .where("firm_id", "=", firmId)
    .where("tbl", "=", row.tbl)
    .where("row_id", "=", row.rowId)
    .execute();
}

// --- refusals (cloud) ---

type Identity = Pick<Change, "hlc" | "tbl" | "rowId">;
const identityKey = (change: Identity) => `${change.hlc}|${change.tbl}|${change.rowId}`;

/** Changes of a batch the cloud refused before, by identity, with the reason given then. */
export async function findRefusals(
  db: Db,
  firmId: string,
  changes: readonly Identity[],
): Promise<Map<string, { code: string; message: string }>> {
  const found = new Map<string, { code: string; message: string }>();
  for (let i = 0; i < changes.length; i += 500) {
    const rows = await db
      .selectFrom("sync_refusal")
      .select(["hlc", "tbl", "row_id", "code", "message"])
      .where("firm_id", "=", firmId)
      .where(
        "hlc",
        "in",
        changes.slice(i, i + 500).map((c) => c.hlc),
      )
      .execute();
    for (const row of rows) found.set(identityKey({ hlc: row.hlc, tbl: row.tbl, rowId: row.row_id }), row);
  }
  return new Map([...found].filter(([key]) => changes.some((c) => identityKey(c) === key)));
}

export async function recordRefusal(
  db: Db,
  firmId: string,
  change: Identity,
  reason: { code: string; message: string },
): Promise<void> {
  await db
    .insertInto("sync_refusal")
    .values({
      firm_id: firmId,
      hlc: change.hlc,
      tbl: change.tbl,
      row_id: change.rowId,
      code: reason.code,
      message: reason.message,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// --- push batches (cloud) ---

export async function findBatchAnswer(db: Db, firmId: string, batchId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("sync_batch")
    .select("answer")
    .where("firm_id", "=", firmId)
    .where("batch_id", "=", batchId)
    .executeTakeFirst();
  return row?.answer;
}

export async function saveBatchAnswer(db: Db, firmId: string, batchId: string, at: string, answer: string) {
  await db.insertInto("sync_batch").values({ firm_id: firmId, batch_id: batchId, at, answer }).execute();
}

/** The one record of a synced table, by its journal row id, as plain field values. */
export async function readRecord(
  db: Db,
  firmId: string,
  table: { name: string; idColumns: readonly string[] },
  rowId: string,
): Promise<Record<string, FieldValue> | undefined> {
  const parts = rowId.split(":");
  const where = table.idColumns.map((column, i) => sql`${sql.ref(column)} = ${parts[i] ?? ""}`);
  const result = await sql<Record<string, FieldValue>>`SELECT * FROM ${sql.table(table.name)}
    WHERE firm_id = ${firmId} ${where.length ? sql`AND ${sql.join(where, sql` AND `)}` : sql``}`.execute(db);
  return result.rows[0];
}

/** Which of these ids name a record of the firm in `table` (a table with one id column). */
export async function existingIds(
  db: Db,
  firmId: string,
  table: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)}
      WHERE firm_id = ${firmId} AND id IN (${sql.join(ids.slice(i, i + 500))})`.execute(db);
    for (const row of rows.rows) found.add(row.id);
  }
  return found;
}

/** Records of one table by row id, read in chunks (link tables, with two id columns, one by one). */
export async function readRecords(
  db: Db,
  firmId: string,
  table: { name: string; idColumns: readonly string[] },
  rowIds: readonly string[],
): Promise<Map<string, Record<string, FieldValue>>> {
  const found = new Map<string, Record<string, FieldValue>>();
  if (table.idColumns.length !== 1) {
    for (const rowId of rowIds) {
      const row = await readRecord(db, firmId, table, rowId);
      if (row) found.set(rowId, row);
    }
    return found;
  }
  const id = table.idColumns[0]!;
  for (let i = 0; i < rowIds.length; i += 500) {
    const chunk = rowIds.slice(i, i + 500);
    // By primary key alone (a firm_id term would steer SQLite to a firm-wide index); the firm
    // is checked on each row found.
    const result = await sql<Record<string, FieldValue>>`SELECT * FROM ${sql.table(table.name)}
      WHERE ${sql.ref(id)} IN (${sql.join(chunk)})`.execute(db);
    for (const row of result.rows) if (row.firm_id === firmId) found.set(String(row[id]), row);
  }
  return found;
}
