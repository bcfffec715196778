/**
 * An hledger journal of a firm's approved time and expenses: the commodity and every account
 * declared first (so `hledger check -s` holds), then one cleared transaction per entry, with the
 * entry's id as its code, so `hledger print code:te-<id>` finds it and an append leaves out what
 * the journal already holds:
 *
 *     2026-03-04 * (te-<id>) Acme Ltd:Audit 2026 | Reviewed the draft
 *         ; worker: Mia Chen, minutes: 90, rate: 125.00, billable: yes
 *         assets:unbilled:ACME  187.50 USD
 *         revenue:fees:Tax return  -187.50 USD
 *
 * Accounts: a client's unbilled work by its client code (stable when the client is renamed; the
 * declaration carries the name as a client: tag), so `hledger balance assets:unbilled` per
 * client is firmtime's report per client, non-billable work included (tagged billable: no, so
 * `hledger balance tag:billable=yes` leaves it out). Time is credited to revenue:fees:<work code>
 * (or revenue:fees without one), expenses to liabilities:reimbursable:<staff>, what the firm owes
 * the person who paid.
 *
 * Amounts are the batch's integers formatted with the currency's decimals; transactions are
 * sorted by date and code so the same batch is always the same bytes.
 */
import { invalid } from "../../domain/errors.js";
import { formatRate, formatScaled } from "../../domain/money.js";
import type { ExportBatch, ExportExpense, ExportTimeEntry } from "../export-batch.js";
import { expenseCode, noteText, payeeText, recordAccounts, tagValue, timeCode } from "./journal-names.js";
import { readJournal, type JournalContents } from "./read-journal.js";

export interface JournalOptions {
  /** Codes already in the journal being appended to: those entries are left out. */
  alreadyIn?: ReadonlySet<string>;
  /**
   * What the journal being appended to declares: only the commodity and accounts it lacks are
   * declared. Without it, everything used is declared (a new journal).
   */
  declared?: Pick<JournalContents, "accounts" | "commodities">;
}

interface Transaction {
  date: string;
  code: string;
  text: string;
}

export function writeJournal(batch: ExportBatch, options: JournalOptions = {}): string {
  const { currency, minorDigits } = batch.firm;
  if (!/^[A-Z]{3}$/.test(currency)) throw invalid(`${currency} is not an ISO 4217 currency code`);
  const book = new BookKeeper(batch);
  const skip = options.alreadyIn ?? new Set<string>();
  const transactions = [
    ...batch.time.filter((entry) => !skip.has(timeCode(entry.id))).map((entry) => book.time(entry)),
    ...batch.expenses.filter((entry) => !skip.has(expenseCode(entry.id))).map((entry) => book.expense(entry)),
  ].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.code < b.code ? -1 : 1));
  if (transactions.length === 0) return "";

  const declared = options.declared;
  const head: string[] = [];
  if (!declared) head.push(`; ${payeeText(batch.firm.name)}: time and expenses exported by firmtime`);
  // The display style hledger reads back exactly: no digit groups, a decimal point (hledger 1.25
  // refuses a commodity directive without one, so a currency without decimals is "1000. JPY")
  // and the currency's decimals.
  if (!declared?.commodities.has(currency))
    head.push(`commodity 1000.${"0".repeat(minorDigits)} ${currency}`);
  for (const [account, note] of book.usedAccounts()) {
    if (declared?.accounts.has(account)) continue;
    // The client's name as a tag (`hledger accounts tag:client=Acme`), not free text, where a
    // ':' in the name would make a stray tag.
    head.push(note ? `account ${account}  ; client: ${tagValue(note)}` : `account ${account}`);
  }
  const blocks = head.length > 0 ? [head.join("\n")] : [];
  return [...blocks, ...transactions.map((transaction) => transaction.text)].join("\n\n") + "\n";
}

/**
 * The journal with the batch's entries it does not hold yet appended, declaring the accounts
 * (and commodity) those need; unchanged when it holds them all.
 */
export function appendJournal(existing: string, batch: ExportBatch): string {
  if (existing.trim() === "") return writeJournal(batch);
  const contents = readJournal(existing);
  const added = writeJournal(batch, { alreadyIn: contents.codes, declared: contents });
  if (added === "") return existing;
  const separator = existing.endsWith("\n") ? "\n" : "\n\n";
  return existing + separator + added;
}

/** Turns entries into transactions, noting the accounts they use (and a client's name). */
class BookKeeper {
  private readonly used = new Map<string, string>();
  private readonly customers;
  private readonly workers;
  private readonly items;
  private readonly clientAccounts;
  private readonly feeAccounts;
  private readonly staffAccounts;

  constructor(private readonly batch: ExportBatch) {
    this.customers = new Map(batch.customers.map((customer) => [customer.id, customer]));
    this.workers = new Map(batch.workers.map((worker) => [worker.id, worker]));
    this.items = new Map(batch.items.map((item) => [item.id, item]));
    const clients = batch.customers.filter((customer) => customer.parentId === null);
    this.clientAccounts = recordAccounts(
      "assets:unbilled",
      clients.map((client) => ({ id: client.id, name: client.code })),
    );
    this.feeAccounts = recordAccounts("revenue:fees", batch.items);
    this.staffAccounts = recordAccounts("liabilities:reimbursable", batch.workers);
  }

  /** Every account a transaction used, sorted, with its note (a client's name). */
  usedAccounts(): Array<[account: string, note: string]> {
    return [...this.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private use(account: string, note = ""): string {
    this.used.set(account, note);
    return account;
  }

  time(entry: ExportTimeEntry): Transaction {
    const code = timeCode(entry.id);
    const item = entry.itemId === null ? undefined : this.found(this.items, entry.itemId, "item", code);
    // Time without a work code is credited to revenue:fees itself, which no work code can take.
    const credit = this.use(item ? this.feeAccounts.get(item.id)! : "revenue:fees");
    const worker = this.found(this.workers, entry.workerId, "worker", code);
    const tags = `worker: ${tagValue(worker.name)}, minutes: ${entry.minutes}, rate: ${formatRate(entry.rate)}`;
    return this.transaction(entry, code, `${tags}, billable: ${entry.billable ? "yes" : "no"}`, credit);
  }

  expense(entry: ExportExpense): Transaction {
    const code = expenseCode(entry.id);
    const worker = this.found(this.workers, entry.workerId, "worker", code);
    const credit = this.use(this.staffAccounts.get(worker.id)!);
    const tags = `worker: ${tagValue(worker.name)}, account: ${tagValue(entry.accountName)}`;
    return this.transaction(entry, code, `${tags}, billable: ${entry.billable ? "yes" : "no"}`, credit);
  }

  private transaction(
    entry: ExportTimeEntry | ExportExpense,
    code: string,
    tags: string,
    credit: string,
  ): Transaction {
    const client = this.found(this.customers, entry.clientId, "client", code);
    const debit = this.clientAccounts.get(client.id);
    if (debit === undefined) throw invalid(`${code} is for ${client.id}, a job, not a client`);
    this.use(debit, client.name);
    const payee = payeeText(this.found(this.customers, entry.customerId, "customer", code).fullName);
    const note = noteText(entry.description);
    const { currency, minorDigits } = this.batch.firm;
    const amount = (minor: number) => `${formatScaled(minor, minorDigits)} ${currency}`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date)) throw invalid(`${code} has no YYYY-MM-DD date`);
    const text = [
      `${entry.date} * (${code}) ${payee}${note ? ` | ${note}` : ""}`,
      `    ; ${tags}`,
      `    ${debit}  ${amount(entry.amount)}`,
      `    ${credit}  ${amount(-entry.amount)}`,
    ].join("\n");
    return { date: entry.date, code, text };
  }

  private found<T>(map: Map<string, T>, id: string, what: string, code: string): T {
    const record = map.get(id);
    // An entry naming a record the batch does not list is a bug upstream: stop, do not guess.
    if (record === undefined) throw invalid(`${code} names ${what} ${id}, not in the batch`);
    return record;
  }
}
