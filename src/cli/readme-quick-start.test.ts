/**
 * The README's quick start, run as written (`npx firmtime` is the built bin/firmtime.js): the
 * firm-file commands on a new file, and the same commands on a cloud firm made by the README's
 * own `firm create`, whose Admin is also a staff member.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { startServe } from "../test-support/serve-process.js";

const BIN = fileURLToPath(new URL("../../bin/firmtime.js", import.meta.url));
const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const dir = mkdtempSync(join(tmpdir(), "firmtime-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The README's ```sh block that holds `marker`, its lines joined where they continue. */
function shBlock(marker: string): string[] {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) =>
    match[1]!.replace(/^ {3}/gm, ""),
  );
  const block = blocks.find((text) => text.includes(marker));
  if (!block) throw new Error(`no sh block with ${marker} in README.md`);
  return block
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .filter((line) => line.trim());
}

/** Runs the lines in `sh -e` in `cwd`, as a person would paste them; the exit code and output. */
function run(lines: string[], cwd: string, url = "http://127.0.0.1:8080", env: Record<string, string> = {}) {
  const script = lines
    .map((line) => line.replaceAll("npx firmtime", `"${process.execPath}" "${BIN}"`))
    .map((line) => line.replaceAll("http://127.0.0.1:8080", url))
    .join("\n");
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith("FIRMTIME_")) clean[key] = value;
  const result = spawnSync("sh", ["-e", "-x", "-c", script], {
    cwd,
    env: { ...clean, FIRMTIME_CONFIG_DIR: join(cwd, "config"), ...env },
    encoding: "utf8",
  });
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const fileCommands = shBlock("npx firmtime init my-firm.firm");

// Each block runs a dozen real `npx firmtime` processes one after another: on a 2-core machine
// shared with other work that takes longer than the suite's default minute.
const QUICK_START_TIMEOUT_MS = 180_000;

it(
  "the firm-file commands run as written on a new firm file",
  () => {
    const cwd = mkdtempSync(join(dir, "file-"));
    const result = run(fileCommands, cwd);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("Dry run: 1 work code would be imported from codes.csv");
  },
  QUICK_START_TIMEOUT_MS,
);

it(
  "the cloud's firm create, then the same commands on that cloud firm, run as written",
  async () => {
    const cwd = mkdtempSync(join(dir, "cloud-"));
    const server = await startServe(["--port", "0", "--data", join(cwd, "firmtime-data")]);
    try {
      const password = { FIRMTIME_PASSWORD: "a long passphrase" };
      const created = run(shBlock("firm create"), cwd, server.url);
      expect(created.code, created.output).toBe(0);
      expect(created.output).toContain("who is also staff member AL");
      const cloudCommands = shBlock("npx firmtime login http://127.0.0.1:8080/f/smith");
      const signedIn = run(cloudCommands, cwd, server.url, password);
      expect(signedIn.code, signedIn.output).toBe(0);
      // Everything the file did, but creating the file and the staff member the block above added.
      const [login, exportCloud] = cloudCommands;
      const rest = fileCommands.filter((line) => !/firmtime (init|staff add JD)/.test(line));
      const same = run([login!, exportCloud!, ...rest], cwd, server.url, password);
      expect(same.code, same.output).toBe(0);
      expect(same.output).toContain("Dry run: 1 work code would be imported from codes.csv");
    } finally {
      await server.stop();
    }
  },
  QUICK_START_TIMEOUT_MS,
);
