/**
 * An hledger journal of a firm's approved time and expenses: the commodity and every account
 * declared first, then one transaction per entry, dated, cleared (`*`), with the entry's id as
 * its code, so `hledger print code:te-<id>` finds it and a second export can leave out what the
 * journal already holds.
 *
 * Accounts, per client by its code so a client's rename keeps its history in one account:
 * - time: assets:unbilled:<client code> against revenue:fees:<work code name>;
 * - expenses: assets:unbilled:<client code> against liabilities:reimbursable:<staff name>.
 * So `hledger balance assets:unbilled` per client is firmtime's report per client.
 *
 * Names become account names deterministically: hledger separates an account from its amount by
 * two spaces and levels by ':', and ';' starts a comment; so whitespace collapses to one space
 * and ':' and ';' become '-'.
 *
 * hledger's own check accepts amounts finer than the commodity's decimals (a transaction off by
 * $0.004 balances at display precision), so checkJournalCents adds ours: every amount has at
 * most the firm's minor digits, and every transaction sums to exactly zero, in integers.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { formatScaled, parseDecimal } from "../../domain/money.js";
import type { ExportBatch } from "../export-batch.js";

export const accountPart = (name: string): string =>
  name.normalize("NFC").replace(/[:;]/g, "-").replace(/\s+/g, " ").trim() || "-";

const textPart = (text: string) =>
  text
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

export const timeCode = (id: string) => `te-${id}`;
export const expenseCode = (id: string) => `ex-${id}`;

export interface JournalOptions {
  /** Codes already in the journal being appended to: those entries are left out. */
  alreadyIn?: ReadonlySet<string>;
  /** Write the declarations (a new journal) or only transactions (appending). */
  declarations?: boolean;
}

export function writeJournal(batch: ExportBatch, options: JournalOptions = {}): string {
  const { currency, minorDigits } = batch.firm;
  const amount = (minor: number) => `${formatScaled(minor, minorDigits)} ${currency}`;
  const customers = new Map(batch.customers.map((customer) => [customer.id, customer]));
  const clientAccount = (clientId: string) => {
    const client = customers.get(clientId);
    return `assets:unbilled:${accountPart(client?.code ?? clientId)}`;
  };
  const workers = new Map(batch.workers.map((worker) => [worker.id, worker]));
  const items = new Map(batch.items.map((item) => [item.id, item]));
  const skip = options.alreadyIn ?? new Set<string>();
  const transactions: string[] = [];
  const accounts = new Map<string, string>();

  for (const entry of batch.time) {
    const code = timeCode(entry.id);
    if (skip.has(code)) continue;
    const debit = clientAccount(entry.clientId);
    const credit = `revenue:fees:${accountPart(entry.itemId ? (items.get(entry.itemId)?.name ?? "time") : "time")}`;
    accounts.set(debit, customers.get(entry.clientId)?.name ?? "");
    accounts.set(credit, "");
    const payee = textPart(customers.get(entry.customerId)?.fullName ?? "");
    transactions.push(
      [
        `${entry.date} * (${code}) ${payee} | ${textPart(entry.description)}`,
        `    ; ${workers.get(entry.workerId)?.name ?? ""}, ${entry.minutes} min${entry.billable ? "" : ", not billable"}`,
        `    ${debit}  ${amount(entry.amount)}`,
        `    ${credit}  ${amount(-entry.amount)}`,
      ].join("\n"),
    );
  }
  for (const entry of batch.expenses) {
    const code = expenseCode(entry.id);
    if (skip.has(code)) continue;
    const debit = clientAccount(entry.clientId);
    const credit = `liabilities:reimbursable:${accountPart(workers.get(entry.workerId)?.name ?? entry.workerId)}`;
    accounts.set(debit, customers.get(entry.clientId)?.name ?? "");
    accounts.set(credit, "");
    const payee = textPart(customers.get(entry.customerId)?.fullName ?? "");
    transactions.push(
      [
        `${entry.date} * (${code}) ${payee} | ${textPart(entry.description)}`,
        `    ; ${textPart(entry.accountName)}${entry.billable ? "" : ", not billable"}`,
        `    ${debit}  ${amount(entry.amount)}`,
        `    ${credit}  ${amount(-entry.amount)}`,
      ].join("\n"),
    );
  }
  const head: string[] = [];
  if (options.declarations !== false) {
    head.push(`; ${textPart(batch.firm.name)}: time and expenses exported by firmtime`);
    // The display style: no digit groups, the currency's decimals (1000.00 USD, 1000 JPY).
    head.push(`commodity 1000${minorDigits > 0 ? `.${"0".repeat(minorDigits)}` : ""} ${currency}`);
    for (const [account, name] of [...accounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      head.push(name ? `account ${account}  ; ${textPart(name)}` : `account ${account}`);
    }
  }
  return [...head, "", ...transactions.map((transaction) => `${transaction}\n`)].join("\n");
}

/** The transaction codes a journal already holds (to append without repeating). */
export function journalCodes(text: string): Set<string> {
  return new Set([...text.matchAll(/^\d{4}-\d{2}-\d{2}\s+[*!]?\s*\(([^)]+)\)/gm)].map((match) => match[1]!));
}

export interface CentsProblem {
  line: number;
  message: string;
}

/** Our exact check: amounts at most `minorDigits` decimals, each transaction summing to zero. */
export function checkJournalCents(text: string, minorDigits: number): CentsProblem[] {
  const problems: CentsProblem[] = [];
  let open: { line: number; sum: bigint } | undefined;
  const close = () => {
    if (open && open.sum !== 0n)
      problems.push({
        line: open.line,
        message: `the transaction is off by ${formatScaled(open.sum, minorDigits)}`,
      });
    open = undefined;
  };
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    if (/^\d{4}-\d{2}-\d{2}/.test(raw)) {
      close();
      open = { line, sum: 0n };
      return;
    }
    if (!open || !/^\s+\S/.test(raw) || /^\s+;/.test(raw)) {
      if (!/^\s/.test(raw)) close();
      return;
    }
    const posting = /^\s+(.+?)(?:\s{2,}|\t)\s*(-?\d[\d,]*(?:\.(\d+))?)\s+\S+\s*(?:;.*)?$/.exec(raw);
    if (!posting) {
      problems.push({ line, message: "a posting without an amount" });
      return;
    }
    const decimals = posting[3]?.length ?? 0;
    if (decimals > minorDigits) {
      problems.push({
        line,
        message: `${posting[2]} has ${decimals} decimals; the currency has ${minorDigits}`,
      });
      return;
    }
    open.sum += parseDecimal(posting[2]!.replace(/,/g, ""), minorDigits);
  });
  close();
  return problems;
}

const run = promisify(execFile);

/** Runs the real hledger (Debian's package) on a journal file; its stdout, or its stderr as the error. */
export async function runHledger(args: readonly string[], journalPath: string): Promise<string> {
  try {
    const { stdout } = await run("hledger", ["-f", journalPath, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    throw new Error(`hledger ${args.join(" ")} failed: ${stderr?.trim() || (error as Error).message}`);
  }
}
