/**
 * Reports as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled. Amounts are decimal text in the firm's minor
 * digits ("1234.50"), made from the integers by formatAmount: never through a float.
 *
 * Every row names its groups in its own columns, and a first `row` column says what it is
 * (entry, group, subtotal, total), so a spreadsheet can filter or pivot without the layout.
 */
import { formatHours } from "../domain/duration.js";
import { formatAmount, formatQuantity, formatRate } from "../domain/money.js";
import type { GroupBy, GroupKey, Report, ReportGroup, ReportLine, Totals } from "./report.js";

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvRecord = (fields: readonly string[]): string => fields.map(csvField).join(",") + "\r\n";

const KEY_COLUMNS: Record<GroupBy, string[]> = {
  client: ["client code", "client name"],
  staff: ["staff number", "staff name"],
  workcode: ["work code", "work code name"],
  month: ["month"],
};

/** The group columns' names; `prefix` keeps them apart from a detailed line's own client, staff... columns. */
const keyHeader = (groupBy: readonly GroupBy[], prefix = ""): string[] =>
  groupBy.flatMap((by) => KEY_COLUMNS[by].map((column) => prefix + column));

/** The group columns of a row: filled down to its own level, blank below. */
function keyCells(groupBy: readonly GroupBy[], path: readonly GroupKey[]): string[] {
  return groupBy.flatMap((by, level) => {
    const key = path[level];
    if (!key) return KEY_COLUMNS[by].map(() => "");
    return by === "month" ? [key.code] : [key.code, key.name];
  });
}

const BASIC_COLUMNS = [
  "hours",
  "billable hours",
  "amount",
  "billable amount",
  "time entries",
  "expense entries",
];

function basicCells(totals: Totals, minorDigits: number): string[] {
  return [
    formatHours(totals.minutes),
    formatHours(totals.billableMinutes),
    formatAmount(totals.amount, minorDigits),
    formatAmount(totals.billableAmount, minorDigits),
    String(totals.timeEntries),
    String(totals.expenseEntries),
  ];
}

function basicCsv(report: Report): string {
  const { groupBy } = report;
  const digits = report.firm.minorDigits;
  const out = [csvRecord(["row", ...keyHeader(groupBy), ...BASIC_COLUMNS])];
  const walk = (group: ReportGroup, path: GroupKey[]) => {
    const here = [...path, group.key];
    group.groups.forEach((sub) => walk(sub, here));
    const row = group.groups.length ? "subtotal" : "group";
    out.push(csvRecord([row, ...keyCells(groupBy, here), ...basicCells(group.totals, digits)]));
  };
  report.groups.forEach((group) => walk(group, []));
  out.push(csvRecord(["total", ...keyCells(groupBy, []), ...basicCells(report.total, digits)]));
  return out.join("");
}

const DETAILED_COLUMNS = [
  "date",
  "kind",
  "staff number",
  "staff name",
  "client code",
  "client name",
  "project",
  "work code",
  "description",
  "minutes",
  "hours",
  "quantity",
  "rate",
  "amount",
  "billable",
  "status",
];

function lineCells(line: ReportLine, minorDigits: number): string[] {
  const time = line.kind === "time";
  return [
    line.date,
    line.kind,
    line.staffNumber,
    line.staffName,
    line.clientCode,
    line.clientName,
    line.projectCode ?? "",
    line.workCode,
    line.description,
    time ? String(line.quantity) : "",
    time ? formatHours(line.quantity) : "",
    time ? "" : formatQuantity(line.quantity),
    formatRate(line.rate),
    formatAmount(line.amount, minorDigits),
    line.billable ? "yes" : "no",
    line.status,
  ];
}

/** A subtotal or total in the detailed layout: minutes, hours and amount; the rest blank. */
function detailedTotalCells(totals: Totals, minorDigits: number): string[] {
  const cells = DETAILED_COLUMNS.map(() => "");
  cells[DETAILED_COLUMNS.indexOf("minutes")] = String(totals.minutes);
  cells[DETAILED_COLUMNS.indexOf("hours")] = formatHours(totals.minutes);
  cells[DETAILED_COLUMNS.indexOf("amount")] = formatAmount(totals.amount, minorDigits);
  return cells;
}

function detailedCsv(report: Report): string {
  const { groupBy } = report;
  const digits = report.firm.minorDigits;
  const out = [csvRecord(["row", ...keyHeader(groupBy, "group "), ...DETAILED_COLUMNS])];
  const walk = (group: ReportGroup, path: GroupKey[]) => {
    const here = [...path, group.key];
    const keys = keyCells(groupBy, here);
    for (const line of group.lines) out.push(csvRecord(["entry", ...keys, ...lineCells(line, digits)]));
    group.groups.forEach((sub) => walk(sub, here));
    out.push(csvRecord(["subtotal", ...keys, ...detailedTotalCells(group.totals, digits)]));
  };
  report.groups.forEach((group) => walk(group, []));
  out.push(csvRecord(["total", ...keyCells(groupBy, []), ...detailedTotalCells(report.total, digits)]));
  return out.join("");
}

export const reportToCsv = (report: Report): string =>
  report.type === "basic" ? basicCsv(report) : detailedCsv(report);
