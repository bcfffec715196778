/**
 * Matching a file's header to the columns an import kind takes. Names match ignoring case,
 * spaces, underscores and punctuation ("Work Code" = "work_code" = "WORKCODE"), in any order.
 * A header that names an unknown column, repeats one or lacks a required one stops the import
 * before any row is read: its rows could not be understood.
 */
import type { RowProblem } from "../domain/errors.js";
import { unreadable, type DelimitedTable } from "./delimited-text.js";

export interface ColumnSpec {
  /** The name shown in messages and help, as firms write it: "Work Code". */
  header: string;
  /** The column must be in the header, and each row's cell filled in. */
  required?: boolean;
  /** Other names firms use for the same column ("Staff Number" for "Number"). */
  aliases?: readonly string[];
}

export type ColumnSpecs<K extends string> = Readonly<Record<K, ColumnSpec>>;

export interface SourceRow<K extends string> {
  line: number;
  /** Trimmed cell per column; "" when the cell is empty or the column is not in the file. */
  cells: Readonly<Record<K, string>>;
  /** Values beyond the header's last column: data the import has nowhere to put. */
  extraValues: number;
}

export const headerKey = (name: string): string =>
  name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

const quoted = (names: readonly string[]): string => names.map((name) => JSON.stringify(name)).join(", ");

export function describeColumns<K extends string>(specs: ColumnSpecs<K>): string {
  return Object.values<ColumnSpec>(specs)
    .map((spec) => spec.header + (spec.required ? "" : " (optional)"))
    .join(", ");
}

function keysByName<K extends string>(specs: ColumnSpecs<K>): Map<string, K> {
  const byName = new Map<string, K>();
  for (const key of Object.keys(specs) as K[]) {
    for (const name of [specs[key].header, ...(specs[key].aliases ?? [])]) byName.set(headerKey(name), key);
  }
  return byName;
}

const named = (items: readonly string[]): string => `column${items.length > 1 ? "s" : ""} ${quoted(items)}`;

/** The column key at each position of the header, or every problem with the header. */
export function matchHeader<K extends string>(
  header: readonly string[],
  specs: ColumnSpecs<K>,
  line: number,
  noun: string,
): K[] {
  // Spreadsheets often save empty columns after the last one: those are not columns.
  let width = header.length;
  while (width > 0 && header[width - 1] === "") width--;
  const byName = keysByName(specs);
  const keys: K[] = [];
  const unknown: string[] = [];
  const unnamed: number[] = [];
  const repeated = new Set<string>();
  for (const [index, name] of header.slice(0, width).entries()) {
    const key = byName.get(headerKey(name));
    if (name === "") unnamed.push(index + 1);
    else if (key === undefined) unknown.push(name);
    else if (keys.includes(key)) repeated.add(specs[key].header);
    if (key !== undefined) keys.push(key);
  }
  const missing = (Object.keys(specs) as K[]).filter((key) => specs[key].required && !keys.includes(key));
  const problems: RowProblem[] = [];
  const report = (reason: string) => problems.push({ line, reason });
  if (unknown.length) report(`unknown ${named(unknown)}; ${noun} take: ${describeColumns(specs)}`);
  if (unnamed.length) report(`the header leaves column ${unnamed.join(" and ")} without a name`);
  if (repeated.size) report(`the header names ${named([...repeated])} more than once`);
  if (missing.length) report(`missing ${named(missing.map((key) => specs[key].header))}`);
  if (problems.length) {
    throw unreadable(
      problems,
      `the header on line ${line} does not match an import of ${noun}; nothing was imported`,
    );
  }
  // No problems: every position of the header has its key.
  return keys;
}

/** Rows as cells by column key. The header must match (see matchHeader). */
export function readRows<K extends string>(
  table: DelimitedTable,
  specs: ColumnSpecs<K>,
  noun: string,
): SourceRow<K>[] {
  const keys = matchHeader(table.header, specs, table.headerLine, noun);
  const allKeys = Object.keys(specs) as K[];
  return table.rows.map((row) => {
    const cells = {} as Record<K, string>;
    for (const key of allKeys) cells[key] = "";
    keys.forEach((key, index) => (cells[key] = row.cells[index] ?? ""));
    const extraValues = row.cells.slice(keys.length).filter((cell) => cell !== "").length;
    return { line: row.line, cells, extraValues };
  });
}
