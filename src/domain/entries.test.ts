import { describe, expect, it } from "vitest";
import {
  assertAfterLockDate,
  assertEditable,
  assertStaffCanRecord,
  assertTransition,
  ENTRY_STATUSES,
  isEntryStatus,
  isLockedStatus,
  type EntryStatus,
} from "./entries.js";

/** The whole transition table, written out: anything not listed is refused. */
const ALLOWED: Record<EntryStatus, EntryStatus[]> = {
  draft: ["submitted"],
  submitted: ["draft", "approved"],
  approved: ["submitted", "billed", "transferred"],
  billed: [],
  transferred: [],
};

describe("entry status transitions", () => {
  const pairs = ENTRY_STATUSES.flatMap((from) => ENTRY_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)("%s -> %s follows the table", (from, to) => {
    if (ALLOWED[from].includes(to)) {
      expect(() => assertTransition(from, to)).not.toThrow();
    } else {
      expect(() => assertTransition(from, to)).toThrow(
        expect.objectContaining({ code: "STATUS_TRANSITION", details: { from, to } }),
      );
    }
  });

  it("explains what is allowed instead", () => {
    expect(() => assertTransition("draft", "approved")).toThrow(
      "an entry that is draft cannot become approved (it can become submitted)",
    );
    expect(() => assertTransition("billed", "approved")).toThrow(
      "an entry that is billed cannot become approved (it is final)",
    );
  });

  it("recognises statuses", () => {
    expect(ENTRY_STATUSES.every(isEntryStatus)).toBe(true);
    expect(isEntryStatus("open")).toBe(false);
    expect(isEntryStatus("DRAFT")).toBe(false);
  });
});

describe("locking", () => {
  it("locks approved, billed and transferred entries only", () => {
    expect(ENTRY_STATUSES.filter(isLockedStatus)).toEqual(["approved", "billed", "transferred"]);
  });

  it("treats a date equal to the lock date as locked", () => {
    expect(() => assertAfterLockDate("2026-03-31", "2026-03-31")).toThrow(
      expect.objectContaining({
        code: "BEFORE_LOCK_DATE",
        message: "2026-03-31 is on or before the firm's lock date 2026-03-31",
      }),
    );
    expect(() => assertAfterLockDate("2025-12-31", "2026-03-31")).toThrow(
      expect.objectContaining({ code: "BEFORE_LOCK_DATE" }),
    );
    expect(() => assertAfterLockDate("2026-04-01", "2026-03-31")).not.toThrow();
    expect(() => assertAfterLockDate("1999-01-01", null)).not.toThrow();
  });

  it("refuses editing a locked status before looking at the date", () => {
    for (const status of ["approved", "billed", "transferred"] as const) {
      expect(() => assertEditable({ id: "e1", status, date: "2026-05-01" }, null)).toThrow(
        expect.objectContaining({
          code: "ENTRY_LOCKED",
          message: `entry e1 is ${status} and can no longer be changed`,
        }),
      );
    }
    expect(() => assertEditable({ id: "e1", status: "submitted", date: "2026-03-31" }, "2026-03-31")).toThrow(
      expect.objectContaining({ code: "BEFORE_LOCK_DATE" }),
    );
    expect(() =>
      assertEditable({ id: "e1", status: "draft", date: "2026-04-01" }, "2026-03-31"),
    ).not.toThrow();
  });
});

describe("inactive staff", () => {
  const leaver = { staffNumber: "JD", status: "inactive" as const, inactiveDate: "2026-06-30" };

  it("lets active staff record any date", () => {
    expect(() =>
      assertStaffCanRecord({ staffNumber: "JD", status: "active", inactiveDate: null }, "2030-01-01"),
    ).not.toThrow();
  });

  it("keeps history before the inactive date and refuses work from it on", () => {
    expect(() => assertStaffCanRecord(leaver, "2026-06-29")).not.toThrow();
    expect(() => assertStaffCanRecord(leaver, "2026-07-01")).toThrow(
      expect.objectContaining({ code: "INACTIVE", message: "staff JD is inactive since 2026-06-30" }),
    );
  });

  it("refuses every date for inactive staff without an inactive date", () => {
    expect(() => assertStaffCanRecord({ ...leaver, inactiveDate: null }, "2000-01-01")).toThrow(
      expect.objectContaining({ code: "INACTIVE", message: "staff JD is inactive" }),
    );
  });
});
