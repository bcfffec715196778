/**
 * The entry lists' pages are read from an index in their order, on both engines: a month of the
 * firm, a staff member's own, a client's, by date either way. A sort step would read every entry
 * the filter matches (a month at M is about 20,000) to return a page of 100.
 *
 * SQLite says so in EXPLAIN QUERY PLAN ("USE TEMP B-TREE FOR ORDER BY" when it sorts).
 * PostgreSQL picks a plan by its statistics, and an empty test table is cheaper to scan; with
 * sequential scans and sorts priced out, a plan that still sorts has no index to read in order.
 */
import { PostgresAdapter, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../store/database.js";
import { ENGINES, openTestStore } from "../test-support/stores.js";
import { pagedEntryQuery, type EntryFilter, type EntryKind } from "./entry-store.js";

const FIRM = "00000000-0000-4000-8000-000000000001";
const STAFF = "00000000-0000-4000-8000-000000000002";
const CLIENT = "00000000-0000-4000-8000-000000000003";
const MONTH = { from: "2026-04-01", to: "2026-04-30" };

const LISTS: Record<string, EntryFilter> = {
  "a month of the firm": { ...MONTH, sort: "date", limit: 100, offset: 200 },
  "a month of the firm, latest first": { ...MONTH, sort: "-date", limit: 100, offset: 0 },
  "a staff member's own month": { ...MONTH, staffId: STAFF, sort: "date", limit: 100, offset: 0 },
  "a client's entries": { clientId: CLIENT, sort: "-date", limit: 100, offset: 0 },
};

describe.each(ENGINES)("entry list plans on %s", (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(engine);
  });
  afterAll(() => store?.close());

  async function plan(kind: EntryKind, filter: EntryFilter): Promise<string> {
    const query = pagedEntryQuery(store.db, FIRM, kind, filter).compile();
    if (!(store.db.getExecutor().adapter instanceof PostgresAdapter)) {
      const rows = await store.db.executeQuery<{ detail: string }>({
        ...query,
        sql: `EXPLAIN QUERY PLAN ${query.sql}`,
      });
      return rows.rows.map((row) => row.detail).join("\n");
    }
    return store.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(tx);
      await sql`SET LOCAL enable_sort = off`.execute(tx);
      const rows = await tx.executeQuery<{ "QUERY PLAN": string }>({
        ...query,
        sql: `EXPLAIN ${query.sql}`,
      });
      return rows.rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
  }

  for (const kind of ["time", "expense"] as const)
    for (const [list, filter] of Object.entries(LISTS))
      it(`reads ${list} (${kind}) from an index in order`, async () => {
        const text = await plan(kind, filter);
        expect(text).toMatch(/INDEX|Index/);
        expect(text).not.toMatch(engine === "sqlite" ? /TEMP B-TREE/ : /Sort/);
      });
});
