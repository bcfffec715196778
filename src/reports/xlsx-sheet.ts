/**
 * The one door to exceljs (unmaintained since 2023): a streamed one-sheet-at-a-time XLSX writer
 * and a reader for checking what was written. Nothing else in firmtime imports exceljs, so
 * replacing it touches this file only.
 *
 * Numbers arrive as exact decimal text ("1234.50") and become the nearest double, which Excel
 * stores and shows back as the same decimal: a cell reads back to the cent. Past 15 significant
 * digits a double would not, so such a value is written as text instead.
 */
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";

export type SheetCell =
  | { kind: "text"; text: string }
  /** `decimal` is exact decimal text; `format` an Excel number format ("#,##0.00"). */
  | { kind: "number"; decimal: string; format: string }
  | { kind: "blank" };

export interface SheetOptions {
  name: string;
  /** Column widths in characters. */
  widths?: readonly number[];
  /** Rows kept in view when scrolling (the header). */
  frozenRows?: number;
}

export interface SheetWriter {
  addRow(cells: readonly SheetCell[], options?: { bold?: boolean }): void;
}

export interface WorkbookWriter {
  /** Sheets are written one after the other: adding a sheet finishes the one before. */
  addSheet(options: SheetOptions): SheetWriter;
  /** Finishes the workbook and ends the stream it writes to. */
  finish(): Promise<void>;
}

const EXACT_DIGITS = 15;

function cellValue(cell: SheetCell): string | number | null {
  switch (cell.kind) {
    case "text":
      return cell.text;
    case "number":
      return cell.decimal.replace(/[-.]/g, "").replace(/^0+/, "").length > EXACT_DIGITS
        ? cell.decimal
        : Number(cell.decimal);
    case "blank":
      return null;
  }
}

export function xlsxWorkbook(out: Writable): WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  let current: ExcelJS.Worksheet | null = null;
  return {
    addSheet(options) {
      current?.commit();
      const sheet = workbook.addWorksheet(options.name, {
        views: options.frozenRows ? [{ state: "frozen", ySplit: options.frozenRows }] : [],
      });
      if (options.widths) sheet.columns = options.widths.map((width) => ({ width }));
      current = sheet;
      return {
        addRow(cells, rowOptions = {}) {
          const row = sheet.addRow(cells.map(cellValue));
          cells.forEach((cell, index) => {
            const target = row.getCell(index + 1);
            if (cell.kind === "number" && typeof target.value === "number") target.numFmt = cell.format;
            if (rowOptions.bold) target.font = { bold: true };
          });
          row.commit();
        },
      };
    },
    async finish() {
      current?.commit();
      await workbook.commit();
    },
  };
}

/** Every sheet's rows as plain values (numbers as numbers), by sheet name: for checks and tests. */
export async function readXlsx(data: Buffer): Promise<Map<string, (string | number | null)[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheets = new Map<string, (string | number | null)[][]>();
  workbook.eachSheet((sheet) => {
    const rows: (string | number | null)[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values: (string | number | null)[] = [];
      for (let column = 1; column <= sheet.columnCount; column++) {
        const value = row.getCell(column).value;
        values.push(typeof value === "number" || typeof value === "string" ? value : null);
      }
      rows[rowNumber - 1] = values;
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}
