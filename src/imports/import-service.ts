/**
 * Imports: delimited text in, records out (shared/design/domain.md, "Imports"). The whole file
 * is checked first, without writing, and every bad row is reported with its line and reason.
 * Then either every row is good and all are written in one transaction, or nothing is written
 * — unless the caller asks to skip bad rows: then the good rows are written and the bad ones
 * reported. A dry run checks and reports what would be written, and writes nothing.
 *
 * Checking and writing run in one transaction, so the rows written are checked against the
 * store exactly as it is when they are written.
 */
import { AppError, type RowProblem } from "../domain/errors.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import { appendAudit } from "../store/audit.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { clientImport } from "./client-import.js";
import { readRows } from "./columns.js";
import { contactImport } from "./contact-import.js";
import { parseDelimited } from "./delimited-text.js";
import { expenseImport, timeImport } from "./entry-import.js";
import type { EntryTotals, ImportKind } from "./import-kind.js";
import type { ProgressListener } from "./row-check.js";
import { staffImport } from "./staff-import.js";
import { workCodeImport } from "./work-code-import.js";

export const IMPORT_KIND_NAMES = ["workcodes", "staff", "clients", "contacts", "time", "expenses"] as const;
export type ImportKindName = (typeof IMPORT_KIND_NAMES)[number];

export const IMPORT_KINDS: Readonly<Record<ImportKindName, ImportKind>> = {
  workcodes: workCodeImport,
  staff: staffImport,
  clients: clientImport,
  contacts: contactImport,
  time: timeImport,
  expenses: expenseImport,
};

export interface ImportRequest {
  kind: ImportKindName;
  /** The file's text or pasted rows: a header line, then one row per line. */
  text: string;
  dryRun?: boolean;
  skipBad?: boolean;
  onProgress?: ProgressListener;
}

export interface ImportResult {
  kind: ImportKindName;
  dryRun: boolean;
  /** Data rows read; blank lines are not rows. */
  rows: number;
  /** Records created (in a dry run: that would be). Contact companies are counted apart. */
  created: number;
  /** Bad rows left out (skipBad). */
  skipped: RowProblem[];
  /** Every bad row. */
  problems: RowProblem[];
  /** Contact companies named by clients or contacts that did not exist, created by the import. */
  contactCompaniesCreated: string[];
  /** Time and expense imports: what the written (or would-be) entries add up to. */
  totals?: EntryTotals;
}

function badRows(problems: RowProblem[], rows: number): AppError {
  const verb = problems.length === 1 ? "has a problem" : "have problems";
  return new AppError("IMPORT_INVALID", `${problems.length} of ${rows} rows ${verb}; nothing was imported`, {
    problems,
    rows,
  });
}

const ignoreProgress: ProgressListener = () => {};

export async function importRecords(db: Db, scope: FirmScope, request: ImportRequest): Promise<ImportResult> {
  const kind = IMPORT_KINDS[request.kind];
  const rows = readRows(parseDelimited(request.text), kind.columns, kind.noun);
  const onProgress = request.onProgress ?? ignoreProgress;
  const dryRun = request.dryRun ?? false;
  return inTransaction(db, async (tx) => {
    const plan = await kind.plan(tx, scope, rows, onProgress);
    if (plan.problems.length > 0 && !request.skipBad) throw badRows(plan.problems, rows.length);
    const result: ImportResult = {
      kind: request.kind,
      dryRun,
      rows: rows.length,
      created: plan.accepted,
      skipped: plan.problems,
      problems: plan.problems,
      contactCompaniesCreated: plan.contactCompaniesToCreate,
      ...(plan.totals && { totals: plan.totals }),
    };
    if (dryRun) return result;
    await plan.write(tx, onProgress);
    await appendAudit(tx, {
      firmId: scope.firm.id,
      at: nowIso(scope),
      actor: scope.actor,
      action: "import",
      subject: request.kind,
      details: { rows: rows.length, created: plan.accepted, skipped: plan.problems.length },
    });
    return result;
  });
}

export const importNoun = (kind: ImportKindName): string => IMPORT_KINDS[kind].noun;
