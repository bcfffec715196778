/** Runs the `firmtime` command in-process with captured output, as tests need it. */
import type { CliIo } from "../cli/context.js";
import { main } from "../cli/main.js";
import { fixedClock } from "../store/clock.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** What a test may give the command besides its environment: standard input, how it reaches a cloud. */
export type CliOverrides = Partial<Pick<CliIo, "readStdin" | "fetch">>;

export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  now = "2026-06-15T12:00:00Z",
  overrides: CliOverrides = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { FIRMTIME_USER: "tester", ...env },
    clock: fixedClock(now),
    interactive: false,
    ...overrides,
  });
  return { code, stdout, stderr };
}

/** Runs a command that must succeed and returns its parsed --json output. */
export async function cliJson<T = unknown>(file: string, args: string[]): Promise<T> {
  const result = await runCli(["--file", file, "--json", ...args]);
  if (result.code !== 0)
    throw new Error(`firmtime ${args.join(" ")} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
