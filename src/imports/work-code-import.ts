/**
 * Work codes as firms list them: `Code, Type, Name, Rate, Surcharge`, Type B or NB, optionally
 * Kind (time or expense; time when absent) and an internal Note. Rate becomes the code's
 * default rate; Surcharge is a percentage ("15", "2.5%") and applies to expense codes only.
 */
import { invalid } from "../domain/errors.js";
import { parseBillable } from "../domain/fields.js";
import { parsePercent, parseRate } from "../domain/money.js";
import {
  addWorkCode,
  listWorkCodes,
  validateWorkCode,
  type WorkCodeInput,
} from "../firm-setup/work-code-service.js";
import type { ColumnSpecs } from "./columns.js";
import type { ImportKind } from "./import-kind.js";
import { checkRows, FirstLines, writeEach, type RowCheck } from "./row-check.js";

const COLUMNS = {
  code: { header: "Code", required: true, aliases: ["Work Code"] },
  type: { header: "Type", required: true, aliases: ["Billable"] },
  name: { header: "Name", required: true },
  rate: { header: "Rate", aliases: ["Default Rate"] },
  surcharge: { header: "Surcharge" },
  kind: { header: "Kind" },
  note: { header: "Note", aliases: ["Internal Note"] },
} as const satisfies ColumnSpecs<string>;

type Column = keyof typeof COLUMNS;

function parseKind(text: string): "time" | "expense" {
  const kind = text.trim().toLowerCase();
  if (kind === "time" || kind === "expense") return kind;
  throw invalid(`kind ${JSON.stringify(text)} must be time or expense`);
}

/** The row as a work code, validated by the service's own rules; undefined if bad. */
function checkWorkCode(check: RowCheck<Column>): WorkCodeInput | undefined {
  const input = {
    code: check.text("code"),
    billable: check.parse("type", parseBillable, true),
    name: check.text("name"),
    rate: check.parse("rate", parseRate, undefined),
    surchargeBp: check.parse("surcharge", parsePercent, 0),
    kind: check.parse("kind", parseKind, "time"),
    internalNote: check.text("note"),
  };
  if (!check.ok) return undefined;
  const fields = check.take(() => validateWorkCode(input), undefined);
  return fields && { ...fields, rate: input.rate };
}

export const workCodeImport: ImportKind<Column> = {
  noun: "work codes",
  columns: COLUMNS,
  async plan(db, scope, rows, onProgress) {
    const existing = new Set((await listWorkCodes(db, scope)).map((workCode) => workCode.code));
    const codes = new FirstLines();
    const { accepted, problems } = await checkRows(
      rows,
      COLUMNS,
      (check) => {
        const input = checkWorkCode(check);
        const code = check.row.cells.code.toUpperCase();
        check.unique(
          code,
          codes,
          `work code ${code}`,
          existing.has(code) ? `work code ${code} already exists` : undefined,
        );
        return input;
      },
      onProgress,
    );
    return {
      problems,
      accepted: accepted.length,
      contactCompaniesToCreate: [],
      write: (tx, progress) => writeEach(accepted, (input) => addWorkCode(tx, scope, input), progress),
    };
  },
};
