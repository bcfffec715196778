/**
 * Our exact-cents check of a journal, because hledger's is not: it balances a transaction at the
 * commodity's display precision, so with USD declared to cents a transaction off by $0.004
 * passes `hledger check -s`. Here, in integers: every posting amount has at most the currency's
 * minor digits, and every transaction's real postings sum to exactly zero per commodity (its
 * balanced virtual [postings] too, apart; unbalanced (postings) are not summed).
 *
 * Reads the journal style firmtime writes and people commonly add by hand: '.' as the decimal
 * mark, ',' digit groups, the commodity before or after ("$-10.00", "-10.00 USD"). A posting
 * without an amount, or with a price (@), is reported: our journals state every amount in the
 * firm's one currency.
 */
import { formatScaled, parseDecimal } from "../../domain/money.js";

export interface CentsProblem {
  line: number;
  message: string;
}

const TRANSACTION = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/;
// An optional status, the account up to two spaces or a tab, then what follows.
const POSTING = /^[ \t]+(?:[*!][ \t]+)?(\S.*?)(?: {2,}|\t)[ \t]*(\S.*)?$/;
const AMOUNT =
  /^(-)?[ \t]*([^\d\s;=@.,+-][^\d\s;=@.,-]*)?[ \t]*(-)?(\d[\d,]*(?:\.(\d*))?|\.(\d+))[ \t]*([^\d\s;=@.,-][^\s;=@]*)?[ \t]*(.*)$/;

interface Open {
  line: number;
  sums: Map<string, bigint>;
  /** A posting already reported cannot be summed in minor units: no "off by" on top of it. */
  reported: boolean;
}

export function checkJournalCents(text: string, minorDigits: number): CentsProblem[] {
  const problems: CentsProblem[] = [];
  let open: Open | undefined;
  const close = () => {
    for (const [commodity, sum] of open && !open.reported ? open.sums : []) {
      if (sum !== 0n)
        problems.push({
          line: open!.line,
          message: `the transaction is off by ${formatScaled(sum, minorDigits)} ${commodity}`.trimEnd(),
        });
    }
    open = undefined;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (TRANSACTION.test(raw)) {
      close();
      open = { line, sums: new Map(), reported: false };
    } else if (!/^[ \t]/.test(raw) || raw.trim() === "") {
      close(); // a blank line or a directive ends a transaction
    } else if (open && !/^[ \t]*;/.test(raw)) {
      const problem = addPosting(open, raw, minorDigits);
      if (problem) {
        problems.push({ line, message: problem });
        open.reported = true;
      }
    }
  });
  close();
  return problems;
}

/** Adds one posting line to its transaction's sums; a problem's words, if any. */
function addPosting(open: Open, raw: string, minorDigits: number): string | undefined {
  const posting = POSTING.exec(raw);
  const account = posting?.[1] ?? raw.trim().replace(/\s*;.*$/, "");
  const rest = posting?.[2];
  if (!rest || rest.startsWith(";")) return `${account} has no amount (hledger would infer it)`;
  const amount = AMOUNT.exec(rest);
  if (!amount) return `${account} has an amount we cannot read: ${rest}`;
  const [, signBefore, prefix, signAfter, number, fraction, bareFraction, suffix, tail] = amount;
  if (tail!.startsWith("@")) return `${account} has a price; firmtime journals use one currency`;
  const decimals = (fraction ?? bareFraction ?? "").length;
  if (decimals > minorDigits) return `${number} has ${decimals} decimals; the currency has ${minorDigits}`;
  if (account.startsWith("(")) return undefined; // unbalanced virtual: not summed, by hledger's rules
  const commodity = (prefix ?? suffix ?? "").replace(/^"|"$/g, "");
  const group = `${account.startsWith("[") ? "[virtual] " : ""}${commodity}`;
  const value = parseDecimal(number!.replace(/,/g, ""), minorDigits);
  const negative = (signBefore === "-") !== (signAfter === "-");
  open.sums.set(group, (open.sums.get(group) ?? 0n) + (negative ? -value : value));
  return undefined;
}
