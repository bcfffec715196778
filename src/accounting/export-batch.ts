/**
 * What a file export (IIF, hledger journal) is written from: the firm's lists and approved
 * entries with every name already resolved. The connector builds it from the store; the writers
 * (src/accounting/iif, src/accounting/ledger) are pure functions of it, so a file is the same
 * bytes for the same batch.
 *
 * Money stays integer: amounts in minor units (the firm's `minorDigits` decimals), rates in
 * ten-thousandths per hour, durations in minutes (src/domain/money.ts). Writers format with
 * formatScaled; nothing here is a float.
 */

export interface ExportFirm {
  name: string;
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
  minorDigits: number;
}

export interface ExportWorker {
  /** firmtime's staff id. */
  id: string;
  /** The name the accounting system knows ("First Last"). */
  name: string;
  kind: "employee" | "vendor";
}

export interface ExportCustomer {
  /** firmtime's client id, or project id for a job. */
  id: string;
  /** The record's own name. */
  name: string;
  /** "Client:Project" for a job, else the same as `name`. */
  fullName: string;
  /** A job's customer (firmtime client id); null for a customer. */
  parentId: string | null;
  /** firmtime's client code, for accounts that must stay stable when names change. */
  code: string;
}

export interface ExportItem {
  /** firmtime's work code id (or project id when the firm maps projects to items). */
  id: string;
  name: string;
  kind: "service" | "expense";
}

export interface ExportTimeEntry {
  /** firmtime's entry id: a journal's transaction code, and what an export records as sent. */
  id: string;
  /** YYYY-MM-DD */
  date: string;
  workerId: string;
  /** The customer or job the time is for (ExportCustomer.id). */
  customerId: string;
  /** firmtime's client id, whatever the customer mapping. */
  clientId: string;
  itemId: string | null;
  minutes: number;
  rate: number;
  amount: number;
  billable: boolean;
  description: string;
}

export interface ExportExpense {
  id: string;
  date: string;
  workerId: string;
  customerId: string;
  clientId: string;
  itemId: string | null;
  /** The expense account's name in the books, from the firm's settings. */
  accountName: string;
  amount: number;
  billable: boolean;
  description: string;
}

export interface ExportBatch {
  firm: ExportFirm;
  workers: ExportWorker[];
  customers: ExportCustomer[];
  items: ExportItem[];
  time: ExportTimeEntry[];
  expenses: ExportExpense[];
}
