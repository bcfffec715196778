/**
 * Who is writing: the signed-in user of a request or command, carried through every await with
 * AsyncLocalStorage, so the journal triggers can record each change's author without every
 * service passing it down. SQLite reads it through the ftm_author() SQL function registered on
 * each connection (statements run synchronously inside the caller's async context); PostgreSQL
 * through the transaction-local setting ftm.author, set as each transaction starts.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface AuthorSlot {
  author: string | null;
}

const storage = new AsyncLocalStorage<AuthorSlot>();

/** Runs `work` with `author` as the author of every change it makes. */
export function withAuthor<T>(author: string, work: () => T): T {
  return storage.run({ author }, work);
}

/**
 * Runs `work` with an author to be named later (a request, before it is identified); what it
 * starts, and everything after, sees the name once `nameAuthor` sets it.
 */
export function withAuthorSlot<T>(work: () => T): T {
  return storage.run({ author: null }, work);
}

export function nameAuthor(author: string): void {
  const slot = storage.getStore();
  if (slot) slot.author = author;
}

export const currentAuthor = (): string | null => storage.getStore()?.author ?? null;
