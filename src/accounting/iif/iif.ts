/**
 * IIF, QuickBooks Desktop's import format: tab-delimited, a `!TYPE` header row naming the
 * columns of the `TYPE` rows after it, CRLF line ends. firmtime writes the lists an entry needs
 * (!CUST with jobs as "Client:Job", !EMP, !VEND, !INVITEM) and time as !TIMERHDR + !TIMEACT.
 * IIF has no ids: importing a file twice makes twins, so what was exported is recorded
 * (accounting_export) and not written again unless asked.
 *
 * QuickBooks reads a field raw: a tab or line break would start a new field or row, and a
 * double quote starts a quoted field. Such characters are replaced (tab and line breaks by a
 * space, `"` by `'`), never passed through.
 *
 * Expenses are not in an IIF time file (it carries time activities only): they go to the books
 * through QuickBooks Online or an hledger journal.
 */
import type { ExportBatch } from "../export-batch.js";

const CRLF = "\r\n";

/** A field QuickBooks reads as one value. */
export const iifField = (value: string): string =>
  value
    .replace(/[\t\r\n\u2028\u2029]+/g, " ")
    .replace(/"/g, "'")
    .trim();

const row = (fields: readonly string[]) => fields.map(iifField).join("\t");

/** 2026-03-04 → 03/04/26, as QuickBooks writes IIF dates. */
export function iifDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${month}/${day}/${year!.slice(2)}`;
}

/** QuickBooks refuses a TIMEACT duration over 23:59. */
export const MAX_IIF_MINUTES = 23 * 60 + 59;

/** Minutes as HH:MM pieces of at most 23:59 each, adding up exactly to `minutes`. */
export function iifDurations(minutes: number): string[] {
  const pieces: string[] = [];
  let left = minutes;
  do {
    const piece = Math.min(left, MAX_IIF_MINUTES);
    pieces.push(`${String(Math.floor(piece / 60)).padStart(2, "0")}:${String(piece % 60).padStart(2, "0")}`);
    left -= piece;
  } while (left > 0);
  return pieces;
}

export function writeIif(batch: ExportBatch): string {
  const lines: string[] = [];
  const workers = new Map(batch.workers.map((worker) => [worker.id, worker]));
  const customers = new Map(batch.customers.map((customer) => [customer.id, customer]));
  const items = new Map(batch.items.map((item) => [item.id, item]));

  lines.push(row(["!CUST", "NAME"]));
  for (const customer of batch.customers) lines.push(row(["CUST", customer.fullName]));
  lines.push(row(["!EMP", "NAME"]));
  for (const worker of batch.workers.filter((each) => each.kind === "employee"))
    lines.push(row(["EMP", worker.name]));
  lines.push(row(["!VEND", "NAME"]));
  for (const worker of batch.workers.filter((each) => each.kind === "vendor"))
    lines.push(row(["VEND", worker.name]));
  lines.push(row(["!INVITEM", "NAME", "INVITEMTYPE"]));
  for (const item of batch.items) lines.push(row(["INVITEM", item.name, "SERV"]));

  lines.push(
    row(["!TIMERHDR", "VER", "REL", "COMPANYNAME", "IMPORTEDBEFORE", "FROMTIMER", "COMPANYCREATETIME"]),
  );
  lines.push(row(["TIMERHDR", "8", "0", batch.firm.name, "N", "Y", "0"]));
  lines.push(
    row([
      "!TIMEACT",
      "DATE",
      "JOB",
      "EMP",
      "ITEM",
      "PITEM",
      "DURATION",
      "PROJ",
      "NOTE",
      "XFERTOPAYROLL",
      "BILLINGSTATUS",
    ]),
  );
  for (const entry of batch.time) {
    if (entry.minutes < 0) continue; // a negative duration cannot be imported; see run-export.ts
    const customer = customers.get(entry.customerId);
    const worker = workers.get(entry.workerId);
    const item = entry.itemId ? items.get(entry.itemId) : undefined;
    // A day's work longer than QuickBooks takes in one row goes as several rows of that day.
    for (const duration of iifDurations(entry.minutes)) {
      lines.push(
        row([
          "TIMEACT",
          iifDate(entry.date),
          customer?.fullName ?? "",
          worker?.name ?? "",
          item?.name ?? "",
          "",
          duration,
          "",
          entry.description,
          "N",
          entry.billable ? "1" : "0",
        ]),
      );
    }
  }
  return lines.join(CRLF) + CRLF;
}

// ---- a strict reader of our own, for round trips ----------------------------------------------

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
  }
}

const KNOWN_TYPES = new Set(["CUST", "EMP", "VEND", "INVITEM", "TIMERHDR", "TIMEACT"]);

/**
 * Reads an IIF file strictly: every data row needs its header before it and exactly its
 * header's number of fields; unknown record types, bad dates and bad durations are errors
 * naming the line.
 */
export function parseIif(text: string): IifRecord[] {
  const headers = new Map<string, string[]>();
  const records: IifRecord[] = [];
  const lines = text.split(/\r\n|\n/);
  if (lines.at(-1) === "") lines.pop();
  lines.forEach((raw, index) => {
    const line = index + 1;
    const fields = raw.split("\t");
    const first = fields[0] ?? "";
    if (first.startsWith("!")) {
      const type = first.slice(1);
      if (!KNOWN_TYPES.has(type)) throw new IifError(line, `unknown record type ${first}`);
      headers.set(type, fields.slice(1));
      return;
    }
    const columns = headers.get(first);
    if (!columns) throw new IifError(line, `a ${first || "blank"} row with no !${first} header before it`);
    if (fields.length - 1 !== columns.length)
      throw new IifError(line, `${first} has ${fields.length - 1} fields; its header has ${columns.length}`);
    const record: IifRecord = {
      type: first,
      line,
      fields: Object.fromEntries(columns.map((column, at) => [column, fields[at + 1]!])),
    };
    if (first === "TIMEACT") {
      if (!/^(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])\/\d{2}$/.test(record.fields.DATE ?? ""))
        throw new IifError(line, `DATE ${record.fields.DATE ?? ""} is not MM/DD/YY`);
      const duration = /^(\d{2}):([0-5]\d)$/.exec(record.fields.DURATION ?? "");
      if (!duration || Number(duration[1]) > 23)
        throw new IifError(line, `DURATION ${record.fields.DURATION ?? ""} is not HH:MM of at most 23:59`);
    }
    records.push(record);
  });
  return records;
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
    .map((record) => {
      const [month, day, year] = record.fields.DATE!.split("/");
      const [hours, minutes] = record.fields.DURATION!.split(":");
      return {
        date: `20${year}-${month}-${day}`,
        job: record.fields.JOB ?? "",
        worker: record.fields.EMP ?? "",
        item: record.fields.ITEM ?? "",
        minutes: Number(hours) * 60 + Number(minutes),
        note: record.fields.NOTE ?? "",
        billable: record.fields.BILLINGSTATUS === "1",
      };
    });
}
