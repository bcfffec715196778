import { describe, expect, it } from "vitest";
import { assertBookName, jobFullName, nameKey, tidyName } from "./names.js";

describe("names as the two systems compare them", () => {
  it("matches names that differ only in case, outer and inner whitespace", () => {
    expect(nameKey("  Acme\t Ltd ")).toBe(nameKey("ACME LTD"));
    expect(nameKey("Acme  Ltd")).toBe("acme ltd");
    expect(nameKey("Acme Ltd.")).not.toBe(nameKey("Acme Ltd"));
    // Compatibility forms (a non-breaking space, full-width letters) are the same name.
    expect(nameKey("Acme\u00a0Ltd")).toBe(nameKey("ＡＣＭＥ Ltd"));
  });

  it("sends names tidied but with their case", () => {
    expect(tidyName("  Acme \n Ltd ")).toBe("Acme Ltd");
    expect(jobFullName(" Acme  Ltd", "Audit 2026 ")).toBe("Acme Ltd:Audit 2026");
  });

  it("refuses names the books cannot hold, saying why", () => {
    expect(() => assertBookName("   ", "person")).toThrow(/cannot be empty/);
    expect(() => assertBookName("Acme: Audit", "person")).toThrow(/contains ':'/);
    expect(() => assertBookName("x".repeat(101), "item")).toThrow(/longer than 100/);
    expect(assertBookName(" Tax   return ", "item")).toBe("Tax return");
  });
});
