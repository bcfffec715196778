/**
 * A merge with nothing to send and nothing to receive costs the same whatever the size of the
 * file (merge.md: "cost is proportional to the changes, never to the size of the file"). It runs
 * the same statements on a firm of a few records as on one with hundreds of entries, held
 * entries and conflicts, and each of them seeks an index for a handful of rows:
 * - SQLite (the desktop, and a SQLite cloud): every table is searched through an index, never
 *   scanned, sorted or de-duplicated in a temporary B-tree, and narrowed below the firm (a
 *   search by the firm alone reads the firm's whole log or journal), except the tables that hold
 *   one row per firm, the queue of rows to rebuild (empty but for a refusal's aftermath) and a
 *   MIN/MAX, which reads one end of its index;
 * - PostgreSQL (the cloud): no sequential scan or sort even with both priced out, and, run
 *   (EXPLAIN ANALYZE) on the grown firm, no step reads more than a few rows.
 * Timings are the benchmark's (src/bench/noop-merge-timing.ts); this checks the work.
 */
import { PostgresAdapter, sql, type CompiledQuery, type KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editClient } from "../firm-setup/client-service.js";
import type { Db } from "../store/database.js";
import {
  directTransport,
  openCloud,
  openDesktopCopy,
  steppingClock,
  merge,
  type Replica,
} from "../test-support/merge.js";
import { seedPractice } from "../test-support/seed.js";
import { ENGINES } from "../test-support/stores.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { mergeNow } from "./desktop-merge.js";
import { headSeq, listConflicts, readSyncState } from "./journal-store.js";

/** Every statement a Kysely instance runs (transactions' BEGIN and COMMIT aside), compiled. */
function recording(db: Db): { db: Db; statements: CompiledQuery[] } {
  const statements: CompiledQuery[] = [];
  const executor = db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      statements.push(executor.compileQuery(node, queryId));
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  return { db: db.withPlugin(plugin), statements };
}

/** Tables with one row per firm, and the queue of rows to rebuild: read by the firm alone. */
const BY_FIRM_ALONE = new Set(["firm", "sync_state", "access_version", "sync_pending"]);

/** What is wrong with a statement's SQLite plan, if anything. */
async function sqliteProblems(db: Db, query: CompiledQuery): Promise<string[]> {
  const plan = await db.executeQuery<{ detail: string }>({
    ...query,
    sql: `EXPLAIN QUERY PLAN ${query.sql}`,
  });
  const minMax = /^\s*select (max|min)\(/i.test(query.sql);
  return plan.rows
    .map((row) => row.detail)
    .filter((detail) => {
      if (/^SCAN |TEMP B-TREE/.test(detail)) return true;
      const byFirm = /^SEARCH (\w+) .*\(firm_id=\?\)$/.exec(detail);
      return byFirm !== null && !BY_FIRM_ALONE.has(byFirm[1]!) && !minMax;
    });
}

interface PgNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  Plans?: PgNode[];
}

/** What is wrong with a statement's PostgreSQL plan, run in a transaction that is rolled back. */
async function postgresProblems(db: Db, query: CompiledQuery): Promise<string[]> {
  return db.connection().execute(async (connection) => {
    await sql`BEGIN`.execute(connection);
    try {
      // An empty test table is cheaper to scan: with scans and sorts priced out, a plan that
      // still has one has no index to use.
      await sql`SET LOCAL enable_seqscan = off`.execute(connection);
      await sql`SET LOCAL enable_sort = off`.execute(connection);
      const result = await connection.executeQuery<{ "QUERY PLAN": { Plan: PgNode }[] }>({
        ...query,
        sql: `EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`,
      });
      const problems: string[] = [];
      const visit = (node: PgNode) => {
        const read = (node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0)) * node["Actual Loops"];
        if (/Seq Scan|Sort/.test(node["Node Type"])) problems.push(node["Node Type"]);
        if (read > 3)
          problems.push(`${node["Node Type"]} on ${node["Relation Name"] ?? "?"} read ${read} rows`);
        node.Plans?.forEach(visit);
      };
      visit(result.rows[0]!["QUERY PLAN"][0]!.Plan);
      return problems;
    } finally {
      await sql`ROLLBACK`.execute(connection);
    }
  });
}

describe.each(ENGINES)("a merge with nothing to do, cloud on %s", (engine) => {
  const clock = steppingClock();
  let cloud: Replica;
  let desktop: Replica & { dispose(): Promise<void> };
  const transport = () => directTransport(cloud.store, cloud.scope.firm.id, clock);

  /** The statements of one merge with nothing to do, on each side. */
  async function noOpMerge() {
    const onDesktop = recording(desktop.store.db);
    const onCloud = recording(cloud.store.db);
    const summary = await mergeNow(
      onDesktop.db,
      desktop.scope.firm.id,
      directTransport({ ...cloud.store, db: onCloud.db }, cloud.scope.firm.id, clock),
      { clock },
    );
    expect(summary).toMatchObject({ pushed: 0, refused: 0, pulled: 0, conflicts: 0 });
    return { desktop: onDesktop.statements, cloud: onCloud.statements };
  }

  let small: Awaited<ReturnType<typeof noOpMerge>>;
  let grown: Awaited<ReturnType<typeof noOpMerge>>;

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    desktop = await openDesktopCopy(cloud, clock);
    await merge(desktop, transport());
    small = await noOpMerge();

    // The firm grows on both sides: entries (some negative, held on the desktop) and a conflict.
    for (let i = 0; i < 150; i++) {
      const entry = { staff: "JD", client: "ACME", workCode: "TAX", date: "2026-06-10" };
      await addTimeEntry(desktop.store.db, desktop.scope, { ...entry, minutes: i % 25 === 0 ? -30 : 6 + i });
      await addTimeEntry(cloud.store.db, cloud.scope, { ...entry, minutes: 6 + i });
    }
    await editClient(desktop.store.db, desktop.scope, "ACME", { notes: "desktop's note" });
    // The journals stamp changes with the database's clock in milliseconds: the cloud's edit must
    // come later to win, so that the desktop logs the conflict (in the same millisecond the tie
    // went either way, and the check below failed now and then).
    await new Promise((resolve) => setTimeout(resolve, 5));
    await editClient(cloud.store.db, cloud.scope, "ACME", { notes: "cloud's note" });
    await merge(desktop, transport());
    await merge(desktop, transport());
    grown = await noOpMerge();
  });
  afterAll(async () => {
    await desktop?.dispose();
    await cloud?.store.close();
  });

  it("the grown firm has entries, held entries and a conflict on the desktop", async () => {
    const firmId = desktop.scope.firm.id;
    expect(await headSeq(desktop.store.db, firmId)).toBeGreaterThan(300);
    expect(await listConflicts(desktop.store.db, firmId)).toHaveLength(1);
    const state = await readSyncState(desktop.store.db, firmId);
    expect(state.pushedUpto).toBe(await headSeq(desktop.store.db, firmId));
  });

  it("runs the same statements on the grown firm as on the small one", () => {
    expect(small.desktop.length).toBeGreaterThan(10);
    expect(small.cloud.length).toBeGreaterThan(2);
    expect(grown.desktop.map((q) => q.sql)).toEqual(small.desktop.map((q) => q.sql));
    expect(grown.cloud.map((q) => q.sql)).toEqual(small.cloud.map((q) => q.sql));
  });

  it("reads the desktop file through indexes, a few rows at a time", async () => {
    for (const query of grown.desktop) {
      expect({ sql: query.sql, problems: await sqliteProblems(desktop.store.db, query) }).toEqual({
        sql: query.sql,
        problems: [],
      });
    }
  });

  it("reads the cloud through indexes, a few rows at a time", async () => {
    const postgres = cloud.store.db.getExecutor().adapter instanceof PostgresAdapter;
    for (const query of grown.cloud) {
      const problems = postgres
        ? await postgresProblems(cloud.store.db, query)
        : await sqliteProblems(cloud.store.db, query);
      expect({ sql: query.sql, problems }).toEqual({ sql: query.sql, problems: [] });
    }
  });
});
