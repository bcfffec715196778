/**
 * Durations are integer minutes. People type "90", "1.5h", "1:30" or "0.25h"; every entry is
 * rounded up (away from zero for negative adjustments) to the firm's time increment.
 */
import { invalid } from "./errors.js";
import { divideRounded, parseDecimal, toSafeInteger } from "./money.js";

export const TIME_INCREMENTS = [1, 6, 15] as const;
export type TimeIncrement = (typeof TIME_INCREMENTS)[number];

export function isTimeIncrement(value: number): value is TimeIncrement {
  return (TIME_INCREMENTS as readonly number[]).includes(value);
}

/** Parses "90" / "90m" (minutes), "1.5h" (hours), "1:30" (h:mm). Hours may carry 4 decimals. */
export function parseDuration(text: string): number {
  const body = text.trim().toLowerCase();
  const clock = /^(-?)(\d+):([0-5]\d)$/.exec(body);
  if (clock) {
    const minutes = Number(clock[2]) * 60 + Number(clock[3]);
    return clock[1] && minutes !== 0 ? -minutes : minutes; // never -0
  }
  if (body.endsWith("h")) {
    const tenThousandthsOfHour = parseDecimal(body.slice(0, -1), 4, "hours");
    // Hours that are not a whole minute are taken to the next minute away from zero.
    const magnitude = tenThousandthsOfHour < 0n ? -tenThousandthsOfHour : tenThousandthsOfHour;
    const minutes = (magnitude * 60n + 9_999n) / 10_000n;
    return toSafeInteger(tenThousandthsOfHour < 0n ? -minutes : minutes, "duration");
  }
  const minutesText = body.endsWith("m") ? body.slice(0, -1) : body;
  if (!/^-?\d+$/.test(minutesText.trim())) {
    throw invalid(`duration ${JSON.stringify(text)} is not minutes ("90"), hours ("1.5h") or h:mm ("1:30")`);
  }
  return toSafeInteger(BigInt(minutesText.trim()), "duration");
}

/** Rounds minutes up to the increment, symmetrically for negative adjustments. */
export function roundUpToIncrement(minutes: number, increment: number): number {
  if (!Number.isInteger(minutes)) throw invalid("minutes must be a whole number");
  const magnitude = Math.abs(minutes);
  const rounded = Math.ceil(magnitude / increment) * increment;
  return minutes < 0 ? -rounded : rounded;
}

/** Minutes as hours text with two decimals ("1.50"), for reports. Exact for 6-minute steps. */
export function formatHours(minutes: number): string {
  const hundredths = divideRounded(BigInt(minutes) * 100n, 60n);
  const negative = hundredths < 0n;
  const digits = (negative ? -hundredths : hundredths).toString().padStart(3, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
