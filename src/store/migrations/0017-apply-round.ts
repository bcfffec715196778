/**
 * Migration 0017: sync_state.apply_round, so that a server can tell whether anything in a firm
 * has been written since it last looked (a list's total, kept between pages: count-cache.ts).
 *
 * Every write to a synced table either runs the journal triggers, which take the firm's next
 * sequence number (sync_state.last_seq), or runs while a merge applies changes with the firm's
 * `applying` flag set, when the triggers stay quiet. The merge's own writes do not all take a
 * sequence number (a desktop rebuilding a record after a refused change writes the row and no
 * change). So a trigger counts every time `applying` is set: (last_seq, apply_round) changes
 * whenever any synced row may have changed, in the same transaction as the write, whoever
 * writes (the services, a merge, the CLI, a statement typed by hand, another server).
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

const BUMP = "UPDATE sync_state SET apply_round = apply_round + 1 WHERE firm_id = NEW.firm_id";

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("sync_state")
    .addColumn("apply_round", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  // UPDATE OF fires whenever the statement sets the column, also to the value it had.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `CREATE FUNCTION sync_state_apply_round() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  ${BUMP};
  RETURN NEW;
END
$fn$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER sync_state_apply_round AFTER UPDATE OF applying ON sync_state FOR EACH ROW
         WHEN (NEW.applying = 1) EXECUTE FUNCTION sync_state_apply_round()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `CREATE TRIGGER sync_state_apply_round AFTER UPDATE OF applying ON sync_state
         WHEN NEW.applying = 1 BEGIN ${BUMP}; END`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql
    .raw(
      postgres ? "DROP TRIGGER sync_state_apply_round ON sync_state" : "DROP TRIGGER sync_state_apply_round",
    )
    .execute(db);
  if (postgres) await sql`DROP FUNCTION sync_state_apply_round()`.execute(db);
  await db.schema.alterTable("sync_state").dropColumn("apply_round").execute();
}
