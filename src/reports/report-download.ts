/**
 * A report as a file to download: CSV, XLSX or PDF, written event by event into a stream as
 * the store is read (report-stream.ts), pausing while the stream is full, so a slow download
 * holds about a page of lines in memory, never the report.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { setImmediate } from "node:timers/promises";
import { csvHeader, csvOfEvent } from "./report-csv.js";
import { reportFileName } from "./report-criteria.js";
import type { ReportSource } from "./report-stream.js";

export const DOWNLOAD_FORMATS = ["csv", "xlsx", "pdf"] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export const DOWNLOAD_CONTENT_TYPES: Record<DownloadFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

export const downloadFileName = (source: ReportSource, firmLabel: string, format: DownloadFormat): string =>
  reportFileName(source.head, firmLabel, format);

/** The stream was closed before the report was written (the download was cancelled). */
export class DownloadClosed extends Error {
  constructor() {
    super("the download was closed before the report was written");
    this.name = "DownloadClosed";
  }
}

const YIELD_EVERY = 256;

/**
 * A pause to call after each row: every few rows it lets the event loop turn (pdfkit's pipe and
 * the XLSX zip hand their output on in later ticks, and never push back on what they are
 * given), then waits while `out` is full. Rejects once `out` is closed.
 */
export function pacer(out: Writable): () => Promise<void> {
  let calls = 0;
  return async () => {
    if (++calls % YIELD_EVERY === 0) await setImmediate();
    await roomIn(out);
  };
}

/** Resolves at once while `out` has room, else when it drains; rejects if it closes first. */
async function roomIn(out: Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new DownloadClosed();
  if (!out.writableNeedDrain) return;
  const stop = new AbortController();
  try {
    await Promise.race([
      once(out, "drain", { signal: stop.signal }),
      once(out, "close", { signal: stop.signal }).then(() => {
        throw new DownloadClosed();
      }),
    ]);
  } finally {
    stop.abort();
  }
}

const CSV_CHUNK = 64 * 1024;

async function writeCsv(source: ReportSource, out: Writable, room: () => Promise<void>): Promise<void> {
  let chunk = csvHeader(source.head);
  for await (const event of source.events) {
    chunk += csvOfEvent(source.head, event);
    if (chunk.length >= CSV_CHUNK) {
      out.write(chunk);
      chunk = "";
      await room();
    }
  }
  out.end(chunk);
}

/**
 * Writes the report into `out` in the format asked for and ends `out`. If reading or writing
 * fails, or `out` is closed early, it stops reading and rejects; the caller destroys `out`.
 */
export async function writeDownload(
  format: DownloadFormat,
  source: ReportSource,
  out: Writable,
): Promise<void> {
  const room = pacer(out);
  switch (format) {
    case "csv":
      return writeCsv(source, out, room);
    // exceljs and pdfkit are loaded on first use: at start-up they cost every `firmtime`
    // command and server about half a second, for the few that write a spreadsheet or a PDF.
    case "xlsx": {
      const { writeXlsx } = await import("./report-xlsx.js");
      return writeXlsx(source.head, source.events, out, room);
    }
    case "pdf": {
      const { writePdf } = await import("./report-pdf.js");
      return writePdf(source.head, source.events, out, room);
    }
  }
}
