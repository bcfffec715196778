import { describe, expect, it } from "vitest";
import { addDays, isIsoDate, monthOf, parseIsoDate } from "./dates.js";
import {
  normaliseCode,
  normaliseCurrency,
  normaliseEmail,
  normaliseStaffNumber,
  optionalText,
  parseBillable,
  requireText,
} from "./fields.js";

describe("codes and staff numbers", () => {
  it("upper-cases and trims codes", () => {
    expect(normaliseCode("  acme01 ", "client code")).toBe("ACME01");
  });

  it.each(["", "   ", "A B", "A*", "A?", 'A"', "A~B", "A,B"])("refuses the code %j", (code) => {
    expect(() => normaliseCode(code, "client code")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("limits staff numbers to 10 characters", () => {
    expect(normaliseStaffNumber("abcdefghij")).toBe("ABCDEFGHIJ");
    expect(() => normaliseStaffNumber("abcdefghijk")).toThrow(
      'staff number "abcdefghijk" is longer than 10 characters',
    );
  });
});

describe("text, email, currency, billable", () => {
  it("requires text and names the field", () => {
    expect(requireText("  Jane ", "first name")).toBe("Jane");
    expect(() => requireText(" ", "first name")).toThrow("first name is required");
  });

  it("refuses a NUL character in any text (PostgreSQL cannot store one)", () => {
    expect(() => requireText("a\u0000b", "name")).toThrow("name may not contain a NUL character");
    expect(() => optionalText("\u0000x", "name")).toThrow("name may not contain a NUL character");
    expect(() => normaliseCode("A\u0000", "client code")).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
    expect(() => normaliseEmail("a\u0000@b.test")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("lower-cases emails and treats empty as none", () => {
    expect(normaliseEmail(" Jane@Firm.TEST ")).toBe("jane@firm.test");
    expect(normaliseEmail("")).toBeNull();
    expect(normaliseEmail(null)).toBeNull();
    expect(() => normaliseEmail("jane@firm")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("knows each currency's minor digits", () => {
    expect(normaliseCurrency("usd")).toEqual({ currency: "USD", minorDigits: 2 });
    expect(normaliseCurrency("JPY")).toEqual({ currency: "JPY", minorDigits: 0 });
    expect(normaliseCurrency("KWD")).toEqual({ currency: "KWD", minorDigits: 3 });
    expect(() => normaliseCurrency("XYZ")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("reads B / NB", () => {
    expect(parseBillable("B")).toBe(true);
    expect(parseBillable("nb")).toBe(false);
    expect(() => parseBillable("maybe")).toThrow('billable "maybe" must be B or NB');
  });
});

describe("dates", () => {
  it("accepts real dates only", () => {
    expect(parseIsoDate("2026/02/28")).toBe("2026-02-28");
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(() => parseIsoDate("2026-13-01", "entry date")).toThrow(
      'entry date "2026-13-01" is not a date (YYYY-MM-DD)',
    );
    expect(() => parseIsoDate("15/06/2026")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("adds days and finds a month", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(monthOf("2024-02-10")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
  });
});
