/**
 * What each kind of import provides: its columns, and a plan — every row checked against the
 * domain rules and the store, without writing — that can then be written in the caller's
 * transaction. Checking and writing are separate so a preview and a dry run cost no writes.
 */
import type { RowProblem } from "../domain/errors.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import type { ColumnSpecs, SourceRow } from "./columns.js";
import type { ProgressListener } from "./row-check.js";

export interface EntryTotals {
  /** Time entries only. */
  minutes?: number;
  /** Minor units of the firm's currency. */
  amount: number;
}

export interface ImportPlan {
  /** One problem per bad row, in line order. */
  problems: RowProblem[];
  /** Good rows: what writing creates. */
  accepted: number;
  /** Contact companies the good rows name that do not exist yet: writing creates them. */
  contactCompaniesToCreate: string[];
  /** Entries only: what the good rows add up to, for the preview. */
  totals?: EntryTotals;
  /** Writes the good rows (only), in the transaction given. */
  write(tx: Db, onProgress: ProgressListener): Promise<void>;
}

export interface ImportKind<K extends string = string> {
  /** Plural, for messages: "work codes". */
  noun: string;
  columns: ColumnSpecs<K>;
  plan(
    db: Db,
    scope: FirmScope,
    rows: readonly SourceRow<K>[],
    onProgress: ProgressListener,
  ): Promise<ImportPlan>;
}
