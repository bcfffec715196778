import type { Selectable } from "kysely";
import { AppError, notFound } from "../domain/errors.js";
import type { Db } from "../store/database.js";
import type { FirmTable } from "../store/tables.js";

export interface Firm {
  id: string;
  name: string;
  currency: string;
  minorDigits: number;
  timeIncrement: number;
  lockDate: string | null;
  fiscalYearStartMonth: number;
  /** The firm's URL name on a cloud (/f/<slug>); null for a desktop file never put online. */
  slug: string | null;
  /** Whether users, roles and sharing are enforced; always on for a cloud firm. */
  protection: boolean;
  createdAt: string;
  updatedAt: string;
}

export const firmRowToFirm = (row: Selectable<FirmTable>): Firm => ({
  id: row.firm_id,
  name: row.name,
  currency: row.currency,
  minorDigits: row.minor_digits,
  timeIncrement: row.time_increment,
  lockDate: row.lock_date,
  fiscalYearStartMonth: row.fiscal_year_start_month,
  slug: row.slug,
  protection: row.protection === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function insertFirm(db: Db, firm: Firm): Promise<void> {
  await db
    .insertInto("firm")
    .values({
      firm_id: firm.id,
      name: firm.name,
      currency: firm.currency,
      minor_digits: firm.minorDigits,
      time_increment: firm.timeIncrement,
      lock_date: firm.lockDate,
      fiscal_year_start_month: firm.fiscalYearStartMonth,
      slug: firm.slug,
      protection: firm.protection ? 1 : 0,
      created_at: firm.createdAt,
      updated_at: firm.updatedAt,
    })
    .execute();
}

export async function findFirm(db: Db, firmId: string): Promise<Firm> {
  const row = await db.selectFrom("firm").selectAll().where("firm_id", "=", firmId).executeTakeFirst();
  if (!row) throw notFound("firm", firmId);
  return firmRowToFirm(row);
}

/** A firm file holds exactly one firm. */
export async function findOnlyFirm(db: Db): Promise<Firm> {
  const rows = await db.selectFrom("firm").selectAll().limit(2).execute();
  if (rows.length !== 1)
    throw new AppError("NOT_A_FIRM_FILE", `this file holds ${rows.length} firms, not one`);
  return firmRowToFirm(rows[0]!);
}

export async function updateFirmRow(db: Db, firm: Firm): Promise<void> {
  await db
    .updateTable("firm")
    .set({
      name: firm.name,
      time_increment: firm.timeIncrement,
      lock_date: firm.lockDate,
      fiscal_year_start_month: firm.fiscalYearStartMonth,
      slug: firm.slug,
      protection: firm.protection ? 1 : 0,
      updated_at: firm.updatedAt,
    })
    .where("firm_id", "=", firm.id)
    .execute();
}

export async function findFirmBySlug(db: Db, slug: string): Promise<Firm | undefined> {
  const row = await db.selectFrom("firm").selectAll().where("slug", "=", slug).executeTakeFirst();
  return row ? firmRowToFirm(row) : undefined;
}

export async function selectFirms(db: Db): Promise<Firm[]> {
  return (await db.selectFrom("firm").selectAll().orderBy("name").execute()).map(firmRowToFirm);
}

/**
 * Whether the firm's identity is fixed: a desktop file once its integration started (the cloud
 * is bound to it and the upload begins, even if it was interrupted since), or a cloud firm once
 * bound to a file. Merging names the firm by it, so renaming is refused from then on.
 */
export async function isIdentityFixed(db: Db, firmId: string): Promise<boolean> {
  const row = await db
    .selectFrom("sync_state")
    .select(["integrated_at", "integrating_as", "bound_file_id"])
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return Boolean(
    row && (row.integrated_at !== null || row.integrating_as !== null || row.bound_file_id !== null),
  );
}
