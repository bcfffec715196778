/**
 * Runs work in a transaction, joining the caller's if there is one, so services compose:
 * a command can run several services in one all-or-nothing unit. On PostgreSQL the
 * transaction first names its author for the journal triggers (author-context.ts).
 */
import { PostgresAdapter, sql } from "kysely";
import { currentAuthor } from "./author-context.js";
import type { Db } from "./database.js";

export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(async (tx) => {
    const author = currentAuthor();
    if (author !== null && tx.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`SELECT set_config('ftm.author', ${author}, true)`.execute(tx);
    }
    return work(tx);
  });
}
