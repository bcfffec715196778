/**
 * The anchors on a tiny firm file (the demo firm): the raw insert copies every time entry into
 * a table of the same shape, and PouchDB replication pushes every entry as a document. No
 * timing is asserted: the figures are the bench's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoFirm } from "../demo/demo-firm.js";
import { fixedClock } from "../store/clock.js";
import { createFirmFile } from "../store/database.js";
import { openTestStore } from "../test-support/stores.js";
import {
  entryDocuments,
  listenPouchRemote,
  pouchPush,
  rawInsert,
  rawPostgresInsert,
  readTimeEntries,
} from "./anchors.js";

const dir = mkdtempSync(join(tmpdir(), "firmtime-anchors-"));
const firmFile = join(dir, "demo.firm");

beforeAll(async () => {
  const store = await createFirmFile(firmFile);
  try {
    await seedDemoFirm(store.db, fixedClock("2026-06-15T12:00:00Z"), {
      password: "demo password, long enough",
    });
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bench anchors", () => {
  it("insert the firm's time entries into a table of the same shape, without its triggers", () => {
    const entries = readTimeEntries(firmFile);
    expect(entries.rows.length).toBeGreaterThan(100);
    expect(entries.schema[0]).toMatch(/^CREATE TABLE "?time_entry"?/);
    expect(entries.schema.slice(1).every((sql) => sql.startsWith("CREATE INDEX"))).toBe(true);

    const copy = join(dir, "raw.db");
    expect(rawInsert(entries, copy)).toBeGreaterThan(0);
    const db = new BetterSqlite3(copy, { readonly: true });
    try {
      expect(db.prepare("SELECT * FROM time_entry ORDER BY rowid").raw().all()).toEqual(entries.rows);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it("journal each entry as the firm file's insert trigger does: one journal row each, the same fields", () => {
    const entries = readTimeEntries(firmFile);
    expect(entries.journalSchema[0]).toMatch(/^CREATE TABLE "?sync_change"?/);
    const copy = join(dir, "raw-journaled.db");
    expect(rawInsert(entries, copy, true)).toBeGreaterThan(0);
    const db = new BetterSqlite3(copy, { readonly: true });
    const firm = new BetterSqlite3(firmFile, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM time_entry").pluck().get()).toBe(entries.rows.length);
      const journal = db.prepare("SELECT row_id, hlc, data FROM sync_change ORDER BY seq").all() as {
        row_id: string;
        hlc: string;
        data: string;
      }[];
      const ids = entries.rows.map((row) => row[entries.columns.indexOf("id")]);
      expect(journal.map((change) => change.row_id)).toEqual(ids);
      // Clock readings in the order of the sequence, as the journal's string order requires.
      expect(journal.map((change) => change.hlc)).toEqual(journal.map((change) => change.hlc).sort());
      const trigger = firm
        .prepare(
          "SELECT data FROM sync_change WHERE tbl = 'time_entry' AND row_id = ? AND op = 'put' ORDER BY seq",
        )
        .pluck();
      const written = JSON.parse(trigger.get(ids[0]) as string) as Record<string, unknown>;
      const ours = JSON.parse(journal[0]!.data) as Record<string, unknown>;
      expect(Object.keys(ours).sort()).toEqual(Object.keys(written).sort());
    } finally {
      db.close();
      firm.close();
    }
  });

  it("insert the firm's time entries into a PostgreSQL table like the cloud's, and leave no table behind", async () => {
    const entries = readTimeEntries(firmFile);
    const store = await openTestStore("postgres");
    try {
      // rawPostgresInsert counts the rows it kept, or throws.
      expect(await rawPostgresInsert(entries, store.db)).toBeGreaterThan(0);
      const left = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM pg_tables WHERE tablename = 'anchor_time_entry'`.execute(store.db);
      expect(Number(left.rows[0]!.n)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("push every entry as a document to express-pouchdb over loopback HTTP", async () => {
    const entries = readTimeEntries(firmFile);
    const docs = entryDocuments(entries);
    expect(docs[0]).toMatchObject({ _id: entries.rows[0]![entries.columns.indexOf("id")] });
    // pouchPush checks that the remote holds every document, or throws.
    expect(await pouchPush(docs, listenPouchRemote, 0)).toBeGreaterThan(0);
  });
});
