/**
 * The record commands against a cloud (`--cloud URL`) print what they print against a firm
 * file: the same sequence of commands runs on a fresh file and on a cloud firm served over real
 * HTTP, and every output (text, --json, one-line errors, exit codes) must match once record ids
 * are numbered by first appearance. Then what only a cloud has: a refusal, logout, a revoked token.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Firm } from "../firm-setup/firm-store.js";
import { addStaffUser } from "../test-support/accounts.js";
import { runCli, type CliResult } from "../test-support/cli.js";
import { newCloudFirm, PASSWORD, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import type { Engine } from "../store/database.js";

const tmp = mkdtempSync(join(tmpdir(), "firmtime-cloud-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Where the commands act: a firm file or a cloud, with the ids its records got. */
class Side {
  /** Ids captured from --json answers, by name, for later commands ({t1}). */
  readonly saved = new Map<string, string>();
  private readonly numbers = new Map<string, number>();

  constructor(
    readonly where: string[],
    readonly env: Record<string, string>,
  ) {}

  async run(args: string[]): Promise<CliResult> {
    const filled = args.map((arg) =>
      arg.replace(/\{(\w+)\}/g, (_all, name: string) => this.saved.get(name) ?? name),
    );
    return runCli([...this.where, ...filled], this.env);
  }

  /** Ids differ between a file and a cloud: each becomes <id N>, N counting first appearances. */
  normalise(text: string): string {
    return text.replace(UUID, (id) => {
      if (!this.numbers.has(id)) this.numbers.set(id, this.numbers.size + 1);
      return `<id ${this.numbers.get(id)}>`;
    });
  }
}

/** A step, and optionally the name to keep the --json answer's id under. */
type Step = string[] | { args: string[]; save: string };

const login = (url: string, email: string, configDir: string) =>
  runCli(
    ["login", url, "--email", email, "--password-stdin"],
    { FIRMTIME_CONFIG_DIR: configDir },
    undefined,
    {
      readStdin: () => Promise.resolve(`${PASSWORD}\n`),
    },
  );

describe.each(ENGINES)("the CLI on a cloud prints what it prints on a firm file [%s]", (engine: Engine) => {
  const server = useTestServer(engine);
  const dir = join(tmp, engine);
  const adminConfig = join(dir, "admin-config");
  const state = {} as { url: string; firm: Firm; file: Side; cloud: Side };

  beforeAll(async () => {
    const origin = await server.app.listen({ host: "127.0.0.1", port: 0 });
    state.url = `${origin}/f/acme`;
    state.firm = (await newCloudFirm(server, "acme")).firm;
    const file = join(mkdtempSync(join(tmp, `${engine}-`)), "acme.firm");
    expect((await runCli(["init", file, "--firm", "Firm acme"])).code).toBe(0);
    state.file = new Side(["--file", file], {});
    state.cloud = new Side(["--cloud", state.url], { FIRMTIME_CONFIG_DIR: adminConfig });
    // The cloud firm's first Admin is staff member AA; the file gets the same record.
    const admin = ["staff", "add", "AA", "--first", "Ada", "--last", "Admin", "--email", "admin@acme.test"];
    expect((await state.file.run(admin)).code).toBe(0);
  });

  /** Runs each step on both sides; the outputs must be equal, and a success unless `fails`. */
  async function same(steps: Step[], fails = false): Promise<void> {
    for (const step of steps) {
      const args = Array.isArray(step) ? step : step.args;
      const [file, cloud] = [await state.file.run(args), await state.cloud.run(args)];
      const shown = (side: Side, result: CliResult) => ({
        code: result.code,
        stdout: side.normalise(result.stdout),
        stderr: side.normalise(result.stderr),
      });
      const cloudShown = shown(state.cloud, cloud);
      // A cloud firm has a URL name and is protected; a file has neither.
      cloudShown.stdout = cloudShown.stdout
        .replace('"slug": "acme"', '"slug": null')
        .replace('"protection": true', '"protection": false');
      expect(cloudShown, `firmtime ${args.join(" ")}`).toEqual(shown(state.file, file));
      expect(file.code, `firmtime ${args.join(" ")}: ${file.stderr}`).toBe(fails ? 1 : 0);
      if (!Array.isArray(step)) {
        state.file.saved.set(step.save, (JSON.parse(file.stdout) as { id: string }).id);
        state.cloud.saved.set(step.save, (JSON.parse(cloud.stdout) as { id: string }).id);
      }
    }
  }

  it("signs in with the password on standard input and keeps a token only the user can read", async () => {
    const result = await login(state.url, "admin@acme.test", adminConfig);
    expect(result).toEqual({ code: 0, stdout: `Signed in to ${state.url} as admin@acme.test\n`, stderr: "" });
    const credentials = join(adminConfig, "credentials.json");
    expect(JSON.parse(readFileSync(credentials, "utf8"))).toMatchObject([
      { firmUrl: state.url, email: "admin@acme.test" },
    ]);
  });

  it("firm show and edit", async () => {
    // Two firms in two stores: the same output is not the same call.
    const [onFile, onCloud] = [
      await state.file.run(["firm", "show"]),
      await state.cloud.run(["firm", "show"]),
    ];
    expect(onCloud.stdout).not.toEqual(onFile.stdout);
    expect(state.cloud.normalise(onCloud.stdout)).toEqual(state.file.normalise(onFile.stdout));
    await same([
      ["firm", "show"],
      ["--json", "firm", "show"],
      ["firm", "edit", "--increment", "15", "--fiscal-start", "7"],
    ]);
    await same([["firm", "edit", "--increment", "7"]], true);
    await same([["--json", "firm", "edit", "--increment", "6", "--name", "Acme & Co"]]);
  });

  it("staff and groups", async () => {
    await same([
      [
        "staff",
        "add",
        "JD",
        "--first",
        "Jane",
        "--last",
        "Doe",
        "--email",
        "jane@acme.test",
        "--groups",
        "Audit~Tax",
      ],
      ["--json", "staff", "add", "BK", "--first", "Bo", "--last", "King"],
      [
        "staff",
        "add",
        "TMP",
        "--first",
        "Tem",
        "--last",
        "Porary",
        "--status",
        "inactive",
        "--inactive-date",
        "2026-05-01",
      ],
      ["staff", "list"],
      ["--json", "staff", "list"],
      ["staff", "list", "--group", "Audit"],
      ["staff", "list", "--group", "Nobody"],
      ["staff", "list", "--status", "inactive"],
      ["staff", "show", "jd"],
      ["--json", "staff", "show", "JD"],
      ["--json", "staff", "edit", "BK", "--groups", "Tax~Payroll", "--email", "bo@acme.test"],
      ["group", "list"],
      ["--json", "group", "list"],
      ["staff", "delete", "TMP"],
    ]);
    await same(
      [
        ["staff", "show", "NOPE"],
        ["staff", "add", "JD", "--first", "J", "--last", "D"],
        ["staff", "add", "BAD*", "--first", "J", "--last", "D"],
      ],
      true,
    );
  });

  it("work codes and rates", async () => {
    await same([
      ["workcode", "add", "AUD", "--name", "Audit", "--rate", "150"],
      [
        "--json",
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
      ["workcode", "add", "TMP", "--name", "Temp", "--note", "for a while"],
      ["workcode", "list"],
      ["--json", "workcode", "list", "--kind", "time"],
      [
        "workcode",
        "edit",
        "TMP",
        "--name",
        "Temporary",
        "--billable",
        "NB",
        "--rate",
        "90",
        "--from",
        "2026-01-01",
      ],
      ["workcode", "show", "tmp"],
      ["--json", "workcode", "show", "AUD"],
      ["workcode", "delete", "TMP"],
      ["rate", "set", "--staff", "JD", "--rate", "175", "--from", "2026-01-01"],
      {
        args: [
          "--json",
          "rate",
          "set",
          "--staff",
          "JD",
          "--workcode",
          "AUD",
          "--rate",
          "180",
          "--from",
          "2026-02-01",
        ],
        save: "rate",
      },
      ["rate", "list", "--staff", "JD"],
      ["--json", "rate", "list", "--staff", "JD"],
      ["rate", "list", "--workcode", "MILE"],
      ["rate", "show", "{rate}"],
      ["--json", "rate", "show", "{rate}"],
      ["rate", "delete", "{rate}"],
    ]);
    await same(
      [
        ["workcode", "show", "NOPE"],
        ["workcode", "add", "AUD", "--name", "Again"],
        ["rate", "set", "--staff", "JD", "--client", "X", "--rate", "1"],
        ["rate", "set", "--rate", "1"],
        ["rate", "show", "not-an-id"],
      ],
      true,
    );
  });

  it("contact companies, clients and projects", async () => {
    await same([
      ["company", "add", "Acme Holdings", "--address", "1 Main St"],
      ["--json", "company", "add", "Beta Group"],
      ["company", "list"],
      ["--json", "company", "show", "Acme Holdings"],
      ["company", "edit", "Beta Group", "--address", "2 High St"],
      ["client", "add", "ACME", "--name", "Acme Ltd", "--partner", "JD", "--company", "Acme Holdings"],
      ["--json", "client", "add", "BETA", "--name", "Beta", "--company", "Beta Group"],
      ["client", "list"],
      ["--json", "client", "show", "acme"],
      ["--json", "client", "edit", "BETA", "--manager", "BK", "--notes", "year end in March"],
      [
        "project",
        "add",
        "ACME",
        "YE2026",
        "--name",
        "Year end 2026",
        "--budget-hours",
        "40",
        "--budget-fee",
        "5000",
      ],
      ["--json", "project", "add", "ACME", "TAX", "--name", "Tax return"],
      ["project", "list"],
      ["--json", "project", "list", "--client", "ACME"],
      ["project", "show", "ACME", "ye2026"],
      ["--json", "project", "edit", "ACME", "TAX", "--status", "closed", "--budget-hours", "5"],
      ["project", "list", "--status", "closed"],
      ["project", "delete", "ACME", "TAX"],
      [
        "rate",
        "set",
        "--client",
        "ACME",
        "--project",
        "YE2026",
        "--workcode",
        "AUD",
        "--rate",
        "160",
        "--from",
        "2026-01-01",
      ],
      ["rate", "list", "--client", "ACME", "--project", "YE2026"],
    ]);
    await same(
      [
        ["client", "add", "acme", "--name", "Again"],
        ["client", "add", "GAMMA", "--name", "Gamma", "--partner", "ZZ"],
        ["project", "show", "ACME", "NOPE"],
        ["client", "delete", "ACME"],
        ["company", "delete", "Beta Group"],
      ],
      true,
    );
  });

  it("contacts", async () => {
    await same([
      [
        "contact",
        "add",
        "--first",
        "Wile",
        "--last",
        "Coyote",
        "--email",
        "wile@acme.test",
        "--clients",
        "ACME~BETA",
        "--company",
        "Acme Holdings",
      ],
      ["--json", "contact", "add", "--first", "Road", "--last", "Runner", "--clients", "BETA"],
      ["contact", "list"],
      ["--json", "contact", "show", "WILE@acme.test"],
      ["contact", "edit", "wile@acme.test", "--clients", "BETA", "--work-phone", "555 0100"],
      ["--json", "contact", "list", "--client", "BETA"],
      ["contact", "list", "--company", "Acme Holdings"],
      ["contact", "delete", "wile@acme.test"],
    ]);
    await same(
      [
        ["contact", "show", "nobody@acme.test"],
        ["contact", "list", "--client", "NOPE"],
      ],
      true,
    );
  });

  it("time and expense entries, their statuses, and the usual refusals", async () => {
    await same([
      {
        args: [
          "--json",
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
          "--duration",
          "1:07",
        ],
        save: "t1",
      },
      {
        args: [
          "--json",
          "time",
          "add",
          "--staff",
          "JD",
          "--client",
          "acme",
          "--project",
          "ye2026",
          "--workcode",
          "aud",
          "--date",
          "2026-03-03",
          "--duration",
          "2h",
        ],
        save: "t2",
      },
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
        "2026-06-10",
        "--duration",
        "45",
        "--description",
        "Planning",
      ],
      ["time", "list"],
      ["--json", "time", "list", "--client", "ACME", "--project", "YE2026"],
      ["time", "show", "{t1}"],
      ["time", "edit", "{t1}", "--duration", "1.5h", "--description", "Fieldwork"],
      ["--json", "time", "edit", "{t2}", "--client", "BETA"],
      ["time", "submit", "{t1}"],
      ["--json", "time", "approve", "{t1}"],
      ["time", "list", "--status", "approved"],
      ["time", "list", "--limit", "2"],
      ["time", "list", "--limit", "1", "--offset", "1"],
      ["--json", "time", "list", "--limit", "1", "--offset", "2"],
      ["time", "list", "--offset", "99"],
      ["time", "delete", "{t2}"],
      {
        args: [
          "--json",
          "expense",
          "add",
          "--staff",
          "BK",
          "--client",
          "BETA",
          "--workcode",
          "MILE",
          "--date",
          "2026-03-04",
          "--quantity",
          "42",
        ],
        save: "e1",
      },
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
        "2026-03-05",
        "--unit-rate",
        "12.5",
        "--surcharge",
        "0",
      ],
      ["expense", "list"],
      ["--json", "expense", "show", "{e1}"],
      ["expense", "edit", "{e1}", "--quantity", "50"],
      ["expense", "status", "submitted", "{e1}"],
      ["--json", "expense", "list", "--status", "submitted"],
      ["expense", "list", "--limit", "1"],
    ]);
    const add = [
      "time",
      "add",
      "--staff",
      "JD",
      "--client",
      "ACME",
      "--date",
      "2026-03-03",
      "--duration",
      "1h",
    ];
    await same(
      [
        [...add, "--workcode", "NOPE"],
        [...add, "--workcode", "MILE"],
        ["client", "add", "acme", "--name", "Again"],
        ["time", "edit", "{t1}", "--duration", "3h"],
        ["time", "show", "{t2}"],
        ["time", "show", "nope"],
        ["time", "approve", "{e1}"],
        ["expense", "approve", "{e1}", "nope"],
        ["staff", "delete", "BK"],
      ],
      true,
    );
  });

  it("reports", async () => {
    await same([
      ["report", "basic", "--group-by", "client"],
      ["report", "detailed", "--group-by", "staff,month", "--from", "2026-01-01", "--to", "2026-12-31"],
      ["report", "basic", "--group-by", "workcode", "--format", "csv"],
      ["report", "detailed", "--group-by", "client", "--format", "csv", "--kind", "time"],
      ["--json", "report", "basic", "--group-by", "client", "--staff", "jd", "--year", "2026"],
      [
        "report",
        "detailed",
        "--group-by",
        "client",
        "--client",
        "acme",
        "--project",
        "ye2026",
        "--status",
        "approved,draft",
      ],
      ["--json", "report", "detailed", "--group-by", "month,client", "--billable", "yes"],
    ]);
    await same(
      [
        ["report", "basic", "--group-by", "planet"],
        ["report", "basic", "--group-by", "client", "--workcode", "NOPE"],
        ["report", "basic", "--group-by", "client", "--month", "2026-13"],
      ],
      true,
    );
  });

  it("the lock date, a new rate and repricing", async () => {
    await same([
      ["firm", "edit", "--lock-date", "2026-03-01"],
      ["rate", "set", "--staff", "JD", "--rate", "200", "--from", "2026-06-01"],
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
        "2026-06-12",
        "--duration",
        "1h",
      ],
      ["rate", "set", "--staff", "BK", "--rate", "120", "--from", "2026-06-01"],
      ["reprice", "--from", "2026-01-01", "--to", "2026-12-31"],
      ["--json", "reprice", "--from", "2026-06-01", "--to", "2026-06-30", "--staff", "BK"],
      ["time", "list"],
    ]);
    await same(
      [
        ["rate", "set", "--staff", "JD", "--rate", "1", "--from", "2026-01-01"],
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
          "2026-02-27",
          "--duration",
          "1h",
        ],
        ["reprice", "--from", "2026-12-31", "--to", "2026-01-01"],
      ],
      true,
    );
  });

  it("imports", async () => {
    const staff = join(dir, "staff.csv");
    const codes = join(dir, "codes.csv");
    writeFileSync(staff, "Number,First Name,Last Name,Groups\nZZ,Zed,Zulu,Audit\nYY,Yan,Yu,\n");
    writeFileSync(codes, "Code,Type,Name,Rate\nADM,NB,Admin,\nBAD*,B,Bad,\nAUD,B,Twice,\n");
    await same([
      ["import", "staff", staff, "--dry-run"],
      ["import", "staff", staff],
      ["--json", "import", "workcodes", codes, "--skip-bad", "--dry-run"],
      ["staff", "list"],
    ]);
    await same(
      [
        ["import", "workcodes", codes],
        ["--json", "import", "workcodes", codes],
      ],
      true,
    );
  });

  it("refuses a user without the right in one clear line (exit 1); a file has no such protection", async () => {
    const nobodyConfig = join(dir, "nobody-config");
    await addStaffUser(server, state.firm, { staffNumber: "NR", email: "nobody@acme.test" });
    expect((await login(state.url, "nobody@acme.test", nobodyConfig)).code).toBe(0);
    const asNobody = new Side(["--cloud", state.url], { FIRMTIME_CONFIG_DIR: nobodyConfig });
    const refused = await asNobody.run(["client", "add", "NEW", "--name", "New client"]);
    expect(refused).toEqual({ code: 1, stdout: "", stderr: "firmtime: you may not create entities\n" });
    const reprice = await asNobody.run(["reprice", "--from", "2026-01-01", "--to", "2026-12-31"]);
    expect(reprice.code).toBe(1);
    expect(reprice.stderr).toMatch(/^firmtime: you may not [^\n]+\n$/);
    expect((await state.file.run(["client", "add", "NEW", "--name", "New client"])).code).toBe(0);
    // What they may read, they read: their own (empty) time.
    expect(await asNobody.run(["--json", "time", "list"])).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });

  it("takes the cloud from FIRMTIME_CLOUD", async () => {
    const result = await runCli(["client", "show", "ACME"], {
      FIRMTIME_CLOUD: state.url,
      FIRMTIME_CONFIG_DIR: adminConfig,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Acme Ltd");
  });

  it("logout revokes the token: the next --cloud command says to sign in", async () => {
    const credentials = join(adminConfig, "credentials.json");
    const kept = join(dir, "kept-credentials.json");
    copyFileSync(credentials, kept);
    const out = await runCli(["logout", state.url], { FIRMTIME_CONFIG_DIR: adminConfig });
    expect(out).toEqual({ code: 0, stdout: `Signed out of ${state.url}\n`, stderr: "" });
    expect(await state.cloud.run(["staff", "list"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `firmtime: not signed in to ${state.url}; run: firmtime login ${state.url} --email YOU\n`,
    });
    // The token itself no longer works, even if a copy of it survives.
    copyFileSync(kept, credentials);
    expect(await state.cloud.run(["staff", "list"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `firmtime: the bearer token is unknown or revoked; run: firmtime login ${state.url} --email YOU\n`,
    });
  });
});
