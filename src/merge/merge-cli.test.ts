/**
 * The merge commands' answers to bad input: one line naming the problem (and the fix where
 * there is one), exit code 1, and the firm file unchanged.
 */
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../test-support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "firmtime-merge-cli-"));
const file = join(dir, "a.firm");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("merge commands refuse bad input with one line and change nothing", () => {
  beforeAll(async () => {
    expect((await runCli(["init", file, "--firm", "Alder & Co"])).code).toBe(0);
  });

  it.each([
    [["conflicts", "FILE", "restore"], "firmtime: name one conflict: conflicts restore ID"],
    [["conflicts", "FILE", "restore", "1", "2"], "firmtime: name one conflict: conflicts restore ID"],
    [["conflicts", "FILE", "bogus", "1"], "firmtime: unexpected bogus 1; use: conflicts FILE restore ID"],
    [["conflicts", "FILE", "dismiss", "nope"], 'firmtime: conflict "nope" does not exist'],
    [
      ["log", "FILE", "--warnings", "--errors"],
      "firmtime: choose --warnings or --errors, or neither for both",
    ],
    [["integrate", "FILE"], "firmtime: name the cloud firm: --cloud https://HOST/f/FIRM"],
    [
      ["integrate", "FILE", "--cloud", "notaurl"],
      'firmtime: "notaurl" is not a URL (e.g. https://cloud.example/f/yourfirm)',
    ],
    [
      ["merge", "FILE"],
      "firmtime: this file is not integrated with a cloud (firmtime integrate FILE --cloud URL)",
    ],
    [
      ["status", join(dir, "missing.firm")],
      `firmtime: ${join(dir, "missing.firm")} does not exist (create a firm file with: firmtime init ${join(dir, "missing.firm")} --firm NAME)`,
    ],
  ])("firmtime %j", async (args, message) => {
    const before = readFileSync(file);
    const result = await runCli(args.map((arg) => (arg === "FILE" ? file : arg)));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stdout).toBe("");
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe("merge commands say what they did in words", () => {
  it("status on a file never integrated says so and what to run, with no queue to wait in", async () => {
    const other = join(dir, "solo.firm");
    expect((await runCli(["init", other, "--firm", "Solo & Co"])).code).toBe(0);
    expect(
      (await runCli(["--file", other, "staff", "add", "AA", "--first", "Ada", "--last", "Admin"])).code,
    ).toBe(0);
    const result = await runCli(["status", other]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Offline: this file is not integrated with a cloud; to merge it with one, run: firmtime integrate ${other} --cloud URL --as EMAIL`,
    );
    expect(result.stdout).not.toContain("waiting to go up");
    const json = JSON.parse((await runCli(["status", other, "--json"])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ state: "Offline", integration: "none", waitingUp: null, held: 0 });
  });

  it("every synced table has its words", async () => {
    const { SYNCED_TABLES } = await import("./synced-tables.js");
    const { hasNoun } = await import("./record-nouns.js");
    expect(SYNCED_TABLES.filter((table) => !hasNoun(table.name)).map((table) => table.name)).toEqual([]);
  });

  it("the integration summary names each kind of record in the singular and the plural", async () => {
    const { describeIntegration } = await import("../cli/commands/integrate.js");
    const text = describeIntegration(
      { name: "Harbor & Pine" } as Parameters<typeof describeIntegration>[0],
      "https://cloud.example/f/harbor",
      {
        merge: { pushed: 20, refused: 0, pulled: 1, conflicts: 0, epochChanged: false },
        merged: { staff: 4, time_entry: 12, expense_entry: 1, contact_company: 2, firm: 1 },
        warnings: 0,
        errors: 0,
        invited: 1,
        permissions: { roles: 0, assignments: 1, refused: 0 },
      },
    );
    expect(text).toContain(
      "merged: 4 staff members, 12 time entries, 1 expense entry, 2 contact companies, 1 firm profile",
    );
    expect(text).toContain("activation emails sent to 1 staff member\n");
    expect(text).not.toMatch(/entrys|staffs|companys/);
  });
});
