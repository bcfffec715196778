import { describe, expect, it } from "vitest";
import { usePractice } from "../test-support/practice-server.js";
import { useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface ReportBody {
  total: { minutes: number; amount: number; timeEntries: number; expenseEntries: number };
  groups: { code: string; lines?: { id: string }[]; totals: { minutes: number } }[];
}

describe.each(ENGINES)("report routes on %s", (engine) => {
  const server = useTestServer(engine);
  const p = usePractice(server, "reports");

  const lineIds = (body: ReportBody) =>
    body.groups.flatMap((group) => (group.lines ?? []).map((line) => line.id)).sort();

  it("documents both reports, JSON and CSV, with their permission", async () => {
    const doc = (await server.app.inject("/api/openapi.json")).json<{
      paths: Record<string, Record<string, { "x-permission"?: string; responses: Record<string, unknown> }>>;
    }>();
    const basic = doc.paths["/f/{firm}/api/v1/reports/basic"]?.get;
    expect(basic?.["x-permission"]).toBe("reports:R");
    expect(JSON.stringify(basic?.responses)).toContain("text/csv");
  });

  it("runs the basic report as JSON, grouped as the CLI groups", async () => {
    const response = await p.as.admin.get("/reports/basic?groupBy=client&kind=time");
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<ReportBody>();
    expect(body.groups.map((group) => group.code)).toEqual(["ACME", "BETA"]);
    expect(body.total).toMatchObject({ minutes: 300, amount: 75_000, timeEntries: 4, expenseEntries: 0 });
    const both = (await p.as.admin.get("/reports/basic?groupBy=staff,month")).json<ReportBody>();
    expect(both.total).toMatchObject({ timeEntries: 4, expenseEntries: 2 });
  });

  it("covers only the entries the caller may read", async () => {
    const { janeAcme, janeBeta, alAcme, caraBeta } = p.time;
    const detailed = async (who: keyof typeof p.as) =>
      (await p.as[who].get("/reports/detailed?groupBy=client&kind=time")).json<ReportBody>();
    expect(lineIds(await detailed("admin"))).toEqual([janeAcme, janeBeta, alAcme, caraBeta].sort());
    expect(lineIds(await detailed("vera"))).toEqual([janeAcme, janeBeta, alAcme, caraBeta].sort());
    expect(lineIds(await detailed("al"))).toEqual([janeAcme, alAcme].sort());
    expect(lineIds(await detailed("cara"))).toEqual([janeBeta, caraBeta].sort());
    const cara = (await p.as.cara.get("/reports/basic?groupBy=client")).json<ReportBody>();
    expect(cara.groups.map((group) => group.code)).toEqual(["BETA"]);
    expect(cara.total).toMatchObject({ minutes: 120, timeEntries: 2, expenseEntries: 1 });
  });

  it("needs reports:R somewhere: staff without a role and contacts are refused", async () => {
    for (const who of ["jane", "connie"] as const) {
      const response = await p.as[who].get("/reports/basic?groupBy=client");
      expect(response.statusCode, who).toBe(403);
      expect(response.json()).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("answers CSV for Accept: text/csv or format=csv", async () => {
    const byAccept = await p.as.admin.get("/reports/basic?groupBy=client", { accept: "text/csv" });
    expect(byAccept.statusCode).toBe(200);
    expect(byAccept.headers["content-type"]).toMatch(/^text\/csv/);
    expect(byAccept.body.split("\r\n")[0]).toBe(
      "row,client code,client name,hours,billable hours,amount,billable amount,time entries,expense entries",
    );
    const byFormat = await p.as.al.get("/reports/detailed?groupBy=client&format=csv");
    expect(byFormat.headers["content-type"]).toMatch(/^text\/csv/);
    expect(byFormat.body).toContain("ACME");
    expect(byFormat.body).not.toContain("BETA");
  });

  it("refuses bad filters and other firms' ids", async () => {
    for (const query of [
      "groupBy=colour",
      "groupBy=client&colour=red",
      "groupBy=client&from=2026-13-01",
      "groupBy=client&month=2026-06&from=2026-06-01",
      "groupBy=client,client",
    ]) {
      expect((await p.as.admin.get(`/reports/basic?${query}`)).statusCode, query).toBe(400);
    }
    for (const query of [
      `clientId=${p.other.client}`,
      `projectId=${p.other.project}`,
      `staffId=${p.other.staff}`,
    ]) {
      expect((await p.as.admin.get(`/reports/basic?groupBy=client&${query}`)).statusCode, query).toBe(404);
    }
    const filtered = await p.as.admin.get(`/reports/detailed?groupBy=staff&projectId=${p.project}`);
    expect(filtered.statusCode, filtered.body).toBe(200);
    expect(filtered.json<ReportBody>().total.timeEntries).toBe(0);
  });
});
