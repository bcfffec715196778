/**
 * Asking for runs and changing settings, on both engines: a run is queued with its job in one
 * transaction, asking twice gives the same run, QuickBooks runs need a connection, and the
 * relationship cannot change under linked records. The firm lease: one holder at a time, taken
 * over only once it ran out.
 */
import { describe, expect, it } from "vitest";
import { findJobByKey } from "../jobs/job-store.js";
import { expectRefusedUnchanged } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { editSettings, requestRun, RUN_JOB_KIND } from "./accounting-service.js";
import {
  acquireFirmLease,
  beginConnect,
  completeConnect,
  releaseFirmLease,
  upsertLink,
} from "./accounting-store.js";

describe.each(ENGINES)("asking the accounting connector [%s]", (engine) => {
  const t = useTestFirm(engine);
  const firmId = () => t.scope.firm.id;

  it("refuses a QuickBooks run before the firm is connected, and changes nothing", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => requestRun(t.store.db, t.scope.clock, firmId(), null, { kind: "transfer" }),
      { code: "PREREQUISITES" },
    );
  });

  it("queues a run with its job once; asking again for the same returns the waiting run", async () => {
    const { db } = t.store;
    const now = t.scope.clock.now().toISOString();
    await beginConnect(db, firmId(), "state-1", now, now);
    await completeConnect(
      db,
      firmId(),
      "realm-1",
      { accessToken: "a", accessExpiresAt: now, refreshToken: "r", refreshExpiresAt: now },
      "user-1",
      now,
    );
    const first = await requestRun(db, t.scope.clock, firmId(), null, { kind: "transfer" });
    expect(first.queued).toBe(true);
    expect(first.run).toMatchObject({ kind: "transfer", target: "qbo", status: "queued" });
    const job = await findJobByKey(db, firmId(), `${RUN_JOB_KIND}:${first.run.id}`);
    expect(job).toMatchObject({ kind: RUN_JOB_KIND, status: "pending", payload: { runId: first.run.id } });
    const again = await requestRun(db, t.scope.clock, firmId(), null, { kind: "transfer" });
    expect(again).toMatchObject({ queued: false, run: { id: first.run.id } });
    const other = await requestRun(db, t.scope.clock, firmId(), null, { kind: "readiness" });
    expect(other.queued).toBe(true);
  });

  it("needs a format for an export, and keeps exports with and without 'again' apart", async () => {
    const { db } = t.store;
    await expectRefusedUnchanged(
      db,
      () => requestRun(db, t.scope.clock, firmId(), null, { kind: "export" }),
      { code: "VALIDATION" },
    );
    const plain = await requestRun(db, t.scope.clock, firmId(), null, { kind: "export", format: "hledger" });
    const again = await requestRun(db, t.scope.clock, firmId(), null, {
      kind: "export",
      format: "hledger",
      again: true,
    });
    expect(plain.run).toMatchObject({ target: "hledger", options: { format: "hledger", again: false } });
    expect(again.run.id).not.toBe(plain.run.id);
  });

  it("refuses a new relationship while projects or work codes are linked the old way", async () => {
    const { db } = t.store;
    expect(await editSettings(db, t.scope.clock, firmId(), null, { relationship: "items" })).toMatchObject({
      relationship: "items",
    });
    await editSettings(db, t.scope.clock, firmId(), null, { relationship: "jobs" });
    await upsertLink(
      db,
      firmId(),
      "qbo",
      {
        localKind: "project",
        localId: "p-1",
        externalKind: "customer",
        externalId: "58",
        externalVersion: "0",
        localName: "Acme:Audit",
        externalName: "Acme:Audit",
      },
      t.scope.clock.now().toISOString(),
    );
    await expectRefusedUnchanged(
      db,
      () => editSettings(db, t.scope.clock, firmId(), null, { relationship: "items" }),
      { code: "IN_USE" },
    );
    await expectRefusedUnchanged(
      db,
      () => editSettings(db, t.scope.clock, firmId(), null, { scheduleHour: 24 }),
      { code: "VALIDATION" },
    );
  });

  it("gives a firm's lease to one connector at a time, and to another once it ran out", async () => {
    const { db } = t.store;
    const at = (minute: number) => `2026-06-15T12:${String(minute).padStart(2, "0")}:00.000Z`;
    expect(await acquireFirmLease(db, firmId(), "one", at(10), at(0))).toBe(true);
    expect(await acquireFirmLease(db, firmId(), "two", at(11), at(1))).toBe(false);
    expect(await acquireFirmLease(db, firmId(), "one", at(12), at(2))).toBe(true); // renewed
    expect(await acquireFirmLease(db, firmId(), "two", at(13), at(11))).toBe(false); // still one's
    expect(await acquireFirmLease(db, firmId(), "two", at(20), at(13))).toBe(true); // ran out
    await releaseFirmLease(db, firmId(), "one"); // not one's any more: nothing happens
    expect(await acquireFirmLease(db, firmId(), "one", at(21), at(14))).toBe(false);
    await releaseFirmLease(db, firmId(), "two");
    expect(await acquireFirmLease(db, firmId(), "one", at(22), at(15))).toBe(true);
  });
});
