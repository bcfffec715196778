/**
 * Multi-row INSERTs (and upserts) of many rows, as SQL text made here and run as it is.
 *
 * Kysely's `sql` template builds a node for every value and compiles the tree into text on each
 * run: for 1,000 rows of 17 columns that took 6–11 ms and left some megabytes behind, each time,
 * in the cloud's apply of every pushed batch. Here the text of a statement is made once for its
 * table, columns and row count (kept for the next batch of the same shape) and the values go in
 * one flat array.
 */
import { CompiledQuery, PostgresAdapter } from "kysely";
import type { Db } from "./database.js";

/**
 * Values per statement: under both engines' cap (SQLite 32,766, PostgreSQL 65,535), and small
 * enough that the array of values stays in V8's young generation. An array over 128 KB (16,384
 * values) is allocated in the large-object space, which only a full collection frees: at 17,000
 * values a statement, a cloud applying an upload's batches held about 100 MB more than with
 * statements of a few hundred rows.
 */
export const VALUES_PER_STATEMENT = 8_000;
/** Row counts of the statements after the largest: their texts repeat from batch to batch. */
const SMALLER_ROW_COUNTS = [64, 16, 4, 1];

export interface MultiRowShape {
  table: string;
  columns: readonly string[];
  /** ON CONFLICT (key) DO UPDATE SET each of `set` to its inserted value. */
  upsert?: { key: string; set: readonly string[] };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Texts made lately, most recent last: a push's batches repeat a few shapes. */
const texts = new Map<string, string>();
const TEXTS_KEPT = 64;

function statementText(shape: MultiRowShape, rows: number, postgres: boolean): string {
  const key = `${postgres ? "pg" : "sqlite"}|${shape.table}|${shape.columns.join(",")}|${shape.upsert?.key ?? ""}|${shape.upsert?.set.join(",") ?? ""}|${rows}`;
  const kept = texts.get(key);
  if (kept !== undefined) {
    texts.delete(key);
    texts.set(key, kept);
    return kept;
  }
  const width = shape.columns.length;
  const tuples: string[] = new Array<string>(rows);
  for (let row = 0; row < rows; row++) {
    const marks: string[] = new Array<string>(width);
    for (let column = 0; column < width; column++)
      marks[column] = postgres ? `$${row * width + column + 1}` : "?";
    tuples[row] = `(${marks.join(", ")})`;
  }
  let text = `INSERT INTO ${quote(shape.table)} (${shape.columns.map(quote).join(", ")}) VALUES ${tuples.join(", ")}`;
  if (shape.upsert)
    text += ` ON CONFLICT (${quote(shape.upsert.key)}) DO UPDATE SET ${shape.upsert.set
      .map((column) => `${quote(column)} = excluded.${quote(column)}`)
      .join(", ")}`;
  texts.set(key, text);
  if (texts.size > TEXTS_KEPT) texts.delete(texts.keys().next().value!);
  return text;
}

/**
 * Inserts `rows` into `shape.table`, in order, each row's values for `shape.columns` given by
 * `value` (undefined is stored as NULL).
 */
export async function insertMany<T>(
  db: Db,
  shape: MultiRowShape,
  rows: readonly T[],
  value: (row: T, column: string) => unknown,
): Promise<void> {
  if (rows.length === 0) return;
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const width = shape.columns.length;
  let start = 0;
  for (const count of rowCounts(rows.length, Math.max(1, Math.floor(VALUES_PER_STATEMENT / width)))) {
    const parameters: unknown[] = new Array<unknown>(count * width);
    for (let row = 0; row < count; row++)
      for (let column = 0; column < width; column++)
        parameters[row * width + column] = value(rows[start + row]!, shape.columns[column]!) ?? null;
    await db.executeQuery(CompiledQuery.raw(statementText(shape, count, postgres), parameters));
    start += count;
  }
}

/**
 * The row counts of the statements for `total` rows: as many of `most` as fit, then of each
 * smaller count. A few counts, so a few texts, whatever the batches' sizes: SQLite prepares a
 * new text afresh (8 ms for 850 rows of 20 columns, against 1.2 ms to run it) and keeps it.
 */
export function rowCounts(total: number, most: number): number[] {
  const counts: number[] = [];
  let left = total;
  for (const count of [most, ...SMALLER_ROW_COUNTS.filter((count) => count < most)])
    for (; left >= count; left -= count) counts.push(count);
  return counts;
}
