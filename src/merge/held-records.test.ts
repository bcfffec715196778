/**
 * Held records (merge.md): a negative entry stays on the desktop with one open warning, at every
 * merge, before and after integration alike; once it is no longer negative it goes up whole with
 * the next merge and its warning closes. Status counts held entries, and money per client agrees
 * between the replicas once held entries are left out (invariant 7).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../store/database.js";
import {
  directTransport,
  merge,
  openCloud,
  openDesktopCopy,
  steppingClock,
  type Replica,
} from "../test-support/merge.js";
import { QueryLog } from "../test-support/query-log.js";
import { seedPractice } from "../test-support/seed.js";
import { ENGINES } from "../test-support/stores.js";
import {
  addTimeEntry,
  deleteTimeEntry,
  editTimeEntry,
  getTimeEntry,
} from "../time-expense/time-entry-service.js";
import { mergeNow, type SyncTransport } from "./desktop-merge.js";
import { releaseHeldRecords } from "./held-records.js";
import { listLog } from "./journal-store.js";
import { mergeStatus } from "./merge-status.js";

const HELD = "NEGATIVE_ENTRY_NOT_MERGED";

describe.each(ENGINES)("held entries on %s", (engine) => {
  const clock = steppingClock();
  let cloud: Replica;
  let desktop: Replica & { dispose(): Promise<void> };
  const transport = () => directTransport(cloud.store, cloud.scope.firm.id, clock);
  const onCloud = async (id: string) =>
    (await cloud.store.db
      .selectFrom("time_entry")
      .select(["minutes", "amount"])
      .where("id", "=", id)
      .executeTakeFirst()) ?? null;
  const warnings = async (rowId: string) =>
    (await listLog(desktop.store.db, desktop.scope.firm.id, "warning")).filter(
      (w) => w.code === HELD && w.rowId === rowId,
    );
  const held = async () => (await mergeStatus(desktop.store.db, desktop.scope.firm.id, null)).held;
  const newEntry = (minutes: number, date = "2026-06-03") =>
    addTimeEntry(desktop.store.db, desktop.scope, {
      staff: "JD",
      client: "ACME",
      workCode: "TAX",
      date,
      minutes,
      description: "write-down",
    });

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    desktop = await openDesktopCopy(cloud, clock);
    await merge(desktop, transport());
  });
  afterAll(async () => {
    await desktop.dispose();
    await cloud.store.close();
  });

  it("a negative entry made on a desktop merging with its cloud stays there, with one open warning", async () => {
    const entry = await newEntry(-30);
    await merge(desktop, transport());
    await merge(desktop, transport());
    expect(await onCloud(entry.id)).toBeNull();
    expect(await warnings(entry.id)).toEqual([
      expect.objectContaining({
        closedAt: null,
        message: expect.stringContaining("is negative") as unknown,
      }),
    ]);
    expect(await held()).toBe(1);
    const status = await mergeStatus(desktop.store.db, desktop.scope.firm.id, null);
    expect(status.waitingUp).toBe(0);
  });

  it("edited to a positive amount, it goes up whole with the next merge and its warning closes", async () => {
    const [warning] = (await listLog(desktop.store.db, desktop.scope.firm.id, "warning")).filter(
      (w) => w.code === HELD,
    );
    const id = warning!.rowId;
    await editTimeEntry(desktop.store.db, desktop.scope, id, { minutes: 90 });
    expect((await mergeStatus(desktop.store.db, desktop.scope.firm.id, null)).waitingUp).toBeGreaterThan(0);
    await merge(desktop, transport());
    const there = await getTimeEntry(cloud.store.db, cloud.scope, id);
    expect(there).toMatchObject({ minutes: 90, description: "write-down", date: "2026-06-03" });
    expect(await warnings(id)).toEqual([
      expect.objectContaining({ closedAt: expect.any(String) as unknown }),
    ]);
    expect(await held()).toBe(0);
    expect(await listLog(desktop.store.db, desktop.scope.firm.id, "warning", { openOnly: true })).toEqual([]);
  });

  it("an entry the cloud has, edited negative here: the edit stays, the cloud keeps it as it was, until it is positive again", async () => {
    const entry = await newEntry(60, "2026-06-04");
    await merge(desktop, transport());
    const before = await onCloud(entry.id);
    expect(before).toMatchObject({ minutes: 60 });

    await editTimeEntry(desktop.store.db, desktop.scope, entry.id, { minutes: -60 });
    await merge(desktop, transport());
    expect(await onCloud(entry.id)).toEqual(before);
    expect(await warnings(entry.id)).toEqual([
      expect.objectContaining({
        closedAt: null,
        message: expect.stringContaining("the cloud keeps") as unknown,
      }),
    ]);
    expect(await held()).toBe(1);
    // Invariant 7: money per client agrees once held entries are left out on both sides.
    const heldIds = (
      await listLog(desktop.store.db, desktop.scope.firm.id, "warning", { openOnly: true })
    ).map((w) => w.rowId);
    expect(await totalsPerClient(desktop.store.db, heldIds)).toEqual(
      await totalsPerClient(cloud.store.db, heldIds),
    );

    await editTimeEntry(desktop.store.db, desktop.scope, entry.id, { minutes: 30 });
    await merge(desktop, transport());
    expect(await onCloud(entry.id)).toMatchObject({ minutes: 30 });
    expect(await held()).toBe(0);
    expect(await totalsPerClient(desktop.store.db, [])).toEqual(await totalsPerClient(cloud.store.db, []));
  });

  it("a held entry deleted before it ever went up leaves nothing to send, and its warning closes", async () => {
    const entry = await newEntry(-90, "2026-06-05");
    await merge(desktop, transport());
    expect(await held()).toBe(1);
    await deleteTimeEntry(desktop.store.db, desktop.scope, entry.id);
    const summary = await merge(desktop, transport());
    expect(summary).toMatchObject({ pushed: 0, refused: 0 });
    expect(await onCloud(entry.id)).toBeNull();
    expect(await held()).toBe(0);
    expect((await mergeStatus(desktop.store.db, desktop.scope.firm.id, null)).waitingUp).toBe(0);
  });

  it("a merge sending one entry's change reads that entry's warning, not every held entry's", async () => {
    for (let i = 0; i < 5; i++) await newEntry(-30);
    await merge(desktop, transport());
    await newEntry(60); // an unsent change of an entry that is not held
    const { db } = desktop.store;
    const log = new QueryLog();
    log.db = db;
    log.recording = true;
    expect(
      await releaseHeldRecords(db.withPlugin(log), desktop.scope.firm.id, clock.now().toISOString()),
    ).toBe(0);
    expect(await held()).toBeGreaterThanOrEqual(5);
    const logReads = log.runs.filter((run) => /from "sync_log"/.test(run.query.sql));
    expect(logReads.length, "the log was asked").toBeGreaterThan(0);
    expect(
      logReads.map((run) => run.rows),
      "open warnings read",
    ).toEqual(logReads.map(() => 0));
  });

  it("a merge sending more changes than it reads by row (a first upload) finds the held entries through the journal, without reading the rows sent", async () => {
    const negative = [await newEntry(-45, "2026-06-10"), await newEntry(-15, "2026-06-11")];
    await merge(desktop, transport());
    await editTimeEntry(desktop.store.db, desktop.scope, negative[0]!.id, { minutes: 60 });
    for (let i = 0; i < 4; i++) await newEntry(30, "2026-06-12");
    const { db } = desktop.store;
    const log = new QueryLog();
    log.db = db;
    log.recording = true;
    const released = await releaseHeldRecords(
      db.withPlugin(log),
      desktop.scope.firm.id,
      clock.now().toISOString(),
      {
        rowsReadById: 2,
      },
    );
    expect(released).toBe(1);
    // Six changes wait; no read of the journal brings more than the cap's three rows.
    const journalReads = log.runs.filter((run) => /^select .* from "sync_change"/i.test(run.query.sql));
    expect(
      Math.max(...journalReads.map((run) => run.rows)),
      "most journal rows one read brought",
    ).toBeLessThanOrEqual(3);
    // Each warning's row is sought in the journal's row index, never by walking the changes waiting.
    const warningsByJournal = log.runs.filter((run) => /from "sync_log".* exists/i.test(run.query.sql));
    expect(warningsByJournal).toHaveLength(1);
    const plan = await db.executeQuery<{ detail: string }>({
      ...warningsByJournal[0]!.query,
      sql: `EXPLAIN QUERY PLAN ${warningsByJournal[0]!.query.sql}`,
    });
    const details = plan.rows.map((row) => row.detail);
    expect(
      details.some((detail) =>
        /^SEARCH c .*USING INDEX sync_change_row \(firm_id=\? AND tbl=\? AND row_id=\?\)/.test(detail),
      ),
      details.join("; "),
    ).toBe(true);
    expect(await warnings(negative[0]!.id)).toEqual([
      expect.objectContaining({ closedAt: expect.any(String) as unknown }),
    ]);
    expect(await warnings(negative[1]!.id)).toEqual([expect.objectContaining({ closedAt: null })]);
    await merge(desktop, transport());
    expect(await onCloud(negative[0]!.id)).toMatchObject({ minutes: 60 });
    expect(await onCloud(negative[1]!.id)).toBeNull();
  });

  it("an entry made negative while the batch before it is with the cloud is held, never sent", async () => {
    const entries = [];
    for (let i = 0; i < 4; i++) entries.push(await newEntry(30, "2026-06-15"));
    const [, , third, fourth] = entries;
    const direct = transport();
    let pushes = 0;
    // The merge reads the next batch (the third and fourth entries) while the first is with the
    // cloud; someone makes the fourth negative before the cloud answers.
    const racing: SyncTransport = {
      ...direct,
      async push(request) {
        pushes += 1;
        if (pushes === 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          await editTimeEntry(desktop.store.db, desktop.scope, fourth!.id, { minutes: -60 });
        }
        return direct.push(request);
      },
    };
    await mergeNow(desktop.store.db, desktop.scope.firm.id, racing, {
      clock: desktop.scope.clock,
      batchSize: 2,
    });
    expect(pushes).toBeGreaterThanOrEqual(2);
    expect(await onCloud(third!.id)).not.toBeNull();
    expect(await onCloud(fourth!.id)).toBeNull();
    expect(await warnings(fourth!.id)).toEqual([
      expect.objectContaining({ closedAt: null, message: expect.stringContaining("is negative") as unknown }),
    ]);
  });
});

/** Money per client of the time entries, leaving out the given (held) entries. */
async function totalsPerClient(db: Db, leaveOut: readonly string[]): Promise<Record<string, number>> {
  const rows = await db.selectFrom("time_entry").select(["id", "client_id", "amount"]).execute();
  const totals: Record<string, number> = {};
  for (const row of rows) {
    if (leaveOut.includes(row.id)) continue;
    totals[row.client_id] = (totals[row.client_id] ?? 0) + Number(row.amount);
  }
  return totals;
}
