import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleBatch } from "../../test-support/sample-export-batch.js";
import { checkJournalCents, runHledger, writeJournal } from "./journal.js";
import { tempDir } from "../../test-support/temp-dir.js";

const dir = tempDir("cents");
const save = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const journal = (...postings: string[]) =>
  [
    "commodity 1000.00 USD",
    "account assets:unbilled:ACME",
    "account revenue:fees:x",
    "",
    "2026-01-05 * (te-1) Acme | work",
    "    ; worker: Mia",
    ...postings,
    "",
  ].join("\n");

describe("our exact-cents check", () => {
  it("passes what firmtime writes", () => {
    expect(checkJournalCents(writeJournal(sampleBatch(300)), 2)).toEqual([]);
  });

  it("catches a transaction off by $0.004, which hledger's strict check lets through", async () => {
    const off = journal("    assets:unbilled:ACME  10.004 USD", "    revenue:fees:x  -10.00 USD");
    await runHledger(["check", "-s"], save("off.journal", off)); // hledger: fine
    expect(checkJournalCents(off, 2)).toEqual([
      { line: 7, message: "10.004 has 3 decimals; the currency has 2" },
    ]);
  });

  it("catches a transaction that does not sum to exactly zero, per commodity", () => {
    const unbalanced = journal("    assets:unbilled:ACME  10.01 USD", "    revenue:fees:x  -10.00 USD");
    expect(checkJournalCents(unbalanced, 2)).toEqual([
      { line: 5, message: "the transaction is off by 0.01 USD" },
    ]);
    const mixed = journal("    assets:unbilled:ACME  10.00 USD", "    revenue:fees:x  -10.00 EUR");
    expect(checkJournalCents(mixed, 2)).toEqual([
      { line: 5, message: "the transaction is off by 10.00 USD" },
      { line: 5, message: "the transaction is off by -10.00 EUR" },
    ]);
  });

  it("reads the commodity before or after, signs either side, digit groups and comments", () => {
    const styles = journal(
      "    assets:unbilled:ACME  $1,000.50  ; a comment",
      "    assets:unbilled:ACME  $-0.50",
      "    * revenue:fees:x  -$999.99",
      "    revenue:fees:x\t-.01 $ = $0",
      "    (budget:x)  123.456 $", // unbalanced virtual: not summed, but still to the cent
    );
    expect(checkJournalCents(styles, 2)).toEqual([
      { line: 11, message: "123.456 has 3 decimals; the currency has 2" },
    ]);
    expect(checkJournalCents(styles.replace("123.456", "123.45"), 2)).toEqual([]);
  });

  it("reports a posting hledger would fill in, or one with a price", () => {
    const inferred = journal("    assets:unbilled:ACME  10.00 USD", "    revenue:fees:x  ; left for hledger");
    expect(checkJournalCents(inferred, 2)).toEqual([
      { line: 8, message: "revenue:fees:x has no amount (hledger would infer it)" },
    ]);
    const priced = journal("    assets:unbilled:ACME  10 EUR @ 1.10 USD", "    revenue:fees:x  -11.00 USD");
    expect(checkJournalCents(priced, 2)[0]).toEqual({
      line: 7,
      message: "assets:unbilled:ACME has a price; firmtime journals use one currency",
    });
  });

  it("holds a currency without decimals to whole units", () => {
    const yen = "2026-01-05 * x\n    a  100 JPY\n    b  -99.5 JPY\n";
    expect(checkJournalCents(yen, 0)).toEqual([
      { line: 3, message: "99.5 has 1 decimals; the currency has 0" },
    ]);
  });
});
