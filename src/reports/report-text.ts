/**
 * Reports as aligned text for a terminal or a printout: a title, the criteria, then one table
 * whose columns line up across every group. Group headings sit between its rows (a detailed
 * report); subtotals and the total are rows of the same table. Pure.
 */
import { renderTable, type Column } from "../cli/table.js";
import { formatHours } from "../domain/duration.js";
import { formatAmount, formatQuantity, formatRate } from "../domain/money.js";
import {
  GROUP_TITLES,
  type GroupKey,
  type Report,
  type ReportGroup,
  type ReportLine,
  type Totals,
} from "./report.js";

type TextRow = { heading: string } | { cells: string[] };

interface TextColumn {
  header: string;
  align?: "left" | "right";
}

/** Renders the cell rows as one table, then puts each heading back in its place between them. */
function renderRows(columns: readonly TextColumn[], rows: readonly TextRow[]): string {
  const cellRows = rows.flatMap((row) => ("cells" in row ? [row.cells] : []));
  const tableColumns: Column<string[]>[] = columns.map((column, index) => ({
    ...column,
    value: (cells) => cells[index] ?? "",
  }));
  const [header, rule, ...body] = renderTable(tableColumns, cellRows).split("\n");
  let next = 0;
  const lines = [header!, rule!];
  for (const row of rows) lines.push("heading" in row ? row.heading : body[next++]!);
  return lines.join("\n") + "\n";
}

const groupLabel = (key: GroupKey): string => (key.name ? `${key.code} ${key.name}` : key.code);

/** Free text on one table line: line breaks become spaces, long text is cut with an ellipsis. */
function oneLine(text: string, width = 50): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, " ").trim();
  return flat.length > width ? flat.slice(0, width - 1) + "…" : flat;
}

function describeCriteria(report: Report): string[] {
  const { criteria } = report;
  const period =
    criteria.from && criteria.to
      ? `${criteria.from} to ${criteria.to}`
      : criteria.from
        ? `from ${criteria.from}`
        : criteria.to
          ? `up to ${criteria.to}`
          : "all dates";
  const kind = criteria.kind === "both" ? "time and expense" : `${criteria.kind} only`;
  const by = report.groupBy.map((level) => GROUP_TITLES[level].toLowerCase()).join(", then ");
  const filters = [
    criteria.staff && `staff ${criteria.staff}`,
    criteria.client && `client ${criteria.client}`,
    criteria.project && `project ${criteria.project}`,
    criteria.workCode && `work code ${criteria.workCode}`,
    criteria.billable !== null && (criteria.billable ? "billable" : "non-billable"),
    criteria.status.length > 0 && `status ${criteria.status.join(", ")}`,
  ].filter((filter): filter is string => typeof filter === "string");
  return [
    `${report.type === "basic" ? "Basic" : "Detailed"} time & expense report: ${report.firm.name}`,
    `Period ${period}; ${kind}; by ${by}; amounts in ${report.firm.currency}`,
    ...(filters.length ? [`Filters: ${filters.join("; ")}`] : []),
  ];
}

const totalsCells = (totals: Totals, minorDigits: number): string[] => [
  formatHours(totals.minutes),
  formatHours(totals.billableMinutes),
  formatAmount(totals.amount, minorDigits),
  formatAmount(totals.billableAmount, minorDigits),
  String(totals.timeEntries),
  String(totals.expenseEntries),
];

function basicText(report: Report): string {
  const digits = report.firm.minorDigits;
  const levels = report.groupBy.length;
  const columns: TextColumn[] = [
    ...report.groupBy.map((by) => ({ header: GROUP_TITLES[by] })),
    ...["Hours", "Billable h", "Amount", "Billable amt", "Time", "Expense"].map((header) => ({
      header,
      align: "right" as const,
    })),
  ];
  const rows: TextRow[] = [];
  const keyCells = (labels: string[]) => Array.from({ length: levels }, (_, level) => labels[level] ?? "");
  for (const group of report.groups) {
    // The parent's name shows on its first sub-group row only, then its subtotal closes it.
    group.groups.forEach((sub, index) =>
      rows.push({
        cells: [
          ...keyCells([index === 0 ? groupLabel(group.key) : "", groupLabel(sub.key)]),
          ...totalsCells(sub.totals, digits),
        ],
      }),
    );
    const label = group.groups.length ? ["", "Subtotal"] : [groupLabel(group.key)];
    rows.push({ cells: [...keyCells(label), ...totalsCells(group.totals, digits)] });
  }
  rows.push({ cells: [...keyCells(["Total"]), ...totalsCells(report.total, digits)] });
  return renderRows(columns, rows);
}

const DETAILED_COLUMNS: TextColumn[] = [
  { header: "Date" },
  { header: "Kind" },
  { header: "Staff" },
  { header: "Client" },
  { header: "Project" },
  { header: "Work code" },
  { header: "Description" },
  { header: "Hours", align: "right" },
  { header: "Qty", align: "right" },
  { header: "Rate", align: "right" },
  { header: "Amount", align: "right" },
  { header: "Billable" },
  { header: "Status" },
];

function lineCells(line: ReportLine, minorDigits: number): string[] {
  const time = line.kind === "time";
  return [
    line.date,
    line.kind,
    `${line.staffNumber} ${line.staffName}`,
    `${line.clientCode} ${line.clientName}`,
    line.projectCode ?? "",
    line.workCode,
    oneLine(line.description),
    time ? formatHours(line.quantity) : "",
    time ? "" : formatQuantity(line.quantity),
    formatRate(line.rate),
    formatAmount(line.amount, minorDigits),
    line.billable ? "yes" : "no",
    line.status,
  ];
}

/** A subtotal or total row of the detailed table: its label, hours and amount. */
function detailedTotalCells(label: string, totals: Totals, minorDigits: number): string[] {
  const cells = DETAILED_COLUMNS.map(() => "");
  const at = (header: string) => DETAILED_COLUMNS.findIndex((column) => column.header === header);
  cells[at("Description")] = label;
  cells[at("Hours")] = formatHours(totals.minutes);
  cells[at("Amount")] = formatAmount(totals.amount, minorDigits);
  return cells;
}

function entryCount(totals: Totals): string {
  const count = totals.timeEntries + totals.expenseEntries;
  return `${count} ${count === 1 ? "entry" : "entries"}`;
}

function detailedText(report: Report): string {
  const digits = report.firm.minorDigits;
  const rows: TextRow[] = [];
  const walk = (group: ReportGroup, depth: number) => {
    const title = `${GROUP_TITLES[group.key.by]} ${groupLabel(group.key)}`;
    rows.push({ heading: `${"  ".repeat(depth)}${title}` });
    for (const line of group.lines) rows.push({ cells: lineCells(line, digits) });
    group.groups.forEach((sub) => walk(sub, depth + 1));
    rows.push({
      cells: detailedTotalCells(`Subtotal ${title} (${entryCount(group.totals)})`, group.totals, digits),
    });
  };
  report.groups.forEach((group) => walk(group, 0));
  rows.push({ cells: detailedTotalCells(`Total (${entryCount(report.total)})`, report.total, digits) });
  return renderRows(DETAILED_COLUMNS, rows);
}

export function reportToText(report: Report): string {
  const body = report.type === "basic" ? basicText(report) : detailedText(report);
  return describeCriteria(report).join("\n") + "\n\n" + body;
}
