import { describe, expect, it } from "vitest";
import { fixedClock } from "../store/clock.js";
import { exactly, expectRefusedUnchanged } from "../test-support/seed.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { createFirm, editFirm } from "./firm-service.js";
import { findFirm } from "./firm-store.js";

describe.each(ENGINES)("the firm on %s", (engine) => {
  const t = useTestFirm(engine);
  const clock = fixedClock("2026-06-15T12:00:00Z");

  it("creates a firm with defaults: USD, 6-minute increment, calendar fiscal year, no lock date", () => {
    expect(t.scope.firm).toMatchObject({
      currency: "USD",
      minorDigits: 2,
      timeIncrement: 6,
      fiscalYearStartMonth: 1,
      lockDate: null,
    });
  });

  it("edits the profile and sets and clears the lock date", async () => {
    const edited = await editFirm(t.store.db, clock, t.scope.firm.id, {
      name: "Test & Partners",
      lockDate: "2026/03/31",
      fiscalYearStartMonth: 7,
    });
    expect(edited).toMatchObject({
      name: "Test & Partners",
      lockDate: "2026-03-31",
      fiscalYearStartMonth: 7,
      currency: "USD",
    });
    expect(await findFirm(t.store.db, t.scope.firm.id)).toEqual(edited);
    const cleared = await editFirm(t.store.db, clock, t.scope.firm.id, { lockDate: null });
    expect(cleared.lockDate).toBeNull();
  });

  it.each([
    [{ timeIncrement: 10 }, "time increment 10 must be 1, 6 or 15 minutes"],
    [{ fiscalYearStartMonth: 13 }, "fiscal year start month 13 must be 1 to 12"],
    [{ lockDate: "31/03/2026" }, 'lock date "31/03/2026" is not a date (YYYY-MM-DD)'],
    [{ name: " " }, "firm name is required"],
  ])("refuses an invalid edit %j", async (patch, message) => {
    await expectRefusedUnchanged(t.store.db, () => editFirm(t.store.db, clock, t.scope.firm.id, patch), {
      code: "VALIDATION",
      message: exactly(message),
    });
  });

  it("refuses an unknown currency and takes each currency's minor digits", async () => {
    await expectRefusedUnchanged(
      t.store.db,
      () => createFirm(t.store.db, clock, { name: "X", currency: "XXY" }),
      { code: "VALIDATION" },
    );
    const yen = await createFirm(t.store.db, clock, {
      name: "Tokyo office",
      currency: "jpy",
      timeIncrement: 15,
    });
    expect(yen).toMatchObject({ currency: "JPY", minorDigits: 0, timeIncrement: 15 });
  });
});
