/**
 * `firmtime connector`: the only process that talks to a firm's books.
 *
 * - It runs the accounting jobs `firmtime serve` leaves alone (job kinds under "accounting.").
 * - One connection per firm, also with several connector processes: a process serves a firm
 *   only while it holds the firm's lease (accounting_firm_lease), opens the target once for all
 *   the firm's due runs, and closes it when they are done.
 * - A run commits as it goes (posting-phase.ts says why nothing is posted twice), keeping its
 *   job's lease and the firm's lease alive while it works; a process that dies leaves both to
 *   run out, and the next holder resumes the run where the store says it stopped.
 * - Before it starts and between batches it checks again that the person who asked may still
 *   transfer (accounting_transfer:C); one who lost the right gets a refused run, not a transfer.
 * - Transient faults (the target's 429 or 5xx after its own retries, a dropped connection) put
 *   the run back in the queue with backoff; a refused grant puts the firm in "reconnect" and
 *   tells its Admins.
 * - Phase 4: each firm's nightly run is queued here, under a key per day, so one is queued
 *   whatever the number of connectors.
 * - stop() ends cleanly: the run in flight stops at its next checkpoint and is queued again at
 *   once; leases are released; connections are closed.
 */
import { loadRights } from "../access/access-store.js";
import { findUserById } from "../access/account-store.js";
import { allows } from "../access/permissions.js";
import { AppError } from "../domain/errors.js";
import { findFirm, type Firm } from "../firm-setup/firm-store.js";
import type { JobLogger } from "../jobs/job-runner.js";
import {
  completeLeasedJob,
  CONNECTOR_JOB_PREFIX,
  extendLease,
  findJobByKey,
  leaseDueJobs,
  retryLeasedJob,
  type LeasedJob,
} from "../jobs/job-store.js";
import { enqueueMail } from "../mail/enqueue.js";
import type { Clock } from "../store/clock.js";
import type { Db, Store } from "../store/database.js";
import { newId } from "../store/ids.js";
import {
  acquireFirmLease,
  countRunItems,
  findConnection,
  findRun,
  findSettings,
  insertRunItems,
  markReconnect,
  releaseFirmLease,
  selectFirmsWithDueJobs,
  updateRun,
  type AccountingConnection,
  type AccountingRun,
} from "./accounting-store.js";
import { requestRun, RUN_JOB_KIND } from "./accounting-service.js";
import { TargetError, type AccountingTarget } from "./target.js";
import { RunStopped, type RunContext } from "./transfer/run-context.js";
import { runPhases } from "./transfer/run-phases.js";

/** Opens the firm's connection to its books (QuickBooks Online): one per firm at a time. */
export type OpenTarget = (db: Db, firm: Firm, connection: AccountingConnection) => Promise<AccountingTarget>;

/** Writes an export file for a run and returns where it is kept (exports need no connection). */
export type RunExport = (
  ctx: Omit<RunContext, "target">,
  run: AccountingRun,
) => Promise<{ key: string; name: string }>;

export interface ConnectorDeps {
  store: Store;
  clock: Clock;
  logger: JobLogger;
  openTarget: OpenTarget;
  runExport?: RunExport;
  /** Where people read a run (links in the emails). */
  publicUrl: string;
  pollMs?: number;
  /** How long a job's and a firm's lease last without a heartbeat. */
  leaseMs?: number;
  /** Backoff of a run put back after a transient fault. */
  retryMs?: number;
  /** A name for this process in the leases (host and pid by default). */
  holder?: string;
}

export interface Connector {
  /** Serves every firm with due runs once; resolves when none is left that this process may take. */
  runDue(): Promise<void>;
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

const TRANSFER = { object: "accounting_transfer" } as const;

export function createConnector(deps: ConnectorDeps): Connector {
  const { clock, logger } = deps;
  const db = deps.store.db;
  const pollMs = deps.pollMs ?? 10_000;
  const leaseMs = deps.leaseMs ?? 60_000;
  const retryMs = deps.retryMs ?? 30_000;
  const holder = deps.holder ?? `connector-${process.pid}-${newId().slice(-8)}`;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const iso = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

  /** Whoever asked (or set the schedule) may still transfer: an active user with the right. */
  async function mayTransfer(firmId: string, userId: string | null): Promise<boolean> {
    if (!userId) return false;
    const user = await findUserById(db, firmId, userId);
    if (!user || user.status !== "active") return false;
    return allows(await loadRights(db, firmId, user), "C", TRANSFER);
  }

  async function tell(
    firmId: string,
    userId: string | null,
    eventKey: string,
    subject: string,
    text: string,
  ) {
    const user = userId ? await findUserById(db, firmId, userId) : undefined;
    if (!user || user.status === "disabled") return;
    await enqueueMail(db, clock, { firmId, eventKey, to: user.email, subject, text });
  }

  async function tellAdmins(firmId: string, eventKey: string, subject: string, text: string) {
    const admins = await db
      .selectFrom("role_assignment as a")
      .innerJoin("role as r", (join) =>
        join.onRef("r.id", "=", "a.role_id").onRef("r.firm_id", "=", "a.firm_id"),
      )
      .innerJoin("user_account as u", (join) =>
        join.onRef("u.id", "=", "a.principal_id").onRef("u.firm_id", "=", "a.firm_id"),
      )
      .select(["u.id", "u.email"])
      .where("a.firm_id", "=", firmId)
      .where("r.name", "=", "Admin")
      .where("a.scope", "=", "system")
      .where("u.status", "=", "active")
      .execute();
    for (const admin of admins) {
      await enqueueMail(db, clock, {
        firmId,
        eventKey: `${eventKey}:${admin.id}`,
        to: admin.email,
        subject,
        text,
      });
    }
  }

  const runLink = (run: AccountingRun) => `${deps.publicUrl.replace(/\/$/, "")}/accounting/runs/${run.id}`;

  const KIND_WORDS: Record<AccountingRun["kind"], string> = {
    transfer: "Transfer to the books",
    import: "Import from the books",
    readiness: "Readiness check",
    export: "Export",
  };

  async function finish(
    job: LeasedJob,
    run: AccountingRun,
    status: "done" | "failed" | "refused",
    error: string | null,
  ) {
    const firmId = job.firmId;
    const summary = await countRunItems(db, firmId, run.id);
    await updateRun(db, firmId, run.id, { status, finishedAt: iso(), summary, error, phase: null });
    await completeLeasedJob(db, job, iso());
    const counts = Object.entries(summary)
      .map(([key, count]) => `${key.replace(".", " ")}: ${count}`)
      .join("\n");
    const subject =
      status === "done"
        ? `${KIND_WORDS[run.kind]} finished`
        : `${KIND_WORDS[run.kind]} ${status === "refused" ? "refused" : "failed"}`;
    await tell(
      firmId,
      run.requestedBy,
      `accounting-run:${run.id}:${status}`,
      subject,
      [
        subject + (error ? `: ${error}` : "."),
        "",
        counts || "Nothing to do.",
        "",
        `Details: ${runLink(run)}`,
      ].join("\n"),
    );
    logger.info({ firmId, runId: run.id, status, summary }, "accounting run finished");
  }

  async function runJob(job: LeasedJob, firm: Firm, target: () => Promise<AccountingTarget>) {
    const runId = (job.payload as { runId?: string }).runId ?? "";
    const run = await findRun(db, firm.id, runId);
    if (!run || run.status === "done" || run.status === "failed" || run.status === "refused") {
      await completeLeasedJob(db, job, iso());
      return;
    }
    let lost = false;
    const heartbeat = setInterval(
      () => {
        void (async () => {
          const until = iso(leaseMs);
          const kept =
            (await extendLease(db, job, until, iso())) &&
            (await acquireFirmLease(db, firm.id, holder, until, iso()));
          if (!kept) lost = true;
        })().catch(() => (lost = true));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    const settings = await findSettings(db, firm.id);
    const context: Omit<RunContext, "target"> = {
      db,
      scope: { firm, clock, actor: "accounting connector" },
      runId: run.id,
      targetName: run.target,
      settings,
      report: (items) => insertRunItems(db, firm.id, run.id, items, iso()),
      progress: (phase, done, total) => updateRun(db, firm.id, run.id, { phase, progress: { done, total } }),
      checkpoint: async () => {
        if (lost) throw new RunStopped("another connector took the run over");
        if (stopping) throw new RunStopped("the connector is stopping");
        if (!(await mayTransfer(firm.id, run.requestedBy)))
          throw new RunStopped("the person who asked may no longer transfer to the books", true);
      },
    };
    try {
      await updateRun(db, firm.id, run.id, {
        status: "running",
        ...(run.startedAt ? {} : { startedAt: iso() }),
        error: null,
      });
      await context.checkpoint();
      if (run.kind === "export") {
        if (!deps.runExport) throw new AppError("PREREQUISITES", "this connector cannot write export files");
        const file = await deps.runExport(context, run);
        await updateRun(db, firm.id, run.id, { file });
      } else {
        await runPhases({ ...context, target: await target() }, run.kind);
      }
      await finish(job, run, "done", null);
    } catch (error) {
      await handleFailure(job, firm, run, error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function handleFailure(job: LeasedJob, firm: Firm, run: AccountingRun, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RunStopped) {
      if (error.refused) return finish(job, run, "refused", message);
      // Stopping: back in the queue at once for the next connector. Lost: the new holder has it.
      if (stopping) {
        await updateRun(db, firm.id, run.id, { status: "queued", error: null });
        await retryLeasedJob(db, job, iso(), message, iso());
      }
      logger.warn({ firmId: firm.id, runId: run.id, reason: message }, "accounting run paused");
      return;
    }
    if (error instanceof TargetError && error.code === "reconnect") {
      await markReconnect(db, firm.id, message, iso());
      await tellAdmins(
        firm.id,
        `accounting-reconnect:${run.id}`,
        "QuickBooks Online needs to be connected again",
        `QuickBooks Online refused firmtime's connection for ${firm.name} (${message}).\n\nAn Admin must connect again: ${deps.publicUrl.replace(/\/$/, "")}/accounting`,
      );
      return finish(
        job,
        run,
        "failed",
        "QuickBooks Online refused the connection: an Admin must connect again",
      );
    }
    const transient =
      !(error instanceof TargetError) || error.code === "throttled" || error.code === "transient";
    if (transient && !(error instanceof AppError) && job.attempts < job.maxAttempts) {
      const delay = Math.min(retryMs * 2 ** (job.attempts - 1), 3_600_000);
      const at = iso(delay);
      await updateRun(db, firm.id, run.id, { status: "queued", error: `${message}; trying again at ${at}` });
      await retryLeasedJob(db, job, at, message, iso());
      logger.warn({ firmId: firm.id, runId: run.id, reason: message, at }, "accounting run will be retried");
      return;
    }
    logger.error({ firmId: firm.id, runId: run.id, reason: message }, "accounting run failed");
    return finish(job, run, "failed", message);
  }

  /** Serves one firm while holding its lease: its due runs one after another, one connection. */
  async function serveFirm(firmId: string) {
    const firm = await findFirm(db, firmId);
    let opened: AccountingTarget | undefined;
    const target = async () => {
      if (opened) return opened;
      const connection = await findConnection(db, firmId);
      if (!connection || connection.state !== "connected")
        throw new AppError("PREREQUISITES", "QuickBooks Online is not connected for this firm");
      opened = await deps.openTarget(db, firm, connection);
      return opened;
    };
    try {
      while (!stopping) {
        const [job] = await leaseDueJobs(db, iso(), iso(leaseMs), 1, {
          kindPrefix: CONNECTOR_JOB_PREFIX,
          include: true,
          firmId,
        });
        if (!job) break;
        if (job.kind !== RUN_JOB_KIND) {
          await completeLeasedJob(db, job, iso());
          logger.error({ firmId, kind: job.kind }, "unknown accounting job kind; dropped");
          continue;
        }
        await runJob(job, firm, target);
      }
    } finally {
      await opened?.close();
    }
  }

  /** Phase 4: queues each firm's next nightly transfer (one per firm per day, by its key). */
  async function queueSchedules() {
    const rows = await db
      .selectFrom("accounting_setting as s")
      .innerJoin("accounting_connection as c", "c.firm_id", "s.firm_id")
      .select(["s.firm_id", "s.schedule_hour", "s.updated_by", "c.connected_at"])
      .where("s.schedule", "=", "nightly")
      .where("s.target", "=", "qbo")
      .where("c.state", "=", "connected")
      .execute();
    const now = clock.now();
    for (const row of rows) {
      const at = new Date(now);
      at.setUTCHours(Number(row.schedule_hour), 0, 0, 0);
      if (at.getTime() > now.getTime()) continue; // tonight's is not due yet
      // A firm that connected after today's hour starts with tomorrow's run, not one at once.
      if (row.connected_at && row.connected_at > at.toISOString()) continue;
      const key = `${CONNECTOR_JOB_PREFIX}schedule:${at.toISOString().slice(0, 10)}`;
      if (await findJobByKey(db, row.firm_id, key)) continue;
      // The marker job is queued done; the run itself is an ordinary queued run.
      try {
        await requestRun(db, clock, row.firm_id, row.updated_by, { kind: "transfer" }, true);
      } catch (error) {
        logger.warn({ firmId: row.firm_id, reason: String(error) }, "nightly transfer not queued");
      }
      await db
        .insertInto("job")
        .values({
          id: newId(),
          firm_id: row.firm_id,
          kind: `${CONNECTOR_JOB_PREFIX}schedule`,
          key,
          payload: "{}",
          status: "done",
          run_at: at.toISOString(),
          attempts: 0,
          max_attempts: 1,
          lease_until: null,
          lease_token: null,
          last_error: null,
          created_at: iso(),
          updated_at: iso(),
          finished_at: iso(),
        })
        .onConflict((oc) => oc.columns(["firm_id", "key"]).doNothing())
        .execute();
    }
  }

  async function runDue(): Promise<void> {
    await queueSchedules();
    for (const firmId of await selectFirmsWithDueJobs(db, CONNECTOR_JOB_PREFIX, iso())) {
      if (stopping) break;
      if (!(await acquireFirmLease(db, firmId, holder, iso(leaseMs), iso()))) continue;
      try {
        await serveFirm(firmId);
      } finally {
        await releaseFirmLease(db, firmId, holder);
      }
    }
  }

  async function loop() {
    do {
      again = false;
      try {
        await runDue();
      } catch (error) {
        logger.error(
          { reason: error instanceof Error ? error.message : String(error) },
          "connector round failed",
        );
      }
    } while (again && !stopping);
  }

  function wake() {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => (running = undefined));
  }

  return {
    runDue,
    wake,
    start() {
      if (timer || stopping) return;
      logger.info({ holder, pollMs, leaseMs }, "accounting connector started");
      // Not unref'd: in `firmtime connector` this timer is what keeps the process running.
      timer = setInterval(wake, pollMs);
      wake();
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running;
    },
  };
}
