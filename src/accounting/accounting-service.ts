/**
 * What people ask of the accounting connector, from the web app, the API or the CLI: settings,
 * and runs. Nobody talks to the books here: a run is queued as a job (in the same transaction as
 * its record) and `firmtime connector` performs it, checking the requester's right again then.
 */
import { AppError, invalid, notFound } from "../domain/errors.js";
import { enqueueJob, CONNECTOR_JOB_PREFIX } from "../jobs/job-store.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import type { AccountingRunKind } from "../store/tables.js";
import {
  findConnection,
  findRun,
  findSettings,
  insertRun,
  saveSettings,
  selectRuns,
  type AccountingRun,
  type AccountingSettings,
  type RunOptions,
} from "./accounting-store.js";

/** The one job kind of a run: its payload names the run. */
export const RUN_JOB_KIND = `${CONNECTOR_JOB_PREFIX}run`;

export interface RunRequest {
  kind: AccountingRunKind;
  /** Exports: IIF or hledger journal, and whether to write what was exported before again. */
  format?: "iif" | "hledger";
  again?: boolean;
}

/**
 * Queues a run for the connector, or returns the same kind of run already waiting or running
 * (asking twice for "transfer now" starts one transfer). QuickBooks Online runs need a
 * connection; exports need none.
 */
export async function requestRun(
  db: Db,
  clock: Clock,
  firmId: string,
  userId: string | null,
  request: RunRequest,
  scheduled = false,
): Promise<{ run: AccountingRun; queued: boolean }> {
  return inTransaction(db, async (tx) => {
    const settings = await findSettings(tx, firmId);
    const options: RunOptions = {};
    let target = settings.target;
    if (request.kind === "export") {
      const format = request.format ?? (settings.target === "qbo" ? undefined : settings.target);
      if (format !== "iif" && format !== "hledger")
        throw invalid("an export needs a format: iif or hledger", { field: "format" });
      options.format = format;
      options.again = request.again === true;
      target = format;
    } else {
      if (request.format !== undefined || request.again !== undefined)
        throw invalid("format and again are for exports only", {
          field: request.format ? "format" : "again",
        });
      if (settings.target !== "qbo")
        throw new AppError(
          "PREREQUISITES",
          `the firm's books are ${settings.target} files: ask for an export`,
        );
      const connection = await findConnection(tx, firmId);
      if (connection?.state !== "connected")
        throw new AppError(
          "PREREQUISITES",
          connection?.state === "reconnect"
            ? "QuickBooks Online refused the firm's connection: an Admin must connect again"
            : "connect QuickBooks Online first",
        );
    }
    const active = (await selectRuns(tx, firmId, { limit: 20 })).find(
      (run) =>
        run.kind === request.kind &&
        run.target === target &&
        (run.status === "queued" || run.status === "running") &&
        JSON.stringify(run.options) === JSON.stringify(options),
    );
    if (active) return { run: active, queued: false };
    const now = clock.now().toISOString();
    const runId = await insertRun(
      tx,
      firmId,
      { kind: request.kind, target, requestedBy: userId, scheduled, options, jobId: null },
      now,
    );
    await enqueueJob(tx, clock, {
      firmId,
      kind: RUN_JOB_KIND,
      key: `${RUN_JOB_KIND}:${runId}`,
      payload: { runId },
      maxAttempts: 8,
    });
    return { run: (await findRun(tx, firmId, runId))!, queued: true };
  });
}

export async function getRun(db: Db, firmId: string, runId: string): Promise<AccountingRun> {
  const run = await findRun(db, firmId, runId);
  if (!run) throw notFound("accounting run", runId);
  return run;
}

export interface SettingsPatch {
  target?: AccountingSettings["target"];
  relationship?: AccountingSettings["relationship"];
  leads?: Partial<AccountingSettings["leads"]>;
  expenseAccountId?: string | null;
  schedule?: AccountingSettings["schedule"];
  scheduleHour?: number;
}

/**
 * Changes the firm's settings. The relationship between the two systems' structures is one per
 * firm, and changing it once records are linked would leave jobs and items linked the old way:
 * refused while any project or work code is linked (unlink first).
 */
export async function editSettings(
  db: Db,
  clock: Clock,
  firmId: string,
  userId: string | null,
  patch: SettingsPatch,
): Promise<AccountingSettings> {
  return inTransaction(db, async (tx) => {
    const current = await findSettings(tx, firmId);
    const next = {
      target: patch.target ?? current.target,
      relationship: patch.relationship ?? current.relationship,
      leads: { ...current.leads, ...patch.leads },
      expenseAccountId:
        patch.expenseAccountId === undefined ? current.expenseAccountId : patch.expenseAccountId,
      schedule: patch.schedule ?? current.schedule,
      scheduleHour: patch.scheduleHour ?? current.scheduleHour,
    };
    if (!Number.isInteger(next.scheduleHour) || next.scheduleHour < 0 || next.scheduleHour > 23)
      throw invalid("the schedule's hour is a whole number from 0 to 23", { field: "scheduleHour" });
    if (next.expenseAccountId !== null && !next.expenseAccountId.trim())
      throw invalid("an expense account id cannot be empty", { field: "expenseAccountId" });
    if (next.relationship !== current.relationship) {
      const linked = await tx
        .selectFrom("accounting_link")
        .select("local_id")
        .where("firm_id", "=", firmId)
        .where("local_kind", "in", ["project", "work_code"])
        .limit(1)
        .executeTakeFirst();
      if (linked)
        throw new AppError(
          "IN_USE",
          "projects or work codes are already linked to the books the current way; unlink them before changing the relationship",
          { field: "relationship" },
        );
    }
    await saveSettings(tx, firmId, next, clock.now().toISOString(), userId);
    return findSettings(tx, firmId);
  });
}
