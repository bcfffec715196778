/** Calendar dates are "YYYY-MM-DD" strings: their string order is date order. */
import { invalid } from "./errors.js";

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Accepts YYYY-MM-DD (and YYYY/MM/DD); anything else, or a date that does not exist, is an error. */
export function parseIsoDate(text: string, what = "date"): IsoDate {
  const normalised = text.trim().replaceAll("/", "-");
  if (!isIsoDate(normalised)) throw invalid(`${what} ${JSON.stringify(text)} is not a date (YYYY-MM-DD)`);
  return normalised;
}

export function todayIn(now: Date): IsoDate {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** First and last day of the month holding `date`. */
export function monthOf(date: IsoDate): { from: IsoDate; to: IsoDate } {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = date.slice(0, 7);
  return { from: `${prefix}-01`, to: `${prefix}-${String(last).padStart(2, "0")}` };
}

/**
 * The week holding `date`, Monday to Sunday (firms keep no week start of their own yet).
 * `weekStartsOn` is an ISO weekday: 1 Monday … 7 Sunday.
 */
export function weekOf(date: IsoDate, weekStartsOn = 1): { from: IsoDate; to: IsoDate } {
  const isoWeekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  const from = addDays(date, -((isoWeekday - weekStartsOn + 7) % 7));
  return { from, to: addDays(from, 6) };
}
