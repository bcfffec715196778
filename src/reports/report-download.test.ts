import type { AddressInfo } from "node:net";
import { PassThrough, Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAmount } from "../domain/money.js";
import { pdfTextRuns } from "../test-support/pdf-text.js";
import { usePractice } from "../test-support/practice-server.js";
import { signIn, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { addExpenseEntry } from "../time-expense/expense-entry-service.js";
import { reportToCsv } from "./report-csv.js";
import { writeDownload } from "./report-download.js";
import type { ReportEvent } from "./report-events.js";
import type { ReportJson } from "./report-json.js";
import { runReport } from "./report-service.js";
import { streamReport, type ReportSource } from "./report-stream.js";
import type { ReportType } from "./report.js";
import { readXlsx } from "./xlsx-sheet.js";

async function collect(readable: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readable) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function download(format: "csv" | "xlsx" | "pdf", source: ReportSource): Promise<Buffer> {
  const out = new PassThrough();
  const [data] = await Promise.all([collect(out), writeDownload(format, source, out)]);
  return data;
}

const GROUPINGS = [
  ["client"],
  ["staff"],
  ["workcode"],
  ["month"],
  ["client", "month"],
  ["staff", "workcode"],
];

describe.each(ENGINES)("report downloads on %s", (engine) => {
  const server = useTestServer(engine);
  const p = usePractice(server, "dl");

  // More entries than the practice's six: three months, odd rates (rounding), a non-billable
  // entry, and names a CSV must quote.
  beforeAll(async () => {
    const db = server.deps.store.db;
    const odd = await addWorkCode(db, p.scope, { code: "ODD", kind: "time", name: "Odd", rate: 1_333_333 });
    const time = (staff: string, client: string, date: string, minutes: number, extra = {}) =>
      addTimeEntry(db, p.scope, {
        staff,
        client,
        workCode: odd.id,
        date,
        minutes,
        description: 'Review, "draft" notes',
        ...extra,
      });
    for (let day = 1; day <= 9; day++) {
      await time(p.staff.al, p.clients.acme, `2026-0${3 + (day % 3)}-1${day}`, 7 * day);
      await time(p.staff.cara, p.clients.beta, `2026-0${3 + (day % 3)}-0${day}`, 11 * day, {
        workCode: p.workCodes.tax,
      });
    }
    await time(p.staff.jane, p.clients.acme, "2026-05-20", 45, { billable: false });
    await addExpenseEntry(db, p.scope, {
      staff: p.staff.cara,
      client: p.clients.beta,
      workCode: p.workCodes.mile,
      date: "2026-04-02",
      quantity: 12_345,
    });
  });

  describe("streamed from the store in pages", () => {
    it.each(["basic", "detailed"] as const)(
      "writes the %s report's CSV byte for byte as the in-memory report, for every grouping",
      async (type: ReportType) => {
        const db = server.deps.store.db;
        for (const groupBy of GROUPINGS) {
          for (const request of [{ groupBy }, { groupBy, from: "2026-04-01", to: "2026-05-31" }]) {
            const expected = reportToCsv(await runReport(db, p.scope, type, request));
            // Pages of 2 lines: every group spans several pages, and some end on a page's edge.
            const source = await streamReport(db, p.scope, type, request, {}, 2);
            expect((await download("csv", source)).toString("utf8"), groupBy.join(",")).toBe(expected);
          }
        }
      },
    );
  });

  describe("over HTTP", () => {
    const jsonReport = async (type: ReportType, query: string) => {
      const response = await p.as.admin.get(`/reports/${type}?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<ReportJson>();
    };

    it("sends a CSV attachment named after the firm, the report and the period, totals as the JSON's", async () => {
      const query = "groupBy=client,month&year=2026";
      const response = await p.as.admin.get(`/reports/detailed/download?${query}&format=csv`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(response.headers["content-disposition"]).toBe(
        'attachment; filename="dl-detailed-report-2026.csv"',
      );
      expect(response.headers["content-length"]).toBeUndefined();
      const json = await jsonReport("detailed", query);
      const rows: string[][] = parse(response.body);
      const header = rows[0]!;
      const amount = header.indexOf("amount");
      const total = rows.find((row) => row[0] === "total")!;
      expect(parseAmount(total[amount]!, 2)).toBe(json.total.amount);
      const subtotals = rows
        .filter((row) => row[0] === "subtotal")
        .map((row) => parseAmount(row[amount]!, 2));
      const jsonSubtotals = json.groups.flatMap((group) => [
        ...(group.groups ?? []).map((sub) => sub.totals.amount),
        group.totals.amount,
      ]);
      expect(subtotals).toEqual(jsonSubtotals);
    });

    it("sends an XLSX whose amounts are numbers that read back to the cent", async () => {
      const query = "groupBy=staff&from=2026-03-01&to=2026-06-30";
      for (const type of ["basic", "detailed"] as const) {
        const response = await p.as.admin.get(`/reports/${type}/download?${query}&format=xlsx`);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers["content-type"]).toBe(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        );
        expect(response.headers["content-disposition"]).toBe(
          `attachment; filename="dl-${type}-report-2026-03-01-to-2026-06-30.xlsx"`,
        );
        const sheets = await readXlsx(response.rawPayload);
        const rows = sheets.get("Report")!;
        const amount = rows[0]!.indexOf("amount");
        const json = await jsonReport(type, query);
        const cents = (value: string | number | null | undefined) => {
          expect(typeof value, "amounts are numbers").toBe("number");
          return parseAmount(String(value), 2);
        };
        expect(cents(rows.find((row) => row[0] === "total")![amount])).toBe(json.total.amount);
        const groupRows = rows.filter((row) => row[0] === (type === "basic" ? "group" : "subtotal"));
        expect(groupRows.map((row) => cents(row[amount]))).toEqual(json.groups.map((g) => g.totals.amount));
        if (type === "detailed") {
          const entries = rows.filter((row) => row[0] === "entry");
          expect(entries).toHaveLength(json.total.timeEntries + json.total.expenseEntries);
        }
        expect(sheets.get("Criteria")).toContainEqual(["Period", "2026-03-01 to 2026-06-30"]);
      }
    });

    it("sends a PDF whose visible text carries every subtotal and the total of the JSON report", async () => {
      for (const type of ["basic", "detailed"] as const) {
        const query = "groupBy=client,month&month=2026-04";
        const response = await p.as.admin.get(`/reports/${type}/download?${query}&format=pdf`);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers["content-type"]).toBe("application/pdf");
        expect(response.headers["content-disposition"]).toBe(
          `attachment; filename="dl-${type}-report-2026-04.pdf"`,
        );
        const runs = pdfTextRuns(response.rawPayload);
        const json = await jsonReport(type, query);
        expect(runs).toContain("Firm dl");
        expect(runs).toContain(`${type === "basic" ? "Basic" : "Detailed"} report, 2026-04`);
        const totalAt = runs.lastIndexOf("Total");
        expect(totalAt, runs.join(" | ")).toBeGreaterThan(0);
        expect(runs.slice(totalAt)).toContain(json.total.amountText);
        expect(runs.slice(totalAt)).toContain(json.total.hours);
        for (const group of json.groups) {
          expect(runs).toContain(group.totals.amountText);
          for (const sub of group.groups ?? []) expect(runs).toContain(sub.totals.amountText);
        }
        if (type === "detailed") {
          const lines = json.groups.flatMap((g) => (g.groups ?? []).flatMap((sub) => sub.lines ?? []));
          for (const line of lines) expect(runs).toContain(line.amountText);
        }
      }
    });

    it("covers only what the caller's report covers, and refuses as the JSON report refuses", async () => {
      const al = await p.as.al.get("/reports/detailed/download?groupBy=client&format=csv");
      expect(al.statusCode).toBe(200);
      expect(al.body).toContain("ACME");
      expect(al.body).not.toContain("BETA");
      const jane = await p.as.jane.get("/reports/basic/download?groupBy=client&format=pdf");
      expect(jane.statusCode).toBe(403);
      expect(jane.json()).toMatchObject({ code: "FORBIDDEN" });
      for (const query of [
        "groupBy=client&format=docx",
        "groupBy=client",
        "groupBy=client,client&format=csv",
      ]) {
        const response = await p.as.admin.get(`/reports/detailed/download?${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
      }
      const foreign = await p.as.admin.get(
        `/reports/detailed/download?groupBy=client&format=xlsx&clientId=${p.other.client}`,
      );
      expect(foreign.statusCode).toBe(404);
    });

    it("streams over a real socket: chunked, no Content-Length", async () => {
      // The last test of the block: the app closes after it, socket and all.
      await server.app.listen({ port: 0, host: "127.0.0.1" });
      const { port } = server.app.server.address() as AddressInfo;
      const { headers } = await signIn(server, "dl", "admin@dl.test");
      const response = await fetch(
        `http://127.0.0.1:${port}/f/dl/api/v1/reports/detailed/download?groupBy=staff&format=xlsx`,
        { headers },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("content-length")).toBeNull();
      expect(response.headers.get("transfer-encoding")).toBe("chunked");
      const sheets = await readXlsx(Buffer.from(await response.arrayBuffer()));
      expect(sheets.get("Report")!.length).toBeGreaterThan(20);
    });
  });
});

describe("writing a download", () => {
  it("reads no further than the reader takes: a stalled download stops pulling lines", async () => {
    let pulled = 0;
    const total = 200_000;
    function* events(): Generator<ReportEvent> {
      const key = { by: "client" as const, id: "c", code: "C", name: "Client" };
      yield { kind: "open", path: [key] };
      for (let i = 0; i < total; i++) {
        pulled++;
        yield {
          kind: "line",
          path: [key],
          line: {
            kind: "time",
            id: String(i),
            date: "2026-01-01",
            staffId: "s",
            staffNumber: "S",
            staffName: "Staff",
            clientId: "c",
            clientCode: "C",
            clientName: "Client",
            projectCode: null,
            workCodeId: "w",
            workCode: "W",
            workCodeName: "Work",
            // Text that compresses about as well as real descriptions do.
            description: `${(i * 7919) % 100_003} ${((i * 104_729) % 999_983).toString(36)} review`,
            quantity: 60,
            rate: 1_000_000,
            amount: 10_000,
            billable: true,
            status: "draft",
          },
        };
      }
      const totals = {
        minutes: 0,
        billableMinutes: 0,
        amount: 0,
        billableAmount: 0,
        timeEntries: 0,
        expenseEntries: 0,
      };
      yield { kind: "close", path: [key], totals };
      yield { kind: "total", totals };
    }
    const head = {
      type: "detailed" as const,
      firm: { name: "F", currency: "USD", minorDigits: 2 },
      criteria: {
        from: null,
        to: null,
        staff: null,
        client: null,
        project: null,
        workCode: null,
        billable: null,
        status: [],
        kind: "both" as const,
      },
      groupBy: ["client" as const],
    };
    for (const format of ["csv", "xlsx", "pdf"] as const) {
      pulled = 0;
      const out = new PassThrough();
      const writing = writeDownload(format, { head, events: events() }, out);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pulled, format).toBeLessThan(total / 4);
      out.destroy();
      await expect(writing).rejects.toThrow(/closed/);
    }
  });
});
