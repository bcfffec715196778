/**
 * The IIF written for a small batch, byte for byte, so any change in what QuickBooks receives is
 * seen in review. After an intended change: UPDATE_GOLDEN=1 npx vitest run <this file>.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { smallBatch } from "./fixtures/small-batch.js";
import { iifTimeActivities, joinSplitActivities, parseIif, writeIif } from "./iif.js";

const golden = new URL("./fixtures/small-batch.iif", import.meta.url);

describe("the IIF golden file", () => {
  const text = writeIif(smallBatch());
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, text);

  it("is what the writer writes, byte for byte", () => {
    expect(text).toBe(readFileSync(golden, "utf8"));
  });

  it("reads back as the batch's non-negative entries", () => {
    const entries = joinSplitActivities(iifTimeActivities(parseIif(readFileSync(golden, "utf8"))));
    expect(entries.map((entry) => [entry.date, entry.minutes, entry.job, entry.billable])).toEqual([
      ["2026-03-04", 90, "Acme Ltd:Audit 2026", true],
      ["2026-03-05", 1566, "Ørsted - Søn", true],
      ["2026-03-06", 7, "Acme Ltd", true],
      ["2026-03-06", 45, "Ørsted - Søn", false],
    ]);
  });
});
