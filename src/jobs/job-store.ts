/**
 * Every query on the job table (migration 0011 states its rules). Jobs are written in the
 * caller's transaction (enqueueJob, cancelJobs), leased by the runner in one statement, and
 * finished only under the lease token they were leased with.
 */
import { PostgresAdapter, sql, type Selectable } from "kysely";
import { invalid } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { JobTable } from "../store/tables.js";

export type JobStatus = JobTable["status"];

export interface Job {
  id: string;
  firmId: string;
  kind: string;
  key: string;
  /** The payload as enqueued, parsed back from its JSON. */
  payload: unknown;
  status: JobStatus;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** A job as its runner holds it: the lease it was taken under, which its outcome must name. */
export interface LeasedJob extends Job {
  status: "running";
  leaseUntil: string;
  leaseToken: string;
}

const rowToJob = (row: Selectable<JobTable>): Job => ({
  id: row.id,
  firmId: row.firm_id,
  kind: row.kind,
  key: row.key,
  payload: JSON.parse(row.payload) as unknown,
  status: row.status,
  runAt: row.run_at,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  leaseUntil: row.lease_until,
  lastError: row.last_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  finishedAt: row.finished_at,
});

export const DEFAULT_MAX_ATTEMPTS = 10;

/** The accounting connector's job kinds start with this; only `firmtime connector` runs them. */
export const CONNECTOR_JOB_PREFIX = "accounting.";

/**
 * Which jobs a runner leases: the kinds that start with `kindPrefix` (include) or all others
 * (not include), optionally of one firm. `firmtime serve` runs every kind but the accounting
 * connector's, which only `firmtime connector` runs (it holds the firms' connections).
 */
export interface JobScope {
  kindPrefix: string;
  include: boolean;
  firmId?: string;
}

export interface JobToQueue {
  firmId: string;
  /** Which handler runs it (the runner's handlers are keyed by kind). */
  kind: string;
  /** Names the event the job is for, e.g. "file-request-reminder:<request id>:3"; one job per key. */
  key: string;
  /** When it may run; default now. */
  runAt?: Date;
  /** Anything JSON can carry; the handler reads it back. */
  payload: unknown;
  maxAttempts?: number;
}

/**
 * Queues a job in the caller's transaction, so it exists exactly when the change that caused it
 * commits; unless the firm already has a job with this key (even a finished one): true when this
 * call queued it.
 */
export async function enqueueJob(db: Db, clock: Clock, job: JobToQueue): Promise<boolean> {
  if (!job.kind.trim()) throw invalid("a job needs a kind");
  if (!job.key.trim()) throw invalid("a job needs a key");
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1)
    throw invalid("a job's maximum number of attempts is a whole number from 1");
  if (job.runAt !== undefined && Number.isNaN(job.runAt.getTime()))
    throw invalid("a job's run time is not a date");
  const payload = JSON.stringify(job.payload);
  if (payload === undefined)
    throw invalid("a job's payload must be JSON (an object, array, string, number...)");
  const now = clock.now().toISOString();
  const result = await db
    .insertInto("job")
    .values({
      id: newId(),
      firm_id: job.firmId,
      kind: job.kind,
      key: job.key,
      payload,
      status: "pending",
      run_at: (job.runAt ?? clock.now()).toISOString(),
      attempts: 0,
      max_attempts: maxAttempts,
      lease_until: null,
      lease_token: null,
      last_error: null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    // DO NOTHING, not a raised error: PostgreSQL would abort the caller's whole transaction.
    .onConflict((conflict) => conflict.columns(["firm_id", "key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Cancels the firm's pending jobs with the given keys, or whose key starts with `keyPrefix`
 * (a case-sensitive prefix on both engines); running and finished jobs are left as they are.
 * Returns how many it cancelled.
 */
export async function cancelJobs(
  db: Db,
  clock: Clock,
  firmId: string,
  which: { keys: readonly string[] } | { keyPrefix: string },
): Promise<number> {
  if ("keyPrefix" in which && !which.keyPrefix) throw invalid("cancelling jobs by prefix needs a prefix");
  if ("keys" in which && which.keys.length === 0) return 0;
  const now = clock.now().toISOString();
  const result = await db
    .updateTable("job")
    .set({ status: "cancelled", updated_at: now, finished_at: now })
    .where("firm_id", "=", firmId)
    .where("status", "=", "pending")
    .where((eb) =>
      "keys" in which
        ? eb("key", "in", which.keys)
        : // substr rather than LIKE: SQLite's LIKE ignores case and both treat % and _ as wildcards.
          eb(sql`substr(key, 1, ${which.keyPrefix.length})`, "=", which.keyPrefix),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Leases up to `limit` jobs in one statement: pending jobs due by `now`, and running jobs whose
 * lease ran out before `now` (their worker died or overran), earliest run_at first. Each gets a
 * fresh random lease token and one more attempt.
 *
 * PostgreSQL: the inner SELECT locks the rows it picks FOR UPDATE SKIP LOCKED, so concurrent
 * runners pick disjoint rows without waiting for one another, and a row a runner is finishing
 * (its completing UPDATE holds the row lock) is skipped, never re-leased under it. Under READ
 * COMMITTED a row changed since the statement's snapshot is re-checked against the WHERE
 * before it is locked, so a job just leased or finished elsewhere is not taken.
 * SQLite: one writer at a time; the statement is its own write transaction.
 */
export async function leaseDueJobs(
  db: Db,
  now: string,
  leaseUntil: string,
  limit: number,
  scope?: JobScope,
): Promise<LeasedJob[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let due = db
    .selectFrom("job")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("run_at", "<=", now)]),
        eb.and([eb("status", "=", "running"), eb("lease_until", "<", now)]),
      ]),
    )
    .$if(scope !== undefined, (query) =>
      query.where("kind", scope!.include ? "like" : "not like", `${scope!.kindPrefix}%`),
    )
    .$if(scope?.firmId !== undefined, (query) => query.where("firm_id", "=", scope!.firmId!))
    .orderBy("run_at")
    .orderBy("id")
    .limit(limit);
  if (postgres) due = due.forUpdate().skipLocked();
  const token = postgres ? sql<string>`gen_random_uuid()::text` : sql<string>`lower(hex(randomblob(16)))`;
  const rows = await db
    .updateTable("job")
    .set((eb) => ({
      status: "running",
      lease_until: leaseUntil,
      lease_token: token,
      attempts: eb("attempts", "+", 1),
      updated_at: now,
    }))
    .where("id", "in", due)
    .returningAll()
    .execute();
  return rows
    .map((row) => ({ ...rowToJob(row), leaseToken: row.lease_token! }) as LeasedJob)
    .sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : a.id < b.id ? -1 : 1));
}

type Lease = Pick<LeasedJob, "id" | "leaseToken">;

/**
 * Keeps a long job's lease while its worker is alive (the accounting connector's runs take
 * minutes and commit as they go, outside one handler transaction); false when the lease is no
 * longer this worker's, which must then stop.
 */
export async function extendLease(db: Db, job: Lease, leaseUntil: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("job")
    .set({ lease_until: leaseUntil, updated_at: now })
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("lease_token", "=", job.leaseToken)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Marks a leased job done, if it still holds that lease; false when it does not (its lease ran
 * out and another runner took it, or it was finished). Run it first in the transaction that does
 * the job's work: on PostgreSQL the UPDATE locks the row until that transaction ends, so no
 * other runner can lease the job meanwhile, and a false result means the work must roll back.
 */
export async function completeLeasedJob(db: Db, job: Lease, now: string): Promise<boolean> {
  return finishLeased(db, job, { status: "done", finished_at: now, updated_at: now });
}

/** Puts a leased job back to pending, to run again at `runAt`; false when the lease was lost. */
export const retryLeasedJob = (
  db: Db,
  job: Lease,
  runAt: string,
  error: string,
  now: string,
): Promise<boolean> =>
  finishLeased(db, job, { status: "pending", run_at: runAt, last_error: error, updated_at: now });

/** Fails a leased job for good; false when the lease was lost. */
export const failLeasedJob = (db: Db, job: Lease, error: string, now: string): Promise<boolean> =>
  finishLeased(db, job, { status: "failed", last_error: error, finished_at: now, updated_at: now });

async function finishLeased(
  db: Db,
  job: Lease,
  changes: Partial<
    Pick<Selectable<JobTable>, "status" | "run_at" | "last_error" | "finished_at" | "updated_at">
  >,
): Promise<boolean> {
  const result = await db
    .updateTable("job")
    .set({ ...changes, lease_until: null, lease_token: null })
    .where("id", "=", job.id)
    .where("lease_token", "=", job.leaseToken)
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findJobByKey(db: Db, firmId: string, key: string): Promise<Job | undefined> {
  const row = await db
    .selectFrom("job")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("key", "=", key)
    .executeTakeFirst();
  return row ? rowToJob(row) : undefined;
}

export async function selectJobs(
  db: Db,
  filter: { firmId?: string; status?: JobStatus } = {},
): Promise<Job[]> {
  let query = db.selectFrom("job").selectAll();
  if (filter.firmId) query = query.where("firm_id", "=", filter.firmId);
  if (filter.status) query = query.where("status", "=", filter.status);
  return (await query.orderBy("created_at").orderBy("id").execute()).map(rowToJob);
}
