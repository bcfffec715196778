/**
 * Moving entries through draft → submitted → approved → billed / transferred, all-or-nothing.
 * On or before the lock date only the final step (approved → billed / transferred) is allowed:
 * billing and accounting transfers must still be able to take old approved work.
 */
import { inTransaction } from "../store/transaction.js";
import { assertAfterLockDate, assertTransition, type EntryStatus } from "../domain/entries.js";
import { parseIsoDate, weekOf, type IsoDate } from "../domain/dates.js";
import { AppError, notFound } from "../domain/errors.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { createEntryReferences } from "./entry-references.js";
import {
  findExpenseEntry,
  findTimeEntry,
  selectExpenseEntries,
  selectTimeEntries,
  updateEntryStatuses,
  type EntryKind,
  type ExpenseEntry,
  type TimeEntry,
} from "./entry-store.js";

/** Checks the caller's right to move one entry (the HTTP API's authorization); throws to refuse. */
export type EntryStatusCheck = (entry: TimeEntry | ExpenseEntry, status: EntryStatus) => void;

/**
 * Every entry is loaded, authorized (`check`) and checked inside the transaction before any
 * is written, so one refused entry leaves all of them as they were. A `comment` goes with
 * returning entries (to draft): the staff member sees it on each entry until they submit again.
 */
export async function setEntryStatus(
  db: Db,
  scope: FirmScope,
  kind: EntryKind,
  ids: readonly string[],
  status: EntryStatus,
  check?: EntryStatusCheck,
  comment?: string,
): Promise<number> {
  return inTransaction(db, async (tx) => {
    const unique = [...new Set(ids.map((id) => id.trim()))];
    for (const id of unique) {
      const entry =
        kind === "time"
          ? await findTimeEntry(tx, scope.firm.id, id)
          : await findExpenseEntry(tx, scope.firm.id, id);
      if (!entry) throw notFound(`${kind} entry`, id);
      try {
        check?.(entry, status);
        assertTransition(entry.status, status);
        const closing = entry.status === "approved" && (status === "billed" || status === "transferred");
        if (!closing) assertAfterLockDate(entry.date, scope.firm.lockDate);
      } catch (error) {
        if (error instanceof AppError && unique.length > 1)
          throw new AppError(error.code, `entry ${id}: ${error.message}`, error.details);
        throw error;
      }
    }
    await updateEntryStatuses(tx, scope.firm.id, kind, unique, status, nowIso(scope), comment);
    return unique.length;
  });
}

export interface SubmittedWeek {
  from: IsoDate;
  to: IsoDate;
  time: string[];
  expense: string[];
}

/**
 * Submits every draft time and expense entry of a staff member dated in the week holding
 * `day` (Monday to Sunday), all or none: one entry refused (by `check`, the lock date, …)
 * leaves every one a draft.
 */
export async function submitWeek(
  db: Db,
  scope: FirmScope,
  staffId: string,
  day: IsoDate,
  check?: (kind: EntryKind, ...args: Parameters<EntryStatusCheck>) => void,
): Promise<SubmittedWeek> {
  return inTransaction(db, async (tx) => {
    const staff = await createEntryReferences(tx, scope.firm.id).staff(staffId);
    const { from, to } = weekOf(parseIsoDate(day, "week"));
    const filter = { staffId: staff.id, from, to, status: ["draft" as const] };
    const time = (await selectTimeEntries(tx, scope.firm.id, filter)).map((entry) => entry.id);
    const expense = (await selectExpenseEntries(tx, scope.firm.id, filter)).map((entry) => entry.id);
    const checkOf = (kind: EntryKind): EntryStatusCheck | undefined =>
      check && ((entry, status) => check(kind, entry, status));
    if (time.length) await setEntryStatus(tx, scope, "time", time, "submitted", checkOf("time"));
    if (expense.length) await setEntryStatus(tx, scope, "expense", expense, "submitted", checkOf("expense"));
    return { from, to, time, expense };
  });
}
