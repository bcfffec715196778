/**
 * Money, rates, durations and quantities as integers, with exactly one rounding path.
 *
 * Units (see shared/design/domain.md):
 * - amounts: minor units of the firm's currency (cents for USD), `minorDigits` decimals;
 * - rates: ten-thousandths of a currency unit per hour (time) or per unit (expense);
 * - durations: minutes; quantities: thousandths of a unit; surcharges: basis points.
 *
 * Every amount is computed as one exact BigInt product divided once, rounded half away
 * from zero, so a negative adjustment rounds to exactly the negation of its positive twin.
 * Totals are sums of these rounded lines; nothing else in firmtime rounds money.
 */
import { invalid } from "./errors.js";

export const RATE_SCALE = 4; // rates are ten-thousandths
export const QUANTITY_SCALE = 3; // quantities are thousandths
export const BASIS_POINTS = 10_000n;

/** Integer division rounded half away from zero. `divisor` must be positive. */
export function divideRounded(dividend: bigint, divisor: bigint): bigint {
  if (divisor <= 0n) throw new RangeError("divisor must be positive");
  const magnitude = dividend < 0n ? -dividend : dividend;
  const quotient = (magnitude * 2n + divisor) / (divisor * 2n);
  return dividend < 0n ? -quotient : quotient;
}

/** A bigint that must fit a JavaScript safe integer (how amounts travel and are stored). */
export function toSafeInteger(value: bigint, what = "amount"): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw invalid(`${what} is too large`);
  }
  return Number(value);
}

const pow10 = (digits: number): bigint => 10n ** BigInt(digits);

/** amount = round(rate × minutes / 60), in minor units. */
export function timeAmount(rate: number, minutes: number, minorDigits: number): number {
  const dividend = BigInt(rate) * BigInt(minutes) * pow10(minorDigits);
  return toSafeInteger(divideRounded(dividend, 60n * pow10(RATE_SCALE)));
}

/** amount = round(quantity × unit rate × (1 + surcharge)), in minor units. */
export function expenseAmount(
  quantity: number,
  unitRate: number,
  surchargeBasisPoints: number,
  minorDigits: number,
): number {
  const dividend =
    BigInt(quantity) * BigInt(unitRate) * (BASIS_POINTS + BigInt(surchargeBasisPoints)) * pow10(minorDigits);
  return toSafeInteger(divideRounded(dividend, pow10(QUANTITY_SCALE + RATE_SCALE) * BASIS_POINTS));
}

/**
 * Sum of integer amounts, exact (throws past the safe-integer range rather than losing cents).
 * Added as numbers while the running total stays a safe integer: each such addition is exact,
 * and one whose exact result leaves the range gives an unsafe number (rounding is monotonic), so
 * the first unsafe total sends the whole sum to BigInt, where later amounts may bring it back.
 * A report adds six figures per line, and a BigInt per figure was a tenth of its time.
 */
export function sumAmounts(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) {
    total += amount;
    // Also where an amount is not an integer: BigInt refuses it, as before.
    if (!Number.isSafeInteger(total)) return exactSum(amounts);
  }
  return total;
}

function exactSum(amounts: readonly number[]): number {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return toSafeInteger(total, "total");
}

const DECIMAL = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;
const CURRENCY_SYMBOLS = /^[$€£¥]/;

/**
 * Parses human text ("150", "0.05", "1,234.50", "-12.5", "(12.50)", "$40") into an integer
 * scaled by 10^scale. More decimals than the scale allows is an error, never a silent round.
 * This is the only place text becomes money, a rate, a quantity or a percentage.
 */
export function parseDecimal(text: string, scale: number, what = "number"): bigint {
  let body = text.trim();
  let negative = false;
  if (body.startsWith("(") && body.endsWith(")")) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  if (body.startsWith("-")) {
    if (negative) throw invalid(`${what} ${JSON.stringify(text)} is not a number`);
    negative = true;
    body = body.slice(1).trim();
  } else if (body.startsWith("+")) {
    body = body.slice(1).trim();
  }
  body = body.replace(CURRENCY_SYMBOLS, "");
  const match = DECIMAL.exec(body);
  const whole = match?.[1];
  const fraction = match?.[2] ?? "";
  if (!match || (whole === undefined && fraction === "")) {
    throw invalid(`${what} ${JSON.stringify(text)} is not a number`);
  }
  if (fraction.length > scale) {
    throw invalid(`${what} ${JSON.stringify(text)} has more than ${scale} decimal places`);
  }
  const digits = (whole ?? "0").replaceAll(",", "") + fraction.padEnd(scale, "0");
  const value = BigInt(digits);
  return negative ? -value : value;
}

/** parseDecimal into a safe integer. */
export function parseScaled(text: string, scale: number, what = "number"): number {
  return toSafeInteger(parseDecimal(text, scale, what), what);
}

/** Formats a scaled integer as decimal text with at least `minDecimals` decimals ("1234.50"). */
export function formatScaled(value: number | bigint, scale: number, minDecimals = scale): string {
  const big = BigInt(value);
  const negative = big < 0n;
  const digits = (negative ? -big : big).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  while (fraction.length > minDecimals && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  return `${negative ? "-" : ""}${whole}${fraction ? "." + fraction : ""}`;
}

export const parseAmount = (text: string, minorDigits: number): number =>
  parseScaled(text, minorDigits, "amount");
export const formatAmount = (amount: number, minorDigits: number): string =>
  formatScaled(amount, minorDigits);
export const parseRate = (text: string): number => parseScaled(text, RATE_SCALE, "rate");
/** Rates show at least two decimals and as many more as they carry: "150.00", "13.125". */
export const formatRate = (rate: number): string => formatScaled(rate, RATE_SCALE, 2);
export const parseQuantity = (text: string): number => parseScaled(text, QUANTITY_SCALE, "quantity");
export const formatQuantity = (quantity: number): string => formatScaled(quantity, QUANTITY_SCALE, 0);
/** "15" or "15%" or "2.5" percent into basis points. */
export const parsePercent = (text: string): number =>
  parseScaled(text.trim().replace(/%$/, ""), 2, "percentage");
export const formatPercent = (basisPoints: number): string => formatScaled(basisPoints, 2, 0);
