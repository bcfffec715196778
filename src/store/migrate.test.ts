/**
 * Migrating a firm file that an older firmtime wrote (SQLite; PostgreSQL migrates in Kysely's
 * transaction under an advisory lock). A file is opened by several processes (the desktop app and
 * a command, after an upgrade of both), so its pending migrations run in one transaction that
 * takes the write lock first: two processes opening it at once both open it, a migration that
 * fails leaves the file as it was, and a file from a newer firmtime is refused untouched.
 *
 * The other process runs the compiled store (dist/, which `npm test` builds first).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { tempDir } from "../test-support/temp-dir.js";
import { FIRM_FILE_APPLICATION_ID, openFirmFile, openSqliteStore } from "./database.js";
import { SCHEMA_VERSION } from "./migrate.js";

const DIST_STORE = new URL("../../dist/store/database.js", import.meta.url).href;
/** The schema the old files are left at: the migrations after it make tables and indexes. */
const OLD_SCHEMA = "0012-two-factor";

/** A firm file as a build that stopped at OLD_SCHEMA left it. */
async function oldFirmFile(path: string): Promise<void> {
  const store = await openSqliteStore(path, { upTo: OLD_SCHEMA });
  await store.close();
  const raw = new BetterSqlite3(path);
  try {
    // The firm file's mark must reach the main file's header: outside WAL, as createFirmFile does.
    raw.pragma("journal_mode = DELETE");
    raw.pragma(`application_id = ${FIRM_FILE_APPLICATION_ID}`);
  } finally {
    raw.close();
  }
}

function migrations(path: string): string[] {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    return raw.prepare("SELECT name FROM kysely_migration ORDER BY name").pluck().all() as string[];
  } finally {
    raw.close();
  }
}

function tableExists(path: string, name: string): boolean {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    return (
      raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
    );
  } finally {
    raw.close();
  }
}

/**
 * Another process that opens the file when told to: `ready` once it has loaded the store, `go()`
 * to open, `opened` with "ok" or what failed.
 */
function otherProcess(path: string) {
  const script = `
    const { openFirmFile } = await import(${JSON.stringify(DIST_STORE)});
    process.stderr.write("ready\\n");
    process.stdin.once("data", async () => {
      try {
        const store = await openFirmFile(${JSON.stringify(path)});
        await store.close();
        process.stdout.write("ok");
      } catch (error) {
        process.stdout.write(String(error.message));
      }
      process.exit(0);
    });`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes("ready")) resolve();
    });
    child.once("exit", () => reject(new Error(`the other process ended: ${err}`)));
  });
  const opened = new Promise<string>((resolve) => child.once("exit", () => resolve(out || err)));
  return { ready, opened, go: () => child.stdin.write("go\n") };
}

describe("migrating a firm file from an older firmtime", () => {
  it("lets two processes open it at the same moment: both open it, migrated once", async () => {
    const dir = tempDir("migrate");
    // Before the migrations took the lock, one of the two failed in 6 of 10 tries ("table
    // accounting_setting already exists"): five tries.
    for (let attempt = 0; attempt < 5; attempt++) {
      const path = join(dir, `old-${attempt}.firm`);
      await oldFirmFile(path);
      const other = otherProcess(path);
      await other.ready;
      other.go();
      const here = await openFirmFile(path).then(
        async (store) => {
          await store.close();
          return "ok";
        },
        (error: Error) => error.message,
      );
      expect([here, await other.opened], `attempt ${attempt}`).toEqual(["ok", "ok"]);
      const names = migrations(path);
      expect(names.at(-1)).toBe(SCHEMA_VERSION);
      expect(new Set(names).size).toBe(names.length);
    }
  }, 60_000);

  it("leaves the file as it was when a migration fails, and migrates it once the cause is gone", async () => {
    const path = join(tempDir("migrate"), "old.firm");
    await oldFirmFile(path);
    // A table in the way of 0014 makes it fail after 0013 has run in the same open.
    const raw = new BetterSqlite3(path);
    raw.exec("CREATE TABLE accounting_books_read (in_the_way integer)");
    raw.close();

    await expect(openFirmFile(path)).rejects.toThrow(/accounting_books_read/);
    expect(migrations(path).at(-1)).toBe(OLD_SCHEMA);
    expect(tableExists(path, "accounting_setting")).toBe(false);

    const fix = new BetterSqlite3(path);
    fix.exec("DROP TABLE accounting_books_read");
    fix.close();
    const store = await openFirmFile(path);
    await store.close();
    expect(migrations(path).at(-1)).toBe(SCHEMA_VERSION);
    expect(tableExists(path, "accounting_setting")).toBe(true);
  });

  it("migrates a file that already held a broken reference, and leaves that reference as it was", async () => {
    const path = join(tempDir("migrate"), "stray.firm");
    await oldFirmFile(path);
    const raw = new BetterSqlite3(path);
    raw.pragma("foreign_keys = OFF");
    raw.exec(`CREATE TABLE stray (firm_id text REFERENCES firm (firm_id));
      INSERT INTO stray VALUES ('no-such-firm')`);
    raw.close();

    const store = await openFirmFile(path);
    await store.close();
    expect(migrations(path).at(-1)).toBe(SCHEMA_VERSION);
    const after = new BetterSqlite3(path, { readonly: true });
    try {
      expect(after.pragma("foreign_key_check")).toEqual([
        expect.objectContaining({ table: "stray", parent: "firm" }),
      ]);
    } finally {
      after.close();
    }
  });

  it("refuses a file from a newer firmtime and leaves it untouched", async () => {
    const path = join(tempDir("migrate"), "newer.firm");
    await oldFirmFile(path);
    const raw = new BetterSqlite3(path);
    raw
      .prepare("INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)")
      .run("9999-from-the-future", "x");
    raw.close();

    await expect(openFirmFile(path)).rejects.toMatchObject({ code: "FIRM_FILE_NEWER" });
    expect(migrations(path)).toContain("9999-from-the-future");
    expect(tableExists(path, "accounting_setting")).toBe(false);
  });
});
