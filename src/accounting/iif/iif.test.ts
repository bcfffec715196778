import { describe, expect, it } from "vitest";
import { sampleBatch } from "../../test-support/sample-export-batch.js";
import { iifDurations, iifTimeActivities, parseIif, writeIif } from "./iif.js";

describe("IIF time files", () => {
  it("parse back to the same entries: date, worker, job, item, minutes (split days summed), note", () => {
    const batch = sampleBatch();
    const text = writeIif(batch);
    expect(text.endsWith("\r\n")).toBe(true);
    const activities = iifTimeActivities(parseIif(text));
    const workers = new Map(batch.workers.map((worker) => [worker.id, worker.name]));
    const customers = new Map(batch.customers.map((customer) => [customer.id, customer.fullName]));
    const items = new Map(batch.items.map((item) => [item.id, item.name]));
    // Rows of one entry are consecutive; sum them back by walking the entries in order.
    let at = 0;
    for (const entry of batch.time) {
      const rows = iifDurations(entry.minutes).length;
      const mine = activities.slice(at, at + rows);
      at += rows;
      expect(mine.reduce((sum, row) => sum + row.minutes, 0)).toBe(entry.minutes);
      for (const row of mine) {
        expect(row).toMatchObject({
          date: entry.date,
          worker: workers.get(entry.workerId),
          job: customers.get(entry.customerId),
          item: items.get(entry.itemId!),
          billable: entry.billable,
        });
        expect(row.note).not.toMatch(/[\t\r\n"]/);
      }
    }
    expect(at).toBe(activities.length);
    expect(activities.some((row) => row.minutes === 23 * 60 + 59)).toBe(true);
  });

  it("lists every name an activity uses, jobs as Client:Job, vendors apart", () => {
    const records = parseIif(writeIif(sampleBatch(20)));
    const names = (type: string) =>
      records.filter((record) => record.type === type).map((record) => record.fields.NAME);
    expect(names("CUST")).toContain("Acme Ltd:Audit 2026");
    expect(names("EMP")).toEqual(["Mia Chen", "José Álvarez"]);
    expect(names("VEND")).toEqual(["Contract Help LLC"]);
    expect(names("INVITEM")).toEqual(["Tax return", "Bookkeeping: monthly"]);
  });

  it("splits a day's work longer than 23:59 into rows that add up exactly", () => {
    expect(iifDurations(90)).toEqual(["01:30"]);
    expect(iifDurations(26 * 60 + 6)).toEqual(["23:59", "02:07"]);
    expect(iifDurations(0)).toEqual(["00:00"]);
  });

  it("refuses what QuickBooks would misread, naming the line", () => {
    expect(() => parseIif("TIMEACT\t01/02/26\r\n")).toThrow(/line 1: a TIMEACT row with no !TIMEACT header/);
    expect(() => parseIif("!FOO\tNAME\r\n")).toThrow(/line 1: unknown record type !FOO/);
    expect(() => parseIif("!CUST\tNAME\r\nCUST\tAcme\textra\r\n")).toThrow(
      /line 2: CUST has 2 fields; its header has 1/,
    );
    const header = "!TIMEACT\tDATE\tDURATION\r\n";
    expect(() => parseIif(`${header}TIMEACT\t2026-01-02\t01:00\r\n`)).toThrow(
      /DATE 2026-01-02 is not MM\/DD\/YY/,
    );
    expect(() => parseIif(`${header}TIMEACT\t01/02/26\t24:00\r\n`)).toThrow(/DURATION 24:00/);
  });
});
