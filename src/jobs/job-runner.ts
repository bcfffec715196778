/**
 * Runs the job table (job-store.ts), the mail deliverer's sibling: polls (and can be woken),
 * leases a batch of due jobs, and runs each job's handler.
 *
 * A job's effects are applied exactly once. Its handler runs in one transaction that first marks
 * the job done under the lease token it was leased with (completeLeasedJob) and then does the
 * work: if the token is no longer the job's (the lease ran out and another runner took the job,
 * or finished it), the transaction rolls back and nothing the handler wrote is kept. A worker that
 * dies mid-job commits nothing; its lease runs out and another runner does the job. So a
 * handler's database writes (including the next jobs it enqueues) commit once, with the job's
 * "done". What a handler does outside the database (a call to another system) can happen more
 * than once, as for mail: such work should be idempotent, or queued (an outbox row) in `tx`.
 *
 * A handler that throws: its transaction rolls back, and the job goes back to pending with
 * exponential backoff (attempts counted, last_error kept), until its max_attempts, then it is
 * failed and logged as an error. Errors are retried whatever they are, AppErrors included (a
 * lookup may fail now and succeed later), except one that says retrying cannot help: an
 * AppError whose details carry `retry: false` fails the job at once. A job whose kind has no
 * handler fails at once, saying so.
 */
import { AppError } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db, Store } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import {
  completeLeasedJob,
  failLeasedJob,
  leaseDueJobs,
  retryLeasedJob,
  type JobScope,
  type LeasedJob,
} from "./job-store.js";

/**
 * Does one job's work in `tx`, the transaction that also marks the job done; may enqueue further
 * jobs in it (the next run of a schedule, under its own key). Throwing rolls everything back.
 */
export type JobHandler = (tx: Db, job: LeasedJob, context: { clock: Clock }) => Promise<void>;

/** The handlers of every job kind a runner knows, by kind. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** The subset of pino's logger the runner uses (Fastify's app.log satisfies it). */
export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobPolicy {
  /** How long a leased job belongs to its runner: well above the longest handler's run. */
  leaseMs: number;
  pollMs: number;
  batchSize: number;
  firstRetryMs: number;
  maxRetryMs: number;
}

export const DEFAULT_JOB_POLICY: JobPolicy = {
  leaseMs: 5 * 60_000,
  pollMs: 10_000,
  batchSize: 20,
  firstRetryMs: 30_000,
  maxRetryMs: 3_600_000,
};

/** Exponential backoff after the nth attempt: 30 s, 2 min, 8 min, 32 min, then every hour. */
export function jobRetryDelayMs(
  policy: Pick<JobPolicy, "firstRetryMs" | "maxRetryMs">,
  attempts: number,
): number {
  return Math.min(policy.firstRetryMs * 4 ** Math.max(0, attempts - 1), policy.maxRetryMs);
}

export interface JobRunReport {
  done: number;
  retrying: number;
  failed: number;
  /** Jobs whose lease another runner took before this one finished; their work rolled back. */
  lost: number;
}

/** Plain functions, safe to pass around unbound. */
export interface JobRunner {
  /** Runs every job due now; resolves when no due job is left unleased. */
  runDue: () => Promise<JobRunReport>;
  /** Asks for a run soon; runs coalesce, so calling it often is cheap. */
  wake: () => void;
  /** Starts polling (and runs at once). */
  start: () => void;
  /** Stops polling and waits for the batch in flight. */
  stop: () => Promise<void>;
  /**
   * Runs one job this runner leased (runDue's step for each job of a batch): what a worker that
   * stalled between leasing and running does when it resumes; its outcome.
   */
  runLeased: (job: LeasedJob) => Promise<keyof JobRunReport>;
}

export interface JobRunnerDeps {
  store: Store;
  clock: Clock;
  handlers: JobHandlers;
  logger: JobLogger;
  policy?: Partial<JobPolicy>;
  /** Which kinds this runner leases (all when absent). */
  scope?: JobScope;
  /**
   * Called after a job's work committed: what it queued (emails in the outbox) can go at once
   * instead of at the next poll of whoever delivers it.
   */
  afterDone?: (job: LeasedJob) => void;
}

const describeError = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 1_000);

/** True when the handler's error says retrying cannot help (see the header). */
const isFinal = (error: unknown): boolean => error instanceof AppError && error.details.retry === false;

/** Thrown inside the job's transaction to roll it back when the lease is no longer ours. */
class LeaseLost extends Error {}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const policy = { ...DEFAULT_JOB_POLICY, ...deps.policy };
  const { clock, logger, handlers } = deps;
  const db = deps.store.db;

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let runAgain = false;
  let stopped = false;

  async function recordFailure(job: LeasedJob, reason: string, final: boolean) {
    const where = { jobId: job.id, kind: job.kind, key: job.key, attempts: job.attempts };
    const now = clock.now();
    if (final || job.attempts >= job.maxAttempts) {
      if (!(await failLeasedJob(db, job, reason, now.toISOString()))) return "lost" as const;
      logger.error({ ...where, reason }, "job failed for good; no more attempts");
      return "failed" as const;
    }
    const runAt = new Date(now.getTime() + jobRetryDelayMs(policy, job.attempts)).toISOString();
    if (!(await retryLeasedJob(db, job, runAt, reason, now.toISOString()))) return "lost" as const;
    logger.warn({ ...where, reason, runAt }, "job failed; will retry");
    return "retrying" as const;
  }

  async function runOne(job: LeasedJob): Promise<keyof JobRunReport> {
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    if (!handler) return recordFailure(job, `no handler for job kind "${job.kind}"`, true);
    // Attempts are counted at lease time: beyond the last one, every lease ran out unfinished.
    if (job.attempts > job.maxAttempts)
      return recordFailure(job, `its last attempt's lease ran out (did its worker die?)`, true);
    try {
      await inTransaction(db, async (tx) => {
        if (!(await completeLeasedJob(tx, job, clock.now().toISOString()))) throw new LeaseLost();
        await handler(tx, job, { clock });
      });
    } catch (error) {
      if (error instanceof LeaseLost) {
        logger.warn({ jobId: job.id, key: job.key }, "job's lease was taken over; its work here rolled back");
        return "lost";
      }
      return recordFailure(job, describeError(error), isFinal(error));
    }
    logger.info({ jobId: job.id, kind: job.kind, key: job.key }, "job done");
    deps.afterDone?.(job);
    return "done";
  }

  async function runDue(): Promise<JobRunReport> {
    const report: JobRunReport = { done: 0, retrying: 0, failed: 0, lost: 0 };
    while (!stopped) {
      const now = clock.now();
      const leaseUntil = new Date(now.getTime() + policy.leaseMs).toISOString();
      const batch = await leaseDueJobs(db, now.toISOString(), leaseUntil, policy.batchSize, deps.scope);
      if (batch.length === 0) break;
      // One at a time: on SQLite there is one writer anyway, and on PostgreSQL more throughput
      // comes from more runners (processes), each leasing its own batch.
      for (const job of batch) report[await runOne(job)] += 1;
    }
    return report;
  }

  async function runUntilQuiet(): Promise<void> {
    do {
      runAgain = false;
      try {
        await runDue();
      } catch (error) {
        // A database hiccup: leased jobs come back after their lease; the next poll retries.
        logger.error({ reason: describeError(error) }, "job run failed");
      }
    } while (runAgain && !stopped);
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      runAgain = true;
      return;
    }
    running = runUntilQuiet().finally(() => (running = undefined));
  }

  return {
    runDue,
    wake,
    runLeased: runOne,
    start: () => {
      if (timer || stopped) return;
      const kinds = Object.keys(handlers);
      logger.info({ kinds, pollMs: policy.pollMs, leaseMs: policy.leaseMs }, "job runner started");
      timer = setInterval(wake, policy.pollMs);
      timer.unref();
      wake();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** A runner that polls from now on: what `firmtime serve` starts beside the mail deliverer. */
export function startJobRunner(deps: JobRunnerDeps): JobRunner {
  const runner = createJobRunner(deps);
  runner.start();
  return runner;
}
