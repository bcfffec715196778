/** Timing and reporting for `npm run bench`: medians of several runs, with min and max. */
import { cpus, totalmem, type } from "node:os";

export interface Figure {
  scenario: string;
  name: string;
  unit: string;
  runs: number;
  median: number;
  min: number;
  max: number;
  note?: string;
}

export async function measure(
  runs: number,
  work: (run: number) => Promise<number> | number,
): Promise<Omit<Figure, "scenario" | "name" | "unit">> {
  const values: number[] = [];
  for (let run = 0; run < runs; run++) values.push(await work(run));
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  const median = values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
  return { runs, median, min: values[0]!, max: values[values.length - 1]! };
}

export function machineDescription() {
  const processors = cpus();
  return {
    cpus: processors.length,
    cpuModel: processors[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: type(),
    node: process.version,
  };
}

const round = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(2));

export function renderFigures(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.scenario,
    f.name,
    `${round(f.median)} ${f.unit}`,
    `${round(f.min)}–${round(f.max)}`,
    String(f.runs),
  ]);
  const header = ["scenario", "figure", "median", "min–max", "runs"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}
