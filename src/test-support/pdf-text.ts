/**
 * The visible text of a PDF that firmtime wrote (pdfkit, built-in fonts), for tests: inflates
 * each content stream and reads its text-showing operators (TJ arrays of hex strings, Tj), one
 * string per operator, in drawing order. Enough for our own documents; not a general PDF reader
 * (no other fonts' encodings, no compressed object streams).
 */
import { inflateSync } from "node:zlib";

const STREAM = /<<([^]*?)>>\s*stream\r?\n/g;

function contentStreams(pdf: Buffer): string[] {
  const text = pdf.toString("latin1");
  const out: string[] = [];
  for (const match of text.matchAll(STREAM)) {
    const start = match.index + match[0].length;
    const lengthMatch = /\/Length (\d+)/.exec(match[1]!);
    if (!lengthMatch) continue;
    const data = pdf.subarray(start, start + Number(lengthMatch[1]));
    out.push(
      /\/FlateDecode/.test(match[1]!) ? inflateSync(data).toString("latin1") : data.toString("latin1"),
    );
  }
  return out;
}

const hexText = (hex: string): string => Buffer.from(hex, "hex").toString("latin1");

const literalText = (body: string): string =>
  body.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_all, escape: string) => {
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" };
    if (escape in simple) return simple[escape]!;
    if (/^[0-7]+$/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return escape;
  });

/** Every piece of text the PDF draws, in order. */
export function pdfTextRuns(pdf: Buffer): string[] {
  const runs: string[] = [];
  for (const stream of contentStreams(pdf)) {
    for (const match of stream.matchAll(
      /\[((?:<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\)|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g,
    )) {
      if (match[1] !== undefined) {
        const parts = [...match[1].matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)];
        runs.push(
          parts.map((part) => (part[1] !== undefined ? hexText(part[1]) : literalText(part[2]!))).join(""),
        );
      } else if (match[2] !== undefined) runs.push(hexText(match[2]));
      else runs.push(literalText(match[3]!));
    }
  }
  return runs;
}
