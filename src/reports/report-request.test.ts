import { describe, expect, it } from "vitest";
import {
  checkGroupBy,
  checkKind,
  checkReportRequest,
  checkStatuses,
  kindsOf,
  resolvePeriod,
} from "./report-request.js";

describe("report periods", () => {
  it("turns a month or a year into its first and last day", () => {
    expect(resolvePeriod({ month: "2024-02" })).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(resolvePeriod({ month: "2026-12" })).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(resolvePeriod({ year: "2026" })).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("keeps from/to as given, either end open", () => {
    expect(resolvePeriod({ from: "2026-01-05", to: "2026-01-05" })).toEqual({
      from: "2026-01-05",
      to: "2026-01-05",
    });
    expect(resolvePeriod({ from: "2026-01-05" })).toEqual({ from: "2026-01-05", to: null });
    expect(resolvePeriod({})).toEqual({ from: null, to: null });
  });

  it("refuses a period named two ways, backwards, or malformed", () => {
    expect(() => resolvePeriod({ month: "2026-01", from: "2026-01-01" })).toThrow("name the period one way");
    expect(() => resolvePeriod({ year: "2026", to: "2026-01-01" })).toThrow("name the period one way");
    expect(() => resolvePeriod({ from: "2026-02-01", to: "2026-01-31" })).toThrow("after to date");
    expect(() => resolvePeriod({ month: "2026-13" })).toThrow("is not a date");
    expect(() => resolvePeriod({ month: "2026-1" })).toThrow("is not a month (YYYY-MM)");
    expect(() => resolvePeriod({ year: "26" })).toThrow("is not a year (YYYY)");
    expect(() => resolvePeriod({ from: "2026-02-30" })).toThrow("is not a date");
  });
});

describe("report grouping, kinds and statuses", () => {
  it("accepts one or two distinct levels, in any case", () => {
    expect(checkGroupBy(["Client"])).toEqual(["client"]);
    expect(checkGroupBy(["staff", "month"])).toEqual(["staff", "month"]);
    expect(() => checkGroupBy([])).toThrow("grouped by one of");
    expect(() => checkGroupBy(["client", "client"])).toThrow("must be different");
    expect(() => checkGroupBy(["client", "staff", "month"])).toThrow("at most 2");
    expect(() => checkGroupBy(["partner"])).toThrow('cannot group by "partner"');
  });

  it("defaults the kind to both and checks statuses", () => {
    expect(kindsOf(checkKind(undefined))).toEqual(["time", "expense"]);
    expect(kindsOf(checkKind("Expense"))).toEqual(["expense"]);
    expect(() => checkKind("mileage")).toThrow("must be one of time, expense, both");
    expect(checkStatuses(["Approved", "billed", "approved"])).toEqual(["approved", "billed"]);
    expect(() => checkStatuses(["paid"])).toThrow('status "paid" must be one of');
  });

  it("needs the client of a project filter", () => {
    expect(() => checkReportRequest({ project: "YE", groupBy: ["client"] })).toThrow("names its client too");
    expect(
      checkReportRequest({ client: " acme ", project: "YE", groupBy: ["client"] }).criteria,
    ).toMatchObject({
      client: "acme",
      project: "YE",
      kind: "both",
      status: [],
      billable: null,
    });
  });
});
