/**
 * Checking one row: every reason it is bad is collected (a row with a bad rate and a bad
 * surcharge says both), using the domain's own parsers and validators, which throw AppErrors.
 */
import { AppError, isAppError, type RowProblem } from "../domain/errors.js";
import type { ColumnSpecs, SourceRow } from "./columns.js";

export class RowCheck<K extends string> {
  private readonly reasons: string[] = [];

  constructor(
    readonly row: SourceRow<K>,
    private readonly specs: ColumnSpecs<K>,
  ) {
    if (row.extraValues > 0)
      this.fail(
        `has ${row.extraValues} value${row.extraValues > 1 ? "s" : ""} beyond the last column of the header`,
      );
  }

  get ok(): boolean {
    return this.reasons.length === 0;
  }

  fail(reason: string): void {
    this.reasons.push(reason);
  }

  /** The cell's text; an empty cell in a required column is a reason. */
  text(key: K): string {
    const value = this.row.cells[key];
    if (value === "" && this.specs[key].required) this.fail(`${this.specs[key].header} is empty`);
    return value;
  }

  /** The cell parsed by a domain parser; an empty cell gives `empty` (after text()'s check). */
  parse<T, E>(key: K, parser: (text: string) => T, empty: E): T | E {
    const value = this.text(key);
    return value === "" ? empty : this.take(() => parser(value), empty);
  }

  /** Runs a rule; an error the user caused becomes a reason and `fallback` stands in for the value. */
  take<T, F>(rule: () => T, fallback: F): T | F {
    try {
      return rule();
    } catch (error) {
      if (!isAppError(error)) throw error;
      this.fail(error.message);
      return fallback;
    }
  }

  /** Like take, for rules that read the store's preloaded references. */
  async takeAsync<T, F>(rule: () => Promise<T>, fallback: F): Promise<T | F> {
    try {
      return await rule();
    } catch (error) {
      if (!isAppError(error)) throw error;
      this.fail(error.message);
      return fallback;
    }
  }

  /**
   * A key that must be unique (a code, a number, an email), compared as the store compares it.
   * The first row of the file holding it keeps it, so a bad row still claims its key and the
   * user sees every clash in one pass; `taken` is the reason when the store already has it.
   */
  unique(key: string, seen: FirstLines, what: string, taken: string | undefined): void {
    if (key === "") return;
    const earlier = seen.claim(key, this.row.line);
    if (earlier !== undefined) this.fail(`${what} is already on line ${earlier}`);
    else if (taken !== undefined) this.fail(taken);
  }

  get problem(): RowProblem {
    return { line: this.row.line, reason: this.reasons.join("; ") };
  }
}

/** Remembers the first line each key (a code, a number, an email) appeared on in the file. */
export class FirstLines {
  private readonly lines = new Map<string, number>();

  /** The earlier line holding `key`, or undefined when this is the first. */
  claim(key: string, line: number): number | undefined {
    const earlier = this.lines.get(key);
    if (earlier === undefined) this.lines.set(key, line);
    return earlier;
  }
}

/** "a~b~c" lists (groups, clients), as firms write them in spreadsheets. */
export const splitList = (text: string): string[] =>
  text
    .split("~")
    .map((item) => item.trim())
    .filter(Boolean);

/** "active" / "inactive" in any case; empty means active. */
export function parseActiveStatus(text: string): "active" | "inactive" {
  const status = text.trim().toLowerCase();
  if (status === "active" || status === "inactive") return status;
  throw new AppError("VALIDATION", `status ${JSON.stringify(text)} must be active or inactive`);
}

export type ProgressListener = (stage: "checking" | "writing", done: number, total: number) => void;

const PROGRESS_STEP = 2_000;

/** Reports progress every few thousand items and at the end, not on every row. */
export function reportEvery(
  onProgress: ProgressListener,
  stage: "checking" | "writing",
  total: number,
): (done: number) => void {
  return (done) => {
    if (done % PROGRESS_STEP === 0 || done === total) onProgress(stage, done, total);
  };
}

export interface Accepted<T> {
  line: number;
  item: T;
}

/**
 * Checks every row (never stopping at the first bad one): `checkRow` returns what to write,
 * or undefined after recording why the row is bad.
 */
export async function checkRows<K extends string, T>(
  rows: readonly SourceRow<K>[],
  specs: ColumnSpecs<K>,
  checkRow: (check: RowCheck<K>) => T | undefined | Promise<T | undefined>,
  onProgress: ProgressListener,
): Promise<{ accepted: Accepted<T>[]; problems: RowProblem[] }> {
  const accepted: Accepted<T>[] = [];
  const problems: RowProblem[] = [];
  const progress = reportEvery(onProgress, "checking", rows.length);
  for (const [index, row] of rows.entries()) {
    const check = new RowCheck(row, specs);
    const item = await checkRow(check);
    if (check.ok && item !== undefined) accepted.push({ line: row.line, item });
    else problems.push(check.ok ? { line: row.line, reason: "the row could not be read" } : check.problem);
    progress(index + 1);
  }
  return { accepted, problems };
}

/**
 * Writes accepted rows one by one through the record's own service (so writing follows the
 * same rules as adding by hand). A rule the check did not foresee still names its line, and
 * the caller's transaction undoes every row written before it.
 */
export async function writeEach<T>(
  items: readonly Accepted<T>[],
  write: (item: T) => Promise<unknown>,
  onProgress: ProgressListener,
): Promise<void> {
  const progress = reportEvery(onProgress, "writing", items.length);
  for (const [index, { line, item }] of items.entries()) {
    try {
      await write(item);
    } catch (error) {
      if (!isAppError(error)) throw error;
      throw new AppError("IMPORT_INVALID", `line ${line}: ${error.message}; nothing was imported`, {
        problems: [{ line, reason: error.message }],
        rows: items.length,
      });
    }
    progress(index + 1);
  }
}
