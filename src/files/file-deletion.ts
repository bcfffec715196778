/**
 * Removing the bytes of files whose records are gone. Deleting a record that owns a file (an
 * expense receipt) queues its key in file_deletion in the same transaction (a trigger, migration
 * 0007), whatever deleted it: the API, the CLI, a cascade from the entry, a merged delete. After
 * the commit the bytes are removed here; a removal that fails (the bucket unreachable) stays
 * queued and is tried again at the next sweep, so no file outlives its record for long and no
 * file is removed while its record may still come back (a rolled-back delete queues nothing).
 */
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../store/database.js";
import type { FileStore } from "./file-store.js";

const BATCH = 100;

/**
 * Removes every queued file it can (of one firm with `firmId`: what a request just deleted);
 * answers how many it removed.
 */
export async function sweepFileDeletions(
  db: Db,
  files: FileStore,
  log?: Pick<FastifyBaseLogger, "warn">,
  firmId?: string,
): Promise<number> {
  let removed = 0;
  let failed = new Set<string>();
  for (;;) {
    let query = db.selectFrom("file_deletion").select("file_key");
    if (firmId !== undefined) query = query.where("firm_id", "=", firmId);
    const queued = await query
      .orderBy("file_key")
      .limit(BATCH + failed.size)
      .execute();
    const batch = queued.map((row) => row.file_key).filter((key) => !failed.has(key));
    if (batch.length === 0) return removed;
    for (const key of batch) {
      try {
        await files.remove(key);
        await db.deleteFrom("file_deletion").where("file_key", "=", key).execute();
        removed += 1;
      } catch (error) {
        failed = new Set([...failed, key]);
        log?.warn({ err: error, fileKey: key }, "could not remove a deleted record's file; will retry");
        await db
          .updateTable("file_deletion")
          .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
          .where("file_key", "=", key)
          .execute();
      }
    }
  }
}

/** How many files wait for removal (tests and status). */
export async function countQueuedFileDeletions(db: Db): Promise<number> {
  const row = await db
    .selectFrom("file_deletion")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
