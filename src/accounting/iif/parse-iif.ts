/**
 * A strict IIF reader of our own, for round trips: what we write must read back exactly, and
 * anything QuickBooks could misread is an error naming its line.
 *
 * - A `!TYPE` header row names the columns of the `TYPE` rows after it (until another `!TYPE`).
 * - Every data row has exactly its header's number of fields.
 * - Only the record types firmtime writes are known; any other is an error.
 * - Blank rows, stray carriage returns and double quotes (QuickBooks reads a quote as the start
 *   of a quoted field) are errors.
 * - TIMEACT rows follow a TIMERHDR row and carry a real MM/DD/YY date, an HH:MM duration of at
 *   most 23:59, and a BILLINGSTATUS of 0, 1 or 2.
 */
import { MAX_IIF_MINUTES } from "./iif-fields.js";

export interface IifRecord {
  type: string;
  line: number;
  fields: Record<string, string>;
}

export class IifError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "IifError";
  }
}

const KNOWN_TYPES = new Set(["CUST", "EMP", "VEND", "INVITEM", "TIMERHDR", "TIMEACT"]);
const TIMEACT_REQUIRED = ["DATE", "JOB", "EMP", "DURATION"];

export function parseIif(text: string): IifRecord[] {
  const headers = new Map<string, string[]>();
  const records: IifRecord[] = [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  let timerHeaderSeen = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw === "") throw new IifError(line, "a blank row");
    if (raw.includes("\r")) throw new IifError(line, "a carriage return inside a row");
    if (raw.includes('"'))
      throw new IifError(line, "a double quote, which QuickBooks reads as a quoted field");
    const [first = "", ...values] = raw.split("\t");
    if (first.startsWith("!")) {
      headers.set(first.slice(1), readHeader(first.slice(1), values, line));
      return;
    }
    if (!KNOWN_TYPES.has(first)) throw new IifError(line, `unknown record type ${first || "(empty)"}`);
    const columns = headers.get(first);
    if (!columns) throw new IifError(line, `a ${first} row with no !${first} header before it`);
    if (values.length !== columns.length)
      throw new IifError(line, `${first} has ${values.length} fields; its header has ${columns.length}`);
    const fields = Object.fromEntries(columns.map((column, at) => [column, values[at]!]));
    if (first === "TIMERHDR") timerHeaderSeen = true;
    if (first === "TIMEACT") {
      if (!timerHeaderSeen) throw new IifError(line, "a TIMEACT row before any TIMERHDR row");
      checkTimeActivity(fields, line);
    }
    records.push({ type: first, line, fields });
  });
  return records;
}

function readHeader(type: string, columns: string[], line: number): string[] {
  if (!KNOWN_TYPES.has(type)) throw new IifError(line, `unknown record type !${type}`);
  if (columns.length === 0 || columns.some((column) => !/^[A-Z0-9]+$/.test(column)))
    throw new IifError(line, `!${type} must name its columns in capitals`);
  if (new Set(columns).size !== columns.length) throw new IifError(line, `!${type} names a column twice`);
  if (type === "TIMEACT") {
    const missing = TIMEACT_REQUIRED.filter((column) => !columns.includes(column));
    if (missing.length > 0) throw new IifError(line, `!TIMEACT lacks ${missing.join(", ")}`);
  }
  return columns;
}

function checkTimeActivity(fields: Record<string, string>, line: number): void {
  if (isoFromIifDate(fields.DATE!) === undefined)
    throw new IifError(line, `DATE ${fields.DATE} is not a real MM/DD/YY date`);
  if (minutesFromDuration(fields.DURATION!) === undefined)
    throw new IifError(line, `DURATION ${fields.DURATION} is not HH:MM of at most 23:59`);
  if (fields.BILLINGSTATUS !== undefined && !/^[012]$/.test(fields.BILLINGSTATUS))
    throw new IifError(line, `BILLINGSTATUS ${fields.BILLINGSTATUS} is not 0, 1 or 2`);
}

/** "03/04/26" → "2026-03-04"; undefined unless a real calendar day. */
export function isoFromIifDate(date: string): string | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [, month, day, year] = match;
  const iso = `20${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : undefined;
}

/** "26:06" → undefined (over 23:59), "02:07" → 127. */
export function minutesFromDuration(duration: string): number | undefined {
  const match = /^(\d{2}):([0-5]\d)$/.exec(duration);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= MAX_IIF_MINUTES ? minutes : undefined;
}

export interface IifTimeActivity {
  /** YYYY-MM-DD (20YY). */
  date: string;
  job: string;
  worker: string;
  item: string;
  minutes: number;
  note: string;
  billable: boolean;
}

/** The TIMEACT rows of a parsed file, one per row (a split entry is several). */
export function iifTimeActivities(records: readonly IifRecord[]): IifTimeActivity[] {
  return records
    .filter((record) => record.type === "TIMEACT")
    .map(({ fields }) => ({
      date: isoFromIifDate(fields.DATE!)!,
      job: fields.JOB!,
      worker: fields.EMP!,
      item: fields.ITEM ?? "",
      minutes: minutesFromDuration(fields.DURATION!)!,
      note: fields.NOTE ?? "",
      billable: fields.BILLINGSTATUS === "1",
    }));
}

const sameButDuration = (a: IifTimeActivity, b: IifTimeActivity) =>
  a.date === b.date &&
  a.job === b.job &&
  a.worker === b.worker &&
  a.item === b.item &&
  a.note === b.note &&
  a.billable === b.billable;

/**
 * Joins the rows of an entry split at 23:59 back into one: a row of exactly 23:59 and the
 * alike row right after it are one entry (as writeIifTime splits). IIF has no ids, so two real
 * entries that look exactly alike, the first of 23:59, join too; their sum is still right.
 */
export function joinSplitActivities(activities: readonly IifTimeActivity[]): IifTimeActivity[] {
  const joined: IifTimeActivity[] = [];
  let continuing = false;
  for (const activity of activities) {
    const last = joined.at(-1);
    if (continuing && last && sameButDuration(last, activity)) {
      last.minutes += activity.minutes;
    } else {
      joined.push({ ...activity });
    }
    continuing = activity.minutes === MAX_IIF_MINUTES;
  }
  return joined;
}
