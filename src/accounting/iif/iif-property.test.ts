import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ExportBatch } from "../export-batch.js";
import {
  iifDurations,
  iifField,
  iifTimeActivities,
  joinSplitActivities,
  minutesFromDuration,
  parseIif,
  writeIif,
} from "./iif.js";

const anyText = fc.string({ unit: "binary", maxLength: 30 });

/** A batch of one customer, worker and item per entry, all named by arbitrary text. */
const anyBatch = fc
  .array(
    fc.record({
      // QuickBooks names are never empty; the rest of each name is anything at all.
      customer: anyText.map((text) => `C${text}`),
      worker: anyText.map((text) => `W${text}`),
      item: anyText.map((text) => `I${text}`),
      note: anyText,
      minutes: fc.integer({ min: 0, max: 5_000 }),
      day: fc.integer({ min: 1, max: 28 }),
      billable: fc.boolean(),
    }),
    { minLength: 1, maxLength: 20 },
  )
  .map((rows): ExportBatch => ({
    firm: { name: "Firm", currency: "USD", minorDigits: 2 },
    workers: rows.map((row, n) => ({ id: `s${n}`, name: row.worker, kind: n % 2 ? "vendor" : "employee" })),
    customers: rows.map((row, n) => ({
      id: `c${n}`,
      name: row.customer,
      fullName: row.customer,
      parentId: null,
      code: `C${n}`,
    })),
    items: rows.map((row, n) => ({ id: `w${n}`, name: row.item, kind: "service" })),
    time: rows.map((row, n) => ({
      id: `t${n}`,
      date: `2026-02-${String(row.day).padStart(2, "0")}`,
      workerId: `s${n}`,
      customerId: `c${n}`,
      clientId: `c${n}`,
      itemId: `w${n}`,
      minutes: row.minutes,
      rate: 0,
      amount: 0,
      billable: row.billable,
      // Entries told apart by their note, as IIF has no ids to tell them apart by.
      description: `${n} ${row.note}`,
    })),
    expenses: [],
  }));

describe("IIF for any names, notes and durations", () => {
  it("splits any duration into readable pieces adding up exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (minutes) => {
        const pieces = iifDurations(minutes).map(minutesFromDuration);
        expect(pieces.every((piece) => piece !== undefined)).toBe(true);
        expect(pieces.reduce((sum, piece) => sum! + piece!, 0)).toBe(minutes);
      }),
    );
  });

  it("reads back every entry, its note cleaned and its minutes whole", () => {
    fc.assert(
      fc.property(anyBatch, (batch) => {
        const entries = joinSplitActivities(iifTimeActivities(parseIif(writeIif(batch))));
        expect(entries.map((entry) => [entry.date, entry.minutes, entry.note, entry.billable])).toEqual(
          batch.time.map((entry) => [entry.date, entry.minutes, iifField(entry.description), entry.billable]),
        );
        for (const entry of entries) expect(entry.job + entry.worker + entry.item).not.toMatch(/[\t\r\n"]/);
        expect(entries.every((entry) => !entry.job.includes(":"))).toBe(true); // no stray job level
      }),
      { numRuns: 200 },
    );
  });
});
