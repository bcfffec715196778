import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../domain/money.js";
import { sampleBatch } from "../../test-support/sample-export-batch.js";
import { checkJournalCents, journalCodes, runHledger, timeCode, writeJournal } from "./journal.js";

const dir = mkdtempSync(join(tmpdir(), "firmtime-journal-"));
const save = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("hledger journals, checked by the real hledger", () => {
  const batch = sampleBatch();
  const text = writeJournal(batch);
  const path = save("firm.journal", text);

  it("pass hledger's strict check and our exact-cents check", async () => {
    await runHledger(["check", "-s"], path);
    expect(checkJournalCents(text, 2)).toEqual([]);
  });

  it("balance per client to the cent of the entries' amounts", async () => {
    const output = await runHledger(
      ["balance", "assets:unbilled", "--flat", "--no-total", "-O", "csv"],
      path,
    );
    const balances = new Map(
      output
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",").map((cell) => cell.replace(/"/g, "")))
        .map(([account, amount]) => [account!.split(":")[2]!, parseDecimal(amount!.replace(/ USD$/, ""), 2)]),
    );
    const codes = new Map(batch.customers.map((customer) => [customer.id, customer.code]));
    const expected = new Map<string, bigint>();
    for (const entry of [...batch.time, ...batch.expenses]) {
      const code = codes.get(entry.clientId)!;
      expected.set(code, (expected.get(code) ?? 0n) + BigInt(entry.amount));
    }
    expect(balances).toEqual(expected);
  });

  it("finds an entry by its code, and a second write with the codes already in adds nothing", async () => {
    const entry = batch.time[7]!;
    const printed = await runHledger(["print", `code:${timeCode(entry.id)}`], path);
    expect(printed).toContain(`(${timeCode(entry.id)})`);
    const codes = journalCodes(text);
    expect(codes.size).toBe(batch.time.length + batch.expenses.length);
    const again = writeJournal(batch, { alreadyIn: codes, declarations: false });
    expect(journalCodes(again).size).toBe(0);
  });

  it("catches what hledger lets through: a transaction off by $0.004, or a fraction of a cent", async () => {
    const off = [
      "commodity 1000.00 USD",
      "account assets:unbilled:ACME",
      "account revenue:fees:x",
      "",
      "2026-01-05 * (te-1) Acme",
      "    assets:unbilled:ACME  10.004 USD",
      "    revenue:fees:x  -10.00 USD",
      "",
    ].join("\n");
    await runHledger(["check", "-s"], save("off.journal", off)); // hledger: fine
    expect(checkJournalCents(off, 2)).toContainEqual({
      line: 6,
      message: "10.004 has 3 decimals; the currency has 2",
    });
    const unbalanced = off.replace("10.004 USD", "10.01 USD");
    expect(checkJournalCents(unbalanced, 2)).toEqual([
      { line: 5, message: "the transaction is off by 0.01" },
    ]);
  });
});
