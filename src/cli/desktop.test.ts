/**
 * `firmtime desktop FILE` as a person starts it (a real process): what it prints is about the
 * file's own firm, not the cloud's first-run advice.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { runCli } from "../test-support/cli.js";
import { runFirmtime } from "../test-support/serve-process.js";

const dir = mkdtempSync(join(tmpdir(), "firmtime-desktop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASSWORD = "correct horse battery staple";

it("prints where the file's firm is and how to sign in, not how to create a cloud firm", async () => {
  const file = join(dir, "smith.firm");
  expect((await runCli(["init", file, "--firm", "Smith & Co CPAs"])).code).toBe(0);
  const staff = ["staff", "add", "JD", "--first", "Jane", "--last", "Doe", "--email", "jane@smith.test"];
  expect((await runCli(["--file", file, ...staff])).code).toBe(0);
  const on = await runCli(
    ["--file", file, "protection", "on", "--admin", "JD", "--password-stdin"],
    {},
    undefined,
    {
      readStdin: () => Promise.resolve(PASSWORD),
    },
  );
  expect(on.stderr).toBe("");

  const desktop = runFirmtime(["desktop", file, "--port", "0"]);
  try {
    const deadline = Date.now() + 30_000;
    while (!desktop.console().includes("working offline")) {
      if (Date.now() > deadline || desktop.child.exitCode !== null)
        throw new Error(`desktop did not start:\n${desktop.console()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /serving at (http:\/\/127\.0\.0\.1:\d+)/.exec(desktop.console())![1]!;
    const text = desktop.console();
    expect(text).toContain(`The firm Smith & Co CPAs is at ${url}/f/desktop`);
    expect(text).toContain(`POST ${url}/f/desktop/api/v1/auth/login`);
    expect(text).not.toMatch(/firm create|setup|Firms on this server|no firm yet/);
    const login = await fetch(`${url}/f/desktop/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "jane@smith.test", password: PASSWORD }),
    });
    expect(login.status).toBe(200);
  } finally {
    desktop.child.kill("SIGTERM");
    expect(await desktop.exited).toBe(0);
  }
});

it("starts on an unprotected file and offers the first run, which turns protection on for sign-in", async () => {
  const file = join(dir, "new.firm");
  expect((await runCli(["init", file, "--firm", "Doe CPAs"])).code).toBe(0);
  const desktop = runFirmtime(["desktop", file, "--port", "0"]);
  try {
    const deadline = Date.now() + 30_000;
    while (!desktop.console().includes("working offline")) {
      if (Date.now() > deadline || desktop.child.exitCode !== null)
        throw new Error(`desktop did not start:\n${desktop.console()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /serving at (http:\/\/127\.0\.0\.1:\d+)/.exec(desktop.console())![1]!;
    expect(desktop.console()).toContain(`The file is not protected yet: open ${url}/ to choose its Admin`);
    const api = `${url}/f/desktop/api/v1`;
    expect(await (await fetch(`${api}/desktop/protection`)).json()).toEqual({ protected: false, staff: [] });
    const on = await fetch(`${api}/desktop/protection`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        newStaff: { staffNumber: "JD", firstName: "Jane", lastName: "Doe", email: "jane@doe.test" },
        password: PASSWORD,
      }),
    });
    expect(on.status).toBe(200);
    const login = await fetch(`${api}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "jane@doe.test", password: PASSWORD }),
    });
    expect(login.status).toBe(200);
  } finally {
    desktop.child.kill("SIGTERM");
    expect(await desktop.exited).toBe(0);
  }
});
