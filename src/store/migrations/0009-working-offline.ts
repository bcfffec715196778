/**
 * sync_state.working_offline: a desktop whose user chose to work offline (the local app's "Work
 * offline" switch) stays offline across restarts of `firmtime desktop` until the user turns it
 * back off. Local to the file, never merged, like every sync_state column.
 */
import type { Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("sync_state")
    .addColumn("working_offline", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("sync_state").dropColumn("working_offline").execute();
}
