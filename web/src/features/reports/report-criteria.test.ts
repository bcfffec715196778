import { describe, expect, it } from "vitest";
import { filterQuery, readCriteria, reportQuery, shareText } from "./report-criteria";

const today = new Date(2026, 11, 4);

describe("report criteria kept in the address", () => {
  it("defaults to this month grouped by client", () => {
    const criteria = readCriteria({}, today);
    expect(criteria.period).toEqual({ kind: "month", month: "2026-12" });
    expect(reportQuery(criteria)).toEqual({ month: "2026-12", groupBy: "client" });
  });

  it("reads back what it writes", () => {
    const search = {
      from: "2026-01-01",
      to: "2026-03-31",
      kind: "time",
      billable: "false",
      status: "approved,billed",
      clientId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
      staffId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c",
      groupBy: "staff,month",
    };
    expect(reportQuery(readCriteria(search, today))).toEqual(search);
  });

  it("drops what it cannot read instead of sending it", () => {
    const criteria = readCriteria(
      {
        month: "2026-13",
        year: "26",
        kind: "all",
        billable: "yes",
        status: "approved,nonsense,approved",
        clientId: "x'; drop",
        groupBy: "month,month,banana",
      },
      today,
    );
    expect(reportQuery(criteria)).toEqual({ month: "2026-12", status: "approved", groupBy: "month" });
  });

  it("a year or a month wins over a range; charts get no grouping", () => {
    expect(filterQuery(readCriteria({ year: "2025", from: "2025-02-01" }, today))).toEqual({ year: "2025" });
    expect(filterQuery(readCriteria({ from: "2025-02-01", to: "bad" }, today))).toEqual({
      from: "2025-02-01",
    });
  });

  it("shows basis points as a percentage with one decimal", () => {
    expect(shareText(6250)).toBe("62.5%");
    expect(shareText(10000)).toBe("100.0%");
    expect(shareText(0)).toBe("0.0%");
    expect(shareText(3333)).toBe("33.3%");
    expect(shareText(null)).toBe("—");
  });
});
