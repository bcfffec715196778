import { describe, expect, it } from "vitest";
import type { ExportBatch } from "../export-batch.js";
import { sampleBatch } from "../../test-support/sample-export-batch.js";
import {
  iifDurations,
  iifTimeActivities,
  joinSplitActivities,
  parseIif,
  writeIif,
  writeIifLists,
  writeIifTime,
} from "./iif.js";

const namesOf = (text: string, type: string) =>
  parseIif(text)
    .filter((record) => record.type === type)
    .map((record) => record.fields.NAME);

/** What QuickBooks should end up with for each entry, written out by hand for the sample's names. */
function expectedEntries(batch: ExportBatch) {
  const workers: Record<string, string> = { s1: "Mia Chen", s2: "José Álvarez", s3: "Contract Help LLC" };
  const jobs: Record<string, string> = {
    c1: "Acme Ltd",
    c2: "Globex Corp",
    c3: "Ørsted & Søn",
    p1: "Acme Ltd:Audit 2026",
  };
  const items: Record<string, string> = { w1: "Tax return", w2: "Bookkeeping - monthly" };
  const notes: Record<string, string> = {
    'Reviewed "draft"\twith\nclient; follow-up | next': "Reviewed 'draft' with client; follow-up | next",
  };
  return batch.time.map((entry) => ({
    date: entry.date,
    worker: workers[entry.workerId],
    job: jobs[entry.customerId],
    item: items[entry.itemId!],
    minutes: entry.minutes,
    note: notes[entry.description] ?? entry.description,
    billable: entry.billable,
  }));
}

describe("IIF time files", () => {
  it("read back as the same entries, days split at 23:59 summed back whole", () => {
    const batch = sampleBatch(300);
    const rows = iifTimeActivities(parseIif(writeIif(batch)));
    expect(rows.length).toBeGreaterThan(batch.time.length); // some days were split
    expect(rows.every((row) => row.minutes <= 23 * 60 + 59)).toBe(true);
    expect(joinSplitActivities(rows)).toEqual(expectedEntries(batch));
  });

  it("are tab-delimited rows ending in CRLF, the header first", () => {
    const text = writeIifTime(sampleBatch(20));
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("!TIMERHDR\tVER\tREL\tCOMPANYNAME\tIMPORTEDBEFORE\tFROMTIMER\tCOMPANYCREATETIME");
    expect(lines[1]).toBe("TIMERHDR\t8\t0\tHarbor & Pine CPAs\tN\tY\t0");
    expect(lines[2]).toBe(
      "!TIMEACT\tDATE\tJOB\tEMP\tITEM\tPITEM\tDURATION\tPROJ\tNOTE\tXFERTOPAYROLL\tBILLINGSTATUS",
    );
    expect(lines[3]).toBe(
      "TIMEACT\t01/01/26\tAcme Ltd:Audit 2026\tMia Chen\tTax return\t\t23:59\t\t" +
        "Reviewed 'draft' with client; follow-up | next\tN\t0",
    );
    expect(namesOf(text, "CUST")).toEqual([]);
  });

  it("split a day longer than 23:59 into rows adding up exactly", () => {
    expect(iifDurations(0)).toEqual(["00:00"]);
    expect(iifDurations(90)).toEqual(["01:30"]);
    expect(iifDurations(1439)).toEqual(["23:59"]);
    expect(iifDurations(1440)).toEqual(["23:59", "00:01"]);
    expect(iifDurations(3000)).toEqual(["23:59", "23:59", "02:02"]);
    expect(() => iifDurations(-5)).toThrow(/non-negative/);
  });

  it("leave out negative time and refuse an entry naming what the batch does not list", () => {
    const batch = sampleBatch(3);
    batch.time[0]!.minutes = -60;
    expect(iifTimeActivities(parseIif(writeIifTime(batch)))).toHaveLength(2);
    batch.time[1]!.workerId = "nobody";
    expect(() => writeIifTime(batch)).toThrow(/names worker nobody, not in the batch/);
  });

  it("refuse a name that cleans to nothing, as QuickBooks requires one", () => {
    const batch = sampleBatch(1);
    batch.items[0]!.name = " \t\n ";
    expect(() => writeIif(batch)).toThrow(/an IIF list name cannot be empty/);
  });

  it("refuse a date QuickBooks would read in another century", () => {
    const batch = sampleBatch(1);
    batch.time[0]!.date = "1999-12-31";
    expect(() => writeIifTime(batch)).toThrow(/2000–2099/);
  });
});

describe("IIF lists", () => {
  it("name jobs Client:Job after their customer, workers by kind, items by kind", () => {
    const batch = sampleBatch(20);
    batch.customers.reverse(); // the job before its customer in the batch
    batch.items.push({ id: "x1", name: "Mileage", kind: "expense" });
    const text = writeIifLists(batch);
    expect(namesOf(text, "CUST")).toEqual(["Ørsted & Søn", "Globex Corp", "Acme Ltd", "Acme Ltd:Audit 2026"]);
    expect(namesOf(text, "EMP")).toEqual(["Mia Chen", "José Álvarez"]);
    expect(namesOf(text, "VEND")).toEqual(["Contract Help LLC"]);
    const items = parseIif(text).filter((record) => record.type === "INVITEM");
    expect(items.map((record) => [record.fields.NAME, record.fields.INVITEMTYPE])).toEqual([
      ["Tax return", "SERV"],
      ["Bookkeeping - monthly", "SERV"],
      ["Mileage", "OTHC"],
    ]);
    expect(text).not.toContain("TIMEACT");
  });

  it("keep a ':', tab or quote typed in a name from making a level, a field or a quoted field", () => {
    const batch = sampleBatch(4);
    batch.customers[0]!.name = 'Smith:  "Jones"\tLLP';
    batch.workers[0]!.name = "Ann\nLee";
    const text = writeIif(batch);
    expect(namesOf(text, "CUST")).toContain("Smith - 'Jones' LLP:Audit 2026");
    expect(namesOf(text, "EMP")).toContain("Ann Lee");
    const first = iifTimeActivities(parseIif(text))[0]!;
    expect(first).toMatchObject({ job: "Smith - 'Jones' LLP:Audit 2026", worker: "Ann Lee" });
  });
});

describe("our strict IIF reader", () => {
  const timer = "!TIMERHDR\tVER\r\nTIMERHDR\t8\r\n";
  const header = "!TIMEACT\tDATE\tJOB\tEMP\tDURATION\tBILLINGSTATUS\r\n";
  const activity = (fields: string) => parseIif(`${timer}${header}TIMEACT\t${fields}\r\n`);

  it("reads what it is given, rows by their header's columns", () => {
    expect(activity("02/29/28\tAcme\tMia\t23:59\t1")[1]).toEqual({
      type: "TIMEACT",
      line: 4,
      fields: { DATE: "02/29/28", JOB: "Acme", EMP: "Mia", DURATION: "23:59", BILLINGSTATUS: "1" },
    });
  });

  it("refuses, naming the line, what does not fit", () => {
    expect(() => parseIif("TIMEACT\t01/02/26\r\n")).toThrow(/line 1: a TIMEACT row with no !TIMEACT header/);
    expect(() => parseIif("!FOO\tNAME\r\n")).toThrow(/line 1: unknown record type !FOO/);
    expect(() => parseIif("!CUST\tNAME\r\nTRNS\tx\r\n")).toThrow(/line 2: unknown record type TRNS/);
    expect(() => parseIif("!CUST\tNAME\r\nCUST\tAcme\textra\r\n")).toThrow(
      /line 2: CUST has 2 fields; its header has 1/,
    );
    expect(() => parseIif("!CUST\tNAME\r\nCUST\r\n")).toThrow(/line 2: CUST has 0 fields/);
    expect(() => parseIif("!CUST\tNAME\tNAME\r\n")).toThrow(/line 1: !CUST names a column twice/);
    expect(() => parseIif("!CUST\tNAME\r\n\r\nCUST\tAcme\r\n")).toThrow(/line 2: a blank row/);
    expect(() => parseIif('!CUST\tNAME\r\nCUST\t"Acme"\r\n')).toThrow(/line 2: a double quote/);
    expect(() => parseIif("!CUST\tNAME\r\nCUST\tAc\rme\r\n")).toThrow(/line 2: a carriage return/);
    expect(() => parseIif(`${header}TIMEACT\t01/02/26\tA\tM\t01:00\t1\r\n`)).toThrow(
      /line 2: a TIMEACT row before any TIMERHDR row/,
    );
    expect(() => parseIif(`${timer}!TIMEACT\tDATE\tDURATION\r\n`)).toThrow(/line 3: !TIMEACT lacks JOB, EMP/);
  });

  it("refuses dates, durations and billing states QuickBooks would not take", () => {
    expect(() => activity("2026-01-02\tA\tM\t01:00\t1")).toThrow(/line 4: DATE 2026-01-02 is not a real/);
    expect(() => activity("02/30/26\tA\tM\t01:00\t1")).toThrow(/DATE 02\/30\/26/);
    expect(() => activity("13/01/26\tA\tM\t01:00\t1")).toThrow(/DATE 13\/01\/26/);
    expect(() => activity("01/02/26\tA\tM\t24:00\t1")).toThrow(/line 4: DURATION 24:00 is not HH:MM/);
    expect(() => activity("01/02/26\tA\tM\t1:30\t1")).toThrow(/DURATION 1:30/);
    expect(() => activity("01/02/26\tA\tM\t01:60\t1")).toThrow(/DURATION 01:60/);
    expect(() => activity("01/02/26\tA\tM\t01:00\tY")).toThrow(/line 4: BILLINGSTATUS Y is not 0, 1 or 2/);
  });

  it("joins only a 23:59 row with the alike row right after it", () => {
    const base = { date: "2026-01-02", job: "A", worker: "M", item: "", note: "", billable: true };
    const rows = [
      { ...base, minutes: 1439 },
      { ...base, minutes: 61 },
      { ...base, minutes: 30 }, // after a row that was not 23:59: its own entry
      { ...base, minutes: 1439 },
      { ...base, minutes: 10, note: "other" }, // differs: its own entry
    ];
    expect(joinSplitActivities(rows).map((row) => row.minutes)).toEqual([1500, 30, 1439, 10]);
  });
});
