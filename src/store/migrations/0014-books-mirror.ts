/**
 * Migration 0014: what the connected books held when last read (src/accounting/books-mirror.ts),
 * so a run after the first asks the books only what changed since (QBO /cdc) instead of reading
 * every list again.
 *
 * - accounting_books_read: per firm, whose books were read (the QBO realm) and the time the
 *   next read asks for changes from.
 * - accounting_books_record: the books' employees, vendors, customers (jobs included) and
 *   service items as of that read.
 *
 * Neither is synced: only the connector, on the cloud, reads the books.
 */
import type { Kysely } from "kysely";
import { sql } from "kysely";

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("accounting_books_read")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.firm_id"))
    .addColumn("books_id", "text", (c) => c.notNull())
    .addColumn("changes_from", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("accounting_books_record")
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql.raw("kind IN ('employee', 'vendor', 'customer', 'item')")),
    )
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("parent_external_id", "text")
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("version", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("accounting_books_record_pk", ["firm_id", "kind", "external_id"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("accounting_books_record").execute();
  await db.schema.dropTable("accounting_books_read").execute();
}
