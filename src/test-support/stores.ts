/**
 * Real stores for tests, on both engines. Every store test runs once per engine:
 *   describe.each(ENGINES)("clients [%s]", (engine) => { const t = useTestFirm(engine); ... })
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { createFirm, type FirmInput } from "../firm-setup/firm-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { fixedClock, type Clock } from "../store/clock.js";
import {
  createFirmFile,
  openFirmFile,
  openPostgresStore,
  openSqliteStore,
  type Engine,
  type Store,
} from "../store/database.js";
import { createDatabase, POSTGRES_TEMPLATE } from "./embedded-postgres.js";

export const ENGINES: readonly Engine[] = ["sqlite", "postgres"];

let databaseCounter = 0;

let sqliteTemplate: Promise<string> | undefined;

/**
 * A SQLite store migrated to the latest schema, made once per test process: new stores start as
 * a copy of its file (migrating each one took most of the time opening it did).
 */
function migratedSqliteFile(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "firmtime-template-"));
    const path = join(dir, "template.firm");
    // Closing the only connection checkpoints the WAL into the file: the file alone is the store.
    await (await openSqliteStore(path)).close();
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    return path;
  })();
  return sqliteTemplate;
}

let firmFileTemplate: Promise<string> | undefined;

/**
 * A new firm file at `path`, as `firmtime init` makes it (createFirmFile: the firm-file header,
 * migrated), copied from one made once per test process: the merge model makes three a run.
 */
export async function newFirmFile(path: string): Promise<Store> {
  firmFileTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "firmtime-template-"));
    const template = join(dir, "template.firm");
    await (await createFirmFile(template)).close();
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    return template;
  })();
  copyFileSync(await firmFileTemplate, path);
  return openFirmFile(path);
}

/**
 * A fresh store on `engine`, migrated to the latest schema (a copy of a migrated template, which
 * opening then finds up to date) or (`upTo`) to an older one.
 */
export async function openTestStore(engine: Engine, upTo?: string): Promise<Store> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "firmtime-test-"));
    const path = join(dir, "test.firm");
    if (upTo === undefined) copyFileSync(await migratedSqliteFile(), path);
    const store = await openSqliteStore(path, { upTo });
    return {
      ...store,
      close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `ft_${process.pid}_${Date.now()}_${databaseCounter++}`;
  const url = await createDatabase(
    inject("postgresUrl"),
    name,
    upTo === undefined ? POSTGRES_TEMPLATE : undefined,
  );
  return openPostgresStore(url, { max: 4, upTo });
}

export interface TestFirm {
  store: Store;
  scope: FirmScope;
}

/** A fresh store with one firm, for the tests of one describe block. */
export function useTestFirm(
  engine: Engine,
  firm: Partial<FirmInput> = {},
  clock: Clock = fixedClock("2026-06-15T12:00:00Z"),
): TestFirm {
  const holder = {} as TestFirm;
  beforeAll(async () => {
    holder.store = await openTestStore(engine);
    const created = await createFirm(holder.store.db, clock, { name: "Test & Co", currency: "USD", ...firm });
    holder.scope = { firm: created, clock, actor: "test" };
  });
  afterAll(async () => {
    await holder.store?.close();
  });
  return holder;
}
