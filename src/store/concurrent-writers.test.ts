/**
 * A firm file written by two processes at once: the desktop app (its requests and its background
 * merge) and a firmtime command, or two commands. Each of their transactions reads and then
 * writes, as the services do (validate against what is stored, then write). SQLite only: on
 * PostgreSQL the server orders concurrent transactions itself.
 *
 * The other process runs the compiled store (dist/, which `npm test` builds first), so the
 * two are separate processes with separate connections, as in use.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { tempDir } from "../test-support/temp-dir.js";
import { openFirmFile, createFirmFile, type Store } from "./database.js";

const DIST_STORE = new URL("../../dist/store/database.js", import.meta.url).href;
const TRANSACTIONS = 300;

/**
 * `count` transactions, each reading the table, yielding to the event loop (as a service
 * awaiting its next query does, which is when the other process gets in), then writing a row.
 */
async function readThenWrite(store: Store, writer: string, count: number) {
  const db = store.db as unknown as Kysely<Record<string, { writer: string }>>;
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    try {
      await db.transaction().execute(async (tx) => {
        await tx.selectFrom("write_test").select("writer").limit(1).execute();
        await new Promise((resolve) => setImmediate(resolve));
        await tx.insertInto("write_test").values({ writer }).execute();
      });
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  return failures;
}

/**
 * The same loop in another process, on its own connection. `ready` resolves once it has the
 * file open and starts; `failures` with what failed, when it is done.
 */
function otherProcess(path: string) {
  const script = `
    const { openFirmFile } = await import(${JSON.stringify(DIST_STORE)});
    const store = await openFirmFile(${JSON.stringify(path)});
    process.stderr.write("ready\\n");
    const failures = [];
    for (let i = 0; i < ${TRANSACTIONS}; i++) {
      try {
        await store.db.transaction().execute(async (tx) => {
          await tx.selectFrom("write_test").select("writer").limit(1).execute();
          await new Promise((resolve) => setImmediate(resolve));
          await tx.insertInto("write_test").values({ writer: "command" }).execute();
        });
      } catch (error) {
        failures.push(error.message);
      }
    }
    await store.close();
    process.stdout.write(JSON.stringify(failures));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => void (out += chunk.toString()));
  let started: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
    if (err.includes("ready\n")) started();
  });
  const failures = new Promise<string[]>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
  // Should it die before starting, the test fails on its exit rather than waiting forever.
  void failures.catch(() => started());
  return { ready, failures };
}

describe("a firm file written by two processes at once", () => {
  it("lets each transaction wait for the other's instead of failing with 'database is locked'", async () => {
    const path = join(tempDir("writers"), "shared.firm");
    const created = await createFirmFile(path);
    await created.db.schema.createTable("write_test").addColumn("writer", "text").execute();
    await created.close();

    const desktop = await openFirmFile(path);
    try {
      const command = otherProcess(path);
      await command.ready;
      const [desktopFailures, commandFailures] = await Promise.all([
        readThenWrite(desktop, "desktop", TRANSACTIONS),
        command.failures,
      ]);
      expect({ desktopFailures, commandFailures }).toEqual({ desktopFailures: [], commandFailures: [] });
      const db = desktop.db as unknown as Kysely<Record<string, { writer: string }>>;
      const rows = await db.selectFrom("write_test").select("writer").execute();
      expect(rows.filter((r) => r.writer === "desktop")).toHaveLength(TRANSACTIONS);
      expect(rows.filter((r) => r.writer === "command")).toHaveLength(TRANSACTIONS);
    } finally {
      await desktop.close();
    }
  });
});
