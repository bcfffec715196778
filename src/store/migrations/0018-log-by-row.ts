/**
 * Migration 0018: the merge log found by code and row. A desktop holds each negative entry back
 * with an open warning (held-records.ts); a merge that sends entry changes asks which of those
 * entries are held. Found through the (firm_id, level, at) index, that read went over every
 * open warning of the firm (10,000 at M, read and parsed on every such merge) instead of the
 * entries the merge sends.
 */
import { sql, type Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await sql`CREATE INDEX sync_log_code_row ON sync_log (firm_id, code, row_id)`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP INDEX sync_log_code_row`.execute(db);
}
