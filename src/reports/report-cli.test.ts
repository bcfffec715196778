import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAmount } from "../domain/money.js";
import { cliJson, runCli } from "../test-support/cli.js";
import { pdfTextRuns } from "../test-support/pdf-text.js";
import { readXlsx } from "./xlsx-sheet.js";
import { tempDir } from "../test-support/temp-dir.js";

const dir = tempDir("report-cli");

/** A firm file built through the CLI: two staff, two clients, time (one adjustment) and an expense. */
async function seededFirm(): Promise<string> {
  const file = join(dir, "reports.firm");
  expect((await runCli(["init", file, "--firm", "Smith & Co"])).code).toBe(0);
  const steps = [
    ["staff", "add", "JD", "--first", "Jane", "--last", "Doe"],
    ["staff", "add", "BK", "--first", "Bo", "--last", "King"],
    ["workcode", "add", "AUD", "--name", "Audit", "--rate", "150"],
    [
      "workcode",
      "add",
      "MILE",
      "--name",
      "Mileage",
      "--kind",
      "expense",
      "--rate",
      "0.655",
      "--surcharge",
      "10",
    ],
    ["client", "add", "ACME", "--name", "Acme, Ltd"],
    ["client", "add", "BETA", "--name", "Beta"],
    [
      "time",
      "add",
      "--staff",
      "JD",
      "--client",
      "ACME",
      "--workcode",
      "AUD",
      "--date",
      "2026-01-05",
      "--duration",
      "1:30",
      "--description",
      'Fieldwork, "phase 1"',
    ],
    [
      "time",
      "add",
      "--staff",
      "BK",
      "--client",
      "BETA",
      "--workcode",
      "AUD",
      "--date",
      "2026-01-20",
      "--duration",
      "0.5h",
    ],
    [
      "time",
      "add",
      "--staff",
      "JD",
      "--client",
      "ACME",
      "--workcode",
      "AUD",
      "--date",
      "2026-02-02",
      "--duration",
      "-30",
    ],
    [
      "expense",
      "add",
      "--staff",
      "JD",
      "--client",
      "ACME",
      "--workcode",
      "MILE",
      "--date",
      "2026-01-06",
      "--quantity",
      "42",
    ],
  ];
  for (const step of steps) {
    const result = await runCli(["--file", file, ...step]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }
  return file;
}

interface TotalsJson {
  minutes: number;
  amount: number;
  amountText: string;
}

describe("firmtime report", () => {
  let file: string;
  beforeAll(async () => {
    file = await seededFirm();
  });

  it("prints a basic report by client as an aligned table", async () => {
    const result = await runCli([
      "--file",
      file,
      "report",
      "basic",
      "--year",
      "2026",
      "--group-by",
      "client",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // 225.00 + 30.26 (42 × 0.655 + 10 % = 30.261) - 75.00 = 180.26 for ACME; 75.00 for BETA.
    expect(result.stdout).toContain(
      "Basic time & expense report: Smith & Co\nPeriod 2026-01-01 to 2026-12-31; time and expense; by client; amounts in USD\n",
    );
    expect(result.stdout).toMatch(/ACME Acme, Ltd\s+1\.00\s+1\.00\s+180\.26\s+180\.26\s+2\s+1\n/);
    expect(result.stdout).toMatch(/BETA Beta\s+0\.50\s+0\.50\s+75\.00\s+75\.00\s+1\s+0\n/);
    expect(result.stdout).toMatch(/Total\s+1\.50\s+1\.50\s+255\.26\s+255\.26\s+3\s+1\n$/);
  });

  it("gives JSON with --json: integer amounts and their text, the same totals as the basic report", async () => {
    const detailed = await cliJson<{
      total: TotalsJson;
      groups: { code: string; lines: { amount: number; description: string }[] }[];
    }>(file, ["report", "detailed", "--month", "2026-01", "--group-by", "staff"]);
    expect(detailed.total).toMatchObject({
      minutes: 120,
      amount: 22_500 + 3_026 + 7_500,
      amountText: "330.26",
    });
    expect(detailed.groups.map((group) => group.code)).toEqual(["BK", "JD"]);
    expect(detailed.groups[1]!.lines.map((line) => line.amount)).toEqual([22_500, 3_026]);
    const basic = await cliJson<{ total: TotalsJson }>(file, [
      "report",
      "basic",
      "--month",
      "2026-01",
      "--group-by",
      "staff",
      "--format",
      "json",
    ]);
    expect(basic.total).toEqual(detailed.total);
  });

  it("writes CSV to a file with --output, filters applied", async () => {
    const output = join(dir, "acme.csv");
    const result = await runCli([
      "--file",
      file,
      "report",
      "detailed",
      "--client",
      "acme",
      "--kind",
      "time",
      "--group-by",
      "month",
      "--format",
      "csv",
      "--output",
      output,
    ]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`Wrote detailed report (csv, 2 entries) to ${output}\n`);
    const rows = parse<Record<string, string>>(readFileSync(output, "utf8"), { columns: true });
    expect(rows.map((row) => [row.row, row["group month"], row.description, row.amount])).toEqual([
      ["entry", "2026-01", 'Fieldwork, "phase 1"', "225.00"],
      ["subtotal", "2026-01", "", "225.00"],
      ["entry", "2026-02", "", "-75.00"],
      ["subtotal", "2026-02", "", "-75.00"],
      ["total", "", "", "150.00"],
    ]);
  });

  it("writes XLSX and PDF files with --format and --output, totals as the JSON report's", async () => {
    const args = ["report", "detailed", "--year", "2026", "--group-by", "client,month"];
    const json = await cliJson<{ total: TotalsJson }>(file, args);
    const xlsx = join(dir, "year.xlsx");
    const written = await runCli(["--file", file, ...args, "--format", "xlsx", "--output", xlsx]);
    expect(written.stderr).toBe("");
    expect(written.stdout).toBe(`Wrote detailed report (xlsx, 4 entries) to ${xlsx}\n`);
    const rows = (await readXlsx(readFileSync(xlsx))).get("Report")!;
    const amount = rows[0]!.indexOf("amount");
    const total = rows.find((row) => row[0] === "total")!;
    expect(typeof total[amount]).toBe("number");
    expect(parseAmount(String(total[amount]), 2)).toBe(json.total.amount);
    // The adjustment's negative amount stays a number, to the cent.
    expect(rows.filter((row) => row[0] === "entry").map((row) => row[amount])).toContain(-75);

    const pdf = join(dir, "year.pdf");
    expect((await runCli(["--file", file, ...args, "--format", "pdf", "--output", pdf])).code).toBe(0);
    const runs = pdfTextRuns(readFileSync(pdf));
    expect(runs.slice(runs.lastIndexOf("Total"))).toContain(json.total.amountText);
    expect(runs).toContain("-75.00");
  });

  it("refuses bad options with a one-line message and writes nothing", async () => {
    const output = join(dir, "never.csv");
    const cases: [string[], number, string][] = [
      [["report", "basic", "--year", "2026"], 2, "required option '--group-by <levels>' not specified"],
      [["report", "basic", "--group-by", "partner"], 1, 'cannot group by "partner"'],
      [
        ["report", "basic", "--group-by", "client", "--client", "NOPE", "--output", output],
        1,
        'client "NOPE" does not exist',
      ],
      [
        ["report", "basic", "--group-by", "client", "--month", "2026-01", "--year", "2026"],
        1,
        "name the period one way",
      ],
      [
        ["report", "basic", "--group-by", "client", "--format", "xml"],
        1,
        '--format: "xml" must be one of table, csv, json',
      ],
      [
        ["--json", "report", "basic", "--group-by", "client", "--format", "csv"],
        1,
        "--json and --format csv disagree",
      ],
      [["report", "basic", "--group-by", "client", "--billable", "maybe"], 1, "--billable"],
      [["report", "detailed", "--group-by", "client", "--status", "paid"], 1, 'status "paid" must be one of'],
      [
        ["report", "basic", "--group-by", "client", "--output", join(dir, "missing", "x.csv")],
        1,
        "--output: cannot write",
      ],
      [
        ["report", "basic", "--group-by", "client", "--format", "pdf"],
        1,
        "--format pdf writes a file: give --output FILE",
      ],
      [
        [
          "report",
          "detailed",
          "--group-by",
          "client",
          "--format",
          "xlsx",
          "--output",
          join(dir, "missing", "x.xlsx"),
        ],
        1,
        "--output: cannot write",
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await runCli(["--file", file, ...args]);
      expect(result.code, args.join(" ")).toBe(code);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(existsSync(output)).toBe(false);
  });
});
