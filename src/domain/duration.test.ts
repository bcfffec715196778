import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatHours,
  isTimeIncrement,
  parseDuration,
  roundUpToIncrement,
  TIME_INCREMENTS,
} from "./duration.js";

describe("parseDuration", () => {
  it.each([
    ["90", 90],
    ["90m", 90],
    [" 90 M ", 90],
    ["1.5h", 90],
    ["1.5H", 90],
    ["1:30", 90],
    ["0:06", 6],
    ["0.1h", 6],
    ["0.25h", 15],
    ["2h", 120],
    ["0.01h", 1], // 36 seconds: taken to the next whole minute
    ["-90", -90],
    ["-90m", -90],
    ["-1.5h", -90],
    ["-0.01h", -1],
    ["-1:30", -90],
    ["0", 0],
  ])("reads %j as %i minutes", (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(["", "abc", "1:60", "1:5", "1.5", "1.5m", "h", "1.23456h", "1:30h", "--5", "5 min"])(
    "rejects %j",
    (text) => {
      expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    },
  );

  it("agrees across the three notations", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 48 * 60 }), fc.boolean(), (total, negative) => {
        const sign = negative ? "-" : "";
        const expected = (negative ? -total : total) + 0; // no -0
        const clock = `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
        expect(parseDuration(`${sign}${total}`)).toBe(expected);
        expect(parseDuration(`${sign}${total}m`)).toBe(expected);
        expect(parseDuration(clock)).toBe(expected);
        if (total % 6 === 0) expect(parseDuration(`${sign}${total / 60}h`)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("roundUpToIncrement", () => {
  it("rounds up to the firm's increment", () => {
    expect(roundUpToIncrement(1, 6)).toBe(6);
    expect(roundUpToIncrement(6, 6)).toBe(6);
    expect(roundUpToIncrement(7, 6)).toBe(12);
    expect(roundUpToIncrement(1, 15)).toBe(15);
    expect(roundUpToIncrement(16, 15)).toBe(30);
    expect(roundUpToIncrement(7, 1)).toBe(7);
    expect(roundUpToIncrement(0, 6)).toBe(0);
    expect(roundUpToIncrement(-1, 6)).toBe(-6);
    expect(roundUpToIncrement(-7, 15)).toBe(-15);
  });

  it("is symmetric for negatives, a multiple of the increment, and never shortens an entry", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.constantFrom(...TIME_INCREMENTS),
        (minutes, increment) => {
          const rounded = roundUpToIncrement(minutes, increment);
          expect(roundUpToIncrement(-minutes, increment)).toBe(-rounded || 0);
          expect(Math.abs(rounded % increment)).toBe(0);
          expect(Math.abs(rounded)).toBeGreaterThanOrEqual(Math.abs(minutes));
          expect(Math.abs(rounded) - Math.abs(minutes)).toBeLessThan(increment);
          expect(Math.sign(rounded)).toBe(Math.sign(minutes));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("refuses fractional minutes", () => {
    expect(() => roundUpToIncrement(1.5, 6)).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });
});

describe("time increments and hours", () => {
  it("knows the firm's allowed increments", () => {
    expect([1, 6, 15].every(isTimeIncrement)).toBe(true);
    expect([0, 5, 10, 30, 60].some(isTimeIncrement)).toBe(false);
  });

  it("formats minutes as hours with two decimals", () => {
    expect(formatHours(90)).toBe("1.50");
    expect(formatHours(6)).toBe("0.10");
    expect(formatHours(0)).toBe("0.00");
    expect(formatHours(-90)).toBe("-1.50");
    expect(formatHours(1)).toBe("0.02");
  });
});
