import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "./report-csv.js";

describe("CSV fields (RFC 4180)", () => {
  it("leaves plain text alone and quotes commas, quotes and line breaks", () => {
    expect(csvField("Audit fieldwork")).toBe("Audit fieldwork");
    expect(csvField("-1234.50")).toBe("-1234.50");
    expect(csvField("Acme, Ltd")).toBe('"Acme, Ltd"');
    expect(csvField('the "big" client')).toBe('"the ""big"" client"');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField("carriage\rreturn")).toBe('"carriage\rreturn"');
    expect(csvField("")).toBe("");
  });

  it("ends every record with CRLF", () => {
    expect(csvRecord(["a", "b,c", ""])).toBe('a,"b,c",\r\n');
  });

  it("round-trips any text through a standard CSV parser", () => {
    fc.assert(
      // The characters CSV treats specially, among ordinary ones.
      fc.property(
        fc.array(
          fc.array(fc.string({ unit: fc.constantFrom("a", "é", " ", ",", '"', "\n", "\r", "-", "1") }), {
            minLength: 3,
            maxLength: 3,
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (rows) => {
          const text = rows.map(csvRecord).join("");
          expect(parse(text, { relax_column_count: false, record_delimiter: "\r\n" })).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
