/**
 * `firmtime serve` as a real child process (node bin/firmtime.js, on the compiled dist/ that
 * `npm test` builds first), for tests of what an operator sees: the console, the log, signals,
 * exit codes. Every process started here is killed at the end of its test file if still alive.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { createDatabase } from "./embedded-postgres.js";
import { afterThisFile } from "./file-cleanup.js";

const BIN = fileURLToPath(new URL("../../bin/firmtime.js", import.meta.url));

export interface FirmtimeProcess {
  child: ChildProcess;
  /** The console (stderr) and the structured log (stdout) so far. */
  console(): string;
  log(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface ServeProcess extends FirmtimeProcess {
  url: string;
  /** Sends the signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const started = new Set<ChildProcess>();
const killStarted = () => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  started.clear();
  return Promise.resolve();
};

/** The test's environment without FIRMTIME_* settings, so only what a test passes counts. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("FIRMTIME_")) env[key] = value;
  return { ...env, ...extra };
}

/** Runs `firmtime ARGS`; `input`, when given, is its standard input (e.g. a password). */
export function runFirmtime(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): FirmtimeProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: cleanEnv(env),
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (input !== undefined) child.stdin!.end(input);
  afterThisFile(killStarted);
  started.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return { child, console: () => stderr, log: () => stdout, exited };
}

const SERVING = /firmtime is serving at (http:\/\/\S+?)[\s(].*Stop with Ctrl-C/s;

/** Starts `firmtime serve ARGS` and resolves once it prints its address; rejects if it exits first. */
export async function startServe(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<ServeProcess> {
  const run = runFirmtime(["serve", ...args], env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${run.console()}`)), timeoutMs);
    const check = () => {
      const match = SERVING.exec(run.console());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    run.child.stderr!.on("data", check);
    void run.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before serving:\n${run.console()}`));
    });
  });
  return {
    ...run,
    url,
    stop: (signal = "SIGTERM") => {
      run.child.kill(signal);
      return run.exited;
    },
  };
}

let databaseCounter = 0;

/** A new, empty database on the test run's embedded PostgreSQL; its URL. */
export async function newPostgresDatabase(prefix: string): Promise<string> {
  return createDatabase(inject("postgresUrl"), `${prefix}_${process.pid}_${Date.now()}_${databaseCounter++}`);
}

/** The structured log as parsed lines. */
export const logLines = (log: string): Record<string, unknown>[] =>
  log
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
