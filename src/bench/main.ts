/**
 * `npm run bench [-- --quick] [--only NAME]`: measures firmtime end to end, through the real
 * `firmtime` command on real firm files, and writes bench/results/<date>.json.
 *
 * Scenario "foundation": create a firm of 100 staff, 2,000 clients and 200,000 time entries
 * through imports, then a detailed one-month report and a year's totals by client.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { machineDescription, measure, renderFigures, type Figure } from "./harness.js";
import { mergeScenario } from "./merge-scenario.js";
import {
  clientsCsv,
  staffCsv,
  timeEntriesCsv,
  workCodesCsv,
  type SyntheticFirmSize,
} from "./synthetic-firm.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = join(root, "bin/firmtime.js");

function firmtime(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`firmtime ${args.join(" ")} failed: ${result.stderr}`);
  return seconds;
}

async function foundation(quick: boolean): Promise<Figure[]> {
  const size: SyntheticFirmSize = {
    staff: 100,
    clients: 2_000,
    timeEntries: quick ? 20_000 : 200_000,
    year: 2025,
  };
  const runs = quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), "firmtime-bench-"));
  const files = {
    staff: join(dir, "staff.csv"),
    clients: join(dir, "clients.csv"),
    workcodes: join(dir, "workcodes.csv"),
    time: join(dir, "time.csv"),
  };
  writeFileSync(files.staff, staffCsv(size));
  writeFileSync(files.clients, clientsCsv(size));
  writeFileSync(files.workcodes, workCodesCsv());
  writeFileSync(files.time, timeEntriesCsv(size, 42));
  const figures: Figure[] = [];
  const add = (name: string, unit: string, result: Awaited<ReturnType<typeof measure>>, note?: string) =>
    figures.push({ scenario: "foundation", name, unit, ...result, note });

  let firmFile = "";
  const setup = { lists: [] as number[], time: [] as number[] };
  const create = await measure(runs, (run) => {
    firmFile = join(dir, `firm-${run}.firm`);
    let seconds = firmtime(["init", firmFile, "--firm", "Bench & Co"]);
    for (const kind of ["staff", "clients", "workcodes"] as const)
      seconds += firmtime(["--file", firmFile, "import", kind, files[kind]]);
    setup.lists.push(seconds);
    const time = firmtime(["--file", firmFile, "import", "time", files.time]);
    setup.time.push(time);
    return seconds + time;
  });
  add(
    `create firm: ${size.staff} staff, ${size.clients} clients, ${size.timeEntries} entries`,
    "s",
    create,
    "init + four CLI imports",
  );
  add(
    `import ${size.timeEntries} time entries`,
    "s",
    await measure(setup.time.length, (i) => setup.time[i]!),
  );
  add(
    "time import rate",
    "entries/s",
    await measure(setup.time.length, (i) => size.timeEntries / setup.time[i]!),
  );

  const reportRuns = quick ? 1 : 5;
  add(
    "detailed report, one month (June), CSV",
    "s",
    await measure(reportRuns, () =>
      firmtime([
        "--file",
        firmFile,
        "report",
        "detailed",
        "--month",
        `${size.year}-06`,
        "--group-by",
        "client",
        "--format",
        "csv",
        "--output",
        join(dir, "june.csv"),
      ]),
    ),
  );
  add(
    "year's totals by client (basic report)",
    "s",
    await measure(reportRuns, () =>
      firmtime([
        "--file",
        firmFile,
        "report",
        "basic",
        "--year",
        String(size.year),
        "--group-by",
        "client",
        "--format",
        "csv",
        "--output",
        join(dir, "year.csv"),
      ]),
    ),
  );
  add(
    "CLI start-up and open (firm show)",
    "s",
    await measure(reportRuns, () => firmtime(["--file", firmFile, "firm", "show"])),
  );
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

const SCENARIOS: Record<string, (quick: boolean) => Promise<Figure[]>> = { foundation, merge: mergeScenario };

async function main(argv: string[]): Promise<void> {
  const quick = argv.includes("--quick");
  const onlyIndex = argv.indexOf("--only");
  const only = onlyIndex >= 0 ? argv[onlyIndex + 1] : undefined;
  if (only && !SCENARIOS[only])
    throw new Error(`unknown scenario ${only}; known: ${Object.keys(SCENARIOS).join(", ")}`);
  const figures: Figure[] = [];
  for (const [name, run] of Object.entries(SCENARIOS)) {
    if (only && name !== only) continue;
    process.stderr.write(`bench: ${name}${quick ? " (quick)" : ""}...\n`);
    figures.push(...(await run(quick)));
  }
  const date = new Date().toISOString();
  const resultsDir = join(root, "bench/results");
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${date.slice(0, 10)}.json`);
  writeFileSync(
    path,
    JSON.stringify({ date, quick, machine: machineDescription(), figures }, null, 2) + "\n",
  );
  process.stdout.write(renderFigures(figures) + `\nwritten to ${path}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
