import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  divideRounded,
  expenseAmount,
  formatAmount,
  formatPercent,
  formatQuantity,
  formatRate,
  formatScaled,
  parseAmount,
  parseDecimal,
  parsePercent,
  parseQuantity,
  parseRate,
  sumAmounts,
  timeAmount,
} from "./money.js";

const RUNS = { numRuns: 500 };

/** Independent reference: round half away from zero via exact remainder comparison. */
function referenceRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = magnitude / denominator;
  const remainder = magnitude % denominator;
  const rounded = remainder * 2n >= denominator ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

// Rates up to 100,000.0000/h, minutes up to a day: every product stays a safe integer amount.
const rate = fc.integer({ min: 0, max: 1_000_000_000 });
const minutes = fc.integer({ min: -1440, max: 1440 });
const minorDigits = fc.constantFrom(0, 2, 3);
const quantity = fc.integer({ min: -1_000_000, max: 1_000_000 });
const unitRate = fc.integer({ min: 0, max: 100_000_000 });
const surcharge = fc.integer({ min: 0, max: 100_000 });

describe("divideRounded", () => {
  it("rounds halves away from zero", () => {
    expect(divideRounded(1n, 2n)).toBe(1n);
    expect(divideRounded(-1n, 2n)).toBe(-1n);
    expect(divideRounded(3n, 2n)).toBe(2n);
    expect(divideRounded(-3n, 2n)).toBe(-2n);
    expect(divideRounded(5n, 10n)).toBe(1n);
    expect(divideRounded(4n, 10n)).toBe(0n);
    expect(divideRounded(-4n, 10n)).toBe(0n);
    expect(divideRounded(-5n, 10n)).toBe(-1n);
    expect(divideRounded(0n, 7n)).toBe(0n);
  });

  it("refuses a divisor that is not positive", () => {
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
    expect(() => divideRounded(1n, -2n)).toThrow(RangeError);
  });

  it("matches a remainder-based reference and is odd-symmetric", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          expect(divideRounded(n, d)).toBe(referenceRound(n, d));
          expect(divideRounded(-n, d)).toBe(-divideRounded(n, d));
          // Never more than half a unit away from the exact quotient.
          const diff = divideRounded(n, d) * d - n;
          expect((diff < 0n ? -diff : diff) * 2n <= d).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe("timeAmount", () => {
  it("prices the documented examples", () => {
    expect(timeAmount(1_500_000, 60, 2)).toBe(15_000); // 150.00/h for an hour
    expect(timeAmount(1_500_000, 6, 2)).toBe(1_500); // a tenth of an hour
    expect(timeAmount(131_250, 60, 2)).toBe(1_313); // 13.125/h rounds half up to 13.13
    expect(timeAmount(131_250, -60, 2)).toBe(-1_313);
    expect(timeAmount(1_000_000, 1, 0)).toBe(2); // 100 yen/h for a minute is 1.67 -> 2
    expect(timeAmount(0, 90, 2)).toBe(0);
  });

  it("equals an independent BigInt reference", () => {
    fc.assert(
      fc.property(rate, minutes, minorDigits, (r, m, digits) => {
        const expected = referenceRound(BigInt(r) * BigInt(m) * 10n ** BigInt(digits), 600_000n);
        expect(timeAmount(r, m, digits)).toBe(Number(expected));
      }),
      RUNS,
    );
  });

  it("rounds a negative adjustment to exactly the negation of its positive twin", () => {
    fc.assert(
      fc.property(rate, minutes, minorDigits, (r, m, digits) => {
        expect(timeAmount(r, -m, digits)).toBe(-timeAmount(r, m, digits) || 0);
      }),
      RUNS,
    );
  });

  it("throws rather than losing precision past the safe-integer range", () => {
    expect(timeAmount(Number.MAX_SAFE_INTEGER, 1440, 2)).toBe(2_161_727_821_137_838);
    expect(() => timeAmount(Number.MAX_SAFE_INTEGER, 1440, 3)).toThrow(/amount is too large/);
  });
});

describe("expenseAmount", () => {
  it("is quantity × unit rate × (1 + surcharge), rounded once", () => {
    expect(expenseAmount(1_000, 250_000, 0, 2)).toBe(2_500); // 1 × 25.00
    expect(expenseAmount(2_500, 100_000, 1_500, 2)).toBe(2_875); // 2.5 × 10.00 × 1.15
    expect(expenseAmount(123_400, 5_800, 0, 2)).toBe(7_157); // 123.4 km × 0.58 = 71.572
    expect(expenseAmount(-123_400, 5_800, 0, 2)).toBe(-7_157);
    expect(expenseAmount(1_000, 5, 0, 2)).toBe(0); // 0.0005 rounds to 0.00
    expect(expenseAmount(1_000, 50, 0, 2)).toBe(1); // 0.005 rounds half up to 0.01
  });

  it("equals an independent BigInt reference", () => {
    fc.assert(
      fc.property(quantity, unitRate, surcharge, minorDigits, (q, r, bp, digits) => {
        const expected = referenceRound(
          BigInt(q) * BigInt(r) * BigInt(10_000 + bp) * 10n ** BigInt(digits),
          10n ** 11n,
        );
        expect(expenseAmount(q, r, bp, digits)).toBe(Number(expected));
      }),
      RUNS,
    );
  });

  it("rounds a negative adjustment to exactly the negation of its positive twin", () => {
    fc.assert(
      fc.property(quantity, unitRate, surcharge, minorDigits, (q, r, bp, digits) => {
        expect(expenseAmount(-q, r, bp, digits)).toBe(-expenseAmount(q, r, bp, digits) || 0);
      }),
      RUNS,
    );
  });
});

describe("sumAmounts", () => {
  it("sums exactly and refuses to overflow silently", () => {
    expect(sumAmounts([1, 2, -3, 10])).toBe(10);
    expect(sumAmounts([])).toBe(0);
    expect(() => sumAmounts([Number.MAX_SAFE_INTEGER, 1])).toThrow(/total is too large/);
  });

  it("is exact when a running total passes the safe range and comes back", () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(sumAmounts([max, 1, -1])).toBe(max);
    expect(sumAmounts([max, max, -max, -max, 7])).toBe(7);
    expect(sumAmounts([-max, -2, 2, 5])).toBe(-max + 5);
    // As numbers, max + 2 - 2 would have come back one off (2^53 + 1 is not a double).
    expect(sumAmounts([max - 1, 3, -3])).toBe(max - 1);
  });

  it("refuses an amount that is not an integer, in range or past it", () => {
    expect(() => sumAmounts([1, 0.5])).toThrow(RangeError);
    expect(() => sumAmounts([Number.MAX_SAFE_INTEGER, 0.5])).toThrow(RangeError);
    expect(() => sumAmounts([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("parseDecimal", () => {
  it.each([
    ["150", 2, 15_000n],
    ["150.00", 2, 15_000n],
    ["0.05", 2, 5n],
    [".5", 2, 50n],
    ["1,234.50", 2, 123_450n],
    ["1,234,567", 0, 1_234_567n],
    ["-12.5", 2, -1_250n],
    ["(12.50)", 2, -1_250n],
    ["$40", 2, 4_000n],
    ["-$40", 2, -4_000n],
    ["($1,000.5)", 2, -100_050n],
    ["  +7 ", 0, 7n],
    ["13.125", 4, 131_250n],
    ["0", 2, 0n],
  ])("reads %j at scale %i as %s", (text, scale, expected) => {
    expect(parseDecimal(text, scale)).toBe(expected);
  });

  it.each([
    "1,23.4",
    "12,34",
    "1.2.3",
    "abc",
    "",
    "  ",
    ".",
    "-",
    "()",
    "(-5)",
    "--5",
    "1e3",
    "0x10",
    "12a",
    "١٢",
  ])("rejects %j as not a number", (text) => {
    expect(() => parseDecimal(text, 2, "amount")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("rejects more decimals than the scale allows instead of rounding", () => {
    expect(() => parseDecimal("1.005", 2, "amount")).toThrow(
      expect.objectContaining({
        code: "VALIDATION",
        message: 'amount "1.005" has more than 2 decimal places',
      }),
    );
    expect(() => parseRate("13.12345")).toThrow(/more than 4 decimal places/);
    expect(() => parseQuantity("1.0001")).toThrow(/more than 3 decimal places/);
  });

  it("parses every domain unit", () => {
    expect(parseAmount("1,234.50", 2)).toBe(123_450);
    expect(parseAmount("1234", 0)).toBe(1_234);
    expect(parseRate("150")).toBe(1_500_000);
    expect(parseRate("13.125")).toBe(131_250);
    expect(parseQuantity("2.5")).toBe(2_500);
    expect(parsePercent("15%")).toBe(1_500);
    expect(parsePercent("2.5")).toBe(250);
  });
});

describe("formatScaled and parseDecimal", () => {
  it("formats the documented shapes", () => {
    expect(formatAmount(123_450, 2)).toBe("1234.50");
    expect(formatAmount(-5, 2)).toBe("-0.05");
    expect(formatAmount(0, 2)).toBe("0.00");
    expect(formatAmount(1_234, 0)).toBe("1234");
    expect(formatRate(1_500_000)).toBe("150.00");
    expect(formatRate(131_250)).toBe("13.125");
    expect(formatQuantity(2_500)).toBe("2.5");
    expect(formatQuantity(3_000)).toBe("3");
    expect(formatPercent(1_500)).toBe("15");
    expect(formatPercent(250)).toBe("2.5");
  });

  it("round-trips any scaled integer through text", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (value, scale, minDecimals) => {
          const text = formatScaled(value, scale, Math.min(minDecimals, scale));
          expect(parseDecimal(text, scale)).toBe(value);
        },
      ),
      RUNS,
    );
  });

  it("round-trips amounts written with thousands separators, parentheses and a currency sign", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), (value) => {
        const plain = formatAmount(Math.abs(value), 2);
        const [whole, fraction] = plain.split(".") as [string, string];
        const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
        const text = value < 0 ? `($${grouped}.${fraction})` : `$${grouped}.${fraction}`;
        expect(parseAmount(text, 2)).toBe(value);
      }),
      RUNS,
    );
  });
});
