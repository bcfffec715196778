/**
 * How the connector's runs read for a person: their kinds, states, phases and outcomes
 * (src/accounting/transfer/*.ts and export/run-export.ts record them). The counts come from the
 * server's summary; only the words are made here.
 */
import type { AccountingRun } from "../api/runs";

export function runKindWords(run: Pick<AccountingRun, "kind" | "options">): string {
  switch (run.kind) {
    case "transfer":
      return "Transfer to the books";
    case "import":
      return "Import from the books";
    case "readiness":
      return "Readiness check";
    case "export":
      return run.options.format === "hledger" ? "hledger journal export" : "IIF file export";
  }
}

export const STATUS: Record<AccountingRun["status"], { words: string; color: string }> = {
  queued: { words: "Waiting for the connector", color: "blue.8" },
  running: { words: "Running", color: "blue.8" },
  done: { words: "Done", color: "teal.9" },
  failed: { words: "Failed", color: "red.9" },
  refused: { words: "Refused", color: "red.9" },
};

const PHASES: Record<string, string> = {
  lists: "Staff and clients",
  jobs: "Projects and work codes",
  readiness: "Readiness",
  time: "Time entries",
  expense: "Expenses",
};
export const phaseWords = (phase: string) => PHASES[phase] ?? phase;

const OUTCOMES: Record<string, string> = {
  linked: "linked by name",
  created: "created in the books",
  updated: "updated",
  imported: "added to firmtime from the books",
  duplicate: "not created: the name is taken in the books",
  refused: "refused",
  waiting: "waiting for a counterpart",
  posted: "posted to the books",
  posted_differs: "posted, but the books changed it",
  skipped: "skipped",
  exported: "written to the file",
  missing: "in firmtime, missing from the books",
  gone: "gone from the books",
  differs: "named differently in the books",
  books_only: "in the books only",
};
export const outcomeWords = (outcome: string) => OUTCOMES[outcome] ?? outcome.replace(/_/g, " ");

/** The readiness check's findings, in the order a person fixes them, with plain headings. */
export const READINESS_GROUPS = [
  { outcome: "missing", heading: "In firmtime, with nothing in the books yet" },
  { outcome: "differs", heading: "Linked, but named differently in the books" },
  { outcome: "gone", heading: "Linked to a record the books no longer hold" },
  { outcome: "books_only", heading: "In the books, linked to nothing in firmtime" },
] as const;

export interface SummaryLine {
  phase: string;
  parts: { outcome: string; count: number }[];
}

/** {"lists.linked": 3, "time.posted": 10} → one line per phase, in the order the run went. */
export function summaryLines(summary: Record<string, number> | null): SummaryLine[] {
  const lines = new Map<string, SummaryLine>();
  for (const [key, count] of Object.entries(summary ?? {})) {
    const dot = key.indexOf(".");
    const phase = dot < 0 ? key : key.slice(0, dot);
    const outcome = dot < 0 ? "" : key.slice(dot + 1);
    const line = lines.get(phase) ?? { phase, parts: [] };
    line.parts.push({ outcome, count });
    lines.set(phase, line);
  }
  const order = Object.keys(PHASES);
  const rank = (phase: string) => (order.includes(phase) ? order.indexOf(phase) : order.length);
  return [...lines.values()].sort((a, b) => rank(a.phase) - rank(b.phase));
}

export const summaryText = (line: SummaryLine) =>
  line.parts.map((part) => `${part.count.toLocaleString()} ${outcomeWords(part.outcome)}`).join(", ");

/** The outcomes a run recorded (for the items' filter). */
export const outcomesOf = (summary: Record<string, number> | null) => [
  ...new Set(Object.keys(summary ?? {}).map((key) => key.slice(key.indexOf(".") + 1))),
];
