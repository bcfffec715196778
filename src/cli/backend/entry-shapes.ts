/**
 * Entries as the commands print them, whichever backend produced them. The services build an
 * entry's fields in different orders (a new entry is assembled, a stored one read from its row)
 * and the API in its schema's order; listing the fields here gives one order, so --json prints
 * the same document from a firm file and from a cloud.
 */
import type { ExpenseEntry, TimeEntry } from "../../time-expense/entry-store.js";

/** Codes for the ids an entry holds, so people see JD / ACME01 / AUDIT, not UUIDs. */
export interface EntryCodes {
  staff: string;
  client: string;
  project: string;
  workCode: string;
}

/** A record's code by id; unknown ids (records the caller may not read) show as the id. */
export type CodeOf = (id: string | null) => string;

export function codeLookup(records: Iterable<{ id: string; code: string }>): CodeOf {
  const codes = new Map<string, string>();
  for (const record of records) codes.set(record.id, record.code);
  return (id) => (id ? (codes.get(id) ?? id) : "");
}

export const timeEntryShape = (e: TimeEntry): TimeEntry => ({
  id: e.id,
  staffId: e.staffId,
  clientId: e.clientId,
  projectId: e.projectId,
  workCodeId: e.workCodeId,
  date: e.date,
  billable: e.billable,
  amount: e.amount,
  description: e.description,
  status: e.status,
  reviewComment: e.reviewComment ?? null,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  minutes: e.minutes,
  rate: e.rate,
  rateSource: e.rateSource,
});

export const expenseEntryShape = (e: ExpenseEntry): ExpenseEntry => ({
  id: e.id,
  staffId: e.staffId,
  clientId: e.clientId,
  projectId: e.projectId,
  workCodeId: e.workCodeId,
  date: e.date,
  billable: e.billable,
  amount: e.amount,
  description: e.description,
  status: e.status,
  reviewComment: e.reviewComment ?? null,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  quantity: e.quantity,
  unitRate: e.unitRate,
  rateSource: e.rateSource,
  surchargeBp: e.surchargeBp,
  receiptFile: e.receiptFile,
});

type AnyEntry = TimeEntry | ExpenseEntry;

export const entryShape = <E extends AnyEntry>(entry: E): E =>
  ("minutes" in entry ? timeEntryShape(entry) : expenseEntryShape(entry)) as E;

export const withCodes = <E extends AnyEntry>(entry: E, code: CodeOf): E & EntryCodes => ({
  ...entryShape(entry),
  staff: code(entry.staffId),
  client: code(entry.clientId),
  project: code(entry.projectId),
  workCode: code(entry.workCodeId),
});
