/**
 * Rules for time and expense entries: status transitions, locking, the lock date and
 * inactive records. Pure: the service loads the records and asks these functions.
 */
import { AppError } from "./errors.js";
import type { IsoDate } from "./dates.js";

export const ENTRY_STATUSES = ["draft", "submitted", "approved", "billed", "transferred"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Which status may follow which. billed/transferred are final (an invoice or a transfer owns them). */
const TRANSITIONS: Record<EntryStatus, readonly EntryStatus[]> = {
  draft: ["submitted"],
  submitted: ["draft", "approved"],
  approved: ["submitted", "billed", "transferred"],
  billed: [],
  transferred: [],
};

export function isEntryStatus(value: string): value is EntryStatus {
  return (ENTRY_STATUSES as readonly string[]).includes(value);
}

/** Approved, billed and transferred entries cannot be edited or deleted. */
export function isLockedStatus(status: EntryStatus): boolean {
  return status === "approved" || status === "billed" || status === "transferred";
}

/** What the UI shows as locked: a locked status, or dated on or before the firm's lock date. */
export function isEntryLocked(
  entry: { status: EntryStatus; date: IsoDate },
  lockDate: IsoDate | null,
): boolean {
  return isLockedStatus(entry.status) || (lockDate !== null && entry.date <= lockDate);
}

export function assertTransition(from: EntryStatus, to: EntryStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from];
    throw new AppError(
      "STATUS_TRANSITION",
      `an entry that is ${from} cannot become ${to}` +
        (allowed.length ? ` (it can become ${allowed.join(" or ")})` : " (it is final)"),
      { from, to },
    );
  }
}

/** Dated on or before the firm's lock date: no entry may be created, changed or deleted there. */
export function assertAfterLockDate(date: IsoDate, lockDate: IsoDate | null): void {
  if (lockDate && date <= lockDate) {
    throw new AppError("BEFORE_LOCK_DATE", `${date} is on or before the firm's lock date ${lockDate}`, {
      date,
      lockDate,
    });
  }
}

export function assertEditable(
  entry: { id: string; status: EntryStatus; date: IsoDate },
  lockDate: IsoDate | null,
): void {
  if (isLockedStatus(entry.status)) {
    throw new AppError("ENTRY_LOCKED", `entry ${entry.id} is ${entry.status} and can no longer be changed`, {
      id: entry.id,
      status: entry.status,
    });
  }
  assertAfterLockDate(entry.date, lockDate);
}

/** Inactive staff keep their history but record nothing after they became inactive. */
export function assertStaffCanRecord(
  staff: { staffNumber: string; status: "active" | "inactive"; inactiveDate: IsoDate | null },
  date: IsoDate,
): void {
  if (staff.status === "inactive" && (staff.inactiveDate === null || date >= staff.inactiveDate)) {
    throw new AppError(
      "INACTIVE",
      `staff ${staff.staffNumber} is inactive` + (staff.inactiveDate ? ` since ${staff.inactiveDate}` : ""),
      { staffNumber: staff.staffNumber },
    );
  }
}
