/**
 * What an existing journal already holds, so an append adds only the entries it lacks and
 * declares only the accounts and commodity it lacks. Reads the journal's own lines, not
 * `include`d files.
 */

export interface JournalContents {
  /** Transaction codes ("te-<id>", "ex-<id>", or any other a person wrote). */
  codes: Set<string>;
  /** Accounts declared with `account`. */
  accounts: Set<string>;
  /** Commodities declared with `commodity` ("USD", "$"). */
  commodities: Set<string>;
}

const TRANSACTION_CODE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:=\S+)?[ \t]+(?:[*!][ \t]*)?\(([^)]*)\)/gm;
// An account name ends at two spaces, a tab (before a comment) or the line's end.
const ACCOUNT = /^account[ \t]+(.+?)(?: {2,}|\t|[ \t]*$)/gm;
const COMMODITY = /^commodity[ \t]+([^;\n]*)/gm;

export function readJournal(text: string): JournalContents {
  const lines = text.replace(/\r\n/g, "\n");
  return {
    codes: new Set([...lines.matchAll(TRANSACTION_CODE)].map((match) => match[1]!)),
    accounts: new Set([...lines.matchAll(ACCOUNT)].map((match) => match[1]!)),
    commodities: new Set([...lines.matchAll(COMMODITY)].map((match) => commoditySymbol(match[1]!))),
  };
}

/** "1000.00 USD" → "USD", "$1,000.00" → "$", "EUR" → "EUR", '"ACME Shares" 1.0' → "ACME Shares". */
function commoditySymbol(declaration: string): string {
  const quoted = /"([^"]+)"/.exec(declaration);
  if (quoted) return quoted[1]!;
  return declaration.replace(/-?\d[\d.,]*/, "").trim();
}

/** The transaction codes a journal already holds (to append without repeating). */
export const journalCodes = (text: string): Set<string> => readJournal(text).codes;
