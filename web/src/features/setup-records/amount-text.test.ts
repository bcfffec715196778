import { describe, expect, it } from "vitest";
import { hoursText, rateText, readHours, readRate, readSurcharge, surchargeText } from "./amount-text";

describe("setup amounts typed as text", () => {
  it("reads rates into ten-thousandths without a float", () => {
    expect(readRate("125.50")).toEqual({ value: 1_255_000 });
    expect(readRate("13.125")).toEqual({ value: 131_250 });
    expect(readRate("0.655")).toEqual({ value: 6_550 });
    expect(readRate("1,234.5678")).toEqual({ value: 12_345_678 });
    expect(readRate("150")).toEqual({ value: 1_500_000 });
    expect(readRate("1.23456")).toEqual({ error: "at most 4 decimals" });
    expect(readRate("abc")).toHaveProperty("error");
  });

  it("writes rates back as people type them", () => {
    expect(rateText(1_255_000)).toBe("125.50");
    expect(rateText(131_250)).toBe("13.125");
    expect(rateText(-50_000)).toBe("−5.00");
  });

  it("reads surcharges as basis points", () => {
    expect(readSurcharge("15")).toEqual({ value: 1500 });
    expect(readSurcharge("2.5")).toEqual({ value: 250 });
    expect(surchargeText(1500)).toBe("15");
    expect(surchargeText(250)).toBe("2.5");
  });

  it("reads budget hours into whole minutes, refusing parts of a minute", () => {
    expect(readHours("12.5")).toEqual({ value: 750 });
    expect(readHours("0.25")).toEqual({ value: 15 });
    expect(readHours("40")).toEqual({ value: 2400 });
    expect(readHours("0.01")).toHaveProperty("error");
    expect(hoursText(750)).toBe("12.5");
    expect(hoursText(2400)).toBe("40");
  });
});
