/**
 * Reports as PDF (pdfkit, which streams): a heading with the firm, the report, its period and
 * filters; a table whose groups open with a heading line and close with a bold subtotal; the
 * grand total last. Every figure is the domain's formatted text of the integers (amounts as
 * formatAmount prints them, hours as formatHours), the same text as the CSV and the JSON.
 * Pages are written as they fill, so the document streams; the column heading repeats on
 * every page. Built-in Helvetica: text outside Windows-1252 does not print faithfully.
 */
import type { Writable } from "node:stream";
import PDFDocument from "pdfkit";
import { criteriaLines, periodText } from "./report-criteria.js";
import type { ReportEvent, ReportHead } from "./report-events.js";
import { cellText, type Cell } from "./report-table.js";
import { GROUP_TITLES, type GroupKey, type ReportLine, type Totals } from "./report.js";

interface Column {
  title: string;
  /** Points; 0 takes what the fixed columns leave. */
  width: number;
  align: "left" | "right";
}

const DETAILED: Column[] = [
  { title: "Date", width: 52, align: "left" },
  { title: "Staff", width: 48, align: "left" },
  { title: "Client", width: 56, align: "left" },
  { title: "Project", width: 48, align: "left" },
  { title: "Work code", width: 50, align: "left" },
  { title: "Description", width: 0, align: "left" },
  { title: "Hours / qty", width: 52, align: "right" },
  { title: "Rate", width: 56, align: "right" },
  { title: "Amount", width: 72, align: "right" },
  { title: "Billable", width: 38, align: "left" },
  { title: "Status", width: 52, align: "left" },
];

const BASIC: Column[] = [
  { title: "Group", width: 0, align: "left" },
  { title: "Hours", width: 60, align: "right" },
  { title: "Billable hours", width: 66, align: "right" },
  { title: "Amount", width: 84, align: "right" },
  { title: "Billable amount", width: 84, align: "right" },
  { title: "Time entries", width: 56, align: "right" },
  { title: "Expense entries", width: 64, align: "right" },
];

const MARGIN = 36;
const FONT_SIZE = 8;
const ROW = 13;
const INDENT = 10;

const keyText = (key: GroupKey): string => (key.name ? `${key.code}  ${key.name}` : key.code);

/** Writes the document to `out` and ends it; `room` waits while `out` is full. */
export async function writePdf(
  head: ReportHead,
  events: AsyncIterable<ReportEvent> | Iterable<ReportEvent>,
  out: Writable,
  room: () => Promise<void>,
): Promise<void> {
  const title = `${head.type === "basic" ? "Basic" : "Detailed"} report, ${periodText(head.criteria.from, head.criteria.to)}`;
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: MARGIN,
    autoFirstPage: false,
    info: { Title: `${head.firm.name}: ${title}`, Creator: "firmtime" },
  });
  doc.pipe(out);
  const columns = head.type === "basic" ? BASIC : DETAILED;
  const table = new PdfTable(doc, columns, head.firm.minorDigits);
  table.start(head, title);
  for await (const event of events) {
    table.print(head, event);
    await room();
  }
  doc.end();
}

class PdfTable {
  private readonly x: number[] = [];
  private readonly widths: number[];
  private y = 0;
  private page = 0;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly columns: Column[],
    private readonly minorDigits: number,
  ) {
    doc.addPage();
    const usable = doc.page.width - 2 * MARGIN;
    const fixed = columns.reduce((sum, column) => sum + column.width, 0);
    this.widths = columns.map((column) => column.width || usable - fixed);
    let x = MARGIN;
    for (const width of this.widths) {
      this.x.push(x);
      x += width;
    }
  }

  start(head: ReportHead, title: string): void {
    this.page = 1;
    this.doc.font("Helvetica-Bold").fontSize(14).text(head.firm.name, MARGIN, MARGIN, { lineBreak: false });
    this.doc.fontSize(11).text(title, MARGIN, MARGIN + 20, { lineBreak: false });
    this.y = MARGIN + 40;
    this.doc.font("Helvetica").fontSize(FONT_SIZE);
    for (const [label, value] of criteriaLines(head).slice(3)) {
      this.doc.text(`${label}: ${value}`, MARGIN, this.y, { lineBreak: false });
      this.y += ROW;
    }
    this.y += ROW / 2;
    this.columnHeading();
  }

  print(head: ReportHead, event: ReportEvent): void {
    const levels = head.groupBy.length;
    switch (event.kind) {
      case "open": {
        const key = event.path.at(-1)!;
        // A basic report's last-level groups are rows of their own, not headings.
        if (head.type === "basic" && event.path.length === levels) return;
        this.heading(`${GROUP_TITLES[key.by]} ${keyText(key)}`, event.path.length - 1);
        return;
      }
      case "line":
        this.row(lineCells(event.line), false);
        return;
      case "close": {
        const key = event.path.at(-1)!;
        const indent = event.path.length - 1;
        if (head.type === "basic") {
          const leaf = event.path.length === levels;
          this.row(basicCells(leaf ? keyText(key) : `Subtotal ${key.code}`, event.totals), !leaf, indent);
        } else {
          this.row(detailedTotalCells(`Subtotal ${GROUP_TITLES[key.by]} ${key.code}`, event.totals), true);
        }
        return;
      }
      case "total":
        this.y += ROW / 3;
        this.row(
          head.type === "basic"
            ? basicCells("Total", event.totals)
            : detailedTotalCells("Total", event.totals),
          true,
        );
        return;
    }
  }

  private room(): void {
    if (this.y + ROW <= this.doc.page.height - MARGIN) return;
    this.doc.addPage();
    this.page += 1;
    this.doc.font("Helvetica").fontSize(FONT_SIZE);
    const label = `page ${this.page}`;
    this.doc.text(label, this.doc.page.width - MARGIN - this.doc.widthOfString(label), MARGIN / 2, {
      lineBreak: false,
    });
    this.y = MARGIN;
    this.columnHeading();
  }

  private columnHeading(): void {
    this.row(
      this.columns.map((column) => ({ type: "text", value: column.title })),
      true,
    );
    const line = this.y - 2;
    this.doc
      .moveTo(MARGIN, line)
      .lineTo(this.doc.page.width - MARGIN, line)
      .lineWidth(0.5)
      .stroke();
    this.y += 2;
  }

  private heading(text: string, level: number): void {
    this.room();
    this.doc.font("Helvetica-Bold").fontSize(FONT_SIZE);
    this.doc.text(this.fit(text, this.doc.page.width - 2 * MARGIN), MARGIN + level * INDENT, this.y, {
      lineBreak: false,
    });
    this.y += ROW;
  }

  private row(cells: readonly Cell[], bold: boolean, indent = 0): void {
    this.room();
    this.doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(FONT_SIZE);
    cells.forEach((cell, index) => {
      const column = this.columns[index]!;
      const pad = index === 0 ? indent * INDENT : 0;
      const width = this.widths[index]! - 4 - pad;
      // Figures are never shortened: their columns are wide enough for any safe integer's text.
      const raw = cellText(cell, this.minorDigits);
      const text = cell.type === "text" ? this.fit(raw, width) : raw;
      if (!text) return;
      const x =
        column.align === "right"
          ? this.x[index]! + this.widths[index]! - 4 - this.doc.widthOfString(text)
          : this.x[index]! + pad;
      this.doc.text(text, x, this.y, { lineBreak: false });
    });
    this.y += ROW;
  }

  /** The text, shortened with "..." to fit `width` points (figures always fit their columns). */
  private fit(text: string, width: number): string {
    const oneLine = text.replace(/\s+/g, " ");
    if (this.doc.widthOfString(oneLine) <= width) return oneLine;
    let length = oneLine.length;
    while (length > 0 && this.doc.widthOfString(oneLine.slice(0, length) + "...") > width) length--;
    return oneLine.slice(0, length) + "...";
  }
}

const text = (value: string): Cell => ({ type: "text", value });
const BLANK: Cell = { type: "blank" };

function lineCells(line: ReportLine): Cell[] {
  const time = line.kind === "time";
  return [
    text(line.date),
    text(line.staffNumber),
    text(line.clientCode),
    text(line.projectCode ?? ""),
    text(line.workCode),
    text(line.description),
    time ? { type: "hours", minutes: line.quantity } : { type: "quantity", value: line.quantity },
    { type: "rate", value: line.rate },
    { type: "amount", value: line.amount },
    text(line.billable ? "yes" : "no"),
    text(line.status),
  ];
}

function detailedTotalCells(label: string, totals: Totals): Cell[] {
  const cells = DETAILED.map((): Cell => BLANK);
  cells[5] = text(label);
  cells[6] = { type: "hours", minutes: totals.minutes };
  cells[8] = { type: "amount", value: totals.amount };
  return cells;
}

const basicCells = (label: string, totals: Totals): Cell[] => [
  text(label),
  { type: "hours", minutes: totals.minutes },
  { type: "hours", minutes: totals.billableMinutes },
  { type: "amount", value: totals.amount },
  { type: "amount", value: totals.billableAmount },
  { type: "integer", value: totals.timeEntries },
  { type: "integer", value: totals.expenseEntries },
];
