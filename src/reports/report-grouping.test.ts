import { describe, expect, it } from "vitest";
import { buildGroups, grandTotal, lineItem, sumTotals } from "./report-grouping.js";
import type { ReportLine } from "./report.js";

const line = (overrides: Partial<ReportLine>): ReportLine => ({
  kind: "time",
  id: "e1",
  date: "2026-01-10",
  staffId: "s1",
  staffNumber: "JD",
  staffName: "Jane Doe",
  clientId: "c1",
  clientCode: "ACME",
  clientName: "Acme",
  projectCode: null,
  workCodeId: "w1",
  workCode: "AUD",
  workCodeName: "Audit",
  description: "",
  quantity: 60,
  rate: 1_500_000,
  amount: 15_000,
  billable: true,
  status: "draft",
  ...overrides,
});

describe("report grouping", () => {
  const lines = [
    line({ id: "e1" }),
    line({ id: "e2", clientId: "c2", clientCode: "BETA", amount: 333, quantity: 2, billable: false }),
    line({ id: "e3", kind: "expense", quantity: 5_000, amount: 4_250, date: "2026-02-01" }),
    line({ id: "e4", amount: -15_000, quantity: -60, date: "2026-02-03" }),
  ];

  it("files lines by client in code order, keeping their order, with exact subtotals", () => {
    const groups = buildGroups(
      lines.map((entry) => lineItem(entry, ["client"])),
      1,
    );
    expect(groups.map((group) => group.key.code)).toEqual(["ACME", "BETA"]);
    expect(groups[0]!.lines.map((entry) => entry.id)).toEqual(["e1", "e3", "e4"]);
    expect(groups[0]!.totals).toEqual({
      minutes: 0,
      billableMinutes: 0,
      amount: 4_250,
      billableAmount: 4_250,
      timeEntries: 2,
      expenseEntries: 1,
    });
    expect(grandTotal(groups)).toEqual({
      minutes: 2,
      billableMinutes: 0,
      amount: 4_583,
      billableAmount: 4_250,
      timeEntries: 3,
      expenseEntries: 1,
    });
  });

  it("nests a second level and sums parents from their children", () => {
    const groups = buildGroups(
      lines.map((entry) => lineItem(entry, ["client", "month"])),
      2,
    );
    expect(groups[0]!.groups.map((group) => [group.key.code, group.totals.amount])).toEqual([
      ["2026-01", 15_000],
      ["2026-02", -10_750],
    ]);
    expect(groups[0]!.lines).toEqual([]);
    expect(groups[0]!.totals.amount).toBe(4_250);
  });

  it("refuses a total past the exact integer range instead of losing cents", () => {
    const big = {
      minutes: 0,
      billableMinutes: 0,
      amount: Number.MAX_SAFE_INTEGER,
      billableAmount: 0,
      timeEntries: 1,
      expenseEntries: 0,
    };
    expect(() => sumTotals([big, { ...big, amount: 1 }])).toThrow("total is too large");
  });
});
