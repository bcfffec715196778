import { describe, expect, it } from "vitest";
import { decimalText, readDecimal } from "./decimal-text";

describe("typed amounts read as integers", () => {
  it("reads points, commas and thousands without a float", () => {
    expect(readDecimal("23.50", 4)).toEqual({ value: 235_000 });
    expect(readDecimal("23,5", 4)).toEqual({ value: 235_000 });
    expect(readDecimal("1,234.56", 2)).toEqual({ value: 123_456 });
    expect(readDecimal("1,234", 2)).toEqual({ value: 123_400 });
    expect(readDecimal("0.1", 3)).toEqual({ value: 100 });
    expect(readDecimal("  12 ", 3)).toEqual({ value: 12_000 });
    // 0.1 + 0.2 is where floats go wrong; strings do not.
    expect(readDecimal("0.3", 4)).toEqual({ value: 3000 });
    expect(readDecimal("1234567.8901", 4)).toEqual({ value: 12_345_678_901 });
  });

  it("refuses what is not an amount, in words", () => {
    expect(readDecimal("", 2)).toEqual({ error: "type an amount" });
    expect(readDecimal("12.345", 2)).toEqual({ error: "at most 2 decimals" });
    expect(readDecimal("-5", 2)).toHaveProperty("error");
    expect(readDecimal("1e3", 2)).toHaveProperty("error");
    expect(readDecimal("12.3.4", 2)).toHaveProperty("error");
    expect(readDecimal("99999999999999", 4)).toEqual({ error: "an amount is too large" });
  });

  it("writes integers back as text", () => {
    expect(decimalText(235_000, 4)).toBe("23.50");
    expect(decimalText(235_010, 4)).toBe("23.501");
    expect(decimalText(1000, 3, 0)).toBe("1");
    expect(decimalText(5, 4)).toBe("0.0005");
    expect(decimalText(-1500, 2)).toBe("-15.00");
  });
});
