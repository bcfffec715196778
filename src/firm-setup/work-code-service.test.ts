import { beforeAll, describe, expect, it } from "vitest";
import { ALWAYS } from "../domain/rates.js";
import { exactly, expectRefusedUnchanged, seedPractice } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addExpenseEntry } from "../time-expense/expense-entry-service.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { listRates, NEGATIVE_RATE_MESSAGE, setRate } from "./rate-service.js";
import {
  addWorkCode,
  deleteWorkCode,
  editWorkCode,
  getWorkCode,
  listWorkCodes,
} from "./work-code-service.js";

describe.each(ENGINES)("work codes on %s", (engine) => {
  const t = useTestFirm(engine);
  beforeAll(() => seedPractice(t));

  it("adds time and expense codes, billable or not, with a default rate valid for every date", async () => {
    const consult = await addWorkCode(t.store.db, t.scope, {
      code: "consult",
      kind: "time",
      billable: false,
      name: "Consulting",
      rate: 1_312_500,
      internalNote: "  never on invoices ",
    });
    expect(consult).toMatchObject({
      code: "CONSULT",
      kind: "time",
      billable: false,
      surchargeBp: 0,
      internalNote: "never on invoices",
      active: true,
    });
    expect(await listRates(t.store.db, t.scope, { workCode: "CONSULT" })).toEqual([
      expect.objectContaining({
        scope: "work_code",
        workCodeId: consult.id,
        effectiveDate: ALWAYS,
        rate: 1_312_500,
        timing: "current",
      }),
    ]);
    const courier = await addWorkCode(t.store.db, t.scope, {
      code: "COURIER",
      kind: "expense",
      name: "Courier",
      surchargeBp: 1_000,
    });
    expect(courier).toMatchObject({ kind: "expense", billable: true, surchargeBp: 1_000 });
    expect(await listRates(t.store.db, t.scope, { workCode: "COURIER" })).toEqual([]);
    expect(await getWorkCode(t.store.db, t.scope, "Courier")).toEqual(courier);
  });

  it("lists by kind and by active flag", async () => {
    expect((await listWorkCodes(t.store.db, t.scope, { kind: "expense" })).map((w) => w.code)).toEqual([
      "COURIER",
      "MILE",
      "PRINT",
    ]);
    expect((await listWorkCodes(t.store.db, t.scope, { kind: "time" })).map((w) => w.code)).toEqual([
      "ADMIN",
      "CONSULT",
      "TAX",
    ]);
    await editWorkCode(t.store.db, t.scope, "COURIER", { active: false });
    expect((await listWorkCodes(t.store.db, t.scope, { active: false })).map((w) => w.code)).toEqual([
      "COURIER",
    ]);
    await editWorkCode(t.store.db, t.scope, "COURIER", { active: true });
  });

  it("refuses a duplicate code in any case and writes nothing", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addWorkCode(t.store.db, t.scope, { code: "tax", kind: "time", name: "Tax again", rate: 1 }),
      {
        code: "DUPLICATE",
        message: exactly("work code TAX already exists"),
      },
    );
    await expectRefusedUnchanged(
      t.store.db,
      () => editWorkCode(t.store.db, t.scope, "ADMIN", { code: "TAX" }),
      {
        code: "DUPLICATE",
        message: exactly("work code TAX already exists"),
      },
    );
  });

  it.each([
    [{ kind: "time" as const, surchargeBp: 500 }, "a surcharge applies to expense work codes only"],
    [{ kind: "hours" as "time" }, 'work code kind "hours" must be time or expense'],
    [{ kind: "expense" as const, surchargeBp: 1.5 }, "surcharge 1.5 basis points is out of range"],
    [{ kind: "expense" as const, surchargeBp: -10_001 }, "surcharge -10001 basis points is out of range"],
    [
      { kind: "time" as const, code: "TOO-LONG-CODE" },
      'work code "TOO-LONG-CODE" is longer than 10 characters',
    ],
    [{ kind: "time" as const, rate: 0.5 }, "rate must be a whole number of ten-thousandths"],
    [{ kind: "time" as const, rate: -1 }, NEGATIVE_RATE_MESSAGE],
  ])("refuses an invalid work code %j", async (input, message) => {
    await expectRefusedUnchanged(
      t.store.db,
      () => addWorkCode(t.store.db, t.scope, { code: "NEW", name: "New", ...input }),
      {
        code: "VALIDATION",
        message: exactly(message),
      },
    );
  });

  it("accepts a negative (credit) rate on an expense work code only", async () => {
    const credit = await addWorkCode(t.store.db, t.scope, {
      code: "CREDIT",
      name: "Courtesy credit",
      kind: "expense",
      rate: -250_000,
    });
    const rates = await listRates(t.store.db, t.scope, { workCode: "CREDIT" });
    expect(rates.map((rate) => rate.rate)).toEqual([-250_000]);
    expect(credit.kind).toBe("expense");
  });

  it("refuses an entry on an inactive work code", async () => {
    await editWorkCode(t.store.db, t.scope, "COURIER", { active: false });
    await expectRefusedUnchanged(
      t.store.db,
      () =>
        addExpenseEntry(t.store.db, t.scope, {
          staff: "JD",
          client: "ACME",
          workCode: "COURIER",
          date: "2026-06-01",
          unitRate: 100_000,
        }),
      { code: "INACTIVE", message: exactly("work code COURIER is inactive") },
    );
    await editWorkCode(t.store.db, t.scope, "COURIER", { active: true });
  });

  it("changes a kind only while no entry uses the code", async () => {
    const unused = await editWorkCode(t.store.db, t.scope, "COURIER", { kind: "time", surchargeBp: 0 });
    expect(unused.kind).toBe("time");
    await editWorkCode(t.store.db, t.scope, "COURIER", { kind: "expense" });
    await addTimeEntry(t.store.db, t.scope, {
      staff: "JD",
      client: "ACME",
      workCode: "CONSULT",
      date: "2026-06-01",
      minutes: 60,
    });
    await expectRefusedUnchanged(
      t.store.db,
      () => editWorkCode(t.store.db, t.scope, "CONSULT", { kind: "expense" }),
      {
        code: "IN_USE",
        message: exactly("work code CONSULT has entries; its kind cannot change"),
      },
    );
  });

  it("deletes an unused code with its rates, and refuses a code in use", async () => {
    await setRate(t.store.db, t.scope, {
      staff: "JD",
      workCode: "COURIER",
      rate: 50_000,
      effectiveDate: "2026-01-01",
    });
    await deleteWorkCode(t.store.db, t.scope, "COURIER");
    await expect(getWorkCode(t.store.db, t.scope, "COURIER")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      (await listRates(t.store.db, t.scope, { staff: "JD" })).filter((rate) => rate.workCodeId !== null),
    ).toEqual([]);
    await expectRefusedUnchanged(t.store.db, () => deleteWorkCode(t.store.db, t.scope, "CONSULT"), {
      code: "IN_USE",
      message: exactly("work code CONSULT has entries; make it inactive instead"),
    });
  });
});
