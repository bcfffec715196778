/**
 * `npm run bench [-- --quick] [--scale S|M|L] [--only NAME[,NAME...]] [--out PATH]`: measures firmtime
 * end to end, through the real `firmtime` command on real firm files, and writes
 * bench/results/<date>.json (never over an earlier one) or PATH.
 *
 * Scenario "foundation": create a firm of 100 staff, 2,000 clients and 200,000 time entries
 * through imports, then a detailed one-month report and a year's totals by client. The others
 * each have a module of their own; the generated firm they share is made once per run
 * (bench-firm.ts) and deleted at the end.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { anchorsScenario } from "./anchors.js";
import { apiScenario } from "./api-scenario.js";
import {
  createBenchFixture,
  runFirmtime,
  SCALE_NAMES,
  type Scale,
  type ScenarioContext,
} from "./bench-firm.js";
import { machineDescription, measure, renderFigures, type Figure } from "./harness.js";
import { latencyScenario } from "./latency-scenario.js";
import { singleEntryScenario } from "./single-entry-scenario.js";
import { webScenario } from "./web-scenario.js";
import { mergeScenario } from "./merge-scenario.js";
import { accountingScenario } from "./accounting-scenario.js";
import { reportFloorScenario } from "./report-floor.js";
import {
  clientsCsv,
  staffCsv,
  timeEntriesCsv,
  workCodesCsv,
  type SyntheticFirmSize,
} from "./synthetic-firm.js";
import { checkTargets, renderTargets } from "./targets.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

const firmtime = (args: string[]): number => runFirmtime(args);

/** In `dir`, a folder of the run's fixture: deleted at the end, and at once if all went well. */
async function foundation(quick: boolean, dir: string): Promise<Figure[]> {
  const size: SyntheticFirmSize = {
    staff: 100,
    clients: 2_000,
    timeEntries: quick ? 20_000 : 200_000,
    year: 2025,
  };
  const runs = quick ? 1 : 3;
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

/** In run order: the API scenario writes entries to the shared cloud, which latency then merges. */
const SCENARIOS: Record<string, (context: ScenarioContext) => Promise<Figure[]>> = {
  foundation: (context) => foundation(context.quick, context.fixture.scratch("foundation")),
  merge: mergeScenario,
  anchors: anchorsScenario,
  reports: reportFloorScenario,
  api: apiScenario,
  latency: latencyScenario,
  single: singleEntryScenario,
  web: webScenario,
  accounting: accountingScenario,
};

interface BenchOptions {
  quick: boolean;
  scale: Scale;
  /** Scenarios to run (--only a,b), in SCENARIOS' order; all when absent. */
  only?: string[];
  out?: string;
}

function parseOptions(argv: string[]): BenchOptions {
  const options: Omit<BenchOptions, "scale"> & { scale?: Scale } = { quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--quick") options.quick = true;
    else if (arg === "--only") options.only = value().split(",");
    else if (arg === "--out") options.out = resolve(value());
    else if (arg === "--scale") {
      const scale = value().toUpperCase();
      if (!(SCALE_NAMES as readonly string[]).includes(scale))
        throw new Error(`--scale is one of ${SCALE_NAMES.join(", ")}`);
      options.scale = scale as Scale;
    } else
      throw new Error(
        `unknown option ${arg}; known: --quick, --scale S|M|L, --only NAME[,NAME...], --out PATH`,
      );
  }
  for (const name of options.only ?? [])
    if (!SCENARIOS[name])
      throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(", ")}`);
  return { ...options, scale: options.scale ?? (options.quick ? "S" : "M") };
}

/** bench/results/<date>.json, or <date>-2.json and on if that exists: earlier results stay. */
function resultsPath(date: string): string {
  const dir = join(root, "bench/results");
  mkdirSync(dir, { recursive: true });
  for (let n = 1; ; n++) {
    const path = join(dir, `${date}${n === 1 ? "" : `-${n}`}.json`);
    if (!existsSync(path)) return path;
  }
}

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const { quick, scale } = options;
  const fixture = createBenchFixture();
  const figures: Figure[] = [];
  const failed: { scenario: string; error: string }[] = [];
  const started = new Date().toISOString();
  const path = options.out ?? resultsPath(started.slice(0, 10));
  mkdirSync(dirname(path), { recursive: true });
  // Written after every scenario: a long run that fails late keeps what it measured.
  const write = () => {
    const targets = checkTargets(figures);
    writeFileSync(
      path,
      JSON.stringify(
        { date: started, quick, scale, machine: machineDescription(), figures, targets, failed },
        null,
        2,
      ) + "\n",
    );
    return targets;
  };
  try {
    for (const [name, run] of Object.entries(SCENARIOS)) {
      if (options.only && !options.only.includes(name)) continue;
      process.stderr.write(`bench: ${name}${quick ? " (quick)" : ""}, firm ${scale}...\n`);
      try {
        figures.push(...(await run({ quick, scale, fixture })));
      } catch (error) {
        // One broken scenario is reported, and the others still run.
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.stderr.write(`bench: ${name} failed: ${text}\n`);
        failed.push({ scenario: name, error: text.split("\n")[0]! });
      }
      write();
    }
  } finally {
    await fixture.dispose();
  }
  const targets = write();
  process.stdout.write(renderFigures(figures) + "\n" + renderTargets(targets) + `\nwritten to ${path}\n`);
  if (failed.length > 0) {
    process.stderr.write(
      `bench: ${failed.length} scenario(s) failed: ${failed.map((f) => f.scenario).join(", ")}\n`,
    );
    process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
