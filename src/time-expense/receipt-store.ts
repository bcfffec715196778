/** Queries for expense receipts. Row types stay here; callers get Receipt. */
import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import type { ExpenseReceiptTable } from "../store/tables.js";

export interface Receipt {
  id: string;
  entryId: string;
  /** The file store's key: stays on the server, never in an answer. */
  fileKey: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

const rowToReceipt = (row: Selectable<ExpenseReceiptTable>): Receipt => ({
  id: row.id,
  entryId: row.entry_id,
  fileKey: row.file_key,
  fileName: row.file_name,
  mediaType: row.media_type,
  size: row.size_bytes,
  sha256: row.sha256,
  uploadedBy: row.uploaded_by,
  uploadedAt: row.uploaded_at,
});

export async function insertReceipt(db: Db, firmId: string, receipt: Receipt): Promise<void> {
  await db
    .insertInto("expense_receipt")
    .values({
      id: receipt.id,
      firm_id: firmId,
      entry_id: receipt.entryId,
      file_key: receipt.fileKey,
      file_name: receipt.fileName,
      media_type: receipt.mediaType,
      size_bytes: receipt.size,
      sha256: receipt.sha256,
      uploaded_by: receipt.uploadedBy,
      uploaded_at: receipt.uploadedAt,
    })
    .execute();
}

/** An entry's receipts, oldest first. */
export async function selectReceipts(db: Db, firmId: string, entryId: string): Promise<Receipt[]> {
  const rows = await db
    .selectFrom("expense_receipt")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("entry_id", "=", entryId)
    .orderBy("uploaded_at")
    .orderBy("id")
    .execute();
  return rows.map(rowToReceipt);
}

export async function findReceipt(
  db: Db,
  firmId: string,
  entryId: string,
  id: string,
): Promise<Receipt | undefined> {
  const row = await db
    .selectFrom("expense_receipt")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("entry_id", "=", entryId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? rowToReceipt(row) : undefined;
}

export async function countReceipts(db: Db, firmId: string, entryId: string): Promise<number> {
  const row = await db
    .selectFrom("expense_receipt")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("firm_id", "=", firmId)
    .where("entry_id", "=", entryId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes the row; its file's key is queued for removal by the table's trigger (migration 0007). */
export async function deleteReceiptRow(db: Db, firmId: string, id: string): Promise<void> {
  await db.deleteFrom("expense_receipt").where("firm_id", "=", firmId).where("id", "=", id).execute();
}
