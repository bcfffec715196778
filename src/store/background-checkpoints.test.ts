/**
 * WAL checkpoints in the worker thread (SQLite only: PostgreSQL has no WAL file of ours). What a
 * firm's server relies on: pages written reach the database file without any COMMIT of the
 * server's doing it, the server's connection keeps a backstop, and closing leaves one whole file.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { BACKSTOP_PAGES, checkpointInBackground } from "./background-checkpoints.js";
import { openSqliteStore, type Store } from "./database.js";

const dir = mkdtempSync(join(tmpdir(), "firmtime-checkpoints-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About 2 MB in one transaction: some 500 pages, under SQLite's own automatic checkpoint (1,000). */
async function writePages(store: Store) {
  await sql`CREATE TABLE IF NOT EXISTS filler (b BLOB)`.execute(store.db);
  await sql`INSERT INTO filler SELECT randomblob(4000) FROM
    (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 500) SELECT x FROM n)`.execute(
    store.db,
  );
}

/** Waits until the file at `path` holds about 2 MB more than `before` (the pages written). */
const grown = (path: string, before: number) =>
  expect
    .poll(() => statSync(path).size, { timeout: 3000, interval: 25 })
    .toBeGreaterThanOrEqual(before + 1_900_000);

describe("SQLite checkpoints in the background", () => {
  it("copies committed pages into the database file without the server's connection doing it", async () => {
    const path = join(dir, "background.sqlite");
    const store = await openSqliteStore(path, { backgroundCheckpoints: true });
    try {
      const backstop = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(store.db);
      expect(backstop.rows).toEqual([{ wal_autocheckpoint: BACKSTOP_PAGES }]);
      const before = statSync(path).size;
      await writePages(store);
      await grown(path, before);
    } finally {
      await store.close();
    }
    // Closed: the last connection folded the WAL in and removed it; the data is all in the file.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = await openSqliteStore(path);
    try {
      const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM filler`.execute(again.db);
      expect(Number(rows.rows[0]!.n)).toBe(500);
    } finally {
      await again.close();
    }
  });

  it("leaves the pages in the WAL when no one checkpoints: the control for the test above", async () => {
    const path = join(dir, "foreground.sqlite");
    const store = await openSqliteStore(path);
    try {
      const before = statSync(path).size;
      await writePages(store);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(statSync(path).size).toBeLessThan(before + 1_000_000);
    } finally {
      await store.close();
    }
  });

  it("serves several files at once, and starts again after the last one closed", async () => {
    const first = await openSqliteStore(join(dir, "a.sqlite"), { backgroundCheckpoints: true });
    const second = await openSqliteStore(join(dir, "b.sqlite"), { backgroundCheckpoints: true });
    await first.close();
    const sizeBefore = statSync(join(dir, "b.sqlite")).size;
    await writePages(second);
    await grown(join(dir, "b.sqlite"), sizeBefore);
    await second.close();

    const third = await openSqliteStore(join(dir, "c.sqlite"), { backgroundCheckpoints: true });
    try {
      const before = statSync(join(dir, "c.sqlite")).size;
      await writePages(third);
      await grown(join(dir, "c.sqlite"), before);
    } finally {
      await third.close();
    }
  });

  it("refuses a file it cannot open, saying which, and keeps serving the others", async () => {
    const missing = join(dir, "no-such-folder", "firm.sqlite");
    await expect(checkpointInBackground(missing)).rejects.toThrow(
      `could not checkpoint ${missing} in the background`,
    );
    const store = await openSqliteStore(join(dir, "d.sqlite"), { backgroundCheckpoints: true });
    try {
      const before = statSync(join(dir, "d.sqlite")).size;
      await writePages(store);
      await grown(join(dir, "d.sqlite"), before);
    } finally {
      await store.close();
    }
  });
});
