/**
 * The books as the connector last read them (migration 0014): one row per employee, vendor,
 * customer (jobs included) and service item, and per firm whose books they are and from when the
 * next read asks for changes. src/accounting/transfer/read-books.ts keeps them current.
 */
import type { Db } from "../store/database.js";
import type { ExternalRecord, ListKind } from "./target.js";

export interface BooksRead {
  booksId: string;
  changesFrom: string;
}

export async function findBooksRead(db: Db, firmId: string): Promise<BooksRead | undefined> {
  const row = await db
    .selectFrom("accounting_books_read")
    .select(["books_id", "changes_from"])
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return row ? { booksId: row.books_id, changesFrom: row.changes_from } : undefined;
}

export async function saveBooksRead(db: Db, firmId: string, read: BooksRead): Promise<void> {
  const values = { books_id: read.booksId, changes_from: read.changesFrom };
  await db
    .insertInto("accounting_books_read")
    .values({ firm_id: firmId, ...values })
    .onConflict((oc) => oc.column("firm_id").doUpdateSet(values))
    .execute();
}

export async function selectBooksRecords(db: Db, firmId: string): Promise<ExternalRecord[]> {
  const rows = await db
    .selectFrom("accounting_books_record")
    .selectAll()
    .where("firm_id", "=", firmId)
    .orderBy("kind")
    .orderBy("external_id")
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    externalId: row.external_id,
    name: row.name,
    fullName: row.full_name,
    parentExternalId: row.parent_external_id,
    active: Number(row.active) === 1,
    version: row.version,
    updatedAt: row.updated_at,
  }));
}

/** Forgets every record of the given kinds (before a whole list is written again). */
export async function deleteBooksRecords(db: Db, firmId: string, kinds: readonly ListKind[]): Promise<void> {
  if (kinds.length === 0) return;
  await db
    .deleteFrom("accounting_books_record")
    .where("firm_id", "=", firmId)
    .where("kind", "in", kinds)
    .execute();
}

/** Forgets everything read from the firm's books (they disconnected, or connected another company). */
export async function forgetBooks(db: Db, firmId: string): Promise<void> {
  await db.deleteFrom("accounting_books_record").where("firm_id", "=", firmId).execute();
  await db.deleteFrom("accounting_books_read").where("firm_id", "=", firmId).execute();
}

/** Writes records as read; one deleted from the books is removed, as a whole read would not see it. */
export async function writeBooksRecords(
  db: Db,
  firmId: string,
  records: readonly ExternalRecord[],
): Promise<void> {
  // One statement per kind, not per record (a merge-away in the books can remove hundreds).
  const gone = new Map<ListKind, string[]>();
  for (const record of records.filter((each) => each.deleted))
    gone.set(record.kind, [...(gone.get(record.kind) ?? []), record.externalId]);
  for (const [kind, ids] of gone) {
    for (let start = 0; start < ids.length; start += 500) {
      await db
        .deleteFrom("accounting_books_record")
        .where("firm_id", "=", firmId)
        .where("kind", "=", kind)
        .where("external_id", "in", ids.slice(start, start + 500))
        .execute();
    }
  }
  const kept = records.filter((record) => !record.deleted);
  // Bounded chunks: SQLite takes at most 32,766 parameters per statement.
  for (let start = 0; start < kept.length; start += 500) {
    const rows = kept.slice(start, start + 500).map((record) => ({
      firm_id: firmId,
      kind: record.kind,
      external_id: record.externalId,
      name: record.name,
      full_name: record.fullName,
      parent_external_id: record.parentExternalId,
      active: record.active ? 1 : 0,
      version: record.version,
      updated_at: record.updatedAt,
    }));
    await db
      .insertInto("accounting_books_record")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["firm_id", "kind", "external_id"]).doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          full_name: eb.ref("excluded.full_name"),
          parent_external_id: eb.ref("excluded.parent_external_id"),
          active: eb.ref("excluded.active"),
          version: eb.ref("excluded.version"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}
