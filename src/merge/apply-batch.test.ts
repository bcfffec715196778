/**
 * The fast lanes of a pushed batch (apply-batch.ts) against the slow path they stand for:
 * the same batch pushed on the same cloud, once through applyBatch and once one change at a
 * time through applyChange, must answer every change alike and leave every table alike (rows,
 * journal with its sequence numbers, conflicts, refusals, logs). Each push runs in a
 * transaction that is rolled back, so both start from the same store.
 */
import type { KyselyPlugin } from "kysely";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UserAccount } from "../access/account-store.js";
import type { Actor } from "../access/authorize.js";
import { findFirm } from "../firm-setup/firm-store.js";
import { fixedClock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import { openCloud, type Replica } from "../test-support/merge.js";
import { seedPractice, snapshotStore, type StoreSnapshot } from "../test-support/seed.js";
import { ENGINES } from "../test-support/stores.js";
import { setEntryStatus } from "../time-expense/status-service.js";
import { addExpenseEntry } from "../time-expense/expense-entry-service.js";
import { addTimeEntry, editTimeEntry } from "../time-expense/time-entry-service.js";
import type { FieldValue } from "./change.js";
import { pushChanges } from "./cloud-sync-service.js";
import { formatHlc } from "./hlc.js";
import { headSeq, readRecord } from "./journal-store.js";
import type { PushAnswer, WireChange } from "./sync-protocol.js";
import { syncedTable } from "./synced-tables.js";

/** Switches applyBatch to the slow path: each change through applyChange, with the batch's cache. */
const lanes = vi.hoisted(() => ({ off: false }));
vi.mock("./apply-batch.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./apply-batch.js")>();
  const { applyChange } = await import("./apply-changes.js");
  const applyBatch: typeof actual.applyBatch = async (db, context, changes, cache) => {
    if (!lanes.off) return actual.applyBatch(db, context, changes, cache);
    const results = [];
    for (const change of changes) results.push(await applyChange(db, context, change, cache));
    return results;
  };
  return { ...actual, applyBatch };
});

const REPLICA = "janes-desk";
const rollback = new Error("rolled back on purpose");

/** Counts the statements a push sends to the database (built by Kysely or given as text). */
const counting = (count: () => void): KyselyPlugin => ({
  transformQuery: (args) => args.node,
  transformResult: (args) => (count(), Promise.resolve(args.result)),
});

/** Every table, without the random ids of conflict and log rows (made anew by each push), sorted. */
function comparable(snapshot: StoreSnapshot): StoreSnapshot {
  const result: StoreSnapshot = {};
  for (const [table, rows] of Object.entries(snapshot)) {
    const kept = rows.map((row) => {
      if (table !== "sync_conflict" && table !== "sync_log") return row;
      const { id: _id, ...rest } = row as Record<string, unknown>;
      return rest;
    });
    result[table] = kept.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

describe.each(ENGINES)("a pushed batch on %s: the fast lanes answer and write as the slow path", (engine) => {
  const clock = fixedClock("2026-06-15T12:00:00.000Z");
  let cloud: Replica;
  let jane: Actor;
  const entries: Record<string, string> = {};
  // The cloud's wall clock, the same for both pushes (it sets the cloud's HLC state).
  let wall: number;
  let counter = 0;
  const hlcAt = (millis: number) => formatHlc({ millis, counter: counter++, replica: REPLICA });
  const put = (
    rowId: string,
    data: Record<string, FieldValue>,
    hlc = hlcAt(Date.now()),
    seen?: number,
    tbl = "time_entry",
  ) =>
    ({
      hlc,
      tbl,
      rowId,
      op: "put",
      data,
      seen: seen ?? null,
      author: "jane@firm.test",
    }) satisfies WireChange;

  /** Pushes `changes` twice, on the slow path then through the lanes, each rolled back. */
  async function pushBothWays(changes: WireChange[], prepare?: (tx: Db) => Promise<void>) {
    const request = { schema: SCHEMA_VERSION, replica: REPLICA, batchId: `batch-${counter++}`, changes };
    const run = async (slow: boolean) => {
      lanes.off = slow;
      let statements = 0;
      let outcome: { answer: PushAnswer; store: StoreSnapshot } | undefined;
      await cloud.store.db
        .transaction()
        .execute(async (tx) => {
          await prepare?.(tx);
          const firm = await findFirm(tx, cloud.scope.firm.id);
          const counted = tx.withPlugin(counting(() => statements++));
          const answer = await pushChanges(counted, firm, jane, structuredClone(request), clock, () => wall);
          outcome = { answer, store: comparable(await snapshotStore(tx)) };
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
      lanes.off = false;
      return { ...outcome!, statements };
    };
    const slow = await run(true);
    const fast = await run(false);
    return { slow, fast };
  }

  /** Each change's outcome: "accepted", or the code it was refused with. */
  const outcomes = (answer: PushAnswer) =>
    answer.results.map((r) => (r.status === "accepted" ? r.status : r.code));

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    const add = async (name: string, staff: string, minutes = 60) => {
      const entry = await addTimeEntry(cloud.store.db, cloud.scope, {
        staff,
        client: "ACME",
        workCode: "TAX",
        date: "2026-06-10",
        minutes,
        description: `entry ${name}`,
      });
      entries[name] = entry.id;
    };
    for (const name of ["a", "b", "c", "e", "f", "g", "h"]) await add(name, "JD");
    await add("d", "AB");
    for (let i = 0; i < 80; i++) await add(`many${i}`, "JD", 30);
    const printing = await addExpenseEntry(cloud.store.db, cloud.scope, {
      staff: "JD",
      client: "ACME",
      workCode: "PRINT",
      date: "2026-06-10",
      quantity: 10_000,
    });
    entries.print = printing.id;
    await setEntryStatus(cloud.store.db, cloud.scope, "time", [entries.c!], "submitted");
    await setEntryStatus(cloud.store.db, cloud.scope, "time", [entries.c!], "approved");
    const jd = await cloud.store.db
      .selectFrom("staff")
      .select("id")
      .where("firm_id", "=", cloud.scope.firm.id)
      .where("staff_number", "=", "JD")
      .executeTakeFirstOrThrow();
    // Jane, staff member JD, with a staff user's own rights: her own entries only.
    jane = {
      kind: "user",
      user: { id: "jane", email: "jane@firm.test", staffId: jd.id } as unknown as UserAccount,
      rights: {
        unrestricted: false,
        staffId: jd.id,
        contactId: null,
        assignments: [],
        managedEntityIds: new Set(),
      },
      sessionId: null,
      tokenId: null,
    };
    wall = Date.now() + 60_000;
  });
  afterAll(async () => {
    await cloud.store.close();
  });

  it("a batch mixing edits, refusals, conflicts, an insert and a delete", async () => {
    // Jane last pulled before someone on the cloud edited e and f: her edits of them are concurrent.
    const seen = await headSeq(cloud.store.db, cloud.scope.firm.id);
    const beforeTheirs = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const name of ["e", "f"])
      await editTimeEntry(cloud.store.db, cloud.scope, entries[name]!, { description: `cloud's ${name}` });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const stored = await readRecord(
      cloud.store.db,
      cloud.scope.firm.id,
      syncedTable("time_entry")!,
      entries.a!,
    );
    const newId = "0190f0a0-0000-7000-8000-00000000abcd";
    const { firm_id: _f, updated_at: _u, amount: _a, ...fields } = stored!;
    const first = put(entries.a!, { description: "a, first" });
    const { slow, fast } = await pushBothWays([
      first,
      put(entries.b!, { minutes: 90 }),
      put(
        entries.print!,
        { quantity: 40_000, description: "printed" },
        undefined,
        undefined,
        "expense_entry",
      ),
      put(entries.c!, { description: "an approved entry" }),
      put(entries.a!, { description: "a, second", billable: 0 }),
      put(entries.d!, { description: "Al's entry" }),
      put("0190f0a0-0000-7000-8000-000000000000", { description: "nobody's" }),
      put(entries.e!, { description: "Jane's e" }, hlcAt(Date.now()), seen),
      put(entries.f!, { description: "Jane's f" }, hlcAt(beforeTheirs), seen),
      put(entries.g!, { client_id: "0190f0a0-0000-7000-8000-0000000000ff" }),
      put(newId, { ...fields, id: newId, description: "new" }),
      put(newId, { description: "new, edited" }),
      { ...put(entries.h!, {}), op: "delete" },
      put(entries.b!, { description: "b, after the flush" }),
      put(entries.a!, { description: "a, second" }),
      first,
    ]);
    expect(fast.answer).toEqual(slow.answer);
    expect(fast.store).toEqual(slow.store);
    // What the batch does, so the comparison is of something.
    expect(outcomes(fast.answer)).toEqual([
      "accepted",
      "accepted",
      "accepted",
      "ENTRY_LOCKED",
      "accepted",
      "FORBIDDEN",
      "NOT_FOUND",
      "accepted",
      "accepted",
      "REFERENCE",
      "accepted",
      "accepted",
      "accepted",
      "accepted",
      "accepted",
      "accepted",
    ]);
    const entryRow = (id: string) =>
      fast.store
        .time_entry!.map((row) => JSON.parse(row as string) as Record<string, FieldValue>)
        .find((r) => r.id === id);
    expect(entryRow(entries.a!)).toMatchObject({ description: "a, second", billable: 0 });
    expect(entryRow(entries.b!)).toMatchObject({ minutes: 90, amount: 225_00 });
    // 40 units of printing at 0.25 plus 15 %: 11.50.
    const expense = fast.store.expense_entry!.map(
      (row) => JSON.parse(row as string) as Record<string, FieldValue>,
    );
    expect(expense.find((r) => r.id === entries.print)).toMatchObject({ quantity: 40_000, amount: 11_50 });
    expect(entryRow(entries.e!)).toMatchObject({ description: "Jane's e" });
    expect(entryRow(entries.f!)).toMatchObject({ description: "cloud's f" });
    expect(entryRow(newId)).toMatchObject({ description: "new, edited" });
    expect(entryRow(entries.h!)).toBeUndefined();
    expect(
      fast.store.sync_conflict!.map((row) => JSON.parse(row as string) as Record<string, FieldValue>),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "overwrite", lost_value: JSON.stringify("cloud's e") }),
        expect.objectContaining({ kind: "overwrite", lost_value: JSON.stringify("Jane's f") }),
      ]),
    );
    expect(fast.statements).toBeLessThan(slow.statements);
  });

  it("a batch of edits takes a few statements, however many edits", async () => {
    const edits = (count: number) =>
      Array.from({ length: count }, (_, i) =>
        put(entries[`many${i}`]!, { description: `edited ${i}`, ...(i % 3 === 0 && { minutes: 42 }) }),
      );
    const few = await pushBothWays(edits(16));
    const { slow, fast } = await pushBothWays(edits(80));
    expect(fast.answer).toEqual(slow.answer);
    expect(fast.store).toEqual(slow.store);
    expect(fast.answer.results.every((r) => r.status === "accepted")).toBe(true);
    expect(slow.statements).toBeGreaterThan(4 * 80);
    // Five times the edits: a few statements more (multi-row statements of a few fixed sizes).
    expect(fast.statements).toBeLessThan(80 / 2);
    expect(fast.statements - few.fast.statements).toBeLessThan(12);
  });

  it("a flush the database refuses is undone and each change applied alone, with the same answers", async () => {
    // A unique index only this test has (rolled back with it): two entries may not share a text.
    const uniqueDescriptions = async (tx: Db) => {
      await sql`CREATE UNIQUE INDEX test_time_entry_text ON time_entry (firm_id, description)`.execute(tx);
    };
    const newId = "0190f0a0-0000-7000-8000-00000000beef";
    const stored = await readRecord(
      cloud.store.db,
      cloud.scope.firm.id,
      syncedTable("time_entry")!,
      entries.b!,
    );
    const { firm_id: _f, updated_at: _u, amount: _a, ...fields } = stored!;
    const { slow, fast } = await pushBothWays(
      [
        put(entries.a!, { description: "taken once" }),
        put(entries.a!, { description: "a's own", minutes: 120 }),
        put(newId, { ...fields, id: newId, description: "a new one" }),
        put(entries.b!, { description: "shared" }),
        put(entries.e!, { description: "shared" }),
        put(entries.f!, { description: "f's own" }),
      ],
      uniqueDescriptions,
    );
    expect(fast.answer).toEqual(slow.answer);
    expect(fast.store).toEqual(slow.store);
    expect(outcomes(fast.answer)).toEqual([
      "accepted",
      "accepted",
      "accepted",
      "accepted",
      "DUPLICATE",
      "accepted",
    ]);
  });
});
