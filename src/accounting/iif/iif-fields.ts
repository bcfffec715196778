/**
 * Single IIF fields as QuickBooks Desktop reads them.
 *
 * QuickBooks reads a field raw: a tab starts the next field, a line break the next row, and a
 * field that starts with a double quote is read as quoted (the quotes vanish and an odd one
 * swallows the tabs after it). We CLEAN rather than refuse: a note typed with a line break must
 * not stop a firm's whole export. Tabs, line breaks and other control characters become one
 * space, `"` becomes `'`. Names are cleaned the same way and, since IIF's NAME uses ':' between
 * a customer and its job (and an item and its sub-item), a ':' inside one record's own name
 * becomes " - " so "Bookkeeping: monthly" stays one item instead of an item and a sub-item.
 */
import { invalid } from "../../domain/errors.js";

const CONTROL = /[\p{Cc}\u2028\u2029]+/gu;

/** A field QuickBooks reads as exactly one value. */
export const iifField = (value: string): string =>
  value.replace(CONTROL, " ").replace(/"/g, "'").replace(/ {2,}/g, " ").trim();

/**
 * One level of a list name (a customer, a job, an employee, a vendor, an item). QuickBooks
 * requires a name: one that cleans to nothing is refused, as no cleaning can make one up.
 */
export function iifListName(name: string): string {
  const clean = iifField(name.normalize("NFC").replace(/\s*:\s*/g, " - ")).replace(/\s+/g, " ");
  if (clean === "") throw invalid(`an IIF list name cannot be empty (${JSON.stringify(name)})`);
  return clean;
}

/** 2026-03-04 → 03/04/26, as QuickBooks writes IIF dates (two-digit years, read as 20YY). */
export function iifDate(isoDate: string): string {
  const match = /^20(\d{2})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw invalid(`IIF dates are MM/DD/YY of 2000–2099; ${JSON.stringify(isoDate)} is not`);
  return `${match[2]}/${match[3]}/${match[1]}`;
}

/** QuickBooks refuses a TIMEACT duration over 23:59. */
export const MAX_IIF_MINUTES = 23 * 60 + 59;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/**
 * Minutes as HH:MM pieces of at most 23:59 each that add up exactly to `minutes`: every piece
 * but the last is 23:59. A reader joins a 23:59 row with the identical row after it
 * (joinSplitActivities), so a long day's entry is summed back whole.
 */
export function iifDurations(minutes: number): string[] {
  if (!Number.isSafeInteger(minutes) || minutes < 0)
    throw invalid(`an IIF duration must be whole non-negative minutes, not ${minutes}`);
  const pieces: string[] = [];
  let left = minutes;
  do {
    const piece = Math.min(left, MAX_IIF_MINUTES);
    pieces.push(hhmm(piece));
    left -= piece;
  } while (left > 0);
  return pieces;
}
