/**
 * Reports as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, quotes doubled. The rows are report-table's; amounts are
 * decimal text in the firm's minor digits ("1234.50"), made from the integers by formatAmount:
 * never through a float.
 */
import { headOf, reportEvents, type ReportEvent, type ReportHead } from "./report-events.js";
import { cellText, tableHeader, tableRow } from "./report-table.js";
import type { Report } from "./report.js";

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvRecord = (fields: readonly string[]): string => fields.map(csvField).join(",") + "\r\n";

export const csvHeader = (head: ReportHead): string => csvRecord(tableHeader(head));

/** The CSV record of one event, or "" for an event that prints no row. */
export function csvOfEvent(head: ReportHead, event: ReportEvent): string {
  const row = tableRow(head, event);
  if (!row) return "";
  return csvRecord([row.role, ...row.cells.map((cell) => cellText(cell, head.firm.minorDigits))]);
}

export function reportToCsv(report: Report): string {
  const head = headOf(report);
  const out = [csvHeader(head)];
  for (const event of reportEvents(report)) out.push(csvOfEvent(head, event));
  return out.join("");
}
