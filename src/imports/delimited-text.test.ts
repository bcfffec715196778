import { describe, expect, it } from "vitest";
import type { RowProblem } from "../domain/errors.js";
import { readRows } from "./columns.js";
import { decodeText, detectDelimiter, parseDelimited } from "./delimited-text.js";

/** The problems an IMPORT_INVALID error carries. */
function problemsOf(work: () => unknown): RowProblem[] {
  try {
    work();
  } catch (error) {
    expect(error).toMatchObject({ code: "IMPORT_INVALID" });
    return (error as { details: { problems: RowProblem[] } }).details.problems;
  }
  throw new Error("expected IMPORT_INVALID");
}

describe("delimited text", () => {
  it("takes the delimiter the header line uses most, outside quotes", () => {
    expect(detectDelimiter("Code,Type,Name")).toBe(",");
    expect(detectDelimiter("Code\tType\tName")).toBe("\t");
    expect(detectDelimiter("Code;Type;Name")).toBe(";");
    expect(detectDelimiter("Code|Type|Name")).toBe("|");
    expect(detectDelimiter('"Name, full";Code;Type')).toBe(";");
    expect(detectDelimiter("Code")).toBe(",");
  });

  it("numbers rows by the physical line they start on, past BOM, CRLF, blank lines and multi-line values", () => {
    const text =
      '\uFEFFCode, Name, Address\r\n\r\nA1, "Smith, Jones & Co", "1 High St\r\nLeeds"\r\n,,\r\nB2,Beta,\r\n';
    const table = parseDelimited(text);
    expect(table.header).toEqual(["Code", "Name", "Address"]);
    expect(table.headerLine).toBe(1);
    expect(table.rows).toEqual([
      { line: 3, cells: ["A1", "Smith, Jones & Co", "1 High St\nLeeds"] },
      { line: 6, cells: ["B2", "Beta", ""] },
    ]);
  });

  it("reads doubled quotes and keeps a stray quote inside an unquoted value", () => {
    const table = parseDelimited('Code\tDescription\nA\t"He said ""yes"""\nB\t12" pipe');
    expect(table.delimiter).toBe("\t");
    expect(table.rows.map((row) => row.cells[1])).toEqual(['He said "yes"', '12" pipe']);
  });

  it("names the line of a quote that is never closed, and refuses empty text", () => {
    expect(problemsOf(() => parseDelimited('Code,Name\nA,"open\nB,x'))).toEqual([
      {
        line: 3,
        reason: 'a quoted value is never closed: the file ends inside quotes (check for a stray ")',
      },
    ]);
    expect(problemsOf(() => parseDelimited("\n  \n"))).toEqual([
      { line: 1, reason: "the text is empty: expected a header line" },
    ]);
  });

  it("decodes UTF-8, UTF-16 with a byte order mark, and Windows-1252", () => {
    expect(decodeText(Buffer.from("Café", "utf8"))).toBe("Café");
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Café", "utf16le")]))).toBe(
      "Café",
    );
    expect(decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe("Café");
  });
});

describe("columns", () => {
  const specs = {
    code: { header: "Work Code", required: true },
    name: { header: "Name", required: true },
    note: { header: "Note" },
  } as const;

  it("matches header names ignoring case, spaces and underscores, in any order; absent optional columns read empty", () => {
    const rows = readRows(parseDelimited("NAME,work_code\nAudit,AUD"), specs, "work codes");
    expect(rows).toEqual([{ line: 2, cells: { code: "AUD", name: "Audit", note: "" }, extraValues: 0 }]);
  });

  it("lists unknown and missing columns once, on the header's line", () => {
    expect(
      problemsOf(() => readRows(parseDelimited("Code,Colour,Size\nA,red,2"), specs, "work codes")),
    ).toEqual([
      {
        line: 1,
        reason: 'unknown columns "Code", "Colour", "Size"; work codes take: Work Code, Name, Note (optional)',
      },
      { line: 1, reason: 'missing columns "Work Code", "Name"' },
    ]);
  });

  it("refuses a column named twice and a column without a name", () => {
    expect(
      problemsOf(() => readRows(parseDelimited("Work Code,,Name,workcode\nA,,B,C"), specs, "work codes")),
    ).toEqual([
      { line: 1, reason: "the header leaves column 2 without a name" },
      { line: 1, reason: 'the header names column "Work Code" more than once' },
    ]);
  });

  it("ignores empty columns after the last one but counts values in them", () => {
    const rows = readRows(parseDelimited("Work Code,Name,,\nA,Audit,,\nB,Books,,oops"), specs, "work codes");
    expect(rows.map((row) => row.extraValues)).toEqual([0, 1]);
  });
});
