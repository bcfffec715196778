/**
 * Delimited text as firms keep it: a CSV file saved from a spreadsheet, or rows pasted from one
 * (tab-separated). Turns text into a header and rows, each row with the physical line it starts
 * on, so every problem can name the line the user sees in their editor. Pure: no store access.
 */
import { CsvError, parse } from "csv-parse/sync";
import { AppError, type RowProblem } from "../domain/errors.js";

export const DELIMITERS = ["\t", ",", ";", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface DelimitedRow {
  /** Physical line (1-based) the row starts on; a quoted value may carry it onto later lines. */
  line: number;
  cells: string[];
}

export interface DelimitedTable {
  delimiter: Delimiter;
  headerLine: number;
  header: string[];
  rows: DelimitedRow[];
}

/** An import that cannot be read at all (or whose header is wrong): nothing is checked or written. */
export function unreadable(problems: RowProblem[], message: string): AppError {
  return new AppError("IMPORT_INVALID", message, { problems, rows: 0 });
}

/**
 * Bytes from a file into text. UTF-8 is the norm; Excel's "Unicode text" is UTF-16 with a byte
 * order mark, and older Windows exports are Windows-1252, which is not valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** Counts each candidate outside quoted values of one line. */
function countOutsideQuotes(line: string): Map<Delimiter, number> {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as Delimiter))
      counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
  }
  return counts;
}

/**
 * The delimiter is the candidate the header line uses most. Ties go to the earlier candidate:
 * tab first, since pasted spreadsheet rows are tab-separated and header names rarely hold tabs.
 * A header with none of them is a one-column file, read as comma-separated.
 */
export function detectDelimiter(headerLine: string): Delimiter {
  let best: Delimiter = ",";
  let bestCount = 0;
  for (const [delimiter, count] of countOutsideQuotes(headerLine)) {
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

const countNewlines = (cells: readonly string[]): number =>
  cells.reduce((total, cell) => total + (cell.includes("\n") ? cell.split("\n").length - 1 : 0), 0);

function csvProblem(error: CsvError): RowProblem {
  const line = typeof error.lines === "number" ? error.lines : 1;
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    return {
      line,
      reason: 'a quoted value is never closed: the file ends inside quotes (check for a stray ")',
    };
  }
  return { line, reason: error.message.replace(/^[^:]*:\s*/, "") };
}

/**
 * Parses delimited text. Handles a byte order mark, CRLF / CR / LF line ends, quoted values
 * (with delimiters, doubled quotes and line breaks inside), blank lines and rows whose cells
 * are all empty (both skipped), and spaces around delimiters ("Code, Type, Name").
 */
export function parseDelimited(input: string): DelimitedTable {
  // Line ends become "\n" first: the parser then counts exactly one line per line end
  // (it counts "\r\n" as two), and values keep one kind of line break.
  const text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const firstLine = text.split("\n", 200).find((line) => line.trim() !== "");
  if (firstLine === undefined)
    throw unreadable([{ line: 1, reason: "the text is empty: expected a header line" }], "nothing to import");
  const delimiter = detectDelimiter(firstLine);
  const records: DelimitedRow[] = [];
  try {
    parse(text, {
      delimiter,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // `lines` is the line the record ends on; a value spanning lines moves its start back.
      on_record: (cells: string[], context) => {
        records.push({ line: context.lines - countNewlines(cells), cells });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError)
      throw unreadable([csvProblem(error)], "the text is not valid delimited text");
    throw error;
  }
  const [header, ...rows] = records;
  if (!header)
    throw unreadable([{ line: 1, reason: "no header line: every line is blank" }], "nothing to import");
  return { delimiter, headerLine: header.line, header: header.cells, rows };
}
