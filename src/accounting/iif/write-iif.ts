/**
 * IIF, QuickBooks Desktop's import format: tab-delimited, a `!TYPE` header row naming the
 * columns of the `TYPE` rows after it, CRLF line ends as QuickBooks writes them.
 *
 * - writeIifLists: the lists a time file needs (!CUST with jobs as "Client:Job", !EMP and !VEND
 *   by the worker's kind, !INVITEM), customers before their jobs so QuickBooks knows the parent.
 * - writeIifTime: !TIMERHDR + !TIMEACT, one row per entry (or several for a day over 23:59).
 * - writeIif: both in one file, laid out as QuickBooks Timer exports: header, lists, activities.
 *
 * The writers return text; store it as iifBytes(text) (Windows-1252, what QuickBooks reads).
 *
 * IIF has no ids: importing a file twice makes twins, so the connector records what was written
 * and does not write it again unless asked.
 *
 * Expenses are NOT written. IIF could carry them only as !TRNS/!SPL bills or checks, which need
 * the firm's bank or payable account and a vendor per employee (a vendor named as an employee is
 * a duplicate name in QuickBooks). The design sends expenses through the Web Connector
 * (BillAdd), QuickBooks Online or an hledger journal instead; the connector lists them as skipped.
 */
import { invalid } from "../../domain/errors.js";
import type { ExportBatch, ExportCustomer, ExportTimeEntry } from "../export-batch.js";
import { iifDate, iifDurations, iifField, iifListName } from "./iif-fields.js";

const CRLF = "\r\n";

const row = (fields: readonly string[]) => fields.map(iifField).join("\t");
const text = (rows: readonly string[]) => rows.map((line) => line + CRLF).join("");

export const TIMEACT_COLUMNS = [
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
] as const;

/**
 * Each customer's IIF name: its own name, after its parent's for a job ("Client:Job"), each
 * level cleaned alone so a ':' typed in a name cannot make a level of its own. A job whose
 * parent is not in the batch keeps the full name the batch gives.
 */
export function iifCustomerNames(customers: readonly ExportCustomer[]): Map<string, string> {
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  const names = new Map<string, string>();
  for (const customer of customers) {
    const parent = customer.parentId === null ? undefined : byId.get(customer.parentId);
    const own = iifListName(customer.name);
    if (customer.parentId === null) names.set(customer.id, own);
    else if (parent) names.set(customer.id, `${iifListName(parent.name)}:${own}`);
    else names.set(customer.id, iifField(customer.fullName));
  }
  return names;
}

function listRows(batch: ExportBatch): string[] {
  const names = iifCustomerNames(batch.customers);
  const customers = [
    ...batch.customers.filter((customer) => customer.parentId === null),
    ...batch.customers.filter((customer) => customer.parentId !== null),
  ];
  const workersOf = (kind: "employee" | "vendor") =>
    batch.workers.filter((worker) => worker.kind === kind).map((worker) => iifListName(worker.name));
  return [
    row(["!CUST", "NAME"]),
    ...customers.map((customer) => row(["CUST", names.get(customer.id)!])),
    row(["!EMP", "NAME"]),
    ...workersOf("employee").map((name) => row(["EMP", name])),
    row(["!VEND", "NAME"]),
    ...workersOf("vendor").map((name) => row(["VEND", name])),
    row(["!INVITEM", "NAME", "INVITEMTYPE"]),
    // Work codes are service items; expense items are "other charge" items, as QuickBooks keeps
    // reimbursable charges.
    ...batch.items.map((item) =>
      row(["INVITEM", iifListName(item.name), item.kind === "service" ? "SERV" : "OTHC"]),
    ),
  ];
}

function timerHeaderRows(batch: ExportBatch): string[] {
  return [
    row(["!TIMERHDR", "VER", "REL", "COMPANYNAME", "IMPORTEDBEFORE", "FROMTIMER", "COMPANYCREATETIME"]),
    row(["TIMERHDR", "8", "0", batch.firm.name, "N", "Y", "0"]),
  ];
}

function timeActivityRows(batch: ExportBatch): string[] {
  const customers = iifCustomerNames(batch.customers);
  const workers = new Map(batch.workers.map((worker) => [worker.id, iifListName(worker.name)]));
  const items = new Map(batch.items.map((item) => [item.id, iifListName(item.name)]));
  const named = (names: Map<string, string>, id: string, what: string, entry: ExportTimeEntry) => {
    const name = names.get(id);
    // QuickBooks refuses a TIMEACT whose JOB, EMP or ITEM it does not know: a batch that does not
    // list them is a bug upstream, better stopped here than half-imported.
    if (name === undefined) throw invalid(`time entry ${entry.id} names ${what} ${id}, not in the batch`);
    return name;
  };
  const rows = [row(["!TIMEACT", ...TIMEACT_COLUMNS])];
  for (const entry of batch.time) {
    if (entry.minutes < 0) continue; // QuickBooks has no negative time; the connector lists it as skipped
    const job = named(customers, entry.customerId, "customer", entry);
    const worker = named(workers, entry.workerId, "worker", entry);
    const item = entry.itemId === null ? "" : named(items, entry.itemId, "item", entry);
    // QuickBooks refuses a duration over 23:59: a longer day goes as several rows of the same
    // day, all alike but the duration, every one but the last 23:59, adding up exactly.
    for (const duration of iifDurations(entry.minutes)) {
      rows.push(
        row([
          "TIMEACT",
          iifDate(entry.date),
          job,
          worker,
          item,
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
  return rows;
}

/** !CUST, !EMP, !VEND and !INVITEM rows for the batch's lists. */
export const writeIifLists = (batch: ExportBatch): string => text(listRows(batch));

/** !TIMERHDR and !TIMEACT rows for the batch's time (negative entries left out). */
export const writeIifTime = (batch: ExportBatch): string =>
  text([...timerHeaderRows(batch), ...timeActivityRows(batch)]);

/** One file with the lists and the time, as QuickBooks Timer lays out an export. */
export const writeIif = (batch: ExportBatch): string =>
  text([...timerHeaderRows(batch), ...listRows(batch), ...timeActivityRows(batch)]);
