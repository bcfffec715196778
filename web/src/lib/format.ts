/**
 * How numbers, money, durations and dates read on screen. Money arrives from the server as
 * integer minor units and is only ever formatted here, with string and integer arithmetic:
 * no division, no floating point (the server computed every amount).
 */

const groupWhole = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** 123456 minor units with 2 digits → "1,234.56"; with a currency → "USD 1,234.56". */
export function formatMoney(minor: number, minorDigits = 2, currency?: string): string {
  if (!Number.isSafeInteger(minor)) return "—";
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(minorDigits + 1, "0");
  const whole = digits.slice(0, digits.length - minorDigits);
  const fraction = minorDigits > 0 ? `.${digits.slice(digits.length - minorDigits)}` : "";
  const text = `${negative ? "−" : ""}${groupWhole(whole)}${fraction}`;
  return currency ? `${currency} ${text}` : text;
}

/** 95 minutes → "1:35". */
export function formatMinutes(minutes: number): string {
  const negative = minutes < 0;
  const total = Math.abs(Math.trunc(minutes));
  const hours = Math.trunc(total / 60);
  const rest = total % 60;
  return `${negative ? "−" : ""}${hours}:${String(rest).padStart(2, "0")}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
/** A calendar date (YYYY-MM-DD), shown in the reader's words without moving it across time zones. */
export const formatDate = (isoDate: string) => dateOnly.format(new Date(`${isoDate}T00:00:00Z`));
