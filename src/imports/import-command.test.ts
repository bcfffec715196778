import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import type { CliIo } from "../cli/context.js";
import { fixedClock } from "../store/clock.js";
import { tempDir } from "../test-support/temp-dir.js";

const dir = tempDir("import");

function writeText(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `firmtime` in-process with output captured, as a terminal (interactive) or a pipe. */
async function firmtime(args: string[], interactive = false) {
  const output = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: (text) => void (output.stdout += text),
    stderr: (text) => void (output.stderr += text),
    env: { FIRMTIME_USER: "tester" },
    clock: fixedClock("2026-06-15T12:00:00Z"),
    interactive,
  };
  const code = await main(args, io);
  return { code, ...output };
}

describe("firmtime import", () => {
  const file = join(dir, "import.firm");
  const inFirm = (...args: string[]) => firmtime(["--file", file, ...args]);
  const listJson = async (...args: string[]): Promise<unknown> =>
    JSON.parse((await inFirm("--json", ...args)).stdout);

  beforeAll(async () => {
    expect((await firmtime(["init", file, "--firm", "Import & Co"])).code).toBe(0);
  });

  it("imports work codes from a CSV file and prints what it created", async () => {
    const codes = writeText(
      "codes.csv",
      "Code, Type, Name, Rate, Surcharge\r\nAUD, B, Audit, 150.00,\r\nADM, NB, Admin, ,\r\n",
    );
    expect(await inFirm("import", "workcodes", codes)).toEqual({
      code: 0,
      stdout: `Imported 2 work codes from ${codes}.\n`,
      stderr: "",
    });
  });

  it("lists every bad row with its line on stderr, exits 1 and changes nothing", async () => {
    const staff = writeText(
      "staff.csv",
      "Number,First Name,Last Name,Email,Groups\nJD,Jane,Doe,jane@firm.test,Audit~Tax\nBAD*,Bo,King,,\nJD2,Jo,Doe,JANE@firm.test,\n",
    );
    const before = await listJson("staff", "list");
    expect(await inFirm("import", "staff", staff)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'line 3: staff number "BAD*" may not contain spaces or any of * ? " ~ ,\n' +
        "line 4: email jane@firm.test is already on line 2\n" +
        "firmtime: 2 of 3 rows have problems; nothing was imported (fix the bad rows, or pass --skip-bad to import the good ones)\n",
    });
    expect(await listJson("staff", "list")).toEqual(before);
  });

  it("with --dry-run reports what would be imported and writes nothing", async () => {
    const staff = writeText(
      "staff-ok.csv",
      "Number;First Name;Last Name;Groups\nJD;Jane;Doe;Audit~Tax\nBK;Bo;King;\n",
    );
    const before = await listJson("staff", "list");
    const result = await inFirm("import", "staff", staff, "--dry-run");
    expect(result).toMatchObject({
      code: 0,
      stdout: `Dry run: 2 staff would be imported from ${staff}; nothing was written.\n`,
    });
    expect(await listJson("staff", "list")).toEqual(before);
    expect((await inFirm("import", "staff", staff)).code).toBe(0);
  });

  it("with --skip-bad --json writes the good rows and prints created, skipped and problems", async () => {
    const time = writeText(
      "time.csv",
      "Staff,Client,Work Code,Date,Duration,Description\nJD,,AUD,2026-06-01,1h,\nJD,ACME,AUD,2026-06-01,1:30,\n",
    );
    const clients = writeText(
      "clients.csv",
      'Code,Name,Partner,Contact Company\nACME,"Acme, Ltd",JD,Acme Group\n',
    );
    const imported = JSON.parse((await inFirm("--json", "import", "clients", clients)).stdout) as unknown;
    expect(imported).toMatchObject({ created: 1, contactCompaniesCreated: ["Acme Group"] });
    const result = await inFirm("import", "time", time, "--skip-bad", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      source: time,
      kind: "time",
      dryRun: false,
      rows: 2,
      created: 1,
      skipped: [{ line: 2, reason: "Client is empty" }],
      problems: [{ line: 2, reason: "Client is empty" }],
      totals: { minutes: 90, amount: 22_500 },
    });
  });

  it("with --json on a bad file prints the problems as JSON and exits 1", async () => {
    const codes = writeText("codes-bad.csv", "Code,Type,Name,Colour\nX,B,Xray,red\n");
    const result = await inFirm("--json", "import", "workcodes", codes);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout) as {
      created: number;
      skipped: unknown[];
      problems: { line: number; reason: string }[];
    };
    expect(document).toMatchObject({ created: 0, skipped: [] });
    expect(document.problems.map((problem) => [problem.line, problem.reason.split(";")[0]])).toEqual([
      [1, 'unknown column "Colour"'],
    ]);
    expect(result.stderr).toMatch(
      /^firmtime: the header on line 1 does not match an import of work codes; nothing was imported\n$/,
    );
  });

  it("refuses an unknown kind as a usage error and names a missing file", async () => {
    expect((await inFirm("import", "invoices", "x.csv")).code).toBe(2);
    expect(await inFirm("import", "staff", join(dir, "nope.csv"))).toMatchObject({
      code: 1,
      stderr: `firmtime: ${join(dir, "nope.csv")} does not exist\n`,
    });
  });

  it("shows progress on a terminal for a large file, and clears it before the summary", async () => {
    const rows = Array.from(
      { length: 6_000 },
      (_, index) => `JD,ACME,AUD,2026-06-${String(1 + (index % 28)).padStart(2, "0")},12,`,
    );
    const time = writeText(
      "time-large.csv",
      ["Staff,Client,Work Code,Date,Duration,Description", ...rows].join("\n"),
    );
    const result = await firmtime(["--file", file, "import", "time", time], true);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Imported 6000 time entries from ${time}.\nTotal: 1200.00 hours, 180000.00 USD.\n`,
    );
    expect(result.stderr).toContain("\rchecking 100%");
    expect(result.stderr).toContain("\rwriting 100%");
    expect(result.stderr.endsWith("\r\x1b[K")).toBe(true);
  });
});
