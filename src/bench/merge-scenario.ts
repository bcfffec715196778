/**
 * Scenario "merge": a desktop firm file integrated with a `firmtime serve` cloud over loopback
 * HTTP (SQLite cloud), then merges:
 * - integration upload: `firmtime integrate` of the whole file, entries per second;
 * - incremental merge after 1% of the entries changed (in-process mergeNow over HTTP);
 * - no-op merge (nothing to send or fetch), in-process, so the figure is the merge itself.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { createCloudClient } from "../cli/backend/cloud-client.js";
import { credentialFor } from "../cli/backend/credentials.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import { mergeNow } from "../merge/desktop-merge.js";
import { httpTransport } from "../merge/sync-client.js";
import { systemClock } from "../store/clock.js";
import { openFirmFile } from "../store/database.js";
import { measure, type Figure } from "./harness.js";
import {
  clientsCsv,
  staffCsv,
  timeEntriesCsv,
  workCodesCsv,
  type SyntheticFirmSize,
} from "./synthetic-firm.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = join(root, "bin/firmtime.js");
const PASSWORD = "bench password, long enough";

function firmtime(args: string[], env: Record<string, string>): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`firmtime ${args.join(" ")} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function startCloud(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [bin, "serve", "--data", dataDir, "--port", "0", "--log-level", "warn"],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let console = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      console += chunk.toString();
      const match = /serving at (http:\/\/\S+?)[\s(]/.exec(console);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`cloud exited (${code}): ${console}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function mergeScenario(quick: boolean): Promise<Figure[]> {
  const size: SyntheticFirmSize = {
    staff: 100,
    clients: 2_000,
    timeEntries: quick ? 20_000 : 200_000,
    year: 2025,
  };
  const dir = mkdtempSync(join(tmpdir(), "firmtime-bench-merge-"));
  const env = { FIRMTIME_CONFIG_DIR: join(dir, "config"), FIRMTIME_PASSWORD: PASSWORD };
  const figures: Figure[] = [];
  const add = (name: string, unit: string, result: Awaited<ReturnType<typeof measure>>, note?: string) =>
    figures.push({ scenario: "merge", name, unit, ...result, note });
  const file = join(dir, "desk.firm");
  try {
    for (const [kind, text] of [
      ["staff", staffCsv(size)],
      ["clients", clientsCsv(size)],
      ["workcodes", workCodesCsv()],
      ["time", timeEntriesCsv(size, 42)],
    ] as const) {
      writeFileSync(join(dir, `${kind}.csv`), text);
    }
    firmtime(["init", file, "--firm", "Bench & Co"], env);
    for (const kind of ["staff", "clients", "workcodes", "time"]) {
      firmtime(["--file", file, "import", kind, join(dir, `${kind}.csv`)], env);
    }
    firmtime(["--file", file, "protection", "on", "--admin", "S1"], env);
    const cloudDir = join(dir, "cloud");
    firmtime(
      [
        "firm",
        "create",
        "--data",
        cloudDir,
        "--name",
        "Bench & Co",
        "--slug",
        "bench",
        "--admin-email",
        "staff1@firm.example",
        "--admin-first",
        "First1",
        "--admin-last",
        "Last1",
        "--admin-password",
        PASSWORD,
      ],
      env,
    );
    const cloud = await startCloud(cloudDir);
    try {
      const firmUrl = `${cloud.url}/f/bench`;
      const seconds = firmtime(["integrate", file, "--cloud", firmUrl, "--as", "staff1@firm.example"], env);
      add(
        "integration upload (SQLite cloud, loopback HTTP)",
        "entries/s",
        await measure(1, () => size.timeEntries / seconds),
        `${size.timeEntries} entries in ${seconds.toFixed(1)} s, with staff, clients, work codes`,
      );

      const store = await openFirmFile(file);
      try {
        const firm = await findOnlyFirm(store.db);
        const transport = httpTransport(createCloudClient(firmUrl, credentialFor(env, firmUrl).token));
        const changed = Math.round(size.timeEntries / 100);
        let round = 0;
        add(
          `incremental merge after 1% of entries changed (${changed})`,
          "s",
          await measure(quick ? 1 : 3, async () => {
            round++;
            const raw = new BetterSqlite3(file);
            raw.function("ftm_author", () => "bench");
            raw
              .prepare(`UPDATE time_entry SET description = description || ? WHERE rowid % 100 = ?`)
              .run(` (edit ${round})`, round % 100);
            raw.close();
            const started = process.hrtime.bigint();
            await mergeNow(store.db, firm.id, transport, { clock: systemClock });
            return Number(process.hrtime.bigint() - started) / 1e9;
          }),
        );
        add(
          "no-op merge",
          "ms",
          await measure(quick ? 3 : 9, async () => {
            const started = process.hrtime.bigint();
            await mergeNow(store.db, firm.id, transport, { clock: systemClock });
            return Number(process.hrtime.bigint() - started) / 1e6;
          }),
          `file of ${size.timeEntries} entries`,
        );
      } finally {
        await store.close();
      }
    } finally {
      await cloud.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
