/**
 * Migration 0016: the entry indexes end on id, the lists' tie-breaker (entry-store.ts orders by
 * date, then id), so a page of a month, of one staff member's or of one client's entries is read
 * from the index in order and the scan stops at the page's end. Before, the engine read every
 * entry of the filter and sorted them in a temporary B-tree to break ties by id.
 */
import { sql, type Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

const TABLES = ["time_entry", "expense_entry"] as const;
/** Index name suffix → its columns before id (as 0001 made them). */
const INDEXES: Record<string, string> = {
  date: "firm_id, entry_date",
  client_date: "firm_id, client_id, entry_date",
  staff_date: "firm_id, staff_id, entry_date",
};

async function remake(db: AnyDb, withId: boolean): Promise<void> {
  for (const table of TABLES)
    for (const [suffix, columns] of Object.entries(INDEXES)) {
      const name = `${table}_${suffix}`;
      await sql`DROP INDEX ${sql.id(name)}`.execute(db);
      await sql`CREATE INDEX ${sql.id(name)} ON ${sql.id(table)} (${sql.raw(withId ? `${columns}, id` : columns)})`.execute(
        db,
      );
    }
}

export const up = (db: AnyDb) => remake(db, true);
export const down = (db: AnyDb) => remake(db, false);
