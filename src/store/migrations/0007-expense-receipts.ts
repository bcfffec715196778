/**
 * Expense receipts and the file deletion queue.
 *
 * - expense_receipt: one row per file attached to an expense entry. The bytes are in the file
 *   store under `file_key`; the row keeps what people see (the original name, for display only)
 *   and what the server checked (the type detected from the content, the size, the SHA-256), and
 *   who uploaded it when. Not a synced table: receipts stay on the server they were uploaded to
 *   (the merge protocol carries records, not files). Its entry reference is a composite key
 *   (firm_id, entry_id) like every other, and cascades: an entry deleted by any path (the API,
 *   the CLI, a merged delete) takes its receipts with it.
 * - file_deletion: file keys whose record is gone and whose bytes are still to be removed from
 *   the file store. A trigger fills it in the same transaction as the delete (so a delete that
 *   commits never loses track of its file, and one that rolls back queues nothing); the server
 *   removes the bytes after the commit and at every start, and drops the row once removed.
 */
import { sql, type Kysely } from "kysely";
import { PostgresAdapter } from "kysely";

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // The key the receipts' composite reference names, as 0004 made for every other parent.
  if (postgres)
    await sql`ALTER TABLE expense_entry ADD CONSTRAINT expense_entry_firm_id_id_unique UNIQUE (firm_id, id)`.execute(
      db,
    );
  else
    await sql`CREATE UNIQUE INDEX expense_entry_firm_id_id_unique ON expense_entry (firm_id, id)`.execute(db);

  await db.schema
    .createTable("expense_receipt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("file_key", "text", (c) => c.notNull().unique())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "bigint", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .addForeignKeyConstraint(
      "expense_receipt_entry_id_firm_fk",
      ["firm_id", "entry_id"],
      "expense_entry",
      ["firm_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("expense_receipt_entry")
    .on("expense_receipt")
    .columns(["firm_id", "entry_id"])
    .execute();

  await db.schema
    .createTable("file_deletion")
    .addColumn("file_key", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  if (postgres) {
    await sql`CREATE FUNCTION expense_receipt_file_gone() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO file_deletion (file_key, firm_id) VALUES (OLD.file_key, OLD.firm_id)
          ON CONFLICT DO NOTHING;
        RETURN OLD;
      END $fn$`.execute(db);
    await sql`CREATE TRIGGER expense_receipt_file_gone AFTER DELETE ON expense_receipt
      FOR EACH ROW EXECUTE FUNCTION expense_receipt_file_gone()`.execute(db);
  } else {
    await sql`CREATE TRIGGER expense_receipt_file_gone AFTER DELETE ON expense_receipt BEGIN
      INSERT OR IGNORE INTO file_deletion (file_key, firm_id) VALUES (OLD.file_key, OLD.firm_id);
    END`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("expense_receipt").execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`DROP FUNCTION expense_receipt_file_gone()`.execute(db);
  await db.schema.dropTable("file_deletion").execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`ALTER TABLE expense_entry DROP CONSTRAINT expense_entry_firm_id_id_unique`.execute(db);
  else await sql`DROP INDEX expense_entry_firm_id_id_unique`.execute(db);
}
