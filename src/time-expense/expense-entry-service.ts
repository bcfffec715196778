/**
 * Expense entries: quantity × unit rate, plus the work code's surcharge, rounded once.
 * The unit rate is resolved like a time rate unless the entry states its own (a receipt's cost).
 */
import { inTransaction } from "../store/transaction.js";
import { assertEditable } from "../domain/entries.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { optionalText } from "../domain/fields.js";
import { expenseAmount } from "../domain/money.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import { definedOnly } from "../firm-setup/staff-service.js";
import type { Db } from "../store/database.js";
import type { Counter } from "../store/count-cache.js";
import { newId } from "../store/ids.js";
import { createEntryReferences, referencesForBatch, type EntryReferences } from "./entry-references.js";
import {
  countEntries,
  deleteEntryRow,
  findExpenseEntry,
  insertExpenseEntries,
  replaceExpenseEntry,
  selectExpenseEntries,
  type ExpenseEntry,
} from "./entry-store.js";
import {
  insertInChunks,
  resolveEntryFilter,
  resolveEntryParties,
  type EntryListFilter,
  type EntryPage,
} from "./time-entry-service.js";

export interface ExpenseEntryInput {
  staff: string;
  client: string;
  project?: string | null;
  workCode: string;
  date: string;
  /** Thousandths of a unit; defaults to 1 unit. Negative for adjustments. */
  quantity?: number;
  /** Ten-thousandths per unit; when absent the rate is resolved from the rate tables. */
  unitRate?: number | null;
  /** Basis points; defaults to the work code's surcharge. */
  surchargeBp?: number;
  billable?: boolean;
  description?: string;
}

export const ENTERED_RATE = "entered";
export const MAX_SURCHARGE_BP = 1_000_000;

export async function prepareExpenseEntry(
  refs: EntryReferences,
  scope: FirmScope,
  input: ExpenseEntryInput,
  now: string,
): Promise<ExpenseEntry> {
  const parties = await resolveEntryParties(refs, scope, input, "expense");
  const quantity = input.quantity ?? 1000;
  if (!Number.isSafeInteger(quantity) || quantity === 0) throw invalid("quantity must be a non-zero number");
  const entered = input.unitRate !== undefined && input.unitRate !== null;
  const unitRate = entered ? input.unitRate! : parties.resolved.rate;
  if (!Number.isSafeInteger(unitRate)) throw invalid("unit rate must be a whole number of ten-thousandths");
  const surchargeBp = input.surchargeBp ?? parties.workCode.surchargeBp;
  if (!Number.isSafeInteger(surchargeBp) || surchargeBp < -10_000) {
    throw invalid("surcharge must be whole basis points, no lower than -100 %");
  }
  // The work codes' bound (10,000 %); it also keeps the value inside its 32-bit column.
  if (surchargeBp > MAX_SURCHARGE_BP) throw invalid("surcharge may not exceed 10,000 %");
  return {
    id: newId(),
    staffId: parties.staff.id,
    clientId: parties.client.id,
    projectId: parties.project?.id ?? null,
    workCodeId: parties.workCode.id,
    date: parties.date,
    quantity,
    unitRate,
    rateSource: entered ? ENTERED_RATE : parties.resolved.source,
    surchargeBp,
    amount: expenseAmount(quantity, unitRate, surchargeBp, scope.firm.minorDigits),
    billable: input.billable ?? parties.workCode.billable,
    description: optionalText(input.description, "description", 4000),
    receiptFile: null,
    status: "draft",
    reviewComment: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * One entry. `references` are the caller's when it has already resolved the entry's staff and
 * client in the same transaction (the API authorizes the placement first), so none is read twice.
 */
export async function addExpenseEntry(
  db: Db,
  scope: FirmScope,
  input: ExpenseEntryInput,
  references?: EntryReferences,
): Promise<ExpenseEntry> {
  const [entry] = await addExpenseEntries(db, scope, [input], undefined, references);
  return entry!;
}

export async function addExpenseEntries(
  db: Db,
  scope: FirmScope,
  inputs: readonly ExpenseEntryInput[],
  onProgress?: (done: number, total: number) => void,
  references?: EntryReferences,
): Promise<ExpenseEntry[]> {
  return inTransaction(db, async (tx) => {
    const refs = await referencesForBatch(tx, scope.firm.id, inputs.length, references);
    const now = nowIso(scope);
    const entries: ExpenseEntry[] = [];
    for (const [index, input] of inputs.entries()) {
      try {
        entries.push(await prepareExpenseEntry(refs, scope, input, now));
      } catch (error) {
        if (error instanceof AppError && inputs.length > 1) {
          throw new AppError(error.code, `entry ${index + 1}: ${error.message}`, { ...error.details, index });
        }
        throw error;
      }
    }
    await insertInChunks(entries, (chunk) => insertExpenseEntries(tx, scope.firm.id, chunk), onProgress);
    return entries;
  });
}

export async function getExpenseEntry(db: Db, scope: FirmScope, id: string): Promise<ExpenseEntry> {
  const entry = await findExpenseEntry(db, scope.firm.id, id);
  if (!entry) throw notFound("expense entry", id);
  return entry;
}

export async function listExpenseEntries(
  db: Db,
  scope: FirmScope,
  filter: EntryListFilter = {},
): Promise<ExpenseEntry[]> {
  return selectExpenseEntries(db, scope.firm.id, await resolveEntryFilter(db, scope, filter));
}

export async function pageExpenseEntries(
  db: Db,
  scope: FirmScope,
  filter: EntryListFilter,
  counter?: Counter,
): Promise<EntryPage<ExpenseEntry>> {
  const resolved = await resolveEntryFilter(db, scope, filter);
  return {
    items: await selectExpenseEntries(db, scope.firm.id, resolved),
    total: await countEntries(db, scope.firm.id, "expense", resolved, counter),
  };
}

export type ExpenseEntryPatch = Partial<ExpenseEntryInput>;

export async function editExpenseEntry(
  db: Db,
  scope: FirmScope,
  id: string,
  patch: ExpenseEntryPatch,
): Promise<ExpenseEntry> {
  return inTransaction(db, async (tx) => {
    const current = await getExpenseEntry(tx, scope, id);
    assertEditable(current, scope.firm.lockDate);
    const changes = definedOnly(patch);
    const repriced = ["staff", "client", "project", "workCode", "date"].some((key) => key in changes);
    // A stated unit rate stays; a resolved one is kept as the snapshot unless its inputs change.
    const keepRate = current.rateSource === ENTERED_RATE || !repriced;
    const newWorkCode = "workCode" in changes;
    const merged: ExpenseEntryInput = {
      staff: current.staffId,
      client: current.clientId,
      project: current.projectId,
      workCode: current.workCodeId,
      date: current.date,
      quantity: current.quantity,
      unitRate: keepRate ? current.unitRate : null,
      // Surcharge and billable default from the work code: a new work code brings its own.
      surchargeBp: newWorkCode ? undefined : current.surchargeBp,
      billable: newWorkCode ? undefined : current.billable,
      description: current.description,
      ...changes,
    };
    if (changes.client !== undefined && patch.project === undefined) merged.project = null;
    const fresh = await prepareExpenseEntry(
      createEntryReferences(tx, scope.firm.id),
      scope,
      merged,
      nowIso(scope),
    );
    const next: ExpenseEntry = {
      ...fresh,
      id: current.id,
      status: current.status,
      reviewComment: current.reviewComment,
      createdAt: current.createdAt,
      receiptFile: current.receiptFile,
      rateSource:
        changes.unitRate !== undefined ? fresh.rateSource : keepRate ? current.rateSource : fresh.rateSource,
    };
    await replaceExpenseEntry(tx, scope.firm.id, next);
    return next;
  });
}

export async function deleteExpenseEntry(db: Db, scope: FirmScope, id: string): Promise<ExpenseEntry> {
  return inTransaction(db, async (tx) => {
    const entry = await getExpenseEntry(tx, scope, id);
    assertEditable(entry, scope.firm.lockDate);
    await deleteEntryRow(tx, scope.firm.id, "expense", entry.id);
    return entry;
  });
}
