import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cliJson, runCli } from "../test-support/cli.js";
import { tempDir } from "../test-support/temp-dir.js";

const dir = tempDir("cli");
let fileCounter = 0;
const newPath = () => join(dir, `firm-${fileCounter++}.firm`);

async function seededFirm(): Promise<string> {
  const file = newPath();
  expect((await runCli(["init", file, "--firm", "Smith & Co", "--currency", "USD"])).code).toBe(0);
  const steps = [
    [
      "staff",
      "add",
      "JD",
      "--first",
      "Jane",
      "--last",
      "Doe",
      "--email",
      "jane@smith.test",
      "--groups",
      "Audit~Tax",
    ],
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
    ["client", "add", "ACME", "--name", "Acme Ltd", "--partner", "JD"],
    ["rate", "set", "--staff", "JD", "--rate", "175", "--from", "2026-01-01"],
  ];
  for (const step of steps) {
    const result = await runCli(["--file", file, ...step]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }
  return file;
}

/** Everything a firm file holds, through the CLI itself, to prove a failed command changed nothing. */
async function snapshot(file: string): Promise<unknown[]> {
  const lists = [
    ["staff", "list"],
    ["workcode", "list"],
    ["client", "list"],
    ["rate", "list"],
    ["time", "list", "--all"],
    ["expense", "list", "--all"],
    ["firm", "show"],
  ];
  return Promise.all(lists.map((args) => cliJson(file, args)));
}

describe("firmtime CLI on a firm file", () => {
  let file: string;
  beforeAll(async () => {
    file = await seededFirm();
  });

  it("records time priced by the staff rate, rounded up to the 6-minute increment", async () => {
    const entry = await cliJson<{
      minutes: number;
      rate: number;
      amount: number;
      rateSource: string;
      staff: string;
    }>(file, [
      "time",
      "add",
      "--staff",
      "jd",
      "--client",
      "acme",
      "--workcode",
      "aud",
      "--date",
      "2026-03-02",
      "--duration",
      "1:07",
    ]);
    expect(entry).toMatchObject({
      minutes: 72,
      rate: 1_750_000,
      amount: 21_000,
      rateSource: "staff",
      staff: "JD",
    });
  });

  it("prints human tables and records by default", async () => {
    const result = await runCli(["--file", file, "workcode", "list"]);
    expect(result.stdout).toMatch(/AUD\s+time\s+B\s+Audit\s+150\.00/);
    expect(result.stdout).toMatch(/MILE\s+expense\s+B\s+Mileage\s+0\.655\s+10%/);
  });

  it("accepts the file from FIRMTIME_FILE and global options after the command", async () => {
    const result = await runCli(["staff", "list", "--json"], { FIRMTIME_FILE: file });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { staffNumber: string }[]).map((s) => s.staffNumber)).toEqual([
      "BK",
      "JD",
    ]);
  });

  it("adds, shows, edits and deletes every kind of record", async () => {
    await cliJson(file, ["company", "add", "Acme Holdings", "--address", "1 Main St"]);
    await cliJson(file, ["client", "edit", "ACME", "--company", "Acme Holdings", "--manager", "BK"]);
    await cliJson(file, [
      "project",
      "add",
      "ACME",
      "YE2026",
      "--name",
      "Year end 2026",
      "--budget-hours",
      "40",
    ]);
    const contact = await cliJson<{ id: string; clients: string[] }>(file, [
      "contact",
      "add",
      "--first",
      "Wile",
      "--last",
      "Coyote",
      "--email",
      "wile@acme.test",
      "--clients",
      "ACME",
    ]);
    expect(contact.clients).toEqual(["ACME"]);
    expect(await cliJson(file, ["contact", "show", "WILE@acme.test"])).toMatchObject({ id: contact.id });
    await cliJson(file, ["contact", "delete", contact.id]);
    const project = await cliJson<{ budgetMinutes: number }>(file, ["project", "show", "ACME", "ye2026"]);
    expect(project.budgetMinutes).toBe(2400);
    await cliJson(file, ["project", "delete", "ACME", "YE2026"]);
    await cliJson(file, ["workcode", "add", "TMP", "--name", "Temp"]);
    await cliJson(file, ["workcode", "edit", "TMP", "--name", "Temporary", "--billable", "NB"]);
    expect(await cliJson(file, ["workcode", "show", "TMP"])).toMatchObject({
      name: "Temporary",
      billable: false,
    });
    await cliJson(file, ["workcode", "delete", "TMP"]);
    await cliJson(file, ["staff", "edit", "BK", "--status", "inactive", "--inactive-date", "2026-05-01"]);
    expect(await cliJson(file, ["staff", "show", "BK"])).toMatchObject({
      status: "inactive",
      inactiveDate: "2026-05-01",
    });
  });

  it("moves entries through submit and approve, then refuses to edit an approved entry", async () => {
    const entry = await cliJson<{ id: string }>(file, [
      "time",
      "add",
      "--staff",
      "JD",
      "--client",
      "ACME",
      "--workcode",
      "AUD",
      "--date",
      "2026-04-01",
      "--duration",
      "2h",
    ]);
    await cliJson(file, ["time", "submit", entry.id]);
    await cliJson(file, ["time", "approve", entry.id]);
    const before = await snapshot(file);
    const result = await runCli(["--file", file, "time", "edit", entry.id, "--duration", "3h"]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toBe(`firmtime: entry ${entry.id} is approved and can no longer be changed\n`);
    expect(await snapshot(file)).toEqual(before);
  });

  it.each([
    [
      "an unknown work code",
      [
        "time",
        "add",
        "--staff",
        "JD",
        "--client",
        "ACME",
        "--workcode",
        "NOPE",
        "--date",
        "2026-03-03",
        "--duration",
        "1h",
      ],
      'firmtime: work code "NOPE" does not exist\n',
    ],
    [
      "a duplicate client code",
      ["client", "add", "acme", "--name", "Again"],
      "firmtime: client code ACME already exists\n",
    ],
    [
      "a time entry on an expense work code",
      [
        "time",
        "add",
        "--staff",
        "JD",
        "--client",
        "ACME",
        "--workcode",
        "MILE",
        "--date",
        "2026-03-03",
        "--duration",
        "1h",
      ],
      "firmtime: work code MILE is an expense code; a time entry needs a time work code\n",
    ],
    [
      "a bad amount",
      ["workcode", "add", "X", "--name", "X", "--rate", "1.2.3"],
      'firmtime: --rate: rate "1.2.3" is not a number\n',
    ],
    [
      "a bad date",
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
        "2026-02-30",
        "--duration",
        "1h",
      ],
      'firmtime: --date: date "2026-02-30" is not a date (YYYY-MM-DD)\n',
    ],
    [
      "time by inactive staff",
      [
        "time",
        "add",
        "--staff",
        "BK",
        "--client",
        "ACME",
        "--workcode",
        "AUD",
        "--date",
        "2026-05-02",
        "--duration",
        "1h",
      ],
      "firmtime: staff BK is inactive since 2026-05-01\n",
    ],
  ])("refuses %s with one clear line and changes nothing", async (_name, args, message) => {
    const before = await snapshot(file);
    const result = await runCli(["--file", file, ...args]);
    expect(result).toEqual({ code: 1, stdout: "", stderr: message });
    expect(await snapshot(file)).toEqual(before);
  });

  it("refuses entries on or before the lock date, and reprices only open entries after it", async () => {
    const open = await cliJson<{ id: string; amount: number }>(file, [
      "time",
      "add",
      "--staff",
      "JD",
      "--client",
      "ACME",
      "--workcode",
      "AUD",
      "--date",
      "2026-06-10",
      "--duration",
      "1h",
    ]);
    expect(open.amount).toBe(17_500);
    await cliJson(file, ["firm", "edit", "--lock-date", "2026-03-31"]);
    const before = await snapshot(file);
    const result = await runCli([
      "--file",
      file,
      "time",
      "add",
      "--staff",
      "JD",
      "--client",
      "ACME",
      "--workcode",
      "AUD",
      "--date",
      "2026-03-31",
      "--duration",
      "1h",
    ]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: "firmtime: 2026-03-31 is on or before the firm's lock date 2026-03-31\n",
    });
    expect(await snapshot(file)).toEqual(before);

    await cliJson(file, ["rate", "set", "--staff", "JD", "--rate", "200", "--from", "2026-06-01"]);
    expect(await cliJson(file, ["time", "show", open.id])).toMatchObject({ amount: 17_500 });
    const reprice = await cliJson<{ changed: number }>(file, [
      "reprice",
      "--from",
      "2026-01-01",
      "--to",
      "2026-12-31",
    ]);
    expect(reprice.changed).toBe(1);
    expect(await cliJson(file, ["time", "show", open.id])).toMatchObject({ amount: 20_000, rate: 2_000_000 });
    const rates = await cliJson<{ id: string; rate: number; timing: string }[]>(file, [
      "rate",
      "list",
      "--staff",
      "JD",
    ]);
    expect(rates.map((rate) => [rate.rate, rate.timing])).toEqual([
      [1_750_000, "historical"],
      [2_000_000, "current"],
    ]);
    expect(await cliJson(file, ["rate", "show", rates[1]!.id])).toMatchObject({
      rate: 2_000_000,
      scope: "staff",
    });
    const historical = await runCli([
      "--file",
      file,
      "rate",
      "set",
      "--staff",
      "JD",
      "--rate",
      "1",
      "--from",
      "2026-01-01",
    ]);
    expect(historical.code).toBe(1);
    expect(historical.stderr).toMatch(/historical/);
  });

  it("lists rates with whose they are: staff number, client code, client/project, work code", async () => {
    const listed = await runCli(["--file", file, "rate", "list"]);
    const rows = listed.stdout
      .split("\n")
      .slice(2)
      .filter(Boolean)
      .map((line) => line.split(/\s{2,}/).slice(0, 3));
    expect(listed.stdout.split("\n")[0]).toMatch(/^Level +Owner +Work code +Effective +Rate/);
    expect(rows).toEqual(
      expect.arrayContaining([
        ["staff", "JD", "2026-01-01"],
        ["work code", "AUD", "always"],
        ["work code", "MILE", "always"],
      ]),
    );
    const json = await cliJson<{ scope: string; staffNumber: string | null; workCode: string | null }[]>(
      file,
      ["rate", "list", "--staff", "JD"],
    );
    expect(json.map((rate) => [rate.scope, rate.staffNumber, rate.workCode])).toContainEqual([
      "staff",
      "JD",
      null,
    ]);
  });

  it("says when a list shows only part of what matches, and pages with --offset", async () => {
    const add = ["time", "add", "--staff", "BK", "--client", "ACME", "--workcode", "AUD", "--duration", "1"];
    for (const day of ["2026-04-01", "2026-04-02", "2026-04-03"])
      expect((await runCli(["--file", file, ...add, "--date", day])).code).toBe(0);
    const list = ["--file", file, "time", "list", "--staff", "BK"];
    const first = await runCli([...list, "--limit", "2"]);
    expect(first.stdout.split("\n").filter((line) => line.startsWith("2026-04-"))).toHaveLength(2);
    expect(first.stdout).toMatch(
      /\nShowing time entries 1-2 of 3; the next with --offset 2 \(--limit n shows more at once, --all every one\)\.\n$/,
    );
    const rest = await runCli([...list, "--limit", "2", "--offset", "2"]);
    expect(rest.stdout).toContain("2026-04-03");
    expect(rest.stdout).not.toContain("2026-04-01");
    expect(rest.stdout).toMatch(/\nShowing time entries 3-3 of 3 \(/);
    // All of it: no note.
    expect((await runCli([...list])).stdout).not.toContain("Showing");
    // --json stays an array of the entries shown; the note goes to stderr.
    const json = await runCli([...list, "--json", "--limit", "1", "--offset", "1"]);
    expect((JSON.parse(json.stdout) as { date: string }[]).map((entry) => entry.date)).toEqual([
      "2026-04-02",
    ]);
    expect(json.stderr).toBe(
      "Showing time entries 2-2 of 3; the next with --offset 2 (--limit n shows more at once, --all every one).\n",
    );
    expect((await runCli([...list, "--offset", "x"])).stderr).toBe(
      'firmtime: --offset: "x" is not a whole number (0 or more)\n',
    );
    expect((await runCli([...list, "--all", "--offset", "1"])).code).toBe(1);
  });

  it("names a usage error on one line with exit code 2", async () => {
    const result = await runCli(["--file", file, "staff", "list", "--bogus"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "firmtime: unknown option '--bogus'\n" });
  });

  it("reports a mistyped option as unknown, with the option it resembles, before missing required ones", async () => {
    const before = await snapshot(file);
    const add = [
      "time",
      "add",
      "--staff",
      "JD",
      "--client",
      "ACME",
      "--workcode",
      "AUD",
      "--date",
      "2026-03-02",
    ];
    expect(await runCli(["--file", file, ...add, "--duraton", "1:30"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "firmtime: unknown option '--duraton'; did you mean --duration?\n",
    });
    expect(await runCli(["--file", file, "client", "add", "NEW", "--nme", "New Ltd"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "firmtime: unknown option '--nme'; did you mean --name?\n",
    });
    // A global option mistyped after the command's name is matched against the globals too.
    expect((await runCli(["--file", file, "staff", "list", "--jsn"])).stderr).toBe(
      "firmtime: unknown option '--jsn'; did you mean --json?\n",
    );
    // Without a mistake, a missing required option is still named.
    expect((await runCli(["--file", file, ...add])).stderr).toBe(
      "firmtime: required option '--duration <time>' not specified\n",
    );
    expect((await runCli(["--file", file, ...add, "--duraton", "1:30", "--help"])).code).toBe(0);
    expect(await snapshot(file)).toEqual(before);
  });
});

describe("firm files", () => {
  it("only init creates a file; a missing path is a clear error and is not created", async () => {
    const missing = newPath();
    const result = await runCli(["--file", missing, "client", "list"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `firmtime: ${missing} does not exist (create a firm file with: firmtime init ${missing} --firm NAME)\n`,
    );
    expect(existsSync(missing)).toBe(false);
  });

  it("refuses a file that is not a firmtime firm file", async () => {
    const text = join(dir, "notes.txt");
    writeFileSync(text, "hello");
    const other = join(dir, "other.sqlite");
    execFileSync(process.execPath, [
      "-e",
      `new (require("better-sqlite3"))(${JSON.stringify(other)}).exec("create table t(x)")`,
    ]);
    for (const path of [text, other]) {
      expect(await runCli(["--file", path, "staff", "list"])).toEqual({
        code: 1,
        stdout: "",
        stderr: `firmtime: ${path} is not a firmtime firm file\n`,
      });
    }
  });

  it("init refuses an existing path and a bad currency, leaving no file behind", async () => {
    const file = newPath();
    expect((await runCli(["init", file, "--firm", "A"])).code).toBe(0);
    expect((await runCli(["init", file, "--firm", "B"])).stderr).toBe(
      `firmtime: ${file} already exists; init only creates new firm files\n`,
    );
    const bad = newPath();
    expect((await runCli(["init", bad, "--firm", "C", "--currency", "XXQ"])).code).toBe(1);
    expect(existsSync(bad)).toBe(false);
  });

  it("runs as the installed `firmtime` binary", () => {
    const file = newPath();
    const bin = join(import.meta.dirname, "../../bin/firmtime.js");
    const init = spawnSync(process.execPath, [bin, "init", file, "--firm", "Bin & Co", "--json"], {
      encoding: "utf8",
    });
    expect(init.status).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({
      firm: { name: "Bin & Co", currency: "USD", timeIncrement: 6 },
    });
    const bad = spawnSync(process.execPath, [bin, "--file", file, "client", "show", "NOPE"], {
      encoding: "utf8",
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('firmtime: client "NOPE" does not exist\n');
  });
});
