import { describe, expect, it } from "vitest";
import { sampleBatch } from "../../test-support/sample-export-batch.js";
import { iifBytes, iifText, iifTimeActivities, parseIif, writeIif } from "./iif.js";

describe("IIF bytes, in the code page QuickBooks Desktop reads", () => {
  it("are Windows-1252, one byte a character", () => {
    expect([...iifBytes("José Ø €’—")]).toEqual([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0xd8, 0x20, 0x80, 0x92, 0x97]);
    expect([...iifBytes("Jose\u0301")]).toEqual([0x4a, 0x6f, 0x73, 0xe9]); // composed first
  });

  it("drop accents Windows-1252 lacks, and write ? for what has no plain letter", () => {
    expect(iifText(iifBytes("Dvořák Łódź 漢字 😀"))).toBe("Dvorák ?ódz ?? ?");
  });

  it("read back to the same file", () => {
    const text = writeIif(sampleBatch(60));
    expect(iifText(iifBytes(text))).toBe(text);
    const names = iifTimeActivities(parseIif(iifText(iifBytes(text)))).map((row) => row.worker);
    expect(names).toContain("José Álvarez");
  });
});
