/**
 * `firmtime generate`: the same seed gives the same firm, the firm has the shapes the benchmark
 * issue asks for, its amounts are the product's own (entry services, reports), it integrates
 * with a cloud, and bad input or an interruption leaves nothing behind.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCloudFirm } from "../access/firm-bootstrap.js";
import { AppError } from "../domain/errors.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { checkPrerequisites, integrate } from "../merge/integration-service.js";
import { basicReport } from "../reports/report-service.js";
import { fixedClock } from "../store/clock.js";
import { openFirmFile, type Db, type Store } from "../store/database.js";
import { runCli, type CliResult } from "../test-support/cli.js";
import { inProcessCloud } from "../test-support/merge.js";
import { openTestStore } from "../test-support/stores.js";
import { createEntryReferences } from "../time-expense/entry-references.js";
import { ENTERED_RATE, prepareExpenseEntry } from "../time-expense/expense-entry-service.js";
import { prepareTimeEntry } from "../time-expense/time-entry-service.js";
import {
  ENTERED_RATE_SOURCE,
  expenseEntries,
  GENERATED_AT,
  HISTORY,
  planFirm,
  SCALES,
  timeEntries,
  type FirmSize,
} from "./firm-shape.js";
import { generateFirmFileOfSize, type GeneratedFirm } from "./generate-firm.js";

const dir = mkdtempSync(join(tmpdir(), "firmtime-generate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASSWORD = "a generated firm's admin password";
const SMALL: FirmSize = { staff: 12, clients: 120, timeEntries: 6_000, expenseEntries: 600 };

/** The firm's records, the tables a firm file's data lives in (not the file's own journal state). */
const RECORD_TABLES: readonly [string, string][] = [
  ["firm", "firm_id"],
  ["staff", "id"],
  ["staff_group", "id"],
  ["staff_group_member", "group_id, staff_id"],
  ["client", "id"],
  ["work_code", "id"],
  ["rate", "id"],
  ["time_entry", "id"],
  ["expense_entry", "id"],
];

function readOnly(file: string): BetterSqlite3.Database {
  return new BetterSqlite3(file, { readonly: true, fileMustExist: true });
}

/** A digest of every column of every record, in key order. */
function digestOf(file: string): string {
  const db = readOnly(file);
  try {
    const hash = createHash("sha256");
    for (const [table, key] of RECORD_TABLES) {
      hash.update(`${table}\n`);
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).iterate())
        hash.update(JSON.stringify(row) + "\n");
    }
    return hash.digest("hex");
  } finally {
    db.close();
  }
}

const leftovers = (folder: string) => readdirSync(folder).filter((name) => name.includes(".generating"));

interface EntryRow {
  staff_id: string;
  client_id: string;
  work_code_id: string;
  entry_date: string;
  billable: number;
  amount: number;
  description: string;
  rate_source: string;
}
interface TimeRow extends EntryRow {
  minutes: number;
  rate: number;
}
interface ExpenseRow extends EntryRow {
  quantity: number;
  unit_rate: number;
  surcharge_bp: number;
}

/** Half away from zero, written out here rather than taken from domain/money.ts. */
function roundedDivision(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const quotient = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -quotient : quotient;
}

describe("the same seed gives the same firm", () => {
  it("gives the recorded firm for seed 1: the same records on every machine and in every run", () => {
    // A change here changes every benchmark's data: update the digest only on purpose (last: entries
    // gained reviewComment, null for every generated entry; the records themselves are unchanged).
    const plan = planFirm({ staff: 5, clients: 20, timeEntries: 500, expenseEntries: 50 }, 1);
    const hash = createHash("sha256").update(JSON.stringify(plan));
    for (const entry of timeEntries(plan)) hash.update(JSON.stringify(entry));
    for (const entry of expenseEntries(plan)) hash.update(JSON.stringify(entry));
    expect(hash.digest("hex")).toBe("2ded26fae793db43ea29facebbd5be9b4d45dfb0a1fafb026846b12739f833aa");
  });

  it("two files of one seed hold the same records, ids included; another seed differs", async () => {
    const [a, b, c] = ["a", "b", "c"].map((name) => join(dir, `${name}.firm`)) as [string, string, string];
    const first = await generateFirmFileOfSize(a, SMALL, { seed: 7 });
    const again = await generateFirmFileOfSize(b, SMALL, { seed: 7 });
    await generateFirmFileOfSize(c, SMALL, { seed: 8 });
    expect(again).toEqual(first);
    expect(digestOf(b)).toBe(digestOf(a));
    expect(digestOf(c)).not.toBe(digestOf(a));

    const ids = (file: string) => {
      const db = readOnly(file);
      const rows = db.prepare("SELECT id FROM time_entry UNION ALL SELECT id FROM client").pluck().all();
      const state = db.prepare("SELECT replica_id, file_id FROM sync_state").get();
      db.close();
      return { ids: new Set(rows as string[]), state };
    };
    const [fileA, fileB, fileC] = [ids(a), ids(b), ids(c)];
    // Each file is a replica of its own: the journal's identity is never copied.
    expect(fileB.state).not.toEqual(fileA.state);
    // Another seed's firm shares no record id with this one (a cloud holds both).
    expect([...fileC.ids].filter((id) => fileA.ids.has(id))).toEqual([]);
    expect(
      [...fileA.ids].every((id) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
      ),
    ).toBe(true);
  });
});

describe("an S firm made by `firmtime generate`", () => {
  const file = join(dir, "s.firm");
  let generated: GeneratedFirm & { protection: boolean; scale: string; seed: number };
  let db: BetterSqlite3.Database;
  let store: Store;
  let scope: FirmScope;
  const one = <T>(sql: string, ...params: unknown[]): T =>
    db
      .prepare(sql)
      .pluck()
      .get(...params) as T;

  beforeAll(async () => {
    const result = await runCli(
      ["--json", "generate", file, "--scale", "S", "--seed", "42", "--admin-password-stdin"],
      {},
      undefined,
      { readStdin: () => Promise.resolve(`${PASSWORD}\n`) },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    generated = JSON.parse(result.stdout) as typeof generated;
    db = readOnly(file);
    store = await openFirmFile(file);
    scope = { firm: await findOnlyFirm(store.db), clock: fixedClock(GENERATED_AT), actor: "test" };
  });
  afterAll(async () => {
    db?.close();
    await store?.close();
  });

  it("has the S counts, and S1 as an Admin of a protected file", () => {
    expect(generated).toMatchObject({
      scale: "S",
      seed: 42,
      protection: true,
      staff: 20,
      clients: 300,
      timeEntries: 50_000,
      expenseEntries: 5_000,
    });
    expect(one("SELECT count(*) FROM staff")).toBe(SCALES.S.staff);
    expect(one("SELECT count(*) FROM client")).toBe(SCALES.S.clients);
    expect(one("SELECT count(*) FROM time_entry")).toBe(SCALES.S.timeEntries);
    expect(one("SELECT count(*) FROM expense_entry")).toBe(SCALES.S.expenseEntries);
    expect(scope.firm.protection).toBe(true);
    expect(one("SELECT email FROM staff WHERE staff_number = 'S1'")).toBe(generated.adminEmail);
    expect(
      one(
        `SELECT count(*) FROM role_assignment a JOIN role r ON r.id = a.role_id JOIN user_account u ON u.id = a.principal_id
         WHERE r.name = 'Admin' AND u.email = ? AND u.status = 'active'`,
        generated.adminEmail,
      ),
    ).toBe(1);
  });

  it("records time on workdays only, in 6-minute steps, with about 1 % negative adjustments", () => {
    expect(one("SELECT count(*) FROM time_entry WHERE strftime('%w', entry_date) IN ('0', '6')")).toBe(0);
    expect(one("SELECT count(*) FROM expense_entry WHERE strftime('%w', entry_date) IN ('0', '6')")).toBe(0);
    expect(one("SELECT count(*) FROM time_entry WHERE minutes % 6 != 0 OR minutes = 0")).toBe(0);
    expect(one("SELECT max(abs(minutes)) FROM time_entry")).toBeLessThanOrEqual(24 * 60);
    const negative = one<number>("SELECT count(*) FROM time_entry WHERE minutes < 0") / SCALES.S.timeEntries;
    expect(negative).toBeGreaterThan(0.006);
    expect(negative).toBeLessThan(0.014);
    expect(one<number>("SELECT count(*) FROM expense_entry WHERE quantity < 0")).toBeGreaterThan(0);
    expect(one<string>("SELECT min(entry_date) FROM time_entry") >= HISTORY.from).toBe(true);
    expect(one<string>("SELECT max(entry_date) FROM time_entry") <= HISTORY.to).toBe(true);
    expect(one("SELECT count(DISTINCT substr(entry_date, 1, 4)) FROM time_entry")).toBe(4);
  });

  it("has a few large clients carrying most of the hours", () => {
    const hours = db
      .prepare("SELECT sum(minutes) FROM time_entry GROUP BY client_id ORDER BY 1 DESC")
      .pluck()
      .all() as number[];
    const total = hours.reduce((sum, h) => sum + h, 0);
    const top = hours.slice(0, Math.ceil(SCALES.S.clients * 0.05)).reduce((sum, h) => sum + h, 0);
    expect(top / total).toBeGreaterThan(0.5);
    // ... and a long tail: most clients have some work.
    expect(hours.length).toBeGreaterThan(SCALES.S.clients * 0.8);
  });

  it("has rates with history: staff rates with several effective dates, work-code and client rates", () => {
    const datesPerStaff = db
      .prepare(
        "SELECT count(DISTINCT effective_date) FROM rate WHERE scope = 'staff' AND work_code_id IS NULL GROUP BY staff_id",
      )
      .pluck()
      .all() as number[];
    expect(datesPerStaff.filter((n) => n > 1).length).toBeGreaterThan(SCALES.S.staff / 2);
    expect(
      one<number>(
        "SELECT max(n) FROM (SELECT count(*) n FROM rate WHERE scope = 'work_code' GROUP BY work_code_id)",
      ),
    ).toBeGreaterThan(2);
    expect(one<number>("SELECT count(*) FROM rate WHERE scope = 'client'")).toBeGreaterThan(0);
    const sources = db.prepare("SELECT DISTINCT rate_source FROM time_entry").pluck().all();
    expect(sources).toEqual(expect.arrayContaining(["staff", "work_code", "staff_work_code"]));
  });

  it("has people ready to integrate and descriptions of realistic length from a varied vocabulary", () => {
    expect(one("SELECT count(*) FROM staff WHERE first_name = '' OR last_name = '' OR email IS NULL")).toBe(
      0,
    );
    expect(one("SELECT count(DISTINCT email) FROM staff")).toBe(SCALES.S.staff);
    const average = one<number>("SELECT avg(length(description)) FROM time_entry");
    expect(average).toBeGreaterThan(30);
    expect(average).toBeLessThan(120);
    expect(one<number>("SELECT max(length(description)) FROM time_entry")).toBeGreaterThan(150);
    expect(one<number>("SELECT count(DISTINCT description) FROM time_entry")).toBeGreaterThan(10_000);
    // No work for inactive clients: the cloud refuses an inactive client's entries.
    expect(
      one(
        "SELECT count(*) FROM time_entry t JOIN client c ON c.id = t.client_id WHERE c.status = 'inactive'",
      ),
    ).toBe(0);
  });

  it("has old work billed and recent work draft or submitted", () => {
    const recent = db
      .prepare("SELECT DISTINCT status FROM time_entry WHERE entry_date > date(?, '-14 days')")
      .pluck()
      .all(HISTORY.to);
    expect(recent.sort()).toEqual(["draft", "submitted"]);
    expect(
      one(
        "SELECT count(*) FROM time_entry WHERE entry_date < date(?, '-45 days') AND status IN ('draft', 'submitted')",
        HISTORY.to,
      ),
    ).toBe(0);
    expect(one<number>("SELECT count(*) FROM time_entry WHERE status = 'billed'")).toBeGreaterThan(30_000);
  });

  it("journals every record once, as an insert by the Admin, so integration uploads all of it", () => {
    for (const [table] of RECORD_TABLES) {
      expect(one("SELECT count(*) FROM sync_change WHERE tbl = ?", table)).toBe(
        one(`SELECT count(*) FROM ${table}`),
      );
    }
    expect(db.prepare("SELECT DISTINCT author FROM sync_change").pluck().all()).toEqual([
      generated.adminEmail,
    ]);
    expect(db.prepare("SELECT DISTINCT op FROM sync_change").pluck().all()).toEqual(["put"]);
  });

  it("prices every entry as the entry services price what people type", async () => {
    expect(ENTERED_RATE_SOURCE).toBe(ENTERED_RATE);
    const refs = createEntryReferences(store.db, scope.firm.id);
    await refs.preload();
    const times = db
      .prepare(
        `SELECT t.* FROM time_entry t JOIN client c ON c.id = t.client_id
         WHERE c.status = 'active' AND (t.rowid % 20 = 0 OR t.minutes < 0)`,
      )
      .all() as TimeRow[];
    expect(times.length).toBeGreaterThan(2_500);
    for (const row of times) {
      const entry = await prepareTimeEntry(
        refs,
        scope,
        {
          staff: row.staff_id,
          client: row.client_id,
          workCode: row.work_code_id,
          date: row.entry_date,
          minutes: row.minutes,
          billable: row.billable === 1,
          description: row.description,
        },
        GENERATED_AT,
      );
      expect([entry.minutes, entry.rate, entry.rateSource, entry.amount, entry.description]).toEqual([
        row.minutes,
        row.rate,
        row.rate_source,
        row.amount,
        row.description,
      ]);
    }
    const expenses = db.prepare("SELECT * FROM expense_entry WHERE rowid % 4 = 0").all() as ExpenseRow[];
    for (const row of expenses) {
      const entry = await prepareExpenseEntry(
        refs,
        scope,
        {
          staff: row.staff_id,
          client: row.client_id,
          workCode: row.work_code_id,
          date: row.entry_date,
          quantity: row.quantity,
          // A receipt's cost is typed in; otherwise the rate tables price the entry.
          unitRate: row.rate_source === ENTERED_RATE ? row.unit_rate : null,
          description: row.description,
        },
        GENERATED_AT,
      );
      expect([entry.unitRate, entry.rateSource, entry.surchargeBp, entry.amount, entry.billable]).toEqual([
        row.unit_rate,
        row.rate_source,
        row.surcharge_bp,
        row.amount,
        row.billable === 1,
      ]);
    }
  });

  it("has the totals the product's report computes, equal to a hand sum of the generated entries", async () => {
    const report = await basicReport(store.db, scope, { groupBy: ["client"] });
    const hand = { minutes: 0, billableMinutes: 0, amount: 0n, billableAmount: 0n, time: 0, expense: 0 };
    const plan = planFirm(SCALES.S, 42);
    for (const entry of timeEntries(plan)) {
      const amount = roundedDivision(BigInt(entry.rate) * BigInt(entry.minutes) * 100n, 60n * 10_000n);
      expect(amount).toBe(BigInt(entry.amount));
      hand.time++;
      hand.minutes += entry.minutes;
      hand.amount += amount;
      if (entry.billable) {
        hand.billableMinutes += entry.minutes;
        hand.billableAmount += amount;
      }
    }
    for (const entry of expenseEntries(plan)) {
      const amount = roundedDivision(
        BigInt(entry.quantity) * BigInt(entry.unitRate) * BigInt(10_000 + entry.surchargeBp) * 100n,
        1_000n * 10_000n * 10_000n,
      );
      expect(amount).toBe(BigInt(entry.amount));
      hand.expense++;
      hand.amount += amount;
      if (entry.billable) hand.billableAmount += amount;
    }
    expect(report.total).toEqual({
      minutes: hand.minutes,
      billableMinutes: hand.billableMinutes,
      amount: Number(hand.amount),
      billableAmount: Number(hand.billableAmount),
      timeEntries: hand.time,
      expenseEntries: hand.expense,
    });
  });

  it("passes every integration prerequisite but the cloud's", async () => {
    const { failures } = await checkPrerequisites(store.db, scope.firm, {
      desktopUser: { email: generated.adminEmail, password: PASSWORD },
      cloud: new AppError("OFFLINE", "no cloud in this test"),
    });
    expect(failures.map((failure) => failure.problem)).toEqual([
      "cannot use the cloud: no cloud in this test",
    ]);
  });
});

const totalsByClient = async (db: Db, table: "time_entry" | "expense_entry") =>
  Object.fromEntries(
    (
      await db
        .selectFrom(table)
        .select(["client_id", (eb) => eb.fn.sum<number>("amount").as("amount")])
        .where("amount", ">=", 0)
        .groupBy("client_id")
        .execute()
    ).map((row) => [row.client_id, Number(row.amount)]),
  );

describe("a generated firm file integrates with a cloud", () => {
  it("uploads every record but the negative adjustments, which stay on the desktop with a warning", async () => {
    const file = join(dir, "integrate.firm");
    const generated = await generateFirmFileOfSize(
      file,
      { staff: 8, clients: 60, timeEntries: 2_000, expenseEntries: 200 },
      { seed: 5, adminPassword: PASSWORD },
    );
    const clock = fixedClock("2026-06-15T12:00:00Z");
    const cloud = await openTestStore("sqlite");
    const desktop = await openFirmFile(file);
    try {
      const { firm: cloudFirm } = await createCloudFirm(cloud.db, clock, {
        name: "Generated (cloud)",
        slug: "generated",
        admin: { email: generated.adminEmail, firstName: "Ada", lastName: "Admin", password: PASSWORD },
      });
      const firm = await findOnlyFirm(desktop.db);
      // The cloud re-validates entries: this firm has inactive clients and staff who left.
      for (const table of ["client", "staff"] as const) {
        const inactive = await desktop.db
          .selectFrom(table)
          .select("id")
          .where("status", "=", "inactive")
          .execute();
        expect(inactive.length, `inactive ${table}`).toBeGreaterThan(0);
      }
      const connection = inProcessCloud(cloud, cloudFirm.id, generated.adminEmail, clock);
      const { failures, cloudState } = await checkPrerequisites(desktop.db, firm, {
        desktopUser: { email: generated.adminEmail, password: PASSWORD },
        cloud: connection,
      });
      expect(failures).toEqual([]);
      const summary = await integrate(desktop.db, firm.id, connection, cloudState!, { clock });

      const negative = async (table: "time_entry" | "expense_entry") =>
        Number(
          (
            await desktop.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as("n"))
              .where("amount", "<", 0)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const held = (await negative("time_entry")) + (await negative("expense_entry"));
      expect(held).toBeGreaterThan(0);
      expect(summary.errors).toBe(0);
      expect(summary.warnings).toBe(held);
      expect(summary.merge.refused).toBe(0);
      for (const table of ["staff", "client", "rate", "time_entry", "expense_entry"] as const) {
        const count = async (db: Db) =>
          Number(
            (
              await db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as("n"))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const heldBack = table === "time_entry" || table === "expense_entry" ? await negative(table) : 0;
        const expected = (await count(desktop.db)) - heldBack;
        expect(await count(cloud.db), table).toBe(expected);
      }
      // Money per client is the same on both sides (merge.md, invariant 7), negatives aside.
      for (const table of ["time_entry", "expense_entry"] as const)
        expect(await totalsByClient(cloud.db, table)).toEqual(await totalsByClient(desktop.db, table));
    } finally {
      await desktop.close();
      await cloud.close();
    }
  });
});

describe("bad input and interruptions leave nothing behind", () => {
  const bad = join(dir, "bad");
  mkdirSync(bad, { recursive: true });
  const target = join(bad, "firm.firm");
  const oneLine = (result: CliResult) => {
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^firmtime: [^\n]+\n$/);
  };

  it.each([
    [["--scale", "XL", "--seed", "1"], /scale/],
    [["--scale", "S", "--seed", "1.5"], /seed/],
    [["--scale", "S", "--seed", "abc"], /seed/],
    [["--scale", "S", "--seed", "4294967296"], /seed/],
    [["--scale", "S", "--seed", "-3"], /seed/],
    [["--scale", "S"], /seed/],
    [["--seed", "1"], /scale/],
  ])("generate %j: one line, non-zero exit, no file", async (args, message) => {
    const result = await runCli(["generate", target, ...args]);
    oneLine(result);
    expect(result.stderr).toMatch(message);
    expect(existsSync(target)).toBe(false);
    expect(leftovers(bad)).toEqual([]);
  });

  it("refuses an existing file and leaves it as it was", async () => {
    const existing = join(bad, "existing.firm");
    writeFileSync(existing, "precious");
    const result = await runCli(["generate", existing, "--scale", "S", "--seed", "1"]);
    oneLine(result);
    expect(result.stderr).toMatch(/already exists/);
    expect(readFileSync(existing, "utf8")).toBe("precious");
    rmSync(existing);
  });

  it("refuses a folder that does not exist and a short admin password", async () => {
    oneLine(await runCli(["generate", join(bad, "missing", "firm.firm"), "--scale", "S", "--seed", "1"]));
    const short = await runCli(
      ["generate", target, "--scale", "S", "--seed", "1", "--admin-password-stdin"],
      {},
      undefined,
      { readStdin: () => Promise.resolve("short\n") },
    );
    oneLine(short);
    expect(short.stderr).toMatch(/at least 12 characters/);
    expect(existsSync(target)).toBe(false);
    expect(leftovers(bad)).toEqual([]);
  });

  it("an aborted generation deletes its partial file", async () => {
    const abort = new AbortController();
    const progress: number[] = [];
    await expect(
      generateFirmFileOfSize(
        target,
        { ...SMALL, timeEntries: 50_000 },
        {
          seed: 1,
          signal: abort.signal,
          onProgress: (done) => {
            progress.push(done);
            abort.abort();
          },
        },
      ),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(progress).toHaveLength(1);
    expect(existsSync(target)).toBe(false);
    expect(leftovers(bad)).toEqual([]);
  });

  it("Ctrl-C during `firmtime generate` ends it with one line and no file", async () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
    expect(
      existsSync(join(root, "dist/cli/commands/generate.js")),
      "the built CLI (npm run build) runs this test",
    ).toBe(true);
    const child = spawn(
      process.execPath,
      [join(root, "bin/firmtime.js"), "generate", target, "--scale", "M", "--seed", "3"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const deadline = Date.now() + 20_000;
    const partial = () => leftovers(bad).filter((name) => name.endsWith(".generating"));
    while (partial().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(partial()).toHaveLength(1);
    child.kill("SIGINT");
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/^firmtime: interrupted: .* was not created\n$/);
    expect(existsSync(target)).toBe(false);
    expect(leftovers(bad)).toEqual([]);
  });
});
