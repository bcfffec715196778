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
