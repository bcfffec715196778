/**
 * Scenario "anchors": two outside figures on the same generated entries, so our own rates can
 * be read as ratios (targets.ts):
 * - raw SQLite: the firm file's time_entry rows inserted by better-sqlite3 into a fresh database
 *   with the same table and indexes (no triggers, no journal), in one transaction: the local
 *   write limit; and the same with one journal row per entry (the firm's sync_change table and
 *   its indexes), the least merge.md asks of a synced write: the limit of any upload;
 * - PouchDB: the same rows as documents in a local PouchDB, pushed by replication
 *   (`local.replicate.to(remote)`) to express-pouchdb on loopback HTTP, in a process of its own
 *   as our cloud is. Both sides keep their documents in memory (the memory adapter), so the
 *   figure is replication and HTTP, not a disk.
 *
 * Run as `node dist/bench/anchors.js pouchdb-remote`, this module is that remote: it prints
 * its port and serves until its standard input closes (the bench ended, or died).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { CompiledQuery } from "kysely";
import { formatHlc } from "../merge/hlc.js";
import { openPostgresStore, type Db } from "../store/database.js";
import type { ScenarioContext } from "./bench-firm.js";
import { measure, type Figure } from "./harness.js";

export const RAW_INSERT_FIGURE = "raw better-sqlite3 bulk insert, one transaction";
export const POUCHDB_FIGURE = "PouchDB push replication (express-pouchdb, loopback HTTP)";
export const RAW_POSTGRES_FIGURE = "raw PostgreSQL multi-row insert, one transaction";
export const RAW_JOURNALED_FIGURE = "raw better-sqlite3 bulk insert, one journal row each";

/**
 * PouchDB pushes some 3,000-4,500 documents a second here: the M firm's million entries would
 * take five minutes a run. Its rate barely depends on the count, so it pushes the first
 * 100,000 entries (the issue's reference figure is for that many), 20,000 in a quick run.
 */
const POUCH_DOCS = 100_000;
const POUCH_DOCS_QUICK = 20_000;

/** The time_entry rows of a firm file, and the statements that make its table and indexes. */
export interface TimeEntryRows {
  columns: string[];
  rows: unknown[][];
  /** CREATE TABLE, then each CREATE INDEX: no triggers, so no journal. */
  schema: string[];
  /** The journal's CREATE TABLE and CREATE INDEXes (sync_change). */
  journalSchema: string[];
}

/** The columns an entry's journal row leaves out, as the insert trigger writes it (migration 0004). */
const JOURNALED_OUT = new Set(["firm_id", "amount", "updated_at"]);

export function readTimeEntries(firmFile: string): TimeEntryRows {
  const db = new BetterSqlite3(firmFile, { readonly: true, fileMustExist: true });
  try {
    const schemaOf = (table: string) =>
      db
        .prepare(
          `SELECT sql FROM sqlite_master
            WHERE tbl_name = ? AND type IN ('table', 'index') AND sql IS NOT NULL
            ORDER BY type = 'index', name`,
        )
        .pluck()
        .all(table) as string[];
    const select = db.prepare("SELECT * FROM time_entry ORDER BY rowid").raw();
    const columns = select.columns().map((column) => column.name);
    return {
      columns,
      rows: select.all() as unknown[][],
      schema: schemaOf("time_entry"),
      journalSchema: schemaOf("sync_change"),
    };
  } finally {
    db.close();
  }
}

/**
 * Inserts the rows into a new database at `path` in one transaction; seconds for that alone.
 * `journaled`: each row also appends its journal row, as a synced write does in the same
 * transaction (its sequence number, clock reading, and the row as JSON, made here).
 */
export function rawInsert(entries: TimeEntryRows, path: string, journaled = false): number {
  const db = new BetterSqlite3(path);
  try {
    // As a firm file is opened (database.ts), less the foreign keys the other tables would need.
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = OFF");
    for (const statement of entries.schema) db.exec(statement);
    if (journaled) for (const statement of entries.journalSchema) db.exec(statement);
    const insert = db.prepare(
      `INSERT INTO time_entry (${entries.columns.map((c) => `"${c}"`).join(", ")})
       VALUES (${entries.columns.map(() => "?").join(", ")})`,
    );
    const journal = journaled
      ? db.prepare(
          `INSERT INTO sync_change (seq, firm_id, hlc, replica, tbl, row_id, op, data, seen, author)
           VALUES (?, ?, ?, ?, 'time_entry', ?, 'put', ?, ?, ?)`,
        )
      : undefined;
    const at = (column: string) => entries.columns.indexOf(column);
    const [idAt, firmAt, staffAt] = [at("id"), at("firm_id"), at("staff_id")];
    const kept = entries.columns.flatMap((column, index) => (JOURNALED_OUT.has(column) ? [] : [index]));
    const replica = "r0123456789abcdef";
    const millis = Date.now();
    const insertAll = db.transaction((rows: unknown[][]) => {
      let seq = 0;
      for (const row of rows) {
        insert.run(row);
        if (!journal) continue;
        seq += 1;
        const data: Record<string, unknown> = {};
        for (const index of kept) data[entries.columns[index]!] = row[index];
        const hlc = formatHlc({ millis: millis + (seq >> 16), counter: seq & 0xffff, replica });
        journal.run(seq, row[firmAt], hlc, replica, row[idAt], JSON.stringify(data), seq, row[staffAt]);
      }
    });
    const started = process.hrtime.bigint();
    insertAll(entries.rows);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const count = db.prepare("SELECT count(*) FROM time_entry").pluck().get() as number;
    if (count !== entries.rows.length)
      throw new Error(`raw insert kept ${count} of ${entries.rows.length} rows`);
    return seconds;
  } finally {
    db.close();
  }
}

/** PostgreSQL takes at most 65,535 parameters a statement: rows per INSERT for these columns. */
const rowsPerInsert = (columns: number) => Math.min(1_000, Math.floor(65_535 / columns));

/**
 * Inserts the rows, by multi-row INSERTs in one transaction, into a new table of a migrated
 * PostgreSQL cloud database made LIKE its time_entry (INCLUDING ALL: columns, defaults,
 * constraints and indexes; no triggers, so no journal, and no foreign keys); seconds for that
 * alone. The table is dropped after.
 */
export async function rawPostgresInsert(entries: TimeEntryRows, db: Db): Promise<number> {
  const table = "anchor_time_entry";
  const columns = entries.columns.map((c) => `"${c}"`).join(", ");
  const perInsert = rowsPerInsert(entries.columns.length);
  const valuesOf = (count: number) =>
    Array.from(
      { length: count },
      (_, row) =>
        `(${entries.columns.map((_, column) => `$${row * entries.columns.length + column + 1}`).join(", ")})`,
    ).join(", ");
  const full = `INSERT INTO ${table} (${columns}) VALUES ${valuesOf(perInsert)}`;
  await db.executeQuery(CompiledQuery.raw(`DROP TABLE IF EXISTS ${table}`));
  await db.executeQuery(CompiledQuery.raw(`CREATE TABLE ${table} (LIKE time_entry INCLUDING ALL)`));
  try {
    const started = process.hrtime.bigint();
    await db.connection().execute(async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("BEGIN"));
      try {
        for (let i = 0; i < entries.rows.length; i += perInsert) {
          const rows = entries.rows.slice(i, i + perInsert);
          const text =
            rows.length === perInsert
              ? full
              : `INSERT INTO ${table} (${columns}) VALUES ${valuesOf(rows.length)}`;
          await connection.executeQuery(CompiledQuery.raw(text, rows.flat()));
        }
        await connection.executeQuery(CompiledQuery.raw("COMMIT"));
      } catch (error) {
        await connection.executeQuery(CompiledQuery.raw("ROLLBACK"));
        throw error;
      }
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { rows } = await db.executeQuery<{ n: string }>(
      CompiledQuery.raw(`SELECT count(*) AS n FROM ${table}`),
    );
    if (Number(rows[0]!.n) !== entries.rows.length)
      throw new Error(`raw PostgreSQL insert kept ${rows[0]!.n} of ${entries.rows.length} rows`);
    return seconds;
  } finally {
    await db.executeQuery(CompiledQuery.raw(`DROP TABLE ${table}`));
  }
}

// PouchDB ships no types of its own (and DefinitelyTyped's pull the DOM library into the whole
// program): the little used here, typed here.
interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<unknown[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  replicate: { to(target: PouchDatabase): Promise<{ ok: boolean; docs_written: number; errors: unknown[] }> };
}
interface PouchStatic {
  new (name: string, options?: { adapter: string }): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  defaults(options: { adapter: string }): PouchStatic;
}

const require = createRequire(import.meta.url);

/** PouchDB with these plugins. A plugin changes the one PouchDB class: each is added once. */
const added = new Set<string>();
function pouchWith(...plugins: string[]): PouchStatic {
  let pouch = require("pouchdb-core") as PouchStatic;
  for (const plugin of plugins) {
    if (added.has(plugin)) continue;
    pouch = pouch.plugin(require(plugin));
    added.add(plugin);
  }
  return pouch;
}

export interface PouchRemote {
  /** http://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
}

/** The remote, in this process: express-pouchdb on 127.0.0.1, a free port, documents in memory. */
export async function listenPouchRemote(): Promise<PouchRemote> {
  const pouch = pouchWith("pouchdb-adapter-memory").defaults({ adapter: "memory" });
  const expressPouchDB = require("express-pouchdb") as (
    pouch: PouchStatic,
    options: { mode: string; inMemoryConfig: boolean },
  ) => { listen(port: number, host: string): Server };
  const server = expressPouchDB(pouch, { mode: "minimumForPouchDB", inMemoryConfig: true }).listen(
    0,
    "127.0.0.1",
  );
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The remote in a process of its own (this module, run with "pouchdb-remote"), as our cloud is. */
export async function startPouchRemoteProcess(cwd: string): Promise<PouchRemote> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "pouchdb-remote"], {
    cwd,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(text.trim());
    });
    void exit.then(() => reject(new Error("the PouchDB remote exited before it listened")));
  });
  return {
    url,
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** The rows as documents: the entry id is the document id, every other column a field. */
export function entryDocuments(entries: TimeEntryRows): object[] {
  const idColumn = entries.columns.indexOf("id");
  return entries.rows.map((row) => {
    const doc: Record<string, unknown> = { _id: row[idColumn] };
    entries.columns.forEach((column, i) => {
      if (i !== idColumn) doc[column] = row[i];
    });
    return doc;
  });
}

/** Puts the documents into a local PouchDB (not timed), then times their push to a fresh remote. */
export async function pouchPush(
  docs: object[],
  startRemote: () => Promise<PouchRemote>,
  run: number,
): Promise<number> {
  const remoteServer = await startRemote();
  const pouch = pouchWith("pouchdb-adapter-memory", "pouchdb-adapter-http", "pouchdb-replication");
  const local = new pouch(`bench-local-${run}`, { adapter: "memory" });
  try {
    for (let i = 0; i < docs.length; i += 5_000) await local.bulkDocs(docs.slice(i, i + 5_000));
    const remote = new pouch(`${remoteServer.url}/bench`);
    await remote.info(); // creates the database, outside the timing
    const started = process.hrtime.bigint();
    const result = await local.replicate.to(remote);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { doc_count } = await remote.info();
    if (!result.ok || result.docs_written !== docs.length || doc_count !== docs.length) {
      throw new Error(
        `PouchDB replication wrote ${result.docs_written} of ${docs.length} documents (remote has ${doc_count})`,
      );
    }
    return seconds;
  } finally {
    await local.destroy();
    await remoteServer.stop();
  }
}

export async function anchorsScenario(context: ScenarioContext): Promise<Figure[]> {
  const { quick, scale, fixture } = context;
  const firm = await fixture.firm(scale);
  const entries = readTimeEntries(firm.path);
  const n = entries.rows.length;
  const dir = fixture.scratch("anchors");
  const figures: Figure[] = [];

  const raw = await measure(quick ? 1 : 3, (run) => {
    const path = join(dir, `raw-${run}.db`);
    try {
      return n / rawInsert(entries, path);
    } finally {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
    }
  });
  figures.push({
    scenario: "anchors",
    name: RAW_INSERT_FIGURE,
    unit: "rows/s",
    ...raw,
    note: `${n} time entries of the ${scale} firm; same table and ${entries.schema.length - 1} indexes, no triggers`,
  });
  const journaled = await measure(quick ? 1 : 3, (run) => {
    const path = join(dir, `raw-journaled-${run}.db`);
    try {
      return n / rawInsert(entries, path, true);
    } finally {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
    }
  });
  figures.push({
    scenario: "anchors",
    name: RAW_JOURNALED_FIGURE,
    unit: "rows/s",
    ...journaled,
    note: `the same, each row with its journal row (sync_change and its ${entries.journalSchema.length - 1} indexes): the most an upload that journals can reach here, ${(journaled.median / raw.median).toFixed(2)}x the raw insert`,
  });

  // The PostgreSQL cloud's own limit, for its upload: a database migrated as the cloud's is.
  const store = await openPostgresStore(await (await fixture.postgres()).newDatabase("anchor"), { max: 1 });
  try {
    const rawPostgres = await measure(
      quick ? 1 : 3,
      async () => n / (await rawPostgresInsert(entries, store.db)),
    );
    figures.push({
      scenario: "anchors",
      name: RAW_POSTGRES_FIGURE,
      unit: "rows/s",
      ...rawPostgres,
      note: `${n} time entries of the ${scale} firm into a table LIKE the cloud's time_entry (its indexes, no triggers), ${rowsPerInsert(entries.columns.length)} rows an INSERT`,
    });
  } finally {
    await store.close();
  }

  const docs = entryDocuments({
    ...entries,
    rows: entries.rows.slice(0, quick ? POUCH_DOCS_QUICK : POUCH_DOCS),
  });
  const pouch = await measure(
    quick ? 1 : 3,
    async (run) => docs.length / (await pouchPush(docs, () => startPouchRemoteProcess(dir), run)),
  );
  figures.push({
    scenario: "anchors",
    name: POUCHDB_FIGURE,
    unit: "docs/s",
    ...pouch,
    note: `the first ${docs.length} of the ${n} entries, memory adapter on both sides, default batches (100)`,
  });
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "pouchdb-remote") {
  const remote = await listenPouchRemote();
  process.stdout.write(`${remote.url}\n`);
  process.stdin.resume();
  process.stdin.once("end", () => process.exit(0));
}
