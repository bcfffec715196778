import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../domain/money.js";
import type { ExportBatch } from "../export-batch.js";
import { appendJournal, checkJournalCents, runHledger, writeJournal } from "./journal.js";
import { tempDir } from "../../test-support/temp-dir.js";

const dir = tempDir("journal-property");
// Short names from few letters, so some clash once cleaned (as two staff named alike do).
const anyName = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 25 }),
  fc.string({ unit: fc.constantFrom("a", " ", ":", "\t"), minLength: 1, maxLength: 3 }),
);

const anyBatch = fc
  .array(
    fc.record({
      client: anyName,
      worker: anyName,
      item: anyName,
      description: fc.string({ unit: "binary", maxLength: 40 }),
      amount: fc.integer({ min: -10_000_000, max: 10_000_000 }),
      expense: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((rows): ExportBatch => ({
    firm: { name: "Firm", currency: "USD", minorDigits: 2 },
    workers: rows.map((row, n) => ({ id: `s${n}`, name: row.worker, kind: "employee" })),
    customers: rows.map((row, n) => ({
      id: `c${n}`,
      name: row.client,
      fullName: row.client,
      parentId: null,
      code: row.client,
    })),
    items: rows.map((row, n) => ({ id: `w${n}`, name: row.item, kind: "service" })),
    time: rows.flatMap((row, n) =>
      row.expense ? [] : [{ ...entry(row, n), itemId: `w${n}`, minutes: 60, rate: 0 }],
    ),
    expenses: rows.flatMap((row, n) =>
      row.expense ? [{ ...entry(row, n), itemId: null, accountName: row.item }] : [],
    ),
  }));

function entry(row: { amount: number; description: string }, n: number) {
  return {
    id: String(n),
    date: "2026-04-01",
    workerId: `s${n}`,
    customerId: `c${n}`,
    clientId: `c${n}`,
    amount: row.amount,
    billable: true,
    description: row.description,
  };
}

describe("journals for any names, descriptions and amounts", () => {
  it("pass hledger's strict check and balance per client exactly", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(anyBatch, async (batch) => {
        const text = writeJournal(batch);
        expect(checkJournalCents(text, 2)).toEqual([]);
        expect(appendJournal(text, batch)).toBe(text);
        const path = join(dir, `${(run += 1)}.journal`);
        writeFileSync(path, text);
        await runHledger(["check", "-s"], path);
        const csv = await runHledger(
          ["balance", "assets:unbilled", "--flat", "--no-total", "-O", "csv"],
          path,
        );
        const sums = csv
          .trim()
          .split("\n")
          .slice(1)
          .map((row) => parseDecimal(row.split('","')[1]!.replace(/[" USD]/g, ""), 2));
        const expected = [...batch.time, ...batch.expenses]
          .map((each) => BigInt(each.amount))
          .filter((amount) => amount !== 0n);
        // hledger lists an account once and leaves out those at zero; compare the multisets.
        expect(sums.sort()).toEqual(expected.sort());
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
