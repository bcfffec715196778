/**
 * The durable job table (src/jobs/): work the server does later or on a schedule (the client
 * portal's reminders, the accounting connector's transfers), run by every `firmtime serve`
 * process's job runner, several of them on one PostgreSQL database.
 *
 * Rules of the table:
 * - A job belongs to one firm (firm_id references firm) and has a kind (which handler runs it)
 *   and a key naming the event it is for, unique per firm: enqueueing the same key twice is a
 *   no-op, so a job is queued once per event whatever retries or races enqueue it. Recurring work
 *   enqueues its next run under a key of its own.
 * - payload is JSON text, read by the kind's handler.
 * - status moves pending -> running (leased) -> done, or back to pending (to retry at a later
 *   run_at), or -> failed after max_attempts; a pending job may be cancelled. done, failed and
 *   cancelled are final: nothing runs them again.
 * - A running job carries a lease: lease_until (after which another runner may take it, as its
 *   worker is presumed dead) and lease_token, a fresh random value per lease. Whoever finishes a
 *   job names the token it leased it with; a finish under a token that is no longer the job's
 *   changes nothing. A pending or final job has neither.
 * - attempts counts leases (so a job that kills its worker every time still runs out of
 *   attempts); last_error keeps the latest failure, also once the job is done.
 * - Times are ISO-8601 UTC text (toISOString), compared as text like every other timestamp.
 *
 * Not a synced table: jobs live on the server that runs them.
 */
import { sql, type Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("job")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status IN ('pending', 'running', 'done', 'failed', 'cancelled')`),
    )
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().check(sql`max_attempts >= 1`))
    .addColumn("lease_until", "text")
    .addColumn("lease_token", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addUniqueConstraint("job_firm_key_unique", ["firm_id", "key"])
    .execute();
  // Leasing looks for pending jobs due by now and running jobs whose lease ran out.
  await db.schema.createIndex("job_due").on("job").columns(["status", "run_at"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("job").execute();
}
