/**
 * Time and expense entries. Each row goes through the entry services' own prepare functions
 * (prepareTimeEntry / prepareExpenseEntry) against references preloaded once, so an imported
 * entry obeys exactly the rules of `time add` (lock date, inactive staff, the work code's
 * kind, rate resolution) and a 200,000-row file costs a handful of queries to check, then
 * chunked multi-row inserts to write.
 */
import { parseDuration } from "../domain/duration.js";
import { parseBillable } from "../domain/fields.js";
import { parseQuantity, parseRate, sumAmounts } from "../domain/money.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { createEntryReferences, type EntryReferences } from "../time-expense/entry-references.js";
import {
  insertExpenseEntries,
  insertTimeEntries,
  type ExpenseEntry,
  type TimeEntry,
} from "../time-expense/entry-store.js";
import { prepareExpenseEntry } from "../time-expense/expense-entry-service.js";
import { insertInChunks, prepareTimeEntry } from "../time-expense/time-entry-service.js";
import type { ColumnSpecs, SourceRow } from "./columns.js";
import type { EntryTotals, ImportKind, ImportPlan } from "./import-kind.js";
import { checkRows, type ProgressListener, type RowCheck } from "./row-check.js";

const PARTY_COLUMNS = {
  staff: { header: "Staff", required: true, aliases: ["Staff Number"] },
  client: { header: "Client", required: true, aliases: ["Client Code"] },
  project: { header: "Project", aliases: ["Project Code"] },
  workCode: { header: "Work Code", required: true },
  date: { header: "Date", required: true, aliases: ["Entry Date"] },
} as const satisfies ColumnSpecs<string>;

const TIME_COLUMNS = {
  ...PARTY_COLUMNS,
  duration: { header: "Duration", required: true },
  billable: { header: "Billable" },
  description: { header: "Description" },
} as const satisfies ColumnSpecs<string>;

const EXPENSE_COLUMNS = {
  ...PARTY_COLUMNS,
  quantity: { header: "Quantity", aliases: ["Qty"] },
  unitRate: { header: "Unit Rate" },
  billable: { header: "Billable" },
  description: { header: "Description" },
} as const satisfies ColumnSpecs<string>;

type PartyColumn = keyof typeof PARTY_COLUMNS;

function parties(check: RowCheck<PartyColumn>) {
  return {
    staff: check.text("staff"),
    client: check.text("client"),
    project: check.text("project") || null,
    workCode: check.text("workCode"),
    date: check.text("date"),
  };
}

interface EntryWay<K extends string, E> {
  columns: ColumnSpecs<K>;
  /** The row as a prepared entry (by the entry service), or undefined after recording why not. */
  prepare(refs: EntryReferences, scope: FirmScope, check: RowCheck<K>, now: string): Promise<E | undefined>;
  insert(tx: Db, firmId: string, entries: readonly E[]): Promise<void>;
  totals(entries: readonly E[]): EntryTotals;
}

async function planEntries<K extends string, E>(
  way: EntryWay<K, E>,
  db: Db,
  scope: FirmScope,
  rows: readonly SourceRow<K>[],
  onProgress: ProgressListener,
): Promise<ImportPlan> {
  const refs = createEntryReferences(db, scope.firm.id);
  await refs.preload();
  const now = nowIso(scope);
  const { accepted, problems } = await checkRows(
    rows,
    way.columns,
    (check) => way.prepare(refs, scope, check, now),
    onProgress,
  );
  const entries = accepted.map(({ item }) => item);
  return {
    problems,
    accepted: entries.length,
    contactCompaniesToCreate: [],
    totals: way.totals(entries),
    write: (tx, progress) =>
      insertInChunks(
        entries,
        (chunk) => way.insert(tx, scope.firm.id, chunk),
        (done, total) => progress("writing", done, total),
      ),
  };
}

const timeWay: EntryWay<keyof typeof TIME_COLUMNS, TimeEntry> = {
  columns: TIME_COLUMNS,
  async prepare(refs, scope, check, now) {
    const input = {
      ...parties(check),
      minutes: check.parse("duration", parseDuration, 0),
      billable: check.parse("billable", parseBillable, undefined),
      description: check.text("description"),
    };
    return check.ok ? check.takeAsync(() => prepareTimeEntry(refs, scope, input, now), undefined) : undefined;
  },
  insert: insertTimeEntries,
  totals: (entries) => ({
    minutes: entries.reduce((total, entry) => total + entry.minutes, 0),
    amount: sumAmounts(entries.map((entry) => entry.amount)),
  }),
};

const expenseWay: EntryWay<keyof typeof EXPENSE_COLUMNS, ExpenseEntry> = {
  columns: EXPENSE_COLUMNS,
  async prepare(refs, scope, check, now) {
    const input = {
      ...parties(check),
      quantity: check.parse("quantity", parseQuantity, undefined),
      // An empty unit rate is resolved from the rate tables, as in `expense add`.
      unitRate: check.parse("unitRate", parseRate, null),
      billable: check.parse("billable", parseBillable, undefined),
      description: check.text("description"),
    };
    return check.ok
      ? check.takeAsync(() => prepareExpenseEntry(refs, scope, input, now), undefined)
      : undefined;
  },
  insert: insertExpenseEntries,
  totals: (entries) => ({ amount: sumAmounts(entries.map((entry) => entry.amount)) }),
};

export const timeImport: ImportKind<keyof typeof TIME_COLUMNS> = {
  noun: "time entries",
  columns: TIME_COLUMNS,
  plan: (db, scope, rows, onProgress) => planEntries(timeWay, db, scope, rows, onProgress),
};

export const expenseImport: ImportKind<keyof typeof EXPENSE_COLUMNS> = {
  noun: "expense entries",
  columns: EXPENSE_COLUMNS,
  plan: (db, scope, rows, onProgress) => planEntries(expenseWay, db, scope, rows, onProgress),
};
