/**
 * Held records and integration progress (shared/design/merge.md):
 * - sync_log.closed_at: a warning closes when what it warned of is over (a held entry that is
 *   no longer negative goes up and its warning closes); closed warnings stay in the log.
 * - sync_state.integrating_as: set when an integration starts binding the file to its cloud,
 *   with the email of the Admin running it; integrated_at is set only once every step is done.
 *   Between the two the integration is unfinished: merging is refused, and `firmtime integrate`
 *   run again (the same cloud, the same Admin) finishes it.
 */
import { sql, type Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("sync_log").addColumn("closed_at", "text").execute();
  await db.schema.alterTable("sync_state").addColumn("integrating_as", "text").execute();
  // A file linked to its cloud but not marked integrated was interrupted during integration
  // (the Admin who ran it is unknown: '' asks for the email).
  await sql`UPDATE sync_state SET integrating_as = ''
    WHERE cloud_url IS NOT NULL AND integrated_at IS NULL AND bound_file_id IS NULL`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("sync_state").dropColumn("integrating_as").execute();
  await db.schema.alterTable("sync_log").dropColumn("closed_at").execute();
}
