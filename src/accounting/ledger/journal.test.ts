import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../domain/money.js";
import type { ExportBatch } from "../export-batch.js";
import { sampleBatch } from "../../test-support/sample-export-batch.js";
import {
  appendJournal,
  checkJournalCents,
  journalCodes,
  readJournal,
  runHledger,
  timeCode,
  writeJournal,
} from "./journal.js";
import { tempDir } from "../../test-support/temp-dir.js";

const dir = tempDir("journal");
let saved = 0;
const save = (text: string) => {
  const path = join(dir, `${(saved += 1)}.journal`);
  writeFileSync(path, text);
  return path;
};

/** hledger's CSV balance report as account → integer minor units (no float on the way). */
async function balances(path: string, query: string): Promise<Map<string, bigint>> {
  const csv = await runHledger(["balance", query, "--flat", "--no-total", "-O", "csv"], path);
  const rows = csv.trim().split("\n").slice(1);
  return new Map(
    rows.map((row) => {
      const [account, amount] = row.split('","').map((cell) => cell.replace(/"/g, ""));
      return [account!, parseDecimal(amount!.replace(/ USD$/, ""), 2)];
    }),
  );
}

/** firmtime's total per client code, summed exactly from the batch. */
function totalsByClient(batch: ExportBatch): Map<string, bigint> {
  const codes = new Map(batch.customers.map((customer) => [customer.id, customer.code]));
  const totals = new Map<string, bigint>();
  for (const entry of [...batch.time, ...batch.expenses]) {
    const account = `assets:unbilled:${codes.get(entry.clientId)}`;
    totals.set(account, (totals.get(account) ?? 0n) + BigInt(entry.amount));
  }
  return totals;
}

describe("hledger journals, checked by the real hledger", () => {
  const batch = sampleBatch(300);
  const text = writeJournal(batch);
  const path = save(text);

  it("pass hledger's strict check and our exact-cents check", async () => {
    expect(batch.time.length + batch.expenses.length).toBe(375);
    await runHledger(["check", "-s"], path);
    expect(await runHledger(["stats"], path)).toMatch(/Transactions\s+: 375 /);
  });

  it("balance per client to the cent of firmtime's amounts", async () => {
    const perClient = await balances(path, "assets:unbilled");
    expect(perClient).toEqual(totalsByClient(batch));
    expect(perClient.size).toBe(3);
    const all = await balances(path, "");
    expect([...all.values()].reduce((sum, amount) => sum + amount, 0n)).toBe(0n);
  });

  it("find an entry by its code, with its amount, worker and minutes", async () => {
    const entry = batch.time[7]!;
    const printed = await runHledger(["print", `code:${timeCode(entry.id)}`], path);
    expect(printed.match(/^\d{4}-/gm)).toHaveLength(1);
    expect(printed).toContain(`${entry.date} * (te-${entry.id}) Globex Corp | Work item 7`);
    expect(printed).toMatch("; worker: José Álvarez, minutes: 48, rate: 125.00, billable: yes");
    expect(printed).toMatch(
      /assets:unbilled:GLOBEX\s+100\.00 USD\n\s+revenue:fees:Bookkeeping - monthly\s+-100\.00 USD/,
    );
  });

  it("keep billable and non-billable apart by tag", async () => {
    const billable = batch.time.filter((entry) => entry.billable);
    const csv = await runHledger(["balance", "revenue", "tag:billable=yes", "-O", "csv"], path);
    const total = csv
      .trim()
      .split("\n")
      .at(-1)!
      .split('","')[1]!
      .replace(/[" USD]/g, "");
    const expected = billable.reduce((sum, entry) => sum + BigInt(entry.amount), 0n);
    expect(parseDecimal(total, 2)).toBe(-expected);
  });

  it("are the same bytes whatever order the store gave the entries", () => {
    const shuffled = { ...batch, time: [...batch.time].reverse(), expenses: [...batch.expenses].reverse() };
    expect(writeJournal(shuffled)).toBe(text);
  });
});

describe("appending to a journal", () => {
  const batch = sampleBatch(60);
  const first: ExportBatch = {
    ...batch,
    time: batch.time.filter((entry) => entry.clientId === "c1"),
    expenses: [],
  };

  it("adds only the entries not in it, declaring the accounts they need", async () => {
    const start = writeJournal(first);
    expect(readJournal(start).accounts).not.toContain("assets:unbilled:GLOBEX");
    const appended = appendJournal(start, batch);
    expect(appended.startsWith(start)).toBe(true);
    const path = save(appended);
    await runHledger(["check", "-s"], path); // the new clients and staff are declared
    const codes = (await runHledger(["print"], path)).match(/\((?:te|ex)-[^)]+\)/g)!;
    expect(codes).toHaveLength(batch.time.length + batch.expenses.length);
    expect(new Set(codes).size).toBe(codes.length);
    expect(await balances(path, "assets:unbilled")).toEqual(totalsByClient(batch));
    expect((appended.match(/^commodity /gm) ?? []).length).toBe(1);
  });

  it("adds nothing the second time", () => {
    const once = appendJournal(writeJournal(first), batch);
    expect(appendJournal(once, batch)).toBe(once);
    expect(writeJournal(batch, { alreadyIn: journalCodes(once) })).toBe("");
  });

  it("starts a journal when there is none", async () => {
    const fresh = appendJournal("", batch);
    expect(fresh).toBe(writeJournal(batch));
    await runHledger(["check", "-s"], save(fresh));
  });
});

describe("names in a journal", () => {
  it("survive odd spacing, colons, semicolons, bars and accents as hledger reads them", async () => {
    const batch = sampleBatch(8);
    batch.workers[0]!.name = "Zoë  O'Brien:\tJr.";
    batch.customers[1]!.code = "GLO BEX;2";
    batch.customers[2]!.fullName = "Ørsted | Søn; Holding";
    batch.items[1]!.name = "Bookkeeping:  monthly";
    batch.time[2]!.description = "Call; then  email | follow-up";
    const path = save(writeJournal(batch));
    await runHledger(["check", "-s"], path);
    const accounts = (await runHledger(["accounts"], path)).trim().split("\n");
    expect(accounts).toEqual([
      "assets:unbilled:ACME",
      "assets:unbilled:GLO BEX - 2",
      "assets:unbilled:ORSTED",
      "liabilities:reimbursable:Zoë O'Brien - Jr.",
      "revenue:fees:Bookkeeping - monthly",
      "revenue:fees:Tax return",
    ]);
    const entry = batch.time[2]!;
    const printed = await runHledger(["print", `code:${timeCode(entry.id)}`, "-O", "csv"], path);
    expect(printed).toContain('"Ørsted / Søn, Holding | Call, then email | follow-up"');
    const payees = await runHledger(["payees"], path);
    expect(payees).toContain("Ørsted / Søn, Holding\n");
  });

  it("keeps two staff of the same name in accounts of their own", async () => {
    const batch = sampleBatch(8);
    batch.workers[1]!.name = "Mia  Chen";
    batch.expenses.push({ ...batch.expenses[0]!, id: "e-s2", workerId: "s2", amount: 1234 });
    const path = save(writeJournal(batch));
    await runHledger(["check", "-s"], path);
    expect(await balances(path, "liabilities")).toEqual(
      new Map([
        [
          "liabilities:reimbursable:Mia Chen (s1)",
          -BigInt(batch.expenses[0]!.amount + batch.expenses[1]!.amount),
        ],
        ["liabilities:reimbursable:Mia Chen (s2)", -1234n],
      ]),
    );
  });

  it("refuses an entry naming a record the batch does not list", () => {
    const batch = sampleBatch(2);
    batch.time[1]!.clientId = "gone";
    expect(() => writeJournal(batch)).toThrow(/names client gone, not in the batch/);
  });
});

describe("currencies other than cents", () => {
  it.each([
    ["JPY", 0, "commodity 1000. JPY", " 1250 JPY"],
    ["KWD", 3, "commodity 1000.000 KWD", " 1.250 KWD"],
  ])(
    "declare %s with %i decimals, which hledger reads back exactly",
    async (currency, digits, line, shown) => {
      const batch = sampleBatch(4);
      batch.firm = { ...batch.firm, currency, minorDigits: digits };
      batch.time[1]!.amount = 1250;
      const text = writeJournal(batch);
      expect(text).toContain(`${line}\n`);
      expect(checkJournalCents(text, digits)).toEqual([]);
      const path = save(text);
      await runHledger(["check", "-s"], path);
      expect(await runHledger(["print", `code:${timeCode(batch.time[1]!.id)}`], path)).toContain(shown);
    },
  );

  it("refuses a currency that is not an ISO code", () => {
    const batch = sampleBatch(1);
    batch.firm.currency = "US$";
    expect(() => writeJournal(batch)).toThrow(/not an ISO 4217 currency code/);
  });
});

describe("reading what a journal holds", () => {
  it("finds codes, declared accounts and commodities in the styles people write", () => {
    const held = readJournal(
      [
        "commodity $1,000.00",
        "commodity 1000.00 USD  ; ours",
        "account assets:unbilled:ACME  ; client: Acme",
        "account expenses:food\t; a tab before the comment",
        "account revenue:fees",
        "2026/01/02 (no-status) x",
        "2026-01-03 ! (te-9) y",
        "2026-01-04=2026-01-05 * (ex-1) z",
        "2026-01-05 * no code",
        "",
      ].join("\r\n"),
    );
    expect([...held.codes]).toEqual(["no-status", "te-9", "ex-1"]);
    expect([...held.accounts]).toEqual(["assets:unbilled:ACME", "expenses:food", "revenue:fees"]);
    expect([...held.commodities]).toEqual(["$", "USD"]);
  });
});
