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
 * Each record's account, `prefix:<its name>`. Two records whose names clean to the same level
 * (two staff both "Ann Lee") would silently share one balance, so each of those gets its id
 * added: "Ann Lee (s1)", "Ann Lee (s2)". (A firm that later renames one sees its account change;
 * sharing would be worse, and refusing would stop the firm's whole export.)
 */
export function recordAccounts(
  prefix: string,
  records: ReadonlyArray<{ id: string; name: string }>,
): Map<string, string> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const part = accountPart(record.name);
    counts.set(part, (counts.get(part) ?? 0) + 1);
  }
  return new Map(
    records.map((record) => {
      const part = accountPart(record.name);
      const own = counts.get(part)! > 1 ? `${part} (${accountPart(record.id)})` : part;
      return [record.id, `${prefix}:${own}`];
    }),
  );
}
