/**
 * Held records (merge.md): a negative time or expense entry stays on this desktop, before and
 * after integration alike, with one open warning in the warning log; when it stops being
 * negative, every change of it the cloud lacks goes up with the next merge and its warning
 * closes (it stays in the log, closed).
 *
 * Held is decided afresh from the record as it is now, at every merge, never marked once for
 * good:
 * - `releaseHeldRecords`, as a merge starts, looks again at the records its open warnings name
 *   (the held ones: a handful, whatever the size of the file);
 * - `holdNegativeEntries`, as each batch is read under the write lock, takes out the changes of
 *   entries that are negative now, so no negative entry is ever sent, and holds them (their
 *   changes get the cloud sequence HELD, so the pushed-up-to mark may pass them).
 * Both cost what the batch or the held records cost, never a scan of the file.
 *
 * An entry the cloud already has that becomes negative here: the change that made it negative
 * (and every one after it) is held like a new entry's, the warning says that the cloud keeps the
 * entry as it was, and the two sides' totals are compared without held entries (invariant 7).
 * Sending it would put on the cloud the negative entry the design keeps on the desktop; holding
 * it keeps the desktop's value visible in the warning log rather than diverging silently.
 * An entry deleted while held, that never went up, stays here with its delete: the cloud has
 * nothing to delete.
 */
import type { Db } from "../store/database.js";
import type { HeldChange } from "./change.js";
import {
  appendLog,
  changesOfRows,
  closeLogEntry,
  countOpenLog,
  HELD,
  holdRecords,
  listLog,
  openLogWithUnsentChanges,
  readSyncState,
  releaseRecord,
  rowsWithUnsentChanges,
} from "./journal-store.js";

export const HELD_WARNING = "NEGATIVE_ENTRY_NOT_MERGED";

const ENTRY_TABLES = ["time_entry", "expense_entry"] as const;
type EntryTable = (typeof ENTRY_TABLES)[number];

interface EntryNow {
  id: string;
  amount: number;
  entryDate: string;
  description: string;
}

/** The entries as they are now, by id (by primary key alone; the firm is checked on each row). */
async function readEntries(
  db: Db,
  firmId: string,
  table: EntryTable,
  ids: readonly string[],
): Promise<Map<string, EntryNow>> {
  const found = new Map<string, EntryNow>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom(table)
      .select(["id", "firm_id", "amount", "entry_date", "description"])
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      if (row.firm_id !== firmId) continue;
      found.set(row.id, {
        id: row.id,
        amount: Number(row.amount),
        entryDate: row.entry_date,
        description: row.description,
      });
    }
  }
  return found;
}

/** Rows some of whose changes the cloud has acknowledged. */
async function rowsOnTheCloud(db: Db, firmId: string, table: EntryTable, ids: readonly string[]) {
  const changes = await changesOfRows(db, firmId, table, ids);
  return new Set(
    [...changes].filter(([, list]) => list.some((c) => (c.cloudSeq ?? 0) > 0)).map(([id]) => id),
  );
}

const kindOf = (table: EntryTable) => (table === "time_entry" ? "time" : "expense");

/** A batch's entries as they are now, by table: what holding it decides on. */
export type BatchEntries = ReadonlyMap<EntryTable, ReadonlyMap<string, EntryNow>>;

const entryIdsOf = (batch: readonly HeldChange[], table: EntryTable) => [
  ...new Set(batch.filter((c) => c.tbl === table).map((c) => c.rowId)),
];

/** The entries a batch changes, as they are now (what `holdNegativeEntries` decides on). */
export async function readBatchEntries(tx: Db, firmId: string, batch: readonly HeldChange[]) {
  const entries = new Map<EntryTable, ReadonlyMap<string, EntryNow>>();
  for (const table of ENTRY_TABLES) {
    const ids = entryIdsOf(batch, table);
    if (ids.length > 0) entries.set(table, await readEntries(tx, firmId, table, ids));
  }
  return entries satisfies BatchEntries;
}

/**
 * Of a batch about to go up, the changes of entries negative now are held (with one open warning
 * per entry) and left out; the rest is returned. Run under the write lock, with the batch read
 * in the same transaction, so nothing written meanwhile escapes the check; or with `entries` read
 * earlier (`readBatchEntries`) when the caller has checked that nothing was written since.
 */
export async function holdNegativeEntries<C extends HeldChange>(
  tx: Db,
  firmId: string,
  batch: readonly C[],
  at: string,
  entries?: BatchEntries,
): Promise<C[]> {
  const held = new Set<string>();
  const read = entries ?? (await readBatchEntries(tx, firmId, batch));
  for (const table of ENTRY_TABLES) {
    const ids = entryIdsOf(batch, table);
    if (ids.length === 0) continue;
    const now = read.get(table) ?? (await readEntries(tx, firmId, table, ids));
    const negative = ids.filter((id) => (now.get(id)?.amount ?? 0) < 0);
    // A held entry deleted here before it ever went up: its delete stays with it.
    const gone = ids.filter((id) => !now.has(id));
    const goneWhileHeld: string[] = [];
    if (gone.length > 0) {
      for (const [id, changes] of await changesOfRows(tx, firmId, table, gone)) {
        const wasHeld = changes.some((c) => c.cloudSeq === HELD);
        if (wasHeld && !changes.some((c) => (c.cloudSeq ?? 0) > 0)) goneWhileHeld.push(id);
      }
    }
    const toHold = [...negative, ...goneWhileHeld];
    if (toHold.length === 0) continue;
    await holdRecords(tx, firmId, table, toHold);
    for (const id of toHold) held.add(`${table}|${id}`);
    await warnOfHeld(
      tx,
      firmId,
      table,
      negative.map((id) => now.get(id)!),
      at,
    );
  }
  return held.size === 0 ? [...batch] : batch.filter((c) => !held.has(`${c.tbl}|${c.rowId}`));
}

/** One open warning per held entry: a new one for each entry not warned of already. */
async function warnOfHeld(
  tx: Db,
  firmId: string,
  table: EntryTable,
  entries: readonly EntryNow[],
  at: string,
) {
  if (entries.length === 0) return;
  const ids = entries.map((entry) => entry.id);
  const warned = new Set(
    (await listLog(tx, firmId, "warning", { openOnly: true, code: HELD_WARNING, rowIds: ids })).map(
      (entry) => entry.rowId,
    ),
  );
  const fresh = entries.filter((entry) => !warned.has(entry.id));
  if (fresh.length === 0) return;
  const onTheCloud = await rowsOnTheCloud(
    tx,
    firmId,
    table,
    fresh.map((entry) => entry.id),
  );
  for (const entry of fresh) {
    const what = `the ${kindOf(table)} entry of ${entry.entryDate}`;
    await appendLog(tx, firmId, {
      at,
      level: "warning",
      code: HELD_WARNING,
      tbl: table,
      rowId: entry.id,
      hlc: null,
      message: onTheCloud.has(entry.id)
        ? `${what} became negative (${entry.amount} in minor units): the change stays on this desktop and the cloud keeps the entry as it was, until it is no longer negative`
        : `${what} is negative (${entry.amount} in minor units) and stays on this desktop, until it is no longer negative`,
      data: { entry_date: entry.entryDate, amount: entry.amount, description: entry.description },
    });
  }
}

/**
 * Up to this many changes waiting, their rows' warnings are read by row (migration 0018);
 * beyond, the database finds the open warnings whose rows have changes waiting. By row costs
 * about 3 µs a waiting row (reading it from the journal, one seek of the warnings' index);
 * the other way about 12 µs an open warning (each walks its row's history in the journal).
 * At M (10,402 held entries) a merge of 10,000 edited entries took 124 ms the other way and
 * 31 ms by row. The bound keeps what is held in memory small (20,000 keys, a few MB); a first
 * upload, with every entry waiting, goes the other way.
 */
const ROWS_READ_BY_ID = 20_000;

/**
 * As a merge starts: each held entry that is no longer negative goes up (all its changes the
 * cloud lacks move to the end of the journal, unsent) and its warning closes; one deleted while
 * held that never went up has nothing to send, and its warning closes too. Returns how many
 * entries were released.
 */
export async function releaseHeldRecords(
  tx: Db,
  firmId: string,
  at: string,
  { rowsReadById = ROWS_READ_BY_ID }: { rowsReadById?: number } = {},
): Promise<number> {
  // Only an entry changed since it was held can have stopped being negative (or be deleted):
  // those have unsent changes. A merge with nothing to send reads no warning at all, so its
  // cost does not grow with the number of held entries.
  const state = await readSyncState(tx, firmId);
  const touched = await rowsWithUnsentChanges(tx, state, ENTRY_TABLES, rowsReadById);
  if (touched?.size === 0) return 0;
  // An everyday merge sends a handful of rows: the warnings of those rows only (a file holds
  // thousands: 1 % of M's entries are negative). A first upload sends every entry: the rows are
  // never read (a million strings held at once took the desktop's upload from 200 to 800 MB);
  // each open warning is checked against the journal instead.
  const open = touched
    ? (
        await listLog(tx, firmId, "warning", {
          openOnly: true,
          code: HELD_WARNING,
          rowIds: [...new Set([...touched].map((key) => key.slice(key.indexOf("|") + 1)))],
        })
      ).filter((w) => touched.has(`${w.tbl}|${w.rowId}`))
    : await openLogWithUnsentChanges(tx, state, "warning", HELD_WARNING);
  let released = 0;
  for (const table of ENTRY_TABLES) {
    const warnings = open.filter((w) => w.tbl === table);
    if (warnings.length === 0) continue;
    const now = await readEntries(
      tx,
      firmId,
      table,
      warnings.map((w) => w.rowId),
    );
    const gone = warnings.filter((w) => !now.has(w.rowId)).map((w) => w.rowId);
    const onTheCloud = gone.length > 0 ? await rowsOnTheCloud(tx, firmId, table, gone) : new Set<string>();
    for (const warning of warnings) {
      const entry = now.get(warning.rowId);
      if (entry && entry.amount < 0) continue; // still negative: stays held
      if (entry || onTheCloud.has(warning.rowId)) {
        await releaseRecord(tx, firmId, table, warning.rowId);
        released++;
      }
      await closeLogEntry(tx, firmId, warning.id, at);
    }
  }
  return released;
}

/** How many entries are held on this desktop (one open warning each). */
export const countHeldRecords = (db: Db, firmId: string): Promise<number> =>
  countOpenLog(db, firmId, HELD_WARNING);
