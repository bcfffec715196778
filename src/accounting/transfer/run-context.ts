/**
 * What every phase of a run gets from the connector: the store, the firm, the connected target,
 * the firm's settings, and three duties (record what happened, show progress, and stop when the
 * run must: the requester lost the right to transfer, the connector lost the firm's lease, or
 * it is shutting down). The phases hold no state between runs: what they know is in the store.
 */
import type { FirmScope } from "../../firm-setup/scope.js";
import type { Db } from "../../store/database.js";
import type { AccountingTarget as TargetName } from "../../store/tables.js";
import type { AccountingSettings, RunItemDraft } from "../accounting-store.js";
import type { AccountingTarget } from "../target.js";

export interface RunContext {
  db: Db;
  scope: FirmScope;
  runId: string;
  targetName: TargetName;
  target: AccountingTarget;
  settings: AccountingSettings;
  /** Appends to the run's record: what moved, what was refused and why, what waits. */
  report(items: readonly RunItemDraft[]): Promise<void>;
  progress(phase: string, done: number, total: number): Promise<void>;
  /** Throws (RunStopped) when the run must stop now; called between batches. */
  checkpoint(): Promise<void>;
}

/** Why a run stopped before its end: it resumes (or is refused) on its job's next attempt. */
export class RunStopped extends Error {
  constructor(
    message: string,
    /** The requester may no longer transfer: the run ends as refused, not retried. */
    readonly refused = false,
  ) {
    super(message);
    this.name = "RunStopped";
  }
}
