/**
 * `firmtime import KIND FILE [--dry-run] [--skip-bad]`: records from a CSV file or from rows
 * pasted on standard input (`-` or --paste). Every bad row is listed with its line; a file with
 * bad rows imports nothing (exit 1) unless --skip-bad imports the good ones.
 */
import { readFileSync } from "node:fs";
import { Argument, type Command } from "commander";
import { formatHours } from "../../domain/duration.js";
import { AppError, invalid, isAppError, type RowProblem } from "../../domain/errors.js";
import { formatAmount } from "../../domain/money.js";
import type { Firm } from "../../firm-setup/firm-store.js";
import { describeColumns } from "../../imports/columns.js";
import { decodeText } from "../../imports/delimited-text.js";
import {
  IMPORT_KIND_NAMES,
  IMPORT_KINDS,
  importNoun,
  type ImportKindName,
  type ImportResult,
} from "../../imports/import-service.js";
import type { ProgressListener } from "../../imports/row-check.js";
import type { CliIo, CommandContext } from "../context.js";
import type { Register } from "../context.js";

interface ImportOptions {
  dryRun?: boolean;
  skipBad?: boolean;
  paste?: boolean;
}

const ONE: Record<ImportKindName, string> = {
  workcodes: "work code",
  staff: "staff member",
  clients: "client",
  contacts: "contact",
  time: "time entry",
  expenses: "expense entry",
};

const counted = (count: number, kind: ImportKindName): string =>
  `${count} ${count === 1 ? ONE[kind] : importNoun(kind)}`;
const rowsCounted = (count: number): string => `${count} bad row${count === 1 ? "" : "s"}`;

function columnsHelp(): string {
  const lines = IMPORT_KIND_NAMES.map(
    (kind) => `  ${kind.padEnd(10)} ${describeColumns(IMPORT_KINDS[kind].columns)}`,
  );
  return [
    "",
    "Columns, by kind (header names ignore case and spaces; any order):",
    ...lines,
    "",
    "Groups and a contact's clients are separated by ~ (Audit~Tax). The delimiter (comma, tab,",
    "semicolon or |) is taken from the header line. Contact companies that do not exist are created.",
  ].join("\n");
}

async function readStandardInput(io: CliIo): Promise<Uint8Array> {
  if (io.readStdin) return Buffer.from(await io.readStdin(), "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function readFile(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(
      code === "ENOENT" ? `${file} does not exist` : `cannot read ${file} (${code ?? "unknown error"})`,
    );
  }
}

async function readSource(
  file: string | undefined,
  options: ImportOptions,
  io: CliIo,
): Promise<{ text: string; source: string }> {
  if (options.paste && file !== undefined) throw invalid("name a file or pass --paste, not both");
  if (options.paste || file === "-") {
    if (io.interactive) io.stderr("Paste the rows, header first, then press Ctrl-D.\n");
    return { text: decodeText(await readStandardInput(io)), source: "standard input" };
  }
  if (file === undefined) throw invalid("name the file to import (or - or --paste to read standard input)");
  return { text: decodeText(readFile(file)), source: file };
}

/** A percentage line on a terminal, for files big enough to wait for; nothing otherwise. */
function progressLine(io: CliIo): { update: ProgressListener; clear: () => void } {
  let shown = "";
  const update: ProgressListener = (stage, done, total) => {
    if (!io.interactive || total < 5_000) return;
    const line = `${stage} ${Math.floor((done * 100) / total)}%`;
    if (line !== shown) io.stderr(`\r${line}`);
    shown = line;
  };
  const clear = () => {
    if (shown) io.stderr("\r\x1b[K");
    shown = "";
  };
  return { update, clear };
}

const problemLines = (problems: readonly RowProblem[]): string =>
  problems.map((p) => `  line ${p.line}: ${p.reason}\n`).join("");

/** A client list can name hundreds of new companies: the text shows the first few (--json has all). */
function listedCompanies(names: readonly string[]): string {
  const SHOWN = 10;
  const more = names.length > SHOWN ? `, and ${names.length - SHOWN} more` : "";
  return `${names.length} contact compan${names.length === 1 ? "y" : "ies"}: ${names.slice(0, SHOWN).join(", ")}${more}`;
}

function renderResult(result: ImportResult, source: string, firm: Firm): string {
  const { kind, dryRun } = result;
  const lines = [
    dryRun
      ? `Dry run: ${counted(result.created, kind)} would be imported from ${source}; nothing was written.\n`
      : `Imported ${counted(result.created, kind)} from ${source}.\n`,
  ];
  const companies = result.contactCompaniesCreated;
  if (companies.length) lines.push(`${dryRun ? "Would create" : "Created"} ${listedCompanies(companies)}.\n`);
  if (result.totals) {
    const hours = result.totals.minutes !== undefined ? `${formatHours(result.totals.minutes)} hours, ` : "";
    lines.push(`Total: ${hours}${formatAmount(result.totals.amount, firm.minorDigits)} ${firm.currency}.\n`);
  }
  if (result.skipped.length) {
    lines.push(
      `${dryRun ? "Would skip" : "Skipped"} ${rowsCounted(result.skipped.length)}:\n`,
      problemLines(result.skipped),
    );
  }
  return lines.join("");
}

function problemsOf(error: AppError): RowProblem[] {
  const problems = error.details.problems;
  return Array.isArray(problems) ? (problems as RowProblem[]) : [];
}

/** Lists every problem (stderr, or the JSON document on stdout), then fails with a hint. */
function failWithProblems(
  ctx: CommandContext,
  error: AppError,
  kind: ImportKindName,
  source: string,
  options: ImportOptions,
): never {
  const problems = problemsOf(error);
  const rows = typeof error.details.rows === "number" ? error.details.rows : 0;
  if (ctx.json) {
    const document = {
      source,
      kind,
      dryRun: Boolean(options.dryRun),
      rows,
      created: 0,
      skipped: [],
      problems,
      contactCompaniesCreated: [],
    };
    ctx.io.stdout(JSON.stringify(document, null, 2) + "\n");
  } else {
    ctx.io.stderr(problems.map((p) => `line ${p.line}: ${p.reason}\n`).join(""));
  }
  const hint =
    rows > 0 && !options.skipBad ? " (fix the bad rows, or pass --skip-bad to import the good ones)" : "";
  throw new AppError(error.code, error.message + hint, error.details);
}

export const registerImportCommands: Register = (program: Command, context) => {
  program
    .command("import")
    .description(
      "import work codes, staff, clients, contacts, time or expense entries from CSV or pasted rows",
    )
    .addArgument(new Argument("<kind>", "what the rows are").choices(IMPORT_KIND_NAMES))
    .argument("[file]", "a CSV or other delimited text file; - reads standard input")
    .option("--dry-run", "check every row and report what would be imported; write nothing")
    .option(
      "--skip-bad",
      "import the good rows and report the bad ones (otherwise any bad row stops the import)",
    )
    .option("--paste", "read the rows from standard input, e.g. pasted from a spreadsheet")
    .addHelpText("after", columnsHelp())
    .action(async (kind: ImportKindName, file: string | undefined, options: ImportOptions) => {
      const ctx = context();
      const { text, source } = await readSource(file, options, ctx.io);
      await ctx.withBackend(async (backend) => {
        const progress = progressLine(ctx.io);
        try {
          const result = await backend.importRecords({
            kind,
            text,
            dryRun: options.dryRun,
            skipBad: options.skipBad,
            onProgress: progress.update,
          });
          progress.clear();
          ctx.output({ source, ...result }, () => renderResult(result, source, backend.firm));
        } catch (error) {
          progress.clear();
          if (isAppError(error) && error.code === "IMPORT_INVALID")
            failWithProblems(ctx, error, kind, source, options);
          throw error;
        }
      });
    });
};
