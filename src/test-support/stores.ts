/**
 * Real stores for tests, on both engines. Every store test runs once per engine:
 *   describe.each(ENGINES)("clients [%s]", (engine) => { const t = useTestFirm(engine); ... })
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { createFirm, type FirmInput } from "../firm-setup/firm-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { fixedClock, type Clock } from "../store/clock.js";
import { openPostgresStore, openSqliteStore, type Engine, type Store } from "../store/database.js";

export const ENGINES: readonly Engine[] = ["sqlite", "postgres"];

let databaseCounter = 0;

/** A fresh store on `engine`, migrated to the latest schema or (`upTo`) to an older one. */
export async function openTestStore(engine: Engine, upTo?: string): Promise<Store> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "firmtime-test-"));
    const store = await openSqliteStore(join(dir, "test.firm"), { upTo });
    return {
      ...store,
      close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const baseUrl = inject("postgresUrl");
  const name = `ft_${process.pid}_${Date.now()}_${databaseCounter++}`;
  const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return openPostgresStore(`${baseUrl}/${name}`, { max: 4, upTo });
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
