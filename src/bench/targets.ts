/**
 * The benchmark issue's targets, checked on the figures of one run: our upload rate as a ratio
 * to each anchor measured in the same run, the change-to-visible p99, the API's p99 and each
 * report against its hand-written SQL. A target whose figures were not measured in this run
 * (--only) is left out. Reported, never asserted: a missed target does not fail the run.
 */
import { POUCHDB_FIGURE, RAW_INSERT_FIGURE, RAW_POSTGRES_FIGURE } from "./anchors.js";
import { apiFigureName } from "./api-scenario.js";
import type { Figure } from "./harness.js";
import { LATENCY_P99_FIGURE } from "./latency-scenario.js";
import { singleFigureName } from "./single-entry-scenario.js";
import { FIRST_PAGE_JS_FIGURE } from "./web-scenario.js";
import { DETAILED_FIGURE, DETAILED_FLOOR_FIGURE, YEAR_FIGURE, YEAR_FLOOR_FIGURE } from "./report-floor.js";

export interface TargetCheck {
  name: string;
  value: number;
  unit: string;
  /** "≥ 10", "< 50 ms" */
  goal: string;
  met: boolean;
}

const find = (figures: readonly Figure[], name: string) => figures.find((f) => f.name === name);

/** Every integration upload the merge scenario measured (SQLite, PostgreSQL), found by name. */
const uploads = (figures: readonly Figure[]) =>
  figures.filter(
    (f) => f.scenario === "merge" && f.name.startsWith("integration upload") && f.unit === "entries/s",
  );

export function checkTargets(figures: readonly Figure[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ratio = (name: string, ours: Figure | undefined, theirs: Figure | undefined, least: number) => {
    if (ours && theirs)
      checks.push({
        name,
        value: ours.median / theirs.median,
        unit: "×",
        goal: `≥ ${least}`,
        met: ours.median / theirs.median >= least,
      });
  };
  const atMost = (name: string, ours: Figure | undefined, theirs: Figure | undefined, most: number) => {
    if (ours && theirs)
      checks.push({
        name,
        value: ours.median / theirs.median,
        unit: "×",
        goal: `≤ ${most}`,
        met: ours.median / theirs.median <= most,
      });
  };
  const under = (name: string, figure: Figure | undefined, limit: number) => {
    if (figure)
      checks.push({
        name,
        value: figure.median,
        unit: figure.unit,
        goal: `< ${limit} ${figure.unit}`,
        met: figure.median < limit,
      });
  };

  const noMoreThan = (name: string, figure: Figure | undefined, limit: number) => {
    if (figure)
      checks.push({
        name,
        value: figure.median,
        unit: figure.unit,
        goal: `≤ ${limit} ${figure.unit}`,
        met: figure.median <= limit,
      });
  };

  for (const upload of uploads(figures)) {
    ratio(`${upload.name} ÷ PouchDB push`, upload, find(figures, POUCHDB_FIGURE), 10);
    ratio(`${upload.name} ÷ raw SQLite insert`, upload, find(figures, RAW_INSERT_FIGURE), 0.5);
    // A PostgreSQL cloud is also held to its own engine's limit, measured in the same run.
    if (upload.name.includes("PostgreSQL"))
      ratio(`${upload.name} ÷ raw PostgreSQL insert`, upload, find(figures, RAW_POSTGRES_FIGURE), 0.5);
  }
  for (const noOp of figures.filter((f) => f.scenario === "merge" && f.name.startsWith("no-op merge")))
    under(noOp.name, noOp, 20);
  const incremental = figures.find((f) => f.scenario === "merge" && f.name.startsWith("incremental merge"));
  // The target is for 10,000 changed entries: 1 % of M.
  if (incremental?.name.includes("(10000 "))
    under("incremental merge of 10,000 changed entries", incremental, 1);
  for (const rss of figures.filter((f) => f.scenario === "merge" && f.unit === "MB" && /upload/.test(f.name)))
    if (rss.name.includes(" at L:")) under(rss.name, rss, 400);
  under("change-to-visible p99, online", find(figures, LATENCY_P99_FIGURE), 1_000);
  under("API time-entry create p99", find(figures, apiFigureName("create", "p99")), 50);
  under("API time-entry list p99", find(figures, apiFigureName("list", "p99")), 50);
  under("API time-entry get p99", find(figures, apiFigureName("get", "p99")), 50);
  for (const side of ["cloud", "desktop"] as const)
    for (const path of ["create", "edit", "approve"] as const)
      under(
        `one entry's ${path}, ${side === "cloud" ? "cloud" : "desktop file"}`,
        find(figures, singleFigureName(side, path)),
        2,
      );
  noMoreThan("first page's JavaScript (gzip)", find(figures, FIRST_PAGE_JS_FIGURE), 250);
  atMost(
    "detailed month report ÷ hand-written SQL",
    find(figures, DETAILED_FIGURE),
    find(figures, DETAILED_FLOOR_FIGURE),
    1.5,
  );
  atMost(
    "year's totals by client ÷ hand-written SQL",
    find(figures, YEAR_FIGURE),
    find(figures, YEAR_FLOOR_FIGURE),
    1.5,
  );
  return checks;
}

export function renderTargets(checks: readonly TargetCheck[]): string {
  if (checks.length === 0) return "";
  const rows = checks.map((c) => [
    c.name,
    `${c.value >= 100 ? c.value.toFixed(0) : c.value.toFixed(2)} ${c.unit}`,
    c.goal,
    c.met ? "met" : "MISSED",
  ]);
  const header = ["target", "this run", "goal", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}
