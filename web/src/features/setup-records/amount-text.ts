/**
 * What the setup forms read from typed text, into the integers the API takes: rates in
 * ten-thousandths ("125.50" → 1255000), fees in minor units, surcharges in basis points
 * ("15" % → 1500), budgets in whole minutes ("12.5" hours → 750). String and integer
 * arithmetic only (lib/decimal-text): a typed number never passes through a float.
 */
import { decimalText, readDecimal, type DecimalReading } from "../../lib/decimal-text";

export const RATE_DIGITS = 4;

export const readRate = (text: string): DecimalReading => readDecimal(text, RATE_DIGITS, "a rate");
export const rateText = (rate: number): string =>
  rate < 0 ? `−${decimalText(-rate, RATE_DIGITS)}` : decimalText(rate, RATE_DIGITS);

/** A percentage with up to 2 decimals, as basis points. */
export const readSurcharge = (text: string): DecimalReading => readDecimal(text, 2, "a percentage");
export const surchargeText = (basisPoints: number): string => decimalText(basisPoints, 2, 0);

/** Hours with up to 2 decimals, as whole minutes: 1.25 h is 75 min; 0.01 h (36 s) is not a minute count. */
export function readHours(text: string): DecimalReading {
  const reading = readDecimal(text, 2, "hours");
  if ("error" in reading) return reading;
  // hundredths of an hour × 60 / 100 = minutes; whole only when the product divides evenly.
  const sixtieths = reading.value * 60;
  if (sixtieths % 100 !== 0) return { error: "hours must come to whole minutes, like 12.5 or 12.25" };
  return { value: sixtieths / 100 };
}

export const hoursText = (minutes: number): string => decimalText((minutes * 100) / 60, 2, 0);
