/**
 * Reprice: the one explicit way to rewrite entries' rate snapshots after rates changed.
 * Only entries still open for change (draft or submitted, after the lock date) are touched;
 * expenses with a stated unit rate keep it. The run is one transaction and one audit record.
 */
import { inTransaction } from "../store/transaction.js";
import { parseIsoDate } from "../domain/dates.js";
import { isLockedStatus } from "../domain/entries.js";
import { invalid } from "../domain/errors.js";
import { expenseAmount, sumAmounts, timeAmount } from "../domain/money.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import { appendAudit } from "../store/audit.js";
import type { Db } from "../store/database.js";
import { createEntryReferences } from "./entry-references.js";
import {
  replaceExpenseEntry,
  replaceTimeEntry,
  selectExpenseEntries,
  selectTimeEntries,
} from "./entry-store.js";
import { ENTERED_RATE } from "./expense-entry-service.js";
import { resolveEntryFilter, type EntryListFilter } from "./time-entry-service.js";

export interface RepriceResult {
  from: string;
  to: string;
  examined: number;
  changed: number;
  skippedLocked: number;
  amountBefore: number;
  amountAfter: number;
}

/** The period to reprice, checked on its own (pure, so a cloud client checks it as the file does). */
export function checkRepriceRange(range: { from: string; to: string }): { from: string; to: string } {
  const from = parseIsoDate(range.from, "from date");
  const to = parseIsoDate(range.to, "to date");
  if (from > to) throw invalid(`from date ${from} is after to date ${to}`);
  return { from, to };
}

export async function repriceEntries(
  db: Db,
  scope: FirmScope,
  range: { from: string; to: string } & Pick<
    EntryListFilter,
    "staff" | "client" | "project" | "workCode" | "billable"
  >,
): Promise<RepriceResult> {
  const { from, to } = checkRepriceRange(range);
  return inTransaction(db, async (tx) => {
    const firmId = scope.firm.id;
    const filter = await resolveEntryFilter(tx, scope, { ...range, from, to });
    const rates = await createEntryReferences(tx, firmId).rates();
    const lockDate = scope.firm.lockDate;
    const now = nowIso(scope);
    const isOpen = (entry: { status: Parameters<typeof isLockedStatus>[0]; date: string }) =>
      !isLockedStatus(entry.status) && !(lockDate && entry.date <= lockDate);
    const before: number[] = [];
    const after: number[] = [];
    let examined = 0;
    let changed = 0;
    let skippedLocked = 0;

    for (const entry of await selectTimeEntries(tx, firmId, filter)) {
      examined++;
      if (!isOpen(entry)) {
        skippedLocked++;
        continue;
      }
      const resolved = rates.resolve({ ...entry, date: entry.date });
      const amount = timeAmount(resolved.rate, entry.minutes, scope.firm.minorDigits);
      before.push(entry.amount);
      after.push(amount);
      if (resolved.rate === entry.rate && amount === entry.amount && resolved.source === entry.rateSource)
        continue;
      changed++;
      await replaceTimeEntry(tx, firmId, {
        ...entry,
        rate: resolved.rate,
        rateSource: resolved.source,
        amount,
        updatedAt: now,
      });
    }
    for (const entry of await selectExpenseEntries(tx, firmId, filter)) {
      examined++;
      if (!isOpen(entry)) {
        skippedLocked++;
        continue;
      }
      const resolved = rates.resolve({ ...entry, kind: "expense" });
      const unitRate = entry.rateSource === ENTERED_RATE ? entry.unitRate : resolved.rate;
      const rateSource = entry.rateSource === ENTERED_RATE ? ENTERED_RATE : resolved.source;
      const amount = expenseAmount(entry.quantity, unitRate, entry.surchargeBp, scope.firm.minorDigits);
      before.push(entry.amount);
      after.push(amount);
      if (unitRate === entry.unitRate && amount === entry.amount && rateSource === entry.rateSource) continue;
      changed++;
      await replaceExpenseEntry(tx, firmId, { ...entry, unitRate, rateSource, amount, updatedAt: now });
    }

    const result: RepriceResult = {
      from,
      to,
      examined,
      changed,
      skippedLocked,
      amountBefore: sumAmounts(before),
      amountAfter: sumAmounts(after),
    };
    await appendAudit(tx, {
      firmId,
      at: now,
      actor: scope.actor,
      action: "reprice",
      subject: `${from}..${to}`,
      details: { ...range, ...result },
    });
    return result;
  });
}
