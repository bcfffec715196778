import { beforeAll, describe, expect, it } from "vitest";
import { setRate } from "../firm-setup/rate-service.js";
import { listAudit } from "../store/audit.js";
import { exactly, expectRefusedUnchanged, seedPractice, setLockDate } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addExpenseEntry, getExpenseEntry } from "./expense-entry-service.js";
import { repriceEntries } from "./reprice-service.js";
import { setEntryStatus } from "./status-service.js";
import { addTimeEntry, getTimeEntry } from "./time-entry-service.js";

describe.each(ENGINES)("reprice on %s", (engine) => {
  const t = useTestFirm(engine);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await seedPractice(t);
    const add = async (name: string, date: string, staff = "JD") =>
      (ids[name] = (
        await addTimeEntry(t.store.db, t.scope, { staff, client: "ACME", workCode: "TAX", date, minutes: 60 })
      ).id);
    await add("locked", "2026-02-10");
    await add("draft", "2026-04-10");
    await add("submitted", "2026-05-10");
    await add("approved", "2026-05-11");
    await add("billed", "2026-05-12");
    await add("otherStaff", "2026-05-13", "AB");
    await add("outside", "2026-07-01");
    await setEntryStatus(
      t.store.db,
      t.scope,
      "time",
      [ids.submitted!, ids.approved!, ids.billed!],
      "submitted",
    );
    await setEntryStatus(t.store.db, t.scope, "time", [ids.approved!, ids.billed!], "approved");
    await setEntryStatus(t.store.db, t.scope, "time", [ids.billed!], "billed");
    const mileage = { staff: "JD", client: "ACME", workCode: "MILE", date: "2026-05-01", quantity: 100_000 };
    ids.resolvedExpense = (await addExpenseEntry(t.store.db, t.scope, mileage)).id;
    ids.enteredExpense = (await addExpenseEntry(t.store.db, t.scope, { ...mileage, unitRate: 5_000 })).id;
  });

  const amountOf = async (name: string) => (await getTimeEntry(t.store.db, t.scope, ids[name]!)).amount;

  it("leaves every entry's snapshot alone when a rate changes", async () => {
    await setRate(t.store.db, t.scope, { workCode: "TAX", rate: 2_000_000, effectiveDate: "2026-01-01" });
    await setRate(t.store.db, t.scope, { workCode: "MILE", rate: 6_000, effectiveDate: "2026-01-01" });
    for (const name of ["locked", "draft", "submitted", "approved", "billed", "otherStaff", "outside"]) {
      expect(await amountOf(name)).toBe(15_000);
    }
    expect((await getExpenseEntry(t.store.db, t.scope, ids.resolvedExpense!)).amount).toBe(5_800);
  });

  it("refuses a backwards range and writes nothing, not even an audit record", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => repriceEntries(t.store.db, t.scope, { from: "2026-06-30", to: "2026-01-01" }),
      {
        code: "VALIDATION",
        message: exactly("from date 2026-06-30 is after to date 2026-01-01"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => repriceEntries(t.store.db, t.scope, { from: "2026-01-01", to: "2026-06-30", staff: "ZZ" }),
      {
        code: "NOT_FOUND",
      },
    );
  });

  it("reprices one staff member's open entries when asked to", async () => {
    const result = await repriceEntries(t.store.db, t.scope, {
      from: "2026-01-01",
      to: "2026-06-30",
      staff: "AB",
    });
    expect(result).toMatchObject({
      examined: 1,
      changed: 1,
      skippedLocked: 0,
      amountBefore: 15_000,
      amountAfter: 20_000,
    });
    expect(await amountOf("otherStaff")).toBe(20_000);
    expect(await amountOf("draft")).toBe(15_000);
  });

  it("rewrites open entries in the range only: not approved, billed, locked-period or out-of-range ones", async () => {
    await setLockDate(t, "2026-03-31");
    try {
      const result = await repriceEntries(t.store.db, t.scope, { from: "2026-01-01", to: "2026-06-30" });
      expect(result).toEqual({
        from: "2026-01-01",
        to: "2026-06-30",
        examined: 8, // six time entries in range, two expenses
        changed: 3, // draft, submitted and the resolved expense (otherStaff is already current)
        skippedLocked: 3, // the entry in the locked period, approved and billed
        amountBefore: 15_000 + 15_000 + 20_000 + 5_800 + 5_000,
        amountAfter: 20_000 + 20_000 + 20_000 + 6_000 + 5_000,
      });
      const draft = await getTimeEntry(t.store.db, t.scope, ids.draft!);
      expect(draft).toMatchObject({
        rate: 2_000_000,
        rateSource: "work_code",
        amount: 20_000,
        status: "draft",
      });
      expect(draft.updatedAt).toBe(t.scope.clock.now().toISOString());
      expect(await amountOf("submitted")).toBe(20_000);
      for (const name of ["locked", "approved", "billed", "outside"])
        expect(await amountOf(name)).toBe(15_000);
      expect(await getExpenseEntry(t.store.db, t.scope, ids.resolvedExpense!)).toMatchObject({
        unitRate: 6_000,
        amount: 6_000,
      });
      expect(await getExpenseEntry(t.store.db, t.scope, ids.enteredExpense!)).toMatchObject({
        unitRate: 5_000,
        rateSource: "entered",
        amount: 5_000,
      });
    } finally {
      await setLockDate(t, null);
    }
  });

  it("audits every run, who ran it and what it did", async () => {
    const audit = await listAudit(t.store.db, t.scope.firm.id, "reprice");
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({
      firmId: t.scope.firm.id,
      at: t.scope.clock.now().toISOString(),
      actor: "test",
      action: "reprice",
      subject: "2026-01-01..2026-06-30",
      details: {
        from: "2026-01-01",
        to: "2026-06-30",
        examined: 8,
        changed: 3,
        skippedLocked: 3,
        amountBefore: 60_800,
        amountAfter: 71_000,
      },
    });
    expect(audit[0]!.details).toMatchObject({ staff: "AB", changed: 1 });
    expect(await listAudit(t.store.db, t.scope.firm.id, "something-else")).toEqual([]);
  });

  it("changes nothing on a second run, and reaches the old entry once the lock date is lifted", async () => {
    await setLockDate(t, "2026-03-31");
    try {
      const again = await repriceEntries(t.store.db, t.scope, { from: "2026-01-01", to: "2026-06-30" });
      expect(again).toMatchObject({ changed: 0, skippedLocked: 3 });
      expect(again.amountBefore).toBe(again.amountAfter);
    } finally {
      await setLockDate(t, null);
    }
    const unlocked = await repriceEntries(t.store.db, t.scope, { from: "2026-01-01", to: "2026-06-30" });
    expect(unlocked).toMatchObject({ changed: 1, skippedLocked: 2 });
    expect(await amountOf("locked")).toBe(20_000);
  });
});
