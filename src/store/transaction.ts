/**
 * Runs work in a transaction, joining the caller's if there is one, so services compose:
 * a command can run several services in one all-or-nothing unit.
 */
import type { Db } from "./database.js";

export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
