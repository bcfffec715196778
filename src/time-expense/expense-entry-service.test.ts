import { beforeAll, describe, expect, it } from "vitest";
import { setRate } from "../firm-setup/rate-service.js";
import { exactly, expectRefusedUnchanged, seedPractice, setLockDate } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import {
  addExpenseEntries,
  addExpenseEntry,
  deleteExpenseEntry,
  editExpenseEntry,
  getExpenseEntry,
  listExpenseEntries,
  type ExpenseEntryInput,
} from "./expense-entry-service.js";
import { setEntryStatus } from "./status-service.js";

const expense = (overrides: Partial<ExpenseEntryInput> = {}): ExpenseEntryInput => ({
  staff: "JD",
  client: "ACME",
  workCode: "MILE",
  date: "2026-06-01",
  ...overrides,
});

describe.each(ENGINES)("expense entries on %s", (engine) => {
  const t = useTestFirm(engine);
  beforeAll(() => seedPractice(t));

  it("prices quantity × the resolved unit rate", async () => {
    const added = await addExpenseEntry(t.store.db, t.scope, expense({ quantity: 123_400 }));
    expect(added).toMatchObject({
      quantity: 123_400,
      unitRate: 5_800,
      rateSource: "work_code",
      surchargeBp: 0,
      amount: 7_157, // 123.4 × 0.58 = 71.572
      billable: true,
      status: "draft",
      receiptFile: null,
    });
    expect(await getExpenseEntry(t.store.db, t.scope, added.id)).toEqual(added);
    expect((await addExpenseEntry(t.store.db, t.scope, expense())).quantity).toBe(1_000);
  });

  it("adds the work code's surcharge, or the entry's own", async () => {
    const printing = await addExpenseEntry(
      t.store.db,
      t.scope,
      expense({ workCode: "PRINT", quantity: 100_000 }),
    );
    expect(printing).toMatchObject({ unitRate: 2_500, surchargeBp: 1_500, amount: 2_875 }); // 100 × 0.25 × 1.15
    const noSurcharge = await addExpenseEntry(
      t.store.db,
      t.scope,
      expense({ workCode: "PRINT", quantity: 100_000, surchargeBp: 0 }),
    );
    expect(noSurcharge).toMatchObject({ surchargeBp: 0, amount: 2_500 });
  });

  it("takes a stated unit rate as entered, and rounds negatives symmetrically", async () => {
    const entered = await addExpenseEntry(
      t.store.db,
      t.scope,
      expense({ workCode: "PRINT", unitRate: 1_234_567, quantity: 1_000 }),
    );
    expect(entered).toMatchObject({ unitRate: 1_234_567, rateSource: "entered", amount: 14_198 }); // 123.4567 × 1.15 = 141.975205
    const refund = await addExpenseEntry(
      t.store.db,
      t.scope,
      expense({ workCode: "PRINT", unitRate: 1_234_567, quantity: -1_000 }),
    );
    expect(refund.amount).toBe(-14_198);
  });

  it("resolves only work-code rates for expenses, never an hourly standard rate", async () => {
    await setRate(t.store.db, t.scope, { staff: "AB", rate: 2_000_000, effectiveDate: "2026-01-01" });
    await setRate(t.store.db, t.scope, { client: "ACME", rate: 1_800_000, effectiveDate: "2026-01-01" });
    const standard = await addExpenseEntry(t.store.db, t.scope, expense({ staff: "AB", quantity: 10_000 }));
    expect(standard).toMatchObject({ unitRate: 5_800, rateSource: "work_code", amount: 580 });
    await setRate(t.store.db, t.scope, {
      client: "ACME",
      workCode: "MILE",
      rate: 6_000,
      effectiveDate: "2026-05-01",
    });
    const clientRate = await addExpenseEntry(t.store.db, t.scope, expense({ staff: "AB", quantity: 10_000 }));
    expect(clientRate).toMatchObject({ unitRate: 6_000, rateSource: "client_work_code", amount: 600 });
    const earlier = await addExpenseEntry(
      t.store.db,
      t.scope,
      expense({ staff: "AB", quantity: 10_000, date: "2026-04-30" }),
    );
    expect(earlier).toMatchObject({ unitRate: 5_800, rateSource: "work_code" });
  });

  it("refuses an expense on a time work code, and a zero quantity", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addExpenseEntry(t.store.db, t.scope, expense({ workCode: "TAX" })),
      {
        code: "WORK_CODE_KIND_MISMATCH",
        message: exactly("work code TAX is a time code; an expense entry needs an expense work code"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addExpenseEntry(t.store.db, t.scope, expense({ quantity: 0 })),
      {
        code: "VALIDATION",
        message: exactly("quantity must be a non-zero number"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addExpenseEntry(t.store.db, t.scope, expense({ surchargeBp: -10_001 })),
      {
        code: "VALIDATION",
        message: exactly("surcharge must be whole basis points, no lower than -100 %"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => addExpenseEntry(t.store.db, t.scope, expense({ workCode: "NOPE" })),
      {
        code: "NOT_FOUND",
        message: exactly('work code "NOPE" does not exist'),
      },
    );
  });

  it("refuses expenses on or before the lock date", async () => {
    await setLockDate(t, "2026-03-31");
    try {
      await expectRefusedUnchanged(
        t.store.db,
        () => addExpenseEntry(t.store.db, t.scope, expense({ date: "2026-03-31" })),
        {
          code: "BEFORE_LOCK_DATE",
        },
      );
    } finally {
      await setLockDate(t, null);
    }
  });

  it("writes a batch all-or-nothing", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () =>
        addExpenseEntries(t.store.db, t.scope, [
          expense({ date: "2026-06-20" }),
          expense({ workCode: "TAX", date: "2026-06-20" }),
        ]),
      { code: "WORK_CODE_KIND_MISMATCH", message: /^entry 2: work code TAX/ },
    );
    const many = Array.from({ length: 60 }, () =>
      expense({ date: "2026-06-21", quantity: 1_000, workCode: "print" }),
    );
    expect(await addExpenseEntries(t.store.db, t.scope, many)).toHaveLength(60);
    expect(
      await listExpenseEntries(t.store.db, t.scope, { from: "2026-06-21", to: "2026-06-21" }),
    ).toHaveLength(60);
  });

  it("edits keep a stated rate, keep a resolved snapshot, and reprice when the date changes", async () => {
    const entered = await addExpenseEntry(
      t.store.db,
      t.scope,
      expense({ unitRate: 10_000, quantity: 2_000, date: "2026-06-02" }),
    );
    const moved = await editExpenseEntry(t.store.db, t.scope, entered.id, {
      date: "2026-06-03",
      quantity: 3_000,
    });
    expect(moved).toMatchObject({
      unitRate: 10_000,
      rateSource: "entered",
      quantity: 3_000,
      amount: 300,
      date: "2026-06-03",
    });

    const resolved = await addExpenseEntry(
      t.store.db,
      t.scope,
      expense({ staff: "AB", quantity: 1_000, date: "2026-04-15" }),
    );
    expect(resolved).toMatchObject({ unitRate: 5_800, rateSource: "work_code" });
    const more = await editExpenseEntry(t.store.db, t.scope, resolved.id, { quantity: 2_000 });
    expect(more).toMatchObject({ unitRate: 5_800, rateSource: "work_code", amount: 116 });
    const redated = await editExpenseEntry(t.store.db, t.scope, resolved.id, { date: "2026-05-15" });
    expect(redated).toMatchObject({ unitRate: 6_000, rateSource: "client_work_code", amount: 120 });
    // Stating a rate on edit makes it entered; clearing it (null) resolves again.
    const stated = await editExpenseEntry(t.store.db, t.scope, resolved.id, { unitRate: 7_000 });
    expect(stated).toMatchObject({ unitRate: 7_000, rateSource: "entered", amount: 140 });
    const cleared = await editExpenseEntry(t.store.db, t.scope, resolved.id, { unitRate: null });
    expect(cleared).toMatchObject({ unitRate: 6_000, rateSource: "client_work_code" });
    expect(await getExpenseEntry(t.store.db, t.scope, resolved.id)).toEqual(cleared);
  });

  it("takes the new work code's surcharge when an edit changes the work code", async () => {
    const mileage = await addExpenseEntry(
      t.store.db,
      t.scope,
      expense({ quantity: 100_000, date: "2026-06-04", unitRate: 2_500 }),
    );
    expect(mileage.surchargeBp).toBe(0);
    const printing = await editExpenseEntry(t.store.db, t.scope, mileage.id, { workCode: "PRINT" });
    expect(printing).toMatchObject({ surchargeBp: 1_500, amount: 2_875 });
  });

  it("refuses editing or deleting an approved expense", async () => {
    const added = await addExpenseEntry(t.store.db, t.scope, expense({ date: "2026-06-05" }));
    await setEntryStatus(t.store.db, t.scope, "expense", [added.id], "submitted");
    await setEntryStatus(t.store.db, t.scope, "expense", [added.id], "approved");
    await expectRefusedUnchanged(
      t.store.db,
      () => editExpenseEntry(t.store.db, t.scope, added.id, { quantity: 5_000 }),
      {
        code: "ENTRY_LOCKED",
        message: exactly(`entry ${added.id} is approved and can no longer be changed`),
      },
    );
    await expectRefusedUnchanged(t.store.db, () => deleteExpenseEntry(t.store.db, t.scope, added.id), {
      code: "ENTRY_LOCKED",
    });
  });

  it("deletes a draft expense", async () => {
    const added = await addExpenseEntry(t.store.db, t.scope, expense({ date: "2026-06-06" }));
    await deleteExpenseEntry(t.store.db, t.scope, added.id);
    await expect(getExpenseEntry(t.store.db, t.scope, added.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
