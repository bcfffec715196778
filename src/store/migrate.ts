/** Versioned migrations, applied in order on open. A store newer than this build is refused. */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
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
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/**
 * Migrates to the latest schema, or (for tests of a migration, with data written under the
 * schema before it) only up to the migration named `upTo`.
 */
export async function migrateToLatest<T>(db: Kysely<T>, upTo?: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
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
