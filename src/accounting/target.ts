/**
 * What the accounting connector needs from a connected accounting system (QuickBooks Online
 * today, QuickBooks Desktop later). The transfer phases (src/accounting/phases) speak only this
 * interface, so a target adds no rule of its own about what moves; it only says how.
 *
 * Money crosses this boundary as integers (minor units, and rates in ten-thousandths per hour,
 * as src/domain/money.ts defines them); a target converts to its own wire format at its edge.
 */

/** The lists that move in phase 1 and 2. A job is a customer with a parent. */
export type ListKind = "employee" | "vendor" | "customer" | "item";

/** A record as the accounting system holds it. */
export interface ExternalRecord {
  kind: ListKind;
  externalId: string;
  /** The record's own name (a job's leaf name, without its parent's). */
  name: string;
  /** "Client:Project" for a job; the same as `name` otherwise. */
  fullName: string;
  /** A job's customer; null for everything else. */
  parentExternalId: string | null;
  active: boolean;
  /** The target's concurrency token (QBO SyncToken), sent back on update. */
  version: string | null;
  /** ISO timestamp of the target's last change. */
  updatedAt: string;
  /** Gone from the books (deleted, or merged into another record): only `listChanges` says so. */
  deleted?: true;
}

/** A record firmtime asks the target to create. */
export interface RecordDraft {
  kind: ListKind;
  name: string;
  parentExternalId: string | null;
  /** Employees and vendors: given and family names, when firmtime knows them. */
  givenName?: string;
  familyName?: string;
  email?: string | null;
}

/** A change to a record firmtime leads: its name or whether it is active. */
export interface RecordChange {
  kind: ListKind;
  externalId: string;
  version: string | null;
  name: string;
  active: boolean;
}

/** One approved time entry, resolved to the target's ids. */
export interface TimePosting {
  /** Our id for this posting (the entry's id): the batch item's id, and what the result names. */
  transferId: string;
  /** YYYY-MM-DD */
  date: string;
  workerKind: "employee" | "vendor";
  workerExternalId: string;
  /** The customer, or the job when the firm maps projects to jobs. */
  customerExternalId: string;
  itemExternalId: string | null;
  minutes: number;
  /** Ten-thousandths of a currency unit per hour. */
  rate: number;
  /** Minor units: what firmtime computed, which the target must show to the cent. */
  amount: number;
  billable: boolean;
  description: string;
}

/** One approved expense entry, resolved to the target's ids. */
export interface ExpensePosting {
  transferId: string;
  date: string;
  payeeKind: "employee" | "vendor";
  payeeExternalId: string;
  customerExternalId: string;
  /** The expense account the firm mapped for the entry's work code (or its default). */
  accountExternalId: string;
  amount: number;
  billable: boolean;
  description: string;
}

export type PostingResult =
  | {
      transferId: string;
      ok: true;
      externalId: string;
      /**
       * The books stored something other than what was sent (QBO keeps rates to two decimals).
       * Still posted (it is in the books, and calling it refused would send it again): the run
       * lists it so someone corrects it there.
       */
      warning?: string;
    }
  | { transferId: string; ok: false; code: TargetErrorCode; message: string };

export interface ExternalAccount {
  externalId: string;
  name: string;
  /** The target's account type, e.g. "Expense", "Other Current Asset". */
  type: string;
}

export interface AccountingTarget {
  /**
   * Which company's books these are (QBO: the realm). What was read from one company's books
   * says nothing about another's.
   */
  readonly booksId: string;
  /** Every record of a kind, inactive ones included. */
  listRecords(kind: ListKind): Promise<ExternalRecord[]>;
  /**
   * The records of a kind changed since an ISO time, deleted ones marked so; null when the
   * target cannot say (the time is further back than it keeps changes, or its answer may have
   * been cut short): the caller then reads every record.
   */
  listChanges(kind: ListKind, since: string): Promise<ExternalRecord[] | null>;
  /** Throws TargetError "duplicate_name" when the name is taken, across kinds. */
  createRecord(draft: RecordDraft, requestId: string): Promise<ExternalRecord>;
  updateRecord(change: RecordChange): Promise<ExternalRecord>;
  /** The most postings one postTime / postExpenses call takes (QBO: 30 per /batch). */
  readonly maxBatch: number;
  /**
   * Posts one batch. `batchId` (at most 36 characters) is stored by the caller with the batch's
   * members before the call and sent as the target's idempotency key (QBO `requestid`), so the
   * same batch sent again after a crash or a lost response replays instead of posting twice.
   * Results come back in the postings' order.
   */
  postTime(batchId: string, postings: TimePosting[]): Promise<PostingResult[]>;
  postExpenses(batchId: string, postings: ExpensePosting[]): Promise<PostingResult[]>;
  listAccounts(): Promise<ExternalAccount[]>;
  close(): Promise<void>;
}

export type TargetErrorCode =
  | "duplicate_name" // the name exists in the target (QBO 6240); report both records
  | "reconnect" // credentials refused for good (invalid_grant): an Admin must connect again
  | "throttled" // the target asked us to slow down (429) and retries ran out
  | "transient" // 5xx or a dropped connection, retries ran out
  | "stale" // the record changed in the target meanwhile (QBO 5010), after a fresh retry
  | "invalid" // the target refused the record's content
  | "not_found";

export class TargetError extends Error {
  constructor(
    readonly code: TargetErrorCode,
    message: string,
    /** The target's own error code and detail, kept for the run's record. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "TargetError";
  }
}
