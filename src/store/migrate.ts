/** Versioned migrations, applied in order on open. A store newer than this build is refused. */
import {
  Migrator,
  sql,
  SqliteAdapter,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  type RawBuilder,
} from "kysely";
import { AppError } from "../domain/errors.js";
import * as firmRecords from "./migrations/0001-firm-records.js";
import * as access from "./migrations/0002-access.js";
import * as merge from "./migrations/0003-merge.js";
import * as firmIsolation from "./migrations/0004-firm-isolation.js";
import * as heldAndIntegration from "./migrations/0005-held-and-integration.js";
import * as timersAndReview from "./migrations/0006-timers-and-review.js";
import * as expenseReceipts from "./migrations/0007-expense-receipts.js";
import * as listIndexes from "./migrations/0008-list-indexes.js";
import * as workingOffline from "./migrations/0009-working-offline.js";
import * as portal from "./migrations/0010-portal.js";
import * as jobs from "./migrations/0011-jobs.js";
import * as twoFactor from "./migrations/0012-two-factor.js";
import * as accounting from "./migrations/0013-accounting.js";
import * as booksMirror from "./migrations/0014-books-mirror.js";
import * as accessVersion from "./migrations/0015-access-version.js";
import * as entryOrder from "./migrations/0016-entry-order.js";
import * as applyRound from "./migrations/0017-apply-round.js";
import * as logByRow from "./migrations/0018-log-by-row.js";
import * as quietApply from "./migrations/0019-quiet-apply.js";

const MIGRATIONS: Record<string, Migration> = {
  "0001-firm-records": firmRecords,
  "0002-access": access,
  "0003-merge": merge,
  "0004-firm-isolation": firmIsolation,
  "0005-held-and-integration": heldAndIntegration,
  "0006-timers-and-review": timersAndReview,
  "0007-expense-receipts": expenseReceipts,
  "0008-list-indexes": listIndexes,
  "0009-working-offline": workingOffline,
  "0010-portal": portal,
  "0011-jobs": jobs,
  "0012-two-factor": twoFactor,
  "0013-accounting": accounting,
  "0014-books-mirror": booksMirror,
  "0015-access-version": accessVersion,
  "0016-entry-order": entryOrder,
  "0017-apply-round": applyRound,
  "0018-log-by-row": logByRow,
  "0019-quiet-apply": quietApply,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/**
 * Migrates to the latest schema, or (for tests of a migration, with data written under the
 * schema before it) only up to the migration named `upTo`.
 */
export async function migrateToLatest<T>(db: Kysely<T>, upTo?: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const migrate = () => (upTo === undefined ? migrator.migrateToLatest() : migrator.migrateTo(upTo));
  const { error } =
    db.getExecutor().adapter instanceof SqliteAdapter
      ? await migrateSqlite(db, upTo ?? SCHEMA_VERSION, migrate)
      : await migrate();
  if (error === undefined) return;
  if (!(error instanceof Error)) throw new Error("migration failed", { cause: error });
  // Kysely reports migrations it does not know (written by a newer build) as "corrupted".
  if (/corrupted migrations|missing/i.test(error.message)) {
    throw new AppError(
      "FIRM_FILE_NEWER",
      `this store was written by a newer firmtime (${error.message}); upgrade firmtime`,
    );
  }
  throw error;
}

/** The schema this build writes: replicas merge only when they agree on it. */
export const SCHEMA_VERSION = Object.keys(MIGRATIONS).at(-1)!;

/**
 * A migration of a large firm file takes its time (an index over a million entries): the other
 * process waits this long for it before it gives up (its busy timeout is 5 s otherwise).
 */
const MIGRATION_WAIT_MS = 300_000;

/**
 * SQLite: the pending migrations run in one transaction that takes the write lock first.
 *
 * Kysely takes no lock for SQLite migrations (it assumes one connection, so one process) and
 * commits them statement by statement. A firm file is opened by several processes (the desktop
 * app and a command, after an upgrade of both): two opening a file that needed migrating ran
 * the same migrations at once, and one failed ("table accounting_setting already exists" in 6
 * of 10 tries); a process stopped halfway left a file half migrated, which no open could finish.
 * Now the second process waits for the lock, then finds nothing left to do; a migration that
 * fails, or a process stopped during one, leaves the file as it was.
 *
 * Foreign keys are off meanwhile (SQLite ignores the pragma inside a transaction, and a table
 * rebuilt under a new definition, 0004, must not cascade its drop), and checked before the commit:
 * the migrations must leave no broken reference that was not there before. The check reads the
 * whole file (about 4 s for an M file of 2 GB), so it runs once after the migrations; only when
 * it finds some are they rolled back and run again, between a count before and one after.
 * A file already at `target` is not locked at all: every command opens the file.
 */
async function migrateSqlite<T>(
  db: Kysely<T>,
  target: string,
  migrate: () => Promise<MigrationResultSet>,
): Promise<MigrationResultSet> {
  if (await sqliteAt(db, target)) return { results: [] };
  const busy = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(db);
  const busyTimeout = sql.raw(`PRAGMA busy_timeout = ${busy.rows[0]!.timeout}`);
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    const result = await migrateLocked(db, busyTimeout, migrate, false);
    return result === "broken" ? await migrateLocked(db, busyTimeout, migrate, true) : result;
  } finally {
    await busyTimeout.execute(db);
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

/**
 * One try, under the write lock (waited for up to MIGRATION_WAIT_MS, then the usual busy timeout
 * again): committed when the migrations leave no new broken reference. Without `countBefore`,
 * any broken reference after them rolls them back with "broken", for a try that counts.
 */
async function migrateLocked<T>(
  db: Kysely<T>,
  busyTimeout: RawBuilder<unknown>,
  migrate: () => Promise<MigrationResultSet>,
  countBefore: true,
): Promise<MigrationResultSet>;
async function migrateLocked<T>(
  db: Kysely<T>,
  busyTimeout: RawBuilder<unknown>,
  migrate: () => Promise<MigrationResultSet>,
  countBefore: false,
): Promise<MigrationResultSet | "broken">;
async function migrateLocked<T>(
  db: Kysely<T>,
  busyTimeout: RawBuilder<unknown>,
  migrate: () => Promise<MigrationResultSet>,
  countBefore: boolean,
): Promise<MigrationResultSet | "broken"> {
  await sql.raw(`PRAGMA busy_timeout = ${MIGRATION_WAIT_MS}`).execute(db);
  await sql`BEGIN IMMEDIATE`.execute(db);
  await busyTimeout.execute(db);
  let result: MigrationResultSet;
  try {
    // A reference broken before (a file repaired by hand, say) is not the migration's doing
    // and must not keep the file from opening: only new ones fail it.
    const before = countBefore ? (await brokenReferences(db)).length : 0;
    result = await migrate();
    if (result.error === undefined) {
      const broken = await brokenReferences(db);
      if (broken.length > before && !countBefore) {
        await rollback(db);
        return "broken";
      }
      if (broken.length > before) {
        const tables = [...new Set(broken.map((row) => row.table))].join(", ");
        result = {
          ...result,
          error: new Error(`migration left ${broken.length - before} broken references (${tables})`),
        };
      }
    }
  } catch (error) {
    await rollback(db);
    throw error;
  }
  if (result.error === undefined) await sql`COMMIT`.execute(db);
  else await rollback(db);
  return result;
}

async function brokenReferences<T>(db: Kysely<T>): Promise<{ table: string }[]> {
  return (await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db)).rows;
}

/**
 * SQLite ends the transaction itself on some errors (a full disk, say): nothing is left to roll
 * back then, and the error that ended it is the one to report.
 */
async function rollback<T>(db: Kysely<T>): Promise<void> {
  try {
    await sql`ROLLBACK`.execute(db);
  } catch (error) {
    if (!/no transaction is active/i.test((error as Error).message)) throw error;
  }
}

/** Whether the file has run exactly the migrations up to `target`, read without a lock. */
async function sqliteAt<T>(db: Kysely<T>, target: string): Promise<boolean> {
  const table = await sql<{ n: number }>`
    SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`.execute(db);
  if (table.rows[0]!.n === 0) return false;
  const names = Object.keys(MIGRATIONS);
  const wanted = names.slice(0, names.indexOf(target) + 1);
  const done = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return done.rows.length === wanted.length && done.rows.every((row, index) => row.name === wanted[index]);
}
