/**
 * Names and text as an hledger journal needs them, made deterministically from firmtime's names
 * (the same name always gives the same account, so appended exports keep adding to it).
 *
 * hledger separates an account from its amount by two spaces or a tab, and levels by ':'; a ';'
 * starts a comment in a description; the first '|' splits payee from note; a ',' ends a tag's
 * value. So: every run of whitespace or control characters becomes one space, ':' and ';' inside
 * one level become " - ", and each kind of text drops what its place would misread.
 */
import { invalid } from "../../domain/errors.js";

const SPACES = /[\s\p{Cc}\u2028\u2029]+/gu;

const oneLine = (text: string) => text.normalize("NFC").replace(SPACES, " ").trim();

/** One level of an account name: "Bookkeeping: monthly" → "Bookkeeping - monthly". */
export const accountPart = (name: string): string =>
  oneLine(name.normalize("NFC").replace(/\s*[:;]\s*/g, " - ")) || "-";

/** A transaction's payee: no ';' (comment) and no '|' (the payee/note split). */
export const payeeText = (text: string): string => oneLine(text.replace(/;/g, ",").replace(/\|/g, "/"));

/** A transaction's note, after the payee's '|': no ';'. */
export const noteText = (text: string): string => oneLine(text.replace(/;/g, ","));

/** A tag's value: no ',' (ends the value) and nothing a comment would misread. */
export const tagValue = (text: string): string => accountPart(text.replace(/,/g, " "));

/** A transaction code is our entry id: it must not close the parentheses or hold spaces. */
export function transactionCode(prefix: "te" | "ex", id: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(id)) throw invalid(`entry id ${JSON.stringify(id)} cannot be a journal code`);
  return `${prefix}-${id}`;
}

export const timeCode = (id: string): string => transactionCode("te", id);
export const expenseCode = (id: string): string => transactionCode("ex", id);

/**
 * The journal's accounts, each made from one record. Two records whose names clean to the same
 * account (two staff both "Ann Lee") would merge their balances silently: that is refused,
 * naming both, as QuickBooks refuses the duplicate name.
 */
export class JournalAccounts {
  private readonly owners = new Map<string, string>();
  private readonly notes = new Map<string, string>();

  /** The account `prefix:part(name)` for the record `owner` (e.g. "client c1"). */
  name(prefix: string, name: string, owner: string, note = ""): string {
    const account = `${prefix}:${accountPart(name)}`;
    return this.claim(account, owner, note);
  }

  /** An account used as is (a prefix itself, e.g. revenue:fees for time without a work code). */
  claim(account: string, owner: string, note = ""): string {
    const taken = this.owners.get(account);
    if (taken !== undefined && taken !== owner)
      throw invalid(`${taken} and ${owner} would share the journal account ${account}; rename one`);
    this.owners.set(account, owner);
    if (note) this.notes.set(account, note);
    return account;
  }

  /** Every account claimed, sorted, with its note (a client's name beside its code). */
  declared(): Array<[account: string, note: string]> {
    return [...this.owners.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((account) => [account, this.notes.get(account) ?? ""]);
  }
}
