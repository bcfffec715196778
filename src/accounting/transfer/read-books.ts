/**
 * Reads what the books hold at the start of a run. The first run reads every list; later runs
 * ask only what changed since the last read (QBO /cdc) and apply it to the copy the store keeps
 * (books-mirror-store.ts), so a firm with thousands of customers costs a handful of requests a
 * night instead of a page per thousand records per list. A list the target cannot say the
 * changes of (too long since, or too many changes) is read whole again, and so is everything
 * when the firm's connection now points at another company's books.
 *
 * The next read asks for changes from this read's start less a margin, by our clock: changes
 * made in the books while this read went on, or stamped by a clock a little behind ours, are
 * then read again rather than missed (reading a record twice changes nothing).
 */
import { inTransaction } from "../../store/transaction.js";
import {
  deleteBooksRecords,
  findBooksRead,
  forgetBooks,
  saveBooksRead,
  selectBooksRecords,
  writeBooksRecords,
} from "../books-mirror-store.js";
import type { ExternalRecord, ListKind } from "../target.js";
import type { RunContext } from "./run-context.js";

export const LIST_KINDS: readonly ListKind[] = ["employee", "vendor", "customer", "item"];
/** How far before a read's start the next read asks for changes from. */
export const CHANGES_MARGIN_MS = 15 * 60_000;

export interface BooksReading {
  records: ExternalRecord[];
  /** The lists read whole this time (every list on a first read); the others by their changes. */
  readWhole: ListKind[];
}

export async function readBooks(ctx: Pick<RunContext, "db" | "scope" | "target">): Promise<BooksReading> {
  const firmId = ctx.scope.firm.id;
  const startedAt = ctx.scope.clock.now().getTime();
  const last = await findBooksRead(ctx.db, firmId);
  const sameBooks = last?.booksId === ctx.target.booksId;
  const whole = new Map<ListKind, ExternalRecord[]>();
  const changes: ExternalRecord[] = [];
  for (const kind of LIST_KINDS) {
    const changed = sameBooks ? await ctx.target.listChanges(kind, last.changesFrom) : null;
    if (changed) changes.push(...changed);
    else whole.set(kind, await ctx.target.listRecords(kind));
  }
  // The copy changes only once everything is read: a read cut short leaves the last one whole.
  await inTransaction(ctx.db, async (tx) => {
    if (!sameBooks) await forgetBooks(tx, firmId);
    await deleteBooksRecords(tx, firmId, [...whole.keys()]);
    await writeBooksRecords(tx, firmId, [...[...whole.values()].flat(), ...changes]);
    await saveBooksRead(tx, firmId, {
      booksId: ctx.target.booksId,
      changesFrom: new Date(startedAt - CHANGES_MARGIN_MS).toISOString(),
    });
  });
  return { records: await selectBooksRecords(ctx.db, firmId), readWhole: [...whole.keys()] };
}
