import { describe, expect, it } from "vitest";
import { rateHistories, rateLevel, rateSource, type RateRow } from "./rate-history";

let next = 0;
function rate(fields: Partial<RateRow> & Pick<RateRow, "scope" | "effectiveDate" | "timing">): RateRow {
  next += 1;
  return {
    id: `r${next}`,
    staffId: null,
    clientId: null,
    projectId: null,
    workCodeId: null,
    staffNumber: null,
    clientCode: null,
    projectCode: null,
    workCode: null,
    rate: 1_000_000,
    ...fields,
  };
}

describe("rate histories", () => {
  it("puts each target's rates oldest first and marks the newest one that is not future", () => {
    const acme = { scope: "client" as const, clientId: "c1", clientCode: "ACME" };
    const rows = [
      rate({ ...acme, effectiveDate: "2027-01-01", timing: "future" }),
      rate({ ...acme, effectiveDate: "2025-01-01", timing: "current" }),
      rate({ ...acme, effectiveDate: "2024-01-01", timing: "historical" }),
      rate({ ...acme, effectiveDate: "2026-01-01", timing: "current" }),
    ];
    const [history] = rateHistories(rows);
    expect(history!.rows.map((row) => [row.rate.effectiveDate, row.inEffect])).toEqual([
      ["2024-01-01", false],
      ["2025-01-01", false],
      ["2026-01-01", true],
      ["2027-01-01", false],
    ]);
    expect(history!.source).toBe("Client ACME, every work code");
  });

  it("has no rate in effect when every rate is future", () => {
    const [history] = rateHistories([
      rate({
        scope: "staff",
        staffId: "s1",
        staffNumber: "JD",
        effectiveDate: "2030-01-01",
        timing: "future",
      }),
    ]);
    expect(history!.rows.map((row) => row.inEffect)).toEqual([false]);
    expect(history!.source).toBe("Staff JD, standard rate");
  });

  it("keeps targets apart and lists them in the order entries take rates", () => {
    const histories = rateHistories([
      rate({
        scope: "work_code",
        workCodeId: "w1",
        workCode: "AUD",
        effectiveDate: "0001-01-01",
        timing: "current",
      }),
      rate({
        scope: "staff",
        staffId: "s1",
        staffNumber: "JD",
        effectiveDate: "2025-01-01",
        timing: "current",
      }),
      rate({
        scope: "staff",
        staffId: "s1",
        staffNumber: "JD",
        workCodeId: "w1",
        workCode: "AUD",
        effectiveDate: "2025-01-01",
        timing: "current",
      }),
      rate({
        scope: "project",
        clientId: null,
        projectId: "p1",
        clientCode: "ACME",
        projectCode: "P1",
        effectiveDate: "2025-01-01",
        timing: "current",
      }),
      rate({
        scope: "client",
        clientId: "c1",
        clientCode: "ACME",
        workCodeId: "w1",
        workCode: "AUD",
        effectiveDate: "2025-01-01",
        timing: "current",
      }),
    ]);
    expect(histories.map((history) => history.source)).toEqual([
      "Project ACME/P1, every work code",
      "Client ACME, work code AUD",
      "Staff JD, work code AUD",
      "Staff JD, standard rate",
      "Work code AUD default",
    ]);
    expect(histories.every((history) => history.rows.length === 1 && history.rows[0]!.inEffect)).toBe(true);
  });

  it("numbers the levels as the resolution order does", () => {
    expect(rateLevel({ scope: "project", workCodeId: "w" })).toBe(1);
    expect(rateLevel({ scope: "project", workCodeId: null })).toBe(2);
    expect(rateLevel({ scope: "client", workCodeId: "w" })).toBe(3);
    expect(rateLevel({ scope: "client", workCodeId: null })).toBe(4);
    expect(rateLevel({ scope: "staff", workCodeId: "w" })).toBe(5);
    expect(rateLevel({ scope: "staff", workCodeId: null })).toBe(6);
    expect(rateLevel({ scope: "work_code", workCodeId: "w" })).toBe(7);
    expect(
      rateSource(
        rate({ scope: "work_code", workCode: "TAX", effectiveDate: "0001-01-01", timing: "current" }),
      ),
    ).toBe("Work code TAX default");
  });
});
