/**
 * Migration 0019, PostgreSQL only: the journal's table triggers are not called while a merge
 * applies changes. A merge writes the rows it applies with the firm's `applying` flag set and
 * journals them itself; the triggers then only locked the firm's state row, which the merge
 * already holds, and returned: about 22 us a row, 6 % of the PostgreSQL upload's time per entry
 * (bench/README.md, "PostgreSQL journal trigger"). Now each trigger's condition reads the
 * transaction-local setting the merge turns on and off beside the flag (journal-triggers.ts,
 * merge/journal-store.ts). SQLite's triggers already read the flag in their condition, in process.
 */
import { PostgresAdapter, type Kysely } from "kysely";
import { replacePostgresTableTriggers } from "./journal-triggers.js";

type AnyDb = Kysely<unknown>;

const postgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  if (postgres(db))
    await replacePostgresTableTriggers(db, { perFirmSequence: true, quietWhileApplying: true });
}

export async function down(db: AnyDb): Promise<void> {
  if (postgres(db)) await replacePostgresTableTriggers(db, { perFirmSequence: true });
}
