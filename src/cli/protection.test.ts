/**
 * A protected firm file: commands act as a signed-in user through the same routes and the
 * same authorize() as the cloud; unprotected, the built-in supervisor may do everything.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../test-support/cli.js";
import { tempDir } from "../test-support/temp-dir.js";

const PASSWORD = "correct horse battery staple";
const file = join(tempDir("protect"), "firm.firm");
const run = (args: string[], env: Record<string, string> = {}, stdin?: string) =>
  runCli(
    ["--file", file, ...args],
    env,
    undefined,
    stdin === undefined ? {} : { readStdin: () => Promise.resolve(stdin) },
  );

describe("protection on a firm file", () => {
  beforeAll(async () => {
    expect((await runCli(["init", file, "--firm", "Guarded & Co"])).code).toBe(0);
    for (const args of [
      ["staff", "add", "JD", "--first", "Jane", "--last", "Doe", "--email", "jane@guarded.test"],
      ["staff", "add", "BK", "--first", "Bo", "--last", "King"],
      ["client", "add", "ACME", "--name", "Acme Ltd"],
    ]) {
      expect((await run(args)).code).toBe(0);
    }
  });

  it("is off at first: the built-in supervisor may do everything", async () => {
    expect((await run(["protection", "status"])).stdout).toMatch(/Protection is off/);
  });

  it("needs a first Admin with an email and a strong password", async () => {
    expect(
      (await run(["protection", "on", "--admin", "BK", "--password-stdin"], {}, PASSWORD)).stderr,
    ).toMatch(/needs an email/);
    expect(
      (await run(["protection", "on", "--admin", "JD", "--password-stdin"], {}, "short")).stderr,
    ).toMatch(/at least 12 characters/);
    expect((await run(["protection", "status"])).stdout).toMatch(/Protection is off/);
  });

  it("once on, refuses commands from nobody and from a wrong password, and serves the Admin", async () => {
    const on = await run(["protection", "on", "--admin", "JD", "--password-stdin"], {}, PASSWORD);
    expect(on).toMatchObject({ code: 0, stderr: "" });
    const nobody = await run(["client", "list"]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/^firmtime: this firm file is protected: sign in with --as EMAIL/);
    const wrong = await run(["--as", "jane@guarded.test", "client", "list"], {
      FIRMTIME_PASSWORD: "not the password at all",
    });
    expect(wrong).toMatchObject({ code: 1, stdout: "" });
    expect(wrong.stderr).toMatch(/the email or the password is wrong/);
    const admin = await run(["--as", "jane@guarded.test", "--json", "client", "list"], {
      FIRMTIME_PASSWORD: PASSWORD,
    });
    expect(admin.stderr).toBe("");
    expect((JSON.parse(admin.stdout) as { code: string }[]).map((c) => c.code)).toEqual(["ACME"]);
    const added = await run(["--as", "jane@guarded.test", "client", "add", "BETA", "--name", "Beta"], {
      FIRMTIME_PASSWORD: PASSWORD,
    });
    expect(added.code).toBe(0);
  });

  it("turns off only for an Admin's credentials", async () => {
    expect((await run(["protection", "off"])).code).toBe(1);
    const off = await run(["--as", "jane@guarded.test", "protection", "off"], {
      FIRMTIME_PASSWORD: PASSWORD,
    });
    expect(off).toMatchObject({ code: 0 });
    expect((await run(["client", "list"])).stdout).toMatch(/BETA/);
  });
});
