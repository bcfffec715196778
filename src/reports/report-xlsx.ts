/**
 * Reports as XLSX: sheet "Report" holds report-table's rows (the CSV's, row for row) with typed
 * cells: amounts, hours, rates and quantities are numbers formatted with their decimals, so a
 * spreadsheet adds them; subtotal and total rows are bold. Sheet "Criteria" says what the report
 * covers. Rows are committed as they come, so the workbook streams.
 */
import type { Writable } from "node:stream";
import { formatHours } from "../domain/duration.js";
import { formatAmount, formatQuantity, formatRate } from "../domain/money.js";
import { criteriaLines } from "./report-criteria.js";
import type { ReportEvent, ReportHead } from "./report-events.js";
import { tableHeader, tableRow, type Cell } from "./report-table.js";
import { xlsxWorkbook, type SheetCell } from "./xlsx-sheet.js";

const amountFormat = (minorDigits: number): string =>
  minorDigits > 0 ? `#,##0.${"0".repeat(minorDigits)}` : "#,##0";

function sheetCell(cell: Cell, minorDigits: number): SheetCell {
  switch (cell.type) {
    case "text":
      return { kind: "text", text: cell.value };
    case "integer":
      return { kind: "number", decimal: String(cell.value), format: "0" };
    case "hours":
      return { kind: "number", decimal: formatHours(cell.minutes), format: "0.00" };
    case "amount":
      return {
        kind: "number",
        decimal: formatAmount(cell.value, minorDigits),
        format: amountFormat(minorDigits),
      };
    case "rate":
      return { kind: "number", decimal: formatRate(cell.value), format: "0.00##" };
    case "quantity":
      return { kind: "number", decimal: formatQuantity(cell.value), format: "General" };
    case "blank":
      return { kind: "blank" };
  }
}

const text = (value: string): SheetCell => ({ kind: "text", text: value });

/** Writes the workbook to `out` and ends it; `room` waits while `out` is full. */
export async function writeXlsx(
  head: ReportHead,
  events: AsyncIterable<ReportEvent> | Iterable<ReportEvent>,
  out: Writable,
  room: () => Promise<void>,
): Promise<void> {
  const workbook = xlsxWorkbook(out);
  const header = tableHeader(head);
  const sheet = workbook.addSheet({
    name: "Report",
    widths: header.map((name) => Math.max(10, Math.min(40, name.length + 2))),
    frozenRows: 1,
  });
  sheet.addRow(header.map(text), { bold: true });
  const digits = head.firm.minorDigits;
  for await (const event of events) {
    const row = tableRow(head, event);
    if (!row) continue;
    const cells = [text(row.role), ...row.cells.map((cell) => sheetCell(cell, digits))];
    sheet.addRow(cells, { bold: row.role !== "entry" && row.role !== "group" });
    await room();
  }
  const criteria = workbook.addSheet({ name: "Criteria", widths: [18, 60] });
  for (const [label, value] of criteriaLines(head)) criteria.addRow([text(label), text(value)]);
  await workbook.finish();
}
