/**
 * The store itself keeps firms apart (migration 0004): a row of one firm naming another firm's
 * record is refused by a composite foreign key, whatever code writes it; each firm's journal is
 * numbered on its own; and a store migrated from 0003 keeps its data.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFirm } from "../firm-setup/firm-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { addClient } from "../firm-setup/client-service.js";
import { parentIds, seedEveryRecord, type EveryRecord } from "../test-support/every-record.js";
import { ENGINES, openTestStore } from "../test-support/stores.js";
import { fixedClock } from "./clock.js";
import type { Store } from "./database.js";
import { migrateToLatest } from "./migrate.js";
import { REFERENCES_AT_0004 } from "./migrations/0004-firm-isolation.js";

const clock = fixedClock("2026-06-15T12:00:00Z");

/** Columns that must differ in a copied row, so only the foreign key can refuse it. */
const UNIQUE_COLUMNS: Record<string, string[]> = {
  client: ["code"],
  project: ["code"],
  contact: ["email"],
  user_account: ["email"],
  api_token: ["token_hash"],
  one_time_link: ["token_hash"],
  rate: ["target_key"],
};

const isForeignKeyError = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
};

async function firmWith(store: Store, name: string): Promise<FirmScope> {
  const firm = await createFirm(store.db, clock, { name, currency: "USD", slug: name.toLowerCase() });
  return { firm, clock, actor: "test" };
}

async function oneRow(store: Store, table: string, firmId: string): Promise<Record<string, unknown>> {
  const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}
    WHERE firm_id = ${firmId}`.execute(store.db);
  expect(rows.rows.length, `firm has a ${table} row to copy`).toBeGreaterThan(0);
  return rows.rows[0]!;
}

describe.each(ENGINES)("firms isolated by the store on %s", (engine) => {
  let store: Store;
  let alpha: FirmScope;
  let beta: FirmScope;
  let betaRecords: EveryRecord;
  let alphaRecords: EveryRecord;

  beforeAll(async () => {
    store = await openTestStore(engine);
    alpha = await firmWith(store, "Alpha");
    beta = await firmWith(store, "Beta");
    alphaRecords = await seedEveryRecord(store.db, alpha, "AL");
    betaRecords = await seedEveryRecord(store.db, beta, "BE");
  });
  afterAll(async () => {
    await store.close();
  });

  it.each(REFERENCES_AT_0004.map((r) => [`${r.table}.${r.column} → ${r.parent}`, r] as const))(
    "refuses a direct write of %s naming another firm's record, and takes its own firm's",
    async (_label, { table, column, parent }) => {
      const betaParent = parentIds(betaRecords)[parent]!;
      const alphaParent = parentIds(alphaRecords)[parent]!;
      const row = await oneRow(store, table, alpha.firm.id);

      // A copy of one of alpha's rows, naming beta's record: an insert that bypasses every service.
      const copy: Record<string, unknown> = { ...row, [column]: betaParent };
      if ("id" in copy) copy.id = `${String(row.id).slice(0, -4)}beef`;
      for (const unique of UNIQUE_COLUMNS[table] ?? []) copy[unique] = `${String(row[unique])}-copy`;
      const columns = Object.keys(copy);
      const insert = sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
        VALUES (${sql.join(columns.map((c) => copy[c] ?? null))})`;
      const inserted = await insert.execute(store.db).then(
        () => null,
        (error: unknown) => error,
      );
      expect(
        isForeignKeyError(inserted),
        `insert into ${table} naming beta's ${parent}: ${String(inserted)}`,
      ).toBe(true);

      // An update of alpha's row to beta's record, likewise refused.
      const where = "id" in row ? sql`id = ${row.id}` : sql`${sql.ref(column)} = ${row[column]}`;
      const updated = await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${betaParent}
        WHERE firm_id = ${alpha.firm.id} AND ${where}`
        .execute(store.db)
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(isForeignKeyError(updated), `update of ${table}.${column}: ${String(updated)}`).toBe(true);

      // The same write naming alpha's own record is taken: the key refuses only the other firm.
      const own = await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${alphaParent}
        WHERE firm_id = ${alpha.firm.id} AND ${where}`.execute(store.db);
      expect(Number(own.numAffectedRows)).toBe(1);
    },
  );

  it("numbers each firm's journal on its own: one firm's writes never move another's sequence", async () => {
    const head = async (firmId: string) =>
      Number(
        (
          await sql<{
            head: number | null;
          }>`SELECT max(seq) AS head FROM sync_change WHERE firm_id = ${firmId}`.execute(store.db)
        ).rows[0]?.head ?? 0,
      );
    const betaBefore = await head(beta.firm.id);
    const alphaBefore = await head(alpha.firm.id);
    for (let i = 0; i < 5; i++) await addClient(store.db, alpha, { code: `SEQ${i}`, name: `Sequence ${i}` });
    expect(await head(beta.firm.id)).toBe(betaBefore);
    expect(await head(alpha.firm.id)).toBe(alphaBefore + 5);
    // A fresh firm's journal starts at 1, whatever the others hold.
    const gamma = await firmWith(store, "Gamma");
    const seqs = await sql<{ seq: number }>`SELECT seq FROM sync_change WHERE firm_id = ${gamma.firm.id}
      ORDER BY seq`.execute(store.db);
    expect(seqs.rows.map((r) => Number(r.seq))).toEqual([1]);
  });
});

describe.each(ENGINES)("migrating a store written before firm isolation, on %s", (engine) => {
  let store: Store;
  afterAll(async () => {
    await store?.close();
  });

  it("keeps every row, repairs only references to another firm's records, and continues each journal", async () => {
    store = await openTestStore(engine, "0003-merge");
    const alpha = await firmWith(store, "Alpha");
    const beta = await firmWith(store, "Beta");
    const a = await seedEveryRecord(store.db, alpha, "AL");
    const b = await seedEveryRecord(store.db, beta, "BE");
    // What only a forged push could write before 0004: alpha's client managed by beta's staff
    // member, and alpha's group holding beta's staff member.
    await sql`UPDATE client SET manager_id = ${b.staff} WHERE id = ${a.client}`.execute(store.db);
    await sql`INSERT INTO staff_group_member (firm_id, group_id, staff_id, created_at)
      VALUES (${alpha.firm.id}, ${a.staffGroup}, ${b.staff}, '2026-06-15T12:00:00.000Z')`.execute(store.db);
    const count = async (table: string) =>
      Number(
        (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(store.db)).rows[0]!
          .n,
      );
    const tables = [...new Set(REFERENCES_AT_0004.flatMap((r) => [r.table, r.parent]))];
    const before = Object.fromEntries(
      await Promise.all(tables.map(async (t) => [t, await count(t)] as const)),
    );
    const heads = await sql<{ firm_id: string; head: number }>`SELECT firm_id, max(seq) AS head
      FROM sync_change GROUP BY firm_id`.execute(store.db);

    await migrateToLatest(store.db);

    const after = Object.fromEntries(
      await Promise.all(tables.map(async (t) => [t, await count(t)] as const)),
    );
    expect(after).toEqual({ ...before, staff_group_member: before.staff_group_member! - 1 });
    const client = await sql<{
      manager_id: string | null;
      partner_id: string | null;
    }>`SELECT manager_id, partner_id
      FROM client WHERE id = ${a.client}`.execute(store.db);
    expect(client.rows[0]).toEqual({ manager_id: null, partner_id: a.staff });
    // Each firm's journal continues from its own highest number; the repair is journaled.
    for (const { firm_id, head } of heads.rows) {
      const state = await sql<{ last_seq: number }>`SELECT last_seq FROM sync_state
        WHERE firm_id = ${firm_id}`.execute(store.db);
      expect(Number(state.rows[0]!.last_seq)).toBeGreaterThanOrEqual(Number(head));
    }
    const repairs = await sql<{ tbl: string; op: string; seq: number }>`SELECT tbl, op, seq FROM sync_change
      WHERE firm_id = ${alpha.firm.id} AND seq > ${Number(heads.rows.find((h) => h.firm_id === alpha.firm.id)!.head)}
      ORDER BY seq`.execute(store.db);
    expect(repairs.rows.map((r) => `${r.tbl} ${r.op}`).sort()).toEqual([
      "client put",
      "staff_group_member delete",
    ]);
    // And the store refuses the same write now.
    const again = await sql`UPDATE client SET manager_id = ${b.staff} WHERE id = ${a.client}`
      .execute(store.db)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isForeignKeyError(again)).toBe(true);
  });
});
