/**
 * What the benchmark scenarios share within one run: one generated firm file per scale (made
 * once, in one temporary folder, deleted at the end), and one `firmtime serve` cloud holding a
 * copy of it, integrated (made once, on first use). Scenarios never change the generated file:
 * whoever writes works on a copy (`copyFirm`).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { credentialFor } from "../cli/backend/credentials.js";
import { generateFirmFile, type Scale } from "../generate/generate-firm.js";
import { startBenchPostgres, type BenchPostgres } from "./bench-postgres.js";

export type { Scale } from "../generate/generate-firm.js";
export const SCALE_NAMES: readonly Scale[] = ["S", "M", "L"];

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const firmtimeBin = join(root, "bin/firmtime.js");
export const BENCH_PASSWORD = "bench password, long enough";
export const BENCH_SEED = 42;

export interface BenchFirm {
  /** The generated firm file: read it, copy it, never write it. */
  path: string;
  scale: Scale;
  timeEntries: number;
  expenseEntries: number;
  /** Staff 1, Admin of the protected file, password BENCH_PASSWORD. */
  adminEmail: string;
}

export interface BenchCloud {
  /** http://127.0.0.1:PORT/f/bench */
  firmUrl: string;
  /** The Admin's API token on the cloud (kept by `firmtime integrate`). */
  token: string;
  /** The desktop file integrated with the cloud, and the CLI environment that reaches it. */
  desktopFile: string;
  env: Record<string, string>;
  firm: BenchFirm;
}

/** What a bench cloud stores its firms in: `firmtime serve --data DIR` or `--database URL`. */
export type CloudEngine = "SQLite" | "PostgreSQL";

/** The `firmtime firm create` / `serve` arguments of a new, empty cloud store on `engine`. */
export async function cloudStorage(
  engine: CloudEngine,
  dir: string,
  postgres: () => Promise<BenchPostgres>,
  prefix: string,
): Promise<string[]> {
  return engine === "SQLite"
    ? ["--data", join(dir, "data")]
    : ["--database", await (await postgres()).newDatabase(prefix)];
}

export interface BenchFixture {
  /** A folder of its own inside the run's temporary folder. */
  scratch(name: string): string;
  firm(scale: Scale): Promise<BenchFirm>;
  /** A copy of the firm file, for a scenario that writes. */
  copyFirm(scale: Scale, name: string): Promise<string>;
  /** The run's PostgreSQL, started on first use. */
  postgres(): Promise<BenchPostgres>;
  /** The firm integrated with a served cloud (SQLite unless asked), made once per scale and engine. */
  cloud(scale: Scale, engine?: CloudEngine): Promise<BenchCloud>;
  dispose(): Promise<void>;
}

/** Runs the CLI to completion; the seconds it took. */
export function runFirmtime(args: string[], env: Record<string, string> = {}): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [firmtimeBin, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`firmtime ${args.join(" ")} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT */
  url: string;
  pid: number;
  /** Everything the process wrote to stderr so far. */
  console(): string;
  stop(): Promise<void>;
}

/** Starts `firmtime ARGS` that prints "serving at URL" when ready (serve, desktop). */
export async function startFirmtimeServer(
  args: string[],
  env: Record<string, string> = {},
): Promise<RunningServer> {
  // FIRMTIME_BENCH_PROFILE=DIR: the servers write V8 CPU profiles there (--cpu-prof), to see
  // where a scenario's server time goes.
  const profile = process.env.FIRMTIME_BENCH_PROFILE;
  const nodeArgs = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, firmtimeBin, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...env },
  });
  let text = "";
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /serving at (http:\/\/\S+?)[\s(]/.exec(text);
      if (match) resolve(match[1]!);
    };
    child.stderr.on("data", look);
    void exit.then(() => reject(new Error(`firmtime ${args[0]} exited: ${text}`)));
  });
  return {
    url,
    pid: child.pid!,
    console: () => text,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

async function generatedFirm(path: string, scale: Scale): Promise<BenchFirm> {
  let shown = -1;
  const generated = await generateFirmFile(path, {
    scale,
    seed: BENCH_SEED,
    adminPassword: BENCH_PASSWORD,
    onProgress: (done, total) => {
      const percent = total > 0 ? Math.floor((done * 10) / total) * 10 : 0;
      if (percent !== shown) process.stderr.write(`bench: generating the ${scale} firm: ${percent}%\n`);
      shown = percent;
    },
  });
  return {
    path,
    scale,
    timeEntries: generated.timeEntries,
    expenseEntries: generated.expenseEntries,
    adminEmail: generated.adminEmail,
  };
}

/** Staff 1's names, as the cloud firm's Admin gets them. */
function adminNames(file: string, email: string): { first: string; last: string } {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare("SELECT first_name, last_name FROM staff WHERE lower(email) = lower(?)")
      .get(email) as { first_name: string; last_name: string } | undefined;
    if (!row) throw new Error(`the firm file has no staff member ${email}`);
    return { first: row.first_name, last: row.last_name };
  } finally {
    db.close();
  }
}

/**
 * A cloud firm "bench" stored `where` (`--data DIR` or `--database URL`), its Admin staff 1 of
 * the firm, served by `firmtime serve` (added to `servers`, for the caller to stop), with the
 * desktop file integrated into it.
 */
async function startIntegratedCloud(
  dir: string,
  where: string[],
  firm: BenchFirm,
  desktopFile: string,
  servers: RunningServer[],
): Promise<BenchCloud> {
  const env = { FIRMTIME_CONFIG_DIR: join(dir, "config"), FIRMTIME_PASSWORD: BENCH_PASSWORD };
  const names = adminNames(desktopFile, firm.adminEmail);
  const create = ["firm", "create", ...where, "--name", "Bench & Co", "--slug", "bench"];
  const admin = ["--admin-email", firm.adminEmail, "--admin-first", names.first, "--admin-last", names.last];
  runFirmtime([...create, ...admin, "--admin-password", BENCH_PASSWORD], env);
  const server = await startFirmtimeServer(["serve", ...where, "--port", "0", "--log-level", "warn"], env);
  servers.push(server);
  const firmUrl = `${server.url}/f/bench`;
  process.stderr.write(`bench: integrating the ${firm.scale} firm with a cloud (${where[0]})...\n`);
  runFirmtime(["integrate", desktopFile, "--cloud", firmUrl, "--as", firm.adminEmail], env);
  return { firmUrl, token: credentialFor(env, firmUrl).token, desktopFile, env, firm };
}

export function createBenchFixture(): BenchFixture {
  const dir = mkdtempSync(join(tmpdir(), "firmtime-bench-fixture-"));
  const firms = new Map<Scale, Promise<BenchFirm>>();
  const clouds = new Map<string, Promise<BenchCloud>>();
  const servers: RunningServer[] = [];
  let runningPostgres: Promise<BenchPostgres> | undefined;
  const postgres = () => (runningPostgres ??= startBenchPostgres());

  const scratch = (name: string) => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };

  const firm = (scale: Scale): Promise<BenchFirm> => {
    let made = firms.get(scale);
    if (!made) {
      const path = join(scratch(`firm-${scale}`), "bench.firm");
      process.stderr.write(`bench: making the ${scale} firm file...\n`);
      made = generatedFirm(path, scale);
      firms.set(scale, made);
    }
    return made;
  };

  const copyFirm = async (scale: Scale, name: string): Promise<string> => {
    const source = (await firm(scale)).path;
    const target = join(scratch(name), "copy.firm");
    // The generator and the CLI close the file, so it is checkpointed: the main file is all of it.
    copyFileSync(source, target);
    return target;
  };

  const cloud = (scale: Scale, engine: CloudEngine = "SQLite"): Promise<BenchCloud> => {
    const key = `${scale}-${engine}`;
    let made = clouds.get(key);
    if (!made) {
      made = (async () => {
        const benchFirm = await firm(scale);
        const desktopFile = await copyFirm(scale, `cloud-${key}-desktop`);
        const dir = scratch(`cloud-${key}`);
        const where = await cloudStorage(engine, dir, postgres, "cloud");
        return startIntegratedCloud(dir, where, benchFirm, desktopFile, servers);
      })();
      clouds.set(key, made);
    }
    return made;
  };

  return {
    scratch,
    firm,
    copyFirm,
    cloud,
    postgres,
    async dispose() {
      await Promise.allSettled(servers.map((server) => server.stop()));
      if (runningPostgres) await (await runningPostgres).stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What every scenario of a run is given. */
export interface ScenarioContext {
  /** A smoke run: the S firm, one run each. */
  quick: boolean;
  scale: Scale;
  fixture: BenchFixture;
}
