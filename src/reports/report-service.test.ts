import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { addClient } from "../firm-setup/client-service.js";
import { addProject } from "../firm-setup/project-service.js";
import { setRate } from "../firm-setup/rate-service.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addExpenseEntry } from "../time-expense/expense-entry-service.js";
import { setEntryStatus } from "../time-expense/status-service.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import type { EntryStatus } from "../domain/entries.js";
import { reportToCsv } from "./report-csv.js";
import { reportToJson } from "./report-json.js";
import { basicReport, detailedReport, type ReportRequest } from "./report-service.js";
import { reportToText } from "./report-text.js";
import type { Report, ReportGroup, Totals } from "./report.js";

/** What the test knows about each entry it recorded, independently of the report code. */
interface Seeded {
  id: string;
  kind: "time" | "expense";
  date: string;
  staff: string;
  client: string;
  project: string | null;
  workCode: string;
  minutes: number;
  amount: number;
  billable: boolean;
  status: EntryStatus;
}

const TRICKY_DESCRIPTION = 'Mileage to "client site", return\nvia the bank';

function expectedTotals(entries: readonly Seeded[]): Totals {
  const time = entries.filter((entry) => entry.kind === "time");
  const sum = (list: readonly Seeded[], value: (entry: Seeded) => number) =>
    list.reduce((total, entry) => total + value(entry), 0);
  return {
    minutes: sum(time, (entry) => entry.minutes),
    billableMinutes: sum(time, (entry) => (entry.billable ? entry.minutes : 0)),
    amount: sum(entries, (entry) => entry.amount),
    billableAmount: sum(entries, (entry) => (entry.billable ? entry.amount : 0)),
    timeEntries: time.length,
    expenseEntries: entries.length - time.length,
  };
}

/** Every group's totals equal the sum of its sub-groups (or lines); returns the leaf groups. */
function checkTree(report: Report): ReportGroup[] {
  const leaves: ReportGroup[] = [];
  const sumOf = (parts: Totals[]) => expectedTotalsFromParts(parts);
  const visit = (group: ReportGroup) => {
    if (group.groups.length) {
      group.groups.forEach(visit);
      expect(group.totals).toEqual(sumOf(group.groups.map((sub) => sub.totals)));
    } else leaves.push(group);
  };
  report.groups.forEach(visit);
  expect(report.total).toEqual(sumOf(report.groups.map((group) => group.totals)));
  return leaves;
}

function expectedTotalsFromParts(parts: readonly Totals[]): Totals {
  const add = (field: keyof Totals) => parts.reduce((total, part) => total + part[field], 0);
  return {
    minutes: add("minutes"),
    billableMinutes: add("billableMinutes"),
    amount: add("amount"),
    billableAmount: add("billableAmount"),
    timeEntries: add("timeEntries"),
    expenseEntries: add("expenseEntries"),
  };
}

describe.each(ENGINES)("reports on %s", (engine) => {
  const t = useTestFirm(engine, { timeIncrement: 6 });
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    const { db } = t.store;
    const scope = t.scope;
    await addStaff(db, scope, { staffNumber: "JD", firstName: "Jane", lastName: "Doe" });
    await addStaff(db, scope, { staffNumber: "RS", firstName: "Raj", lastName: "Singh" });
    await addStaff(db, scope, { staffNumber: "AL", firstName: "Ann", lastName: "Lee" });
    await addClient(db, scope, { code: "ACME", name: "Acme, Ltd" });
    await addClient(db, scope, { code: "BETA", name: 'Beta "Quoted" Co' });
    await addClient(db, scope, { code: "GAMMA", name: "Gamma" });
    await addProject(db, scope, { client: "ACME", code: "YE2025", name: "Year end 2025" });
    await addWorkCode(db, scope, { code: "AUD", kind: "time", name: "Audit", rate: 1_500_000 });
    await addWorkCode(db, scope, {
      code: "ADM",
      kind: "time",
      name: "Admin",
      billable: false,
      rate: 500_000,
    });
    await addWorkCode(db, scope, {
      code: "MIL",
      kind: "expense",
      name: "Mileage",
      rate: 7_000,
      surchargeBp: 1_000,
    });
    await setRate(db, scope, { staff: "JD", rate: 2_000_000, effectiveDate: "2025-01-01" });
    await setRate(db, scope, { client: "BETA", rate: 1_200_000, effectiveDate: "2025-01-01" });

    const time = async (
      date: string,
      staff: string,
      client: string,
      workCode: string,
      minutes: number,
      project: string | null = null,
    ) => {
      const entry = await addTimeEntry(db, scope, {
        date,
        staff,
        client,
        project,
        workCode,
        minutes,
        description: `${workCode} work`,
      });
      seeded.push({ ...entry, kind: "time", staff, client, project, workCode, minutes: entry.minutes });
      return entry.id;
    };
    const expense = async (
      date: string,
      staff: string,
      client: string,
      quantity: number,
      unitRate?: number,
    ) => {
      const entry = await addExpenseEntry(db, scope, {
        date,
        staff,
        client,
        workCode: "MIL",
        quantity,
        unitRate,
        description: TRICKY_DESCRIPTION,
      });
      seeded.push({ ...entry, kind: "expense", staff, client, project: null, workCode: "MIL", minutes: 0 });
      return entry.id;
    };
    const billed = await time("2026-01-10", "JD", "ACME", "AUD", 90, "YE2025"); // 200.00/h: 300.00
    await time("2026-01-20", "RS", "ACME", "AUD", 30); // work code default 150.00/h: 75.00
    const approved = await time("2026-02-05", "JD", "BETA", "AUD", 60); // client override 120.00/h: 120.00
    await time("2026-02-06", "AL", "GAMMA", "ADM", 120); // non-billable 50.00/h: 100.00
    await time("2026-03-01", "JD", "ACME", "AUD", -30); // adjustment: -100.00
    await time("2025-12-31", "RS", "BETA", "AUD", 60); // last year: 120.00
    const submitted = await expense("2026-01-15", "JD", "ACME", 100_000); // 100 km × 0.70 + 10 %: 77.00
    await expense("2026-02-10", "RS", "BETA", 10_000, 12_345); // 10 × 1.2345 + 10 % = 13.5795: 13.58

    await setEntryStatus(db, scope, "time", [billed, approved], "submitted");
    await setEntryStatus(db, scope, "time", [billed, approved], "approved");
    await setEntryStatus(db, scope, "time", [billed], "billed");
    await setEntryStatus(db, scope, "expense", [submitted], "submitted");
    const status = new Map<string, EntryStatus>([
      [billed, "billed"],
      [approved, "approved"],
      [submitted, "submitted"],
    ]);
    for (const entry of seeded) entry.status = status.get(entry.id) ?? "draft";
  });

  /** Runs both reports, checks their trees add up and agree, and returns them. */
  async function bothReports(request: ReportRequest) {
    const basic = await basicReport(t.store.db, t.scope, request);
    const detailed = await detailedReport(t.store.db, t.scope, request);
    checkTree(basic);
    const leaves = checkTree(detailed);
    for (const leaf of leaves)
      expect(leaf.totals).toEqual(
        expectedTotals(leaf.lines.map((line) => seeded.find((entry) => entry.id === line.id)!)),
      );
    expect(detailed.total).toEqual(basic.total);
    expect(JSON.stringify(detailed.groups.map((group) => [group.key, group.totals]))).toBe(
      JSON.stringify(basic.groups.map((group) => [group.key, group.totals])),
    );
    return { basic, detailed, lineIds: leaves.flatMap((leaf) => leaf.lines.map((line) => line.id)) };
  }

  /** The report over `request` holds exactly the seeded entries that `expected` selects. */
  async function expectSelection(request: ReportRequest, expected: (entry: Seeded) => boolean) {
    const { basic, lineIds } = await bothReports(request);
    const chosen = seeded.filter(expected);
    expect(chosen.length).toBeGreaterThan(0);
    expect(lineIds.sort()).toEqual(chosen.map((entry) => entry.id).sort());
    expect(basic.total).toEqual(expectedTotals(chosen));
  }

  it("prices the seeded entries as the firm's rules say (the fixture the other tests rely on)", () => {
    expect(seeded.map((entry) => entry.amount)).toEqual([
      30_000, 7_500, 12_000, 10_000, -10_000, 12_000, 7_700, 1_358,
    ]);
  });

  it("totals a year by client: subtotals per client, grand total the sum of the stored amounts", async () => {
    const { basic } = await bothReports({ year: "2026", groupBy: ["client"] });
    expect(basic.groups.map((group) => [group.key.code, group.key.name, group.totals.amount])).toEqual([
      ["ACME", "Acme, Ltd", 30_000 + 7_500 - 10_000 + 7_700],
      ["BETA", 'Beta "Quoted" Co', 12_000 + 1_358],
      ["GAMMA", "Gamma", 10_000],
    ]);
    expect(basic.total).toEqual({
      minutes: 270,
      billableMinutes: 150,
      amount: 58_558,
      billableAmount: 48_558,
      timeEntries: 5,
      expenseEntries: 2,
    });
  });

  it("filters by period: from/to, month and year", async () => {
    await expectSelection(
      { from: "2026-01-15", to: "2026-02-05", groupBy: ["client"] },
      (e) => e.date >= "2026-01-15" && e.date <= "2026-02-05",
    );
    await expectSelection({ month: "2026-02", groupBy: ["staff"] }, (e) => e.date.startsWith("2026-02"));
    await expectSelection({ year: "2025", groupBy: ["staff"] }, (e) => e.date.startsWith("2025"));
    await expectSelection({ to: "2026-01-10", groupBy: ["month"] }, (e) => e.date <= "2026-01-10");
  });

  it("filters by staff, client, project and work code (codes in any case)", async () => {
    await expectSelection({ staff: "jd", groupBy: ["client"] }, (e) => e.staff === "JD");
    await expectSelection({ client: "acme", groupBy: ["staff"] }, (e) => e.client === "ACME");
    await expectSelection(
      { client: "ACME", project: "ye2025", groupBy: ["staff"] },
      (e) => e.project === "YE2025",
    );
    await expectSelection({ workCode: "ADM", groupBy: ["client"] }, (e) => e.workCode === "ADM");
  });

  it("filters by billable, status and kind", async () => {
    await expectSelection({ billable: true, groupBy: ["client"] }, (e) => e.billable);
    await expectSelection({ billable: false, groupBy: ["client"] }, (e) => !e.billable);
    await expectSelection(
      { status: ["approved", "billed"], groupBy: ["staff"] },
      (e) => e.status === "approved" || e.status === "billed",
    );
    await expectSelection({ status: ["draft"], groupBy: ["staff"] }, (e) => e.status === "draft");
    await expectSelection({ kind: "time", groupBy: ["client"] }, (e) => e.kind === "time");
    await expectSelection({ kind: "expense", groupBy: ["client"] }, (e) => e.kind === "expense");
    await expectSelection(
      { kind: "both", staff: "RS", billable: true, year: "2026", groupBy: ["workcode"] },
      (e) => e.staff === "RS" && e.billable && e.date.startsWith("2026"),
    );
  });

  it("groups by each level, ordered by code, and by two levels", async () => {
    const codes = async (groupBy: string[]) =>
      (await bothReports({ groupBy })).basic.groups.map((group) => group.key.code);
    expect(await codes(["client"])).toEqual(["ACME", "BETA", "GAMMA"]);
    expect(await codes(["staff"])).toEqual(["AL", "JD", "RS"]);
    expect(await codes(["workcode"])).toEqual(["ADM", "AUD", "MIL"]);
    expect(await codes(["month"])).toEqual(["2025-12", "2026-01", "2026-02", "2026-03"]);

    const { basic, detailed } = await bothReports({ groupBy: ["client", "month"] });
    const acme = basic.groups[0]!;
    expect(acme.groups.map((group) => [group.key.code, group.totals.amount])).toEqual([
      ["2026-01", 30_000 + 7_500 + 7_700],
      ["2026-03", -10_000],
    ]);
    expect(acme.groups[0]!.totals).toMatchObject({ timeEntries: 2, expenseEntries: 1 });
    expect(detailed.groups[0]!.groups[0]!.lines.map((line) => line.date)).toEqual([
      "2026-01-10",
      "2026-01-15",
      "2026-01-20",
    ]);
  });

  it("shows every detail of a line: names, project, work code, quantity, rate, status", async () => {
    const { detailed } = await bothReports({ client: "ACME", groupBy: ["staff"] });
    const jane = detailed.groups.find((group) => group.key.code === "JD")!;
    expect(jane.key.name).toBe("Jane Doe");
    expect(jane.lines[0]).toMatchObject({
      kind: "time",
      date: "2026-01-10",
      staffNumber: "JD",
      staffName: "Jane Doe",
      clientCode: "ACME",
      clientName: "Acme, Ltd",
      projectCode: "YE2025",
      workCode: "AUD",
      quantity: 90,
      rate: 2_000_000,
      amount: 30_000,
      billable: true,
      status: "billed",
    });
    expect(jane.lines[1]).toMatchObject({
      kind: "expense",
      quantity: 100_000,
      rate: 7_000,
      amount: 7_700,
      description: TRICKY_DESCRIPTION,
    });
  });

  it("an empty selection is an empty report with zero totals", async () => {
    const { basic, detailed } = await bothReports({ month: "2020-01", groupBy: ["client"] });
    expect(basic.groups).toEqual([]);
    expect(detailed.total).toEqual(basic.total);
    expect(basic.total.amount).toBe(0);
    expect(reportToCsv(detailed)).toContain("total,");
  });

  it("refuses unknown references and contradictory requests, naming the problem", async () => {
    const run = (request: ReportRequest) => basicReport(t.store.db, t.scope, request);
    await expect(run({ client: "NOPE", groupBy: ["client"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'client "NOPE" does not exist',
    });
    await expect(run({ staff: "ZZ", groupBy: ["client"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(run({ client: "ACME", project: "NOPE", groupBy: ["client"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(run({ project: "YE2025", groupBy: ["client"] })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(run({ month: "2026-02", year: "2026", groupBy: ["client"] })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(run({ from: "2026-03-01", to: "2026-02-01", groupBy: ["client"] })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(run({ groupBy: [] })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(run({ groupBy: ["project"] })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(run({ status: ["paid"], groupBy: ["client"] })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(run({ kind: "mileage", groupBy: ["client"] })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("writes CSV that quotes commas, quotes and line breaks, with decimal amounts", async () => {
    const { detailed, basic } = await bothReports({ year: "2026", groupBy: ["client"] });
    const rows = parse<Record<string, string>>(reportToCsv(detailed), { columns: true });
    const expense = rows.find(
      (row) => row.row === "entry" && row.kind === "expense" && row["group client code"] === "ACME",
    )!;
    expect(expense.description).toBe(TRICKY_DESCRIPTION);
    expect(expense["client name"]).toBe("Acme, Ltd");
    expect(expense.amount).toBe("77.00");
    expect(expense.quantity).toBe("100");
    expect(expense.rate).toBe("0.70");
    const adjustment = rows.find((row) => row.row === "entry" && row.minutes === "-30")!;
    expect(adjustment).toMatchObject({ hours: "-0.50", amount: "-100.00", rate: "200.00" });
    expect(
      rows.filter((row) => row.row === "subtotal").map((row) => [row["group client code"], row.amount]),
    ).toEqual([
      ["ACME", "352.00"],
      ["BETA", "133.58"],
      ["GAMMA", "100.00"],
    ]);
    expect(rows.at(-1)).toMatchObject({ row: "total", amount: "585.58", hours: "4.50", minutes: "270" });

    const basicRows = parse<Record<string, string>>(reportToCsv(basic), { columns: true });
    expect(basicRows.find((row) => row["client code"] === "BETA")).toMatchObject({
      row: "group",
      "client name": 'Beta "Quoted" Co',
      amount: "133.58",
      "time entries": "1",
      "expense entries": "1",
    });
    expect(basicRows.at(-1)).toMatchObject({ row: "total", amount: "585.58", "billable amount": "485.58" });
  });

  it("renders JSON with integer amounts and their text, and an aligned text table", async () => {
    const { basic, detailed } = await bothReports({ year: "2026", groupBy: ["client", "month"] });
    const json = reportToJson(detailed);
    expect(json.total).toMatchObject({ amount: 58_558, amountText: "585.58", minutes: 270, hours: "4.50" });
    expect(json.groups[0]!.groups![0]!.lines![0]).toMatchObject({
      amount: 30_000,
      amountText: "300.00",
      rate: 2_000_000,
      rateText: "200.00",
    });

    const text = reportToText(basic);
    expect(text).toContain("Basic time & expense report: Test & Co");
    expect(text).toMatch(/ACME Acme, Ltd\s+2026-01\s+2\.00\s+2\.00\s+452\.00/);
    expect(text).toMatch(/Total\s+4\.50\s+2\.50\s+585\.58\s+485\.58\s+5\s+2/);
    const detailedText = reportToText(detailed);
    expect(detailedText).toContain("Client ACME Acme, Ltd\n");
    expect(detailedText).toContain("  Month 2026-01\n");
    expect(detailedText).not.toContain("\nvia the bank");
  });
});
