/** The firm profile: name, currency, time increment, lock date, fiscal year start. */
import { parseIsoDate } from "../domain/dates.js";
import { isTimeIncrement } from "../domain/duration.js";
import { AppError, invalid } from "../domain/errors.js";
import { normaliseCurrency, requireText } from "../domain/fields.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { findFirm, insertFirm, isIdentityFixed, updateFirmRow, type Firm } from "./firm-store.js";

export interface FirmInput {
  name: string;
  currency?: string;
  timeIncrement?: number;
  fiscalYearStartMonth?: number;
  lockDate?: string | null;
  /** The URL name on a cloud; lower-case letters, digits and dashes. */
  slug?: string | null;
  protection?: boolean;
}

export function normaliseSlug(value: string): string {
  const slug = value.trim().toLowerCase();
  if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(slug)) {
    throw invalid(`firm URL name ${JSON.stringify(value)} must be 1-40 lower-case letters, digits or dashes`);
  }
  return slug;
}

function checkIncrement(value: number): number {
  if (!isTimeIncrement(value)) throw invalid(`time increment ${value} must be 1, 6 or 15 minutes`);
  return value;
}

function checkMonth(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 12)
    throw invalid(`fiscal year start month ${value} must be 1 to 12`);
  return value;
}

export async function createFirm(db: Db, clock: Clock, input: FirmInput): Promise<Firm> {
  const { currency, minorDigits } = normaliseCurrency(input.currency ?? "USD");
  const now = clock.now().toISOString();
  const firm: Firm = {
    id: newId(),
    name: requireText(input.name, "firm name"),
    currency,
    minorDigits,
    timeIncrement: checkIncrement(input.timeIncrement ?? 6),
    lockDate: input.lockDate ? parseIsoDate(input.lockDate, "lock date") : null,
    fiscalYearStartMonth: checkMonth(input.fiscalYearStartMonth ?? 1),
    slug: input.slug ? normaliseSlug(input.slug) : null,
    protection: input.protection ?? false,
    createdAt: now,
    updatedAt: now,
  };
  await uniqueOrDuplicate(() => insertFirm(db, firm), `a firm with URL name ${firm.slug} already exists`);
  return firm;
}

export interface FirmPatch {
  name?: string;
  timeIncrement?: number;
  fiscalYearStartMonth?: number;
  /** null clears the lock date. */
  lockDate?: string | null;
}

/** Checks and normalises the fields a patch names (pure, so a cloud client checks it as the file does). */
export function checkFirmPatch(patch: FirmPatch): FirmPatch {
  return {
    name: patch.name !== undefined ? requireText(patch.name, "firm name") : undefined,
    timeIncrement: patch.timeIncrement !== undefined ? checkIncrement(patch.timeIncrement) : undefined,
    fiscalYearStartMonth:
      patch.fiscalYearStartMonth !== undefined ? checkMonth(patch.fiscalYearStartMonth) : undefined,
    lockDate:
      patch.lockDate === undefined || patch.lockDate === null
        ? patch.lockDate
        : parseIsoDate(patch.lockDate, "lock date"),
  };
}

/** The currency is fixed at creation: every stored amount is in its minor units. */
export async function editFirm(db: Db, clock: Clock, firmId: string, patch: FirmPatch): Promise<Firm> {
  const firm = await findFirm(db, firmId);
  const checked = checkFirmPatch(patch);
  if (checked.name !== undefined && checked.name !== firm.name && (await isIdentityFixed(db, firmId))) {
    throw new AppError(
      "FILE_IDENTITY_LOCKED",
      `${firm.name} is integrated with a cloud, so its name is fixed: every copy of the firm file and the cloud know it by this name`,
    );
  }
  const next: Firm = {
    ...firm,
    name: checked.name ?? firm.name,
    timeIncrement: checked.timeIncrement ?? firm.timeIncrement,
    fiscalYearStartMonth: checked.fiscalYearStartMonth ?? firm.fiscalYearStartMonth,
    lockDate: checked.lockDate === undefined ? firm.lockDate : checked.lockDate,
    updatedAt: clock.now().toISOString(),
  };
  await updateFirmRow(db, next);
  return next;
}
