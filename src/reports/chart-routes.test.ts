import { beforeAll, describe, expect, it } from "vitest";
import { usePractice } from "../test-support/practice-server.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import type { ChartJson } from "./chart-json.js";
import type { ReportJson } from "./report-json.js";

describe.each(ENGINES)("chart data on %s", (engine) => {
  const server = useTestServer(engine);
  const p = usePractice(server, "charts");

  beforeAll(async () => {
    // Jane: 60 + 90 billable minutes in June (the practice's), 30 non-billable here, and
    // half an hour in July at 133.3333/h (66.66665: 66.67).
    const db = server.deps.store.db;
    const odd = await addWorkCode(db, p.scope, {
      code: "ODD",
      kind: "time",
      name: "Odd rate",
      rate: 1_333_333,
    });
    await addTimeEntry(db, p.scope, {
      staff: p.staff.jane,
      client: p.clients.acme,
      workCode: p.workCodes.tax,
      date: "2026-06-09",
      minutes: 30,
      billable: false,
    });
    await addTimeEntry(db, p.scope, {
      staff: p.staff.jane,
      client: p.clients.beta,
      workCode: odd.id,
      date: "2026-07-01",
      minutes: 30,
    });
  });

  const charts = async (who: "admin" | "al" | "cara", query = "") => {
    const response = await p.as[who].get(`/reports/charts${query ? `?${query}` : ""}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ChartJson>();
  };
  const basic = async (who: "admin" | "al" | "cara", groupBy: string, query = "") => {
    const response = await p.as[who].get(`/reports/basic?groupBy=${groupBy}${query ? `&${query}` : ""}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ReportJson>();
  };
  const figuresOf = (report: ReportJson) =>
    report.groups.map((group) => ({
      id: group.id,
      minutes: group.totals.minutes,
      billableMinutes: group.totals.billableMinutes,
      amount: group.totals.amount,
      billableAmount: group.totals.billableAmount,
    }));
  const chartFigures = (items: ChartJson["byClient"]) =>
    items.map(({ id, minutes, billableMinutes, amount, billableAmount }) => ({
      id,
      minutes,
      billableMinutes,
      amount,
      billableAmount,
    }));

  it("gives each series exactly the basic report's groups and totals, for the same filters", async () => {
    for (const who of ["admin", "al", "cara"] as const) {
      for (const query of ["", "month=2026-06&kind=time", "from=2026-06-02&to=2026-07-31&billable=true"]) {
        const data = await charts(who, query);
        const label = `${who} ${query}`;
        expect(chartFigures(data.byClient), label).toEqual(figuresOf(await basic(who, "client", query)));
        expect(chartFigures(data.byStaff), label).toEqual(figuresOf(await basic(who, "staff", query)));
        expect(chartFigures(data.byWorkCode), label).toEqual(figuresOf(await basic(who, "workcode", query)));
        expect(chartFigures(data.byMonth), label).toEqual(figuresOf(await basic(who, "month", query)));
        const total = (await basic(who, "client", query)).total;
        expect(data.total, label).toMatchObject({ minutes: total.minutes, amount: total.amount });
      }
    }
  });

  it("splits billable from non-billable and gives each staff member's billable share in basis points", async () => {
    const data = await charts("admin");
    const jane = data.byStaff.find((item) => item.id === p.staff.jane)!;
    expect(jane).toMatchObject({
      code: "JD",
      minutes: 210,
      billableMinutes: 180,
      nonBillableMinutes: 30,
      // 180 / 210 = 0.857142...
      billableShareBasisPoints: 8571,
    });
    expect(jane.billableAmount + jane.nonBillableAmount).toBe(jane.amount);
    // 60 + 90 minutes at 150.00/h, 30 at 133.3333/h: 150.00 + 225.00 + 66.67, and her mileage
    // (10 × 0.58); 30 non-billable minutes: 75.00.
    expect(jane.billableAmount).toBe(15_000 + 22_500 + 6_667 + 580);
    expect(jane.nonBillableAmount).toBe(7_500);
    const june = data.byMonth.find((item) => item.id === "2026-06")!;
    // June: 60 + 90 + 120 + 30 billable, 30 non-billable: 300 / 330 = 0.90909..., up to 9091.
    expect(june).toMatchObject({ minutes: 330, billableMinutes: 300, billableShareBasisPoints: 9091 });
    expect(data.byMonth.map((item) => item.code)).toEqual(["2026-06", "2026-07"]);
    expect(data.total.billableAmount + data.total.nonBillableAmount).toBe(data.total.amount);
    // Expense entries only: no minutes, so no share rather than a made-up one.
    const mileage = data.byWorkCode.find((item) => item.id === p.workCodes.mile)!;
    expect(mileage).toMatchObject({ minutes: 0, billableShareBasisPoints: null });
    expect(mileage.amount).toBeGreaterThan(0);
  });

  it("narrows every series to the filters", async () => {
    const data = await charts("admin", `clientId=${p.clients.beta}&month=2026-06`);
    expect(data.byClient.map((item) => item.code)).toEqual(["BETA"]);
    expect(data.byMonth.map((item) => item.code)).toEqual(["2026-06"]);
    expect(data.byStaff.map((item) => item.code)).toEqual(["CM", "JD"]);
    const late = await charts("admin", "from=2026-06-09&to=2026-07-31");
    // Jane: 30 billable of 60 minutes.
    expect(late.byStaff.find((item) => item.id === p.staff.jane)?.billableShareBasisPoints).toBe(5000);
  });

  it("refuses as the reports refuse", async () => {
    for (const who of ["jane", "connie"] as const) {
      const response = await p.as[who].get("/reports/charts");
      expect(response.statusCode, who).toBe(403);
    }
    for (const query of ["groupBy=client", "month=2026-13", "month=2026-06&from=2026-06-01", "status=lost"]) {
      const response = await p.as.admin.get(`/reports/charts?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
    const foreign = await p.as.admin.get(`/reports/charts?clientId=${p.other.client}`);
    expect(foreign.statusCode).toBe(404);
  });
});
