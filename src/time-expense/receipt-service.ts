/**
 * Receipts on expense entries: photos (JPEG, PNG, HEIC/HEIF, WebP) or PDFs, accepted by what
 * their bytes are, never by their name or declared type. The bytes live in the file store; a
 * row keeps the metadata.
 *
 * Rules: adding or removing a receipt changes the entry, so it follows the entry's own rules
 * (domain/entries.ts): an approved, billed or transferred entry, or one dated on or before the
 * lock date, keeps its receipts as they are (ENTRY_LOCKED / BEFORE_LOCK_DATE); take the entry
 * back to submitted to change them. Reading is never locked.
 *
 * Receipts stay on the server they were uploaded to: the table is not synced, so a desktop never
 * receives the cloud's receipts and the cloud never receives a desktop's.
 */
import { assertEditable } from "../domain/entries.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import type { StoredFile } from "../files/file-store.js";
import { displayFileName } from "../files/file-names.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { inTransaction } from "../store/transaction.js";
import type { ExpenseEntry } from "./entry-store.js";
import { getExpenseEntry } from "./expense-entry-service.js";
import {
  countReceipts,
  deleteReceiptRow,
  findReceipt,
  insertReceipt,
  selectReceipts,
  type Receipt,
} from "./receipt-store.js";

export type { Receipt } from "./receipt-store.js";

/** What a receipt may be, by the type detected from its content, and the extension it downloads with. */
export const RECEIPT_TYPES: Readonly<Record<string, string>> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/heic": "heic",
  "image/heif": "heif",
  "image/webp": "webp",
  "application/pdf": "pdf",
};

export const MAX_RECEIPTS_PER_ENTRY = 20;

/** The media type of an accepted receipt, from the type its bytes were detected as. */
export function acceptedReceiptType(detected: { mime: string } | undefined): string {
  if (detected && detected.mime in RECEIPT_TYPES) return detected.mime;
  throw new AppError(
    "FILE_TYPE_NOT_ALLOWED",
    "a receipt must be a photo (JPEG, PNG, HEIC/HEIF or WebP) or a PDF; this file's content is " +
      (detected ? detected.mime : "none of those"),
    { detected: detected?.mime ?? null, accepted: Object.keys(RECEIPT_TYPES) },
  );
}

/** The uploader's file name, for display only (upload.ts), else "receipt" with the type's extension. */
export const displayReceiptName = (given: string | undefined, mediaType: string): string =>
  displayFileName(given, `receipt.${RECEIPT_TYPES[mediaType] ?? "bin"}`);

/** The name a download is saved under: the display name's stem with the detected type's extension. */
export function downloadFileName(receipt: Pick<Receipt, "fileName" | "mediaType">): string {
  const stem = receipt.fileName.replace(/\.[^.]*$/, "") || "receipt";
  return `${stem}.${RECEIPT_TYPES[receipt.mediaType] ?? "bin"}`;
}

/** Adding or removing receipts is changing the entry: refused once it is locked. */
function assertReceiptsEditable(scope: FirmScope, entry: ExpenseEntry): void {
  assertEditable(entry, scope.firm.lockDate);
}

/** Checks, before any byte is read, that the entry may take one more receipt. */
export async function checkReceiptUpload(db: Db, scope: FirmScope, entry: ExpenseEntry): Promise<void> {
  assertReceiptsEditable(scope, entry);
  if ((await countReceipts(db, scope.firm.id, entry.id)) >= MAX_RECEIPTS_PER_ENTRY)
    throw invalid(`an expense entry holds at most ${MAX_RECEIPTS_PER_ENTRY} receipts; remove one first`, {
      limit: MAX_RECEIPTS_PER_ENTRY,
    });
}

/** Records a stored file as a receipt of the entry (checked again: the entry may have changed meanwhile). */
export async function addReceipt(
  db: Db,
  scope: FirmScope,
  entryId: string,
  file: StoredFile & { fileName: string; mediaType: string },
): Promise<Receipt> {
  return inTransaction(db, async (tx) => {
    const entry = await getExpenseEntry(tx, scope, entryId);
    await checkReceiptUpload(tx, scope, entry);
    const receipt: Receipt = {
      id: newId(),
      entryId: entry.id,
      fileKey: file.key,
      fileName: file.fileName,
      mediaType: file.mediaType,
      size: file.size,
      sha256: file.sha256,
      uploadedBy: scope.actor,
      uploadedAt: nowIso(scope),
    };
    await insertReceipt(tx, scope.firm.id, receipt);
    return receipt;
  });
}

export function listReceipts(db: Db, scope: FirmScope, entryId: string): Promise<Receipt[]> {
  return selectReceipts(db, scope.firm.id, entryId);
}

export async function getReceipt(db: Db, scope: FirmScope, entryId: string, id: string): Promise<Receipt> {
  const receipt = await findReceipt(db, scope.firm.id, entryId, id);
  if (!receipt) throw notFound("receipt", id);
  return receipt;
}

/** Removes the receipt's record; its file is queued for removal in the same transaction. */
export async function removeReceipt(db: Db, scope: FirmScope, entryId: string, id: string): Promise<Receipt> {
  return inTransaction(db, async (tx) => {
    const entry = await getExpenseEntry(tx, scope, entryId);
    assertReceiptsEditable(scope, entry);
    const receipt = await getReceipt(tx, scope, entry.id, id);
    await deleteReceiptRow(tx, scope.firm.id, receipt.id);
    return receipt;
  });
}
