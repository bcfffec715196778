/**
 * `firmtime report basic|detailed`: time & expense transaction reports as a text table, CSV or
 * JSON, on stdout or into a file (--output), or as an XLSX workbook or a PDF into a file,
 * written by the same writers as the cloud's downloads. The global --json means --format json.
 */
import { createWriteStream, writeFileSync } from "node:fs";
import { finished } from "node:stream/promises";
import type { Command } from "commander";
import { invalid } from "../../domain/errors.js";
import { reportToCsv } from "../../reports/report-csv.js";
import { writeDownload } from "../../reports/report-download.js";
import { headOf, reportEvents } from "../../reports/report-events.js";
import { reportToJson } from "../../reports/report-json.js";
import type { ReportRequest } from "../../reports/report-service.js";
import { reportToText } from "../../reports/report-text.js";
import { GROUP_BYS, KIND_FILTERS, REPORT_TYPES, type Report, type ReportType } from "../../reports/report.js";
import type { CommandContext } from "../context.js";
import type { Register } from "../context.js";
import { billableOption, choiceOption } from "./parse-options.js";

const FORMATS = ["table", "csv", "json", "xlsx", "pdf"] as const;
type Format = (typeof FORMATS)[number];
/** Formats that are files, not text for a screen. */
const FILE_FORMATS = ["xlsx", "pdf"] as const;
type FileFormat = (typeof FILE_FORMATS)[number];
const isFileFormat = (format: Format): format is FileFormat =>
  (FILE_FORMATS as readonly string[]).includes(format);

interface ReportOptions {
  from?: string;
  to?: string;
  month?: string;
  year?: string;
  staff?: string;
  client?: string;
  project?: string;
  workcode?: string;
  billable?: string;
  status?: string;
  kind?: string;
  groupBy: string;
  format?: string;
  output?: string;
}

const list = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);

/** Option text into a request; the service checks periods, levels, kinds and statuses. */
const toRequest = (options: ReportOptions): ReportRequest => ({
  from: options.from,
  to: options.to,
  month: options.month,
  year: options.year,
  staff: options.staff,
  client: options.client,
  project: options.project,
  workCode: options.workcode,
  billable: billableOption("billable", options.billable),
  status: list(options.status),
  kind: options.kind,
  groupBy: list(options.groupBy) ?? [],
});

function chooseFormat(ctx: CommandContext, format: string | undefined): Format {
  const chosen = choiceOption("format", format, FORMATS);
  if (ctx.json && chosen !== undefined && chosen !== "json")
    throw invalid(`--json and --format ${chosen} disagree; give one`);
  return ctx.json ? "json" : (chosen ?? "table");
}

function render(report: Report, format: Exclude<Format, FileFormat>): string {
  switch (format) {
    case "table":
      return reportToText(report);
    case "csv":
      return reportToCsv(report);
    case "json":
      return JSON.stringify(reportToJson(report), null, 2) + "\n";
  }
}

function writeReport(path: string, text: string): void {
  try {
    writeFileSync(path, text, "utf8");
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

const cannotWrite = (path: string, error: unknown) =>
  invalid(`--output: cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);

/** Writes an XLSX or PDF file; a file that cannot be written is a one-line error. */
async function writeReportFile(path: string, format: FileFormat, report: Report): Promise<void> {
  const out = createWriteStream(path);
  try {
    await Promise.all([
      writeDownload(format, { head: headOf(report), events: reportEvents(report) }, out),
      finished(out),
    ]);
  } catch (error) {
    out.destroy();
    throw cannotWrite(path, error);
  }
}

async function reportAction(ctx: CommandContext, type: ReportType, options: ReportOptions): Promise<void> {
  const format = chooseFormat(ctx, options.format);
  if (isFileFormat(format) && !options.output)
    throw invalid(`--format ${format} writes a file: give --output FILE`);
  const request = toRequest(options);
  await ctx.withBackend(async (backend) => {
    const report = await backend.report(type, request);
    if (isFileFormat(format)) {
      await writeReportFile(options.output!, format, report);
    } else if (!options.output) {
      ctx.io.stdout(render(report, format));
      return;
    } else {
      writeReport(options.output, render(report, format));
    }
    const entries = report.total.timeEntries + report.total.expenseEntries;
    ctx.output(
      { output: options.output, format, report: type, entries },
      () => `Wrote ${type} report (${format}, ${entries} entries) to ${options.output}\n`,
    );
  });
}

function reportCommand(parent: Command, type: ReportType, description: string): Command {
  return parent
    .command(type)
    .description(description)
    .requiredOption("--group-by <levels>", `${GROUP_BYS.join(" | ")}, or two of them: client,month`)
    .option("--from <date>", "first entry date (YYYY-MM-DD)")
    .option("--to <date>", "last entry date (YYYY-MM-DD)")
    .option("--month <YYYY-MM>", "one calendar month")
    .option("--year <YYYY>", "one calendar year")
    .option("--staff <number>", "one staff member")
    .option("--client <code>", "one client")
    .option("--project <code>", "one project of --client")
    .option("--workcode <code>", "one work code")
    .option("--billable <yes|no>", "billable or non-billable entries only")
    .option("--status <list>", "statuses, comma-separated: draft,submitted,approved,billed,transferred")
    .option("--kind <kind>", KIND_FILTERS.join(" | "), "both")
    .option(
      "--format <format>",
      `${FORMATS.join(" | ")} (default table; --json means json; xlsx and pdf need --output)`,
    )
    .option("--output <file>", "write the report to a file instead of the screen");
}

export const registerReportCommands: Register = (program, context) => {
  const report = program
    .command("report")
    .description(`time & expense transaction reports: ${REPORT_TYPES.join(", ")}`);
  for (const [type, description] of [
    ["basic", "one line per group: hours, billable hours, amounts and entry counts"],
    ["detailed", "every entry, grouped, with subtotals and a grand total"],
  ] as const) {
    reportCommand(report, type, description).action((options: ReportOptions) =>
      reportAction(context(), type, options),
    );
  }
};
