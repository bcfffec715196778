/**
 * Scenario "merge", on the run's generated firm (M by default):
 * - the integration upload: `firmtime integrate` of a copy of the firm into a fresh
 *   `firmtime serve` cloud over loopback HTTP, on SQLite and on PostgreSQL: entries per second,
 *   wall time, and the peak resident memory of both processes (VmHWM, read from /proc while
 *   they run);
 * - on the last SQLite cloud: an incremental merge after 1 % of the entries changed on the
 *   desktop, and a merge with nothing to do (both in-process `mergeNow` over HTTP, so the
 *   figure is the merge, not the CLI's start).
 * `--scale L` measures the same at L: the upload in bounded memory and a no-op merge that does
 * not grow with the file.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { createCloudClient } from "../cli/backend/cloud-client.js";
import { credentialFor } from "../cli/backend/credentials.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import { mergeNow } from "../merge/desktop-merge.js";
import { httpTransport } from "../merge/sync-client.js";
import { systemClock } from "../store/clock.js";
import { openFirmFile } from "../store/database.js";
import {
  BENCH_PASSWORD,
  cloudStorage,
  firmtimeBin,
  runFirmtime,
  startFirmtimeServer,
  type BenchFirm,
  type CloudEngine,
  type RunningServer,
  type ScenarioContext,
} from "./bench-firm.js";
import { measure, type Figure } from "./harness.js";

/** Untimed no-op merges before the timed ones, and the timed ones (noop-merge-timing.ts too). */
export const NOOP_WARM_UP_MERGES = 60;
export const NOOP_TIMED_MERGES = 30;

/** Peak resident set of a running process so far, in MB (Linux /proc; 0 elsewhere). */
function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs `firmtime ARGS` to completion, watching its peak memory and that of `alsoWatch`. */
async function runWatched(
  args: string[],
  env: Record<string, string>,
  alsoWatch: number,
): Promise<{ seconds: number; rssMb: number; otherRssMb: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [firmtimeBin, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...env },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let rssMb = 0;
  let otherRssMb = 0;
  const watch = () => {
    rssMb = Math.max(rssMb, peakRssMb(child.pid!));
    otherRssMb = Math.max(otherRssMb, peakRssMb(alsoWatch));
  };
  const timer = setInterval(watch, 200);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(timer);
  otherRssMb = Math.max(otherRssMb, peakRssMb(alsoWatch));
  if (code !== 0) throw new Error(`firmtime ${args.join(" ")} failed (${code}): ${stderr}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, rssMb, otherRssMb };
}

interface Upload {
  seconds: number;
  desktopRssMb: number;
  cloudRssMb: number;
  /** The cloud and the desktop file, still running, for the merges measured after. */
  cloud: RunningServer;
  firmUrl: string;
  desktopFile: string;
  env: Record<string, string>;
}

/** A fresh cloud firm on `engine` with the generated firm's Admin, served; then the upload. */
async function uploadOnce(
  context: ScenarioContext,
  firm: BenchFirm,
  engine: CloudEngine,
  run: number,
): Promise<Upload> {
  const name = `merge-${engine}-${run}`;
  const dir = context.fixture.scratch(name);
  const desktopFile = await context.fixture.copyFirm(context.scale, `${name}-desktop`);
  const where = await cloudStorage(engine, dir, () => context.fixture.postgres(), "merge");
  const env = { FIRMTIME_CONFIG_DIR: join(dir, "config"), FIRMTIME_PASSWORD: BENCH_PASSWORD };
  const admin = new BetterSqlite3(desktopFile, { readonly: true });
  const names = admin
    .prepare("SELECT first_name AS first, last_name AS last FROM staff WHERE email = ?")
    .get(firm.adminEmail) as { first: string; last: string };
  admin.close();
  runFirmtime(
    [
      "firm",
      "create",
      ...where,
      "--name",
      "Bench & Co",
      "--slug",
      "bench",
      "--admin-email",
      firm.adminEmail,
      "--admin-first",
      names.first,
      "--admin-last",
      names.last,
      "--admin-password",
      BENCH_PASSWORD,
    ],
    env,
  );
  const cloud = await startFirmtimeServer(["serve", ...where, "--port", "0", "--log-level", "warn"], env);
  const firmUrl = `${cloud.url}/f/bench`;
  process.stderr.write(`bench: integration upload to a ${engine} cloud, run ${run + 1}...\n`);
  const result = await runWatched(
    ["integrate", desktopFile, "--cloud", firmUrl, "--as", firm.adminEmail],
    env,
    cloud.pid,
  );
  return {
    seconds: result.seconds,
    desktopRssMb: result.rssMb,
    cloudRssMb: result.otherRssMb,
    cloud,
    firmUrl,
    desktopFile,
    env,
  };
}

export async function mergeScenario(context: ScenarioContext): Promise<Figure[]> {
  const firm = await context.fixture.firm(context.scale);
  const entries = firm.timeEntries + firm.expenseEntries;
  const figures: Figure[] = [];
  const add = (name: string, unit: string, result: Awaited<ReturnType<typeof measure>>, note?: string) =>
    figures.push({ scenario: "merge", name, unit, ...result, note });
  // An M upload takes minutes (a PostgreSQL one twice as long): two runs on SQLite, one on
  // PostgreSQL keep a full run under an hour; L is one run, for its memory.
  const runsOn = (engine: CloudEngine) =>
    context.quick || context.scale === "L" || engine === "PostgreSQL" ? 1 : 2;
  let kept: Upload | undefined;
  try {
    for (const engine of ["SQLite", "PostgreSQL"] as const) {
      const uploads: Upload[] = [];
      const runs = runsOn(engine);
      for (let run = 0; run < runs; run++) {
        const upload = await uploadOnce(context, firm, engine, run);
        uploads.push(upload);
        if (engine === "SQLite" && run === runs - 1) kept = upload;
        else await upload.cloud.stop();
      }
      const each = (pick: (u: Upload) => number) => measure(uploads.length, (i) => pick(uploads[i]!));
      const label = `integration upload (${engine} cloud, loopback HTTP)`;
      const note = `${context.scale}: ${entries} entries (${firm.timeEntries} time, ${firm.expenseEntries} expense), with staff, clients, rates, work codes and permissions`;
      add(label, "entries/s", await each((u) => entries / u.seconds), note);
      add(`${label}: wall time`, "s", await each((u) => u.seconds));
      add(
        `${label} at ${context.scale}: peak RSS of the desktop (integrate)`,
        "MB",
        await each((u) => u.desktopRssMb),
      );
      add(
        `${label} at ${context.scale}: peak RSS of the cloud (serve)`,
        "MB",
        await each((u) => u.cloudRssMb),
      );
      // The L upload is about memory; one engine answers it (PostgreSQL's cloud holds less).
      if (context.scale === "L" && !context.quick) break;
    }

    const { firmUrl, desktopFile, env } = kept!;
    const store = await openFirmFile(desktopFile);
    try {
      const desktopFirm = await findOnlyFirm(store.db);
      const transport = httpTransport(createCloudClient(firmUrl, credentialFor(env, firmUrl).token));
      const merge = async () => {
        const started = process.hrtime.bigint();
        await mergeNow(store.db, desktopFirm.id, transport, { clock: systemClock });
        return Number(process.hrtime.bigint() - started) / 1e9;
      };
      if (context.scale !== "L") {
        // Entries not yet approved: the cloud refuses edits of approved and billed ones. The
        // same ones each round, with a new text, so every round sends as many changes.
        const raw = new BetterSqlite3(desktopFile, { readonly: true });
        const ids = raw
          .prepare(
            `SELECT id FROM time_entry WHERE status IN ('draft', 'submitted') AND amount >= 0 ORDER BY id LIMIT ?`,
          )
          .pluck()
          .all(Math.round(firm.timeEntries / 100)) as string[];
        raw.close();
        let round = 0;
        add(
          `incremental merge after 1% of the entries changed (${ids.length} time entries)`,
          "s",
          await measure(context.quick ? 1 : 3, async () => {
            round++;
            // Another process edits the file, as a second desktop user's session would.
            const editor = new BetterSqlite3(desktopFile);
            editor.function("ftm_author", () => firm.adminEmail);
            const edit = editor.prepare(`UPDATE time_entry SET description = ? WHERE id = ?`);
            editor.transaction(() =>
              ids.forEach((id) => edit.run(`Reviewed working papers (edit ${round})`, id)),
            )();
            editor.close();
            return merge();
          }),
        );
      }
      // The same warm-up at every scale before the no-op merges are timed (at M the incremental
      // rounds above had warmed this process, at L nothing had): a desktop merges in the
      // background of a long-running process. A fresh process's first merges run its code cold
      // and, after an upload that left the files larger than memory, read their pages from
      // disk: about twice as slow, at M and at L alike (bench/README.md).
      const warmUps = context.quick ? 3 : NOOP_WARM_UP_MERGES;
      for (let warm = 0; warm < warmUps; warm++) await merge();
      add(
        `no-op merge at ${context.scale}`,
        "ms",
        await measure(context.quick ? 3 : NOOP_TIMED_MERGES, async () => (await merge()) * 1000),
        `file of ${entries} entries; after ${warmUps} untimed no-op merges`,
      );
    } finally {
      await store.close();
    }
  } finally {
    await kept?.cloud.stop();
  }
  return figures;
}
