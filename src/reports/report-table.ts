/**
 * The flat table every file format prints (CSV and XLSX row for row): a header, then one row per
 * event, each starting with what it is (entry, group, subtotal, total) and naming its groups in
 * its own columns, so a spreadsheet can filter or pivot without the layout. Cells are typed
 * (an amount is minor units, hours are minutes) and turned into text only by `cellText`, through
 * the domain's formatters: never through a float. Pure.
 */
import { formatHours } from "../domain/duration.js";
import { formatAmount, formatQuantity, formatRate } from "../domain/money.js";
import { closesParent, type ReportEvent, type ReportHead } from "./report-events.js";
import type { GroupBy, GroupKey, ReportLine, Totals } from "./report.js";

export type Cell =
  | { type: "text"; value: string }
  /** A count or a number of minutes. */
  | { type: "integer"; value: number }
  | { type: "hours"; minutes: number }
  /** Minor units of the firm's currency. */
  | { type: "amount"; value: number }
  /** Ten-thousandths. */
  | { type: "rate"; value: number }
  /** Thousandths of a unit. */
  | { type: "quantity"; value: number }
  | { type: "blank" };

export type RowRole = "entry" | "group" | "subtotal" | "total";

export interface TableRow {
  role: RowRole;
  cells: Cell[];
}

const text = (value: string): Cell => ({ type: "text", value });
const integer = (value: number): Cell => ({ type: "integer", value });
const hours = (minutes: number): Cell => ({ type: "hours", minutes });
const amount = (value: number): Cell => ({ type: "amount", value });
const BLANK: Cell = { type: "blank" };

export function cellText(cell: Cell, minorDigits: number): string {
  switch (cell.type) {
    case "text":
      return cell.value;
    case "integer":
      return String(cell.value);
    case "hours":
      return formatHours(cell.minutes);
    case "amount":
      return formatAmount(cell.value, minorDigits);
    case "rate":
      return formatRate(cell.value);
    case "quantity":
      return formatQuantity(cell.value);
    case "blank":
      return "";
  }
}

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
function keyCells(groupBy: readonly GroupBy[], path: readonly GroupKey[]): Cell[] {
  return groupBy.flatMap((by, level) => {
    const key = path[level];
    if (!key) return KEY_COLUMNS[by].map(() => BLANK);
    return by === "month" ? [text(key.code)] : [text(key.code), text(key.name)];
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

const basicCells = (totals: Totals): Cell[] => [
  hours(totals.minutes),
  hours(totals.billableMinutes),
  amount(totals.amount),
  amount(totals.billableAmount),
  integer(totals.timeEntries),
  integer(totals.expenseEntries),
];

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

function lineCells(line: ReportLine): Cell[] {
  const time = line.kind === "time";
  return [
    text(line.date),
    text(line.kind),
    text(line.staffNumber),
    text(line.staffName),
    text(line.clientCode),
    text(line.clientName),
    text(line.projectCode ?? ""),
    text(line.workCode),
    text(line.description),
    time ? integer(line.quantity) : BLANK,
    time ? hours(line.quantity) : BLANK,
    time ? BLANK : { type: "quantity", value: line.quantity },
    { type: "rate", value: line.rate },
    amount(line.amount),
    text(line.billable ? "yes" : "no"),
    text(line.status),
  ];
}

/** A subtotal or total in the detailed layout: minutes, hours and amount; the rest blank. */
function detailedTotalCells(totals: Totals): Cell[] {
  const cells = DETAILED_COLUMNS.map((): Cell => BLANK);
  cells[DETAILED_COLUMNS.indexOf("minutes")] = integer(totals.minutes);
  cells[DETAILED_COLUMNS.indexOf("hours")] = hours(totals.minutes);
  cells[DETAILED_COLUMNS.indexOf("amount")] = amount(totals.amount);
  return cells;
}

/** The column names, the first being `row` (what each row is). */
export const tableHeader = (head: ReportHead): string[] =>
  head.type === "basic"
    ? ["row", ...keyHeader(head.groupBy), ...BASIC_COLUMNS]
    : ["row", ...keyHeader(head.groupBy, "group "), ...DETAILED_COLUMNS];

/**
 * The row of one event, if it prints one: a detailed report an entry row per line and a
 * subtotal where each group closes; a basic report a row per group (sub-groups before their
 * parent's subtotal). A group opening prints nothing here. `cells` excludes the role column.
 */
export function tableRow(head: ReportHead, event: ReportEvent): TableRow | null {
  const { groupBy } = head;
  const basic = head.type === "basic";
  switch (event.kind) {
    case "open":
      return null;
    case "line":
      return basic
        ? null
        : { role: "entry", cells: [...keyCells(groupBy, event.path), ...lineCells(event.line)] };
    case "close": {
      const keys = keyCells(groupBy, event.path);
      if (!basic) return { role: "subtotal", cells: [...keys, ...detailedTotalCells(event.totals)] };
      const role = closesParent(head, event.path) ? "subtotal" : "group";
      return { role, cells: [...keys, ...basicCells(event.totals)] };
    }
    case "total":
      return {
        role: "total",
        cells: [
          ...keyCells(groupBy, []),
          ...(basic ? basicCells(event.totals) : detailedTotalCells(event.totals)),
        ],
      };
  }
}
