/** Staff: unique staff numbers and emails, groups, inactive staff who keep their history. */
import { inTransaction } from "../store/transaction.js";
import { parseIsoDate } from "../domain/dates.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { normaliseEmail, normaliseStaffNumber, requireText } from "../domain/fields.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import type { Db } from "../store/database.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { nowIso, type FirmScope } from "./scope.js";
import {
  deleteStaffRow,
  findStaff,
  findStaffByEmail,
  insertStaff,
  selectGroups,
  selectStaff,
  selectStaffNames,
  selectStaffPage,
  type StaffSort,
  setStaffGroups,
  staffUsage,
  updateStaff,
  type Staff,
  type StaffFields,
  type StaffFilter,
} from "./staff-store.js";

export interface StaffInput {
  staffNumber: string;
  firstName: string;
  lastName: string;
  email?: string | null;
  status?: "active" | "inactive";
  inactiveDate?: string | null;
  groups?: string[];
}

export function normaliseGroups(names: string[]): string[] {
  const groups = new Set<string>();
  for (const name of names) {
    const group = name.trim();
    if (!group) continue;
    if (group.length > 60) throw invalid(`group ${JSON.stringify(name)} is longer than 60 characters`);
    groups.add(requireText(group, "group name", 60));
  }
  return [...groups].sort();
}

/** Validates and normalises every field; pure apart from nothing — no store access. */
export function validateStaff(input: StaffInput): StaffFields & { groups: string[] } {
  const status = input.status ?? "active";
  if (status !== "active" && status !== "inactive")
    throw invalid(`status ${JSON.stringify(status)} must be active or inactive`);
  const inactiveDate = input.inactiveDate ? parseIsoDate(input.inactiveDate, "inactive date") : null;
  if (status === "active" && inactiveDate) throw invalid("an active staff member has no inactive date");
  return {
    staffNumber: normaliseStaffNumber(input.staffNumber),
    firstName: requireText(input.firstName, "first name", 60),
    lastName: requireText(input.lastName, "last name", 60),
    email: normaliseEmail(input.email),
    status,
    inactiveDate,
    groups: normaliseGroups(input.groups ?? []),
  };
}

async function assertUnique(db: Db, firmId: string, fields: StaffFields, selfId?: string): Promise<void> {
  const byNumber = await findStaff(db, firmId, fields.staffNumber);
  if (byNumber && byNumber.id !== selfId) {
    throw new AppError("DUPLICATE", `staff number ${fields.staffNumber} is already used`, {
      staffNumber: fields.staffNumber,
    });
  }
  if (fields.email) {
    const byEmail = await findStaffByEmail(db, firmId, fields.email);
    if (byEmail && byEmail.id !== selfId) {
      throw new AppError(
        "DUPLICATE",
        `email ${fields.email} is already used by staff ${byEmail.staffNumber}`,
      );
    }
  }
}

export async function addStaff(db: Db, scope: FirmScope, input: StaffInput): Promise<Staff> {
  // As in editStaff: someone added as inactive without a date is inactive from today, so
  // their earlier history can still be recorded (an undated inactive member could record nothing).
  const inactiveDate =
    input.status === "inactive" && !input.inactiveDate ? nowIso(scope).slice(0, 10) : input.inactiveDate;
  const { groups, ...fields } = validateStaff({ ...input, inactiveDate });
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    await assertUnique(tx, firmId, fields);
    const now = nowIso(scope);
    const id = await uniqueOrDuplicate(
      () => insertStaff(tx, firmId, fields, now),
      `staff number ${fields.staffNumber} or email is already used`,
    );
    await setStaffGroups(tx, firmId, id, groups, now);
    return getStaff(tx, scope, id);
  });
}

export async function getStaff(db: Db, scope: FirmScope, ref: string): Promise<Staff> {
  const staff = await findStaff(db, scope.firm.id, ref);
  if (!staff) throw notFound("staff", ref);
  return staff;
}

/** One page of the staff a filter matches (the readable set included), in SQL. */
export const listStaffPage = (
  db: Db,
  scope: FirmScope,
  filter: StaffFilter,
  page: PageRequest<StaffSort>,
): Promise<RowPage<Staff>> => selectStaffPage(db, scope.firm.id, filter, page);

export const listStaff = (db: Db, scope: FirmScope, filter: StaffFilter = {}): Promise<Staff[]> =>
  selectStaff(db, scope.firm.id, filter);

/**
 * The staff members named by a page of entries, by id. Whoever may read an entry may see who
 * recorded it (as reports show it), without the right to read staff records.
 */
export const staffNamesOf = (db: Db, scope: FirmScope, ids: readonly string[]) =>
  selectStaffNames(db, scope.firm.id, [...new Set(ids)]);

export type StaffPatch = Partial<StaffInput>;

export async function editStaff(db: Db, scope: FirmScope, ref: string, patch: StaffPatch): Promise<Staff> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const current = await getStaff(tx, scope, ref);
    const merged: StaffInput = { ...current, ...definedOnly(patch) };
    // Making someone active again clears their inactive date; making them inactive dates it today.
    if (patch.status === "active" && patch.inactiveDate === undefined) merged.inactiveDate = null;
    if (patch.status === "inactive" && !merged.inactiveDate) merged.inactiveDate = nowIso(scope).slice(0, 10);
    const { groups, ...fields } = validateStaff(merged);
    await assertUnique(tx, firmId, fields, current.id);
    const now = nowIso(scope);
    await uniqueOrDuplicate(
      () => updateStaff(tx, firmId, current.id, fields, now),
      "staff number or email is already used",
    );
    if (patch.groups !== undefined) await setStaffGroups(tx, firmId, current.id, groups, now);
    return getStaff(tx, scope, current.id);
  });
}

/** Staff with history (entries, rates, client roles) are made inactive, never deleted. */
export async function deleteStaff(db: Db, scope: FirmScope, ref: string): Promise<Staff> {
  return inTransaction(db, async (tx) => {
    const staff = await getStaff(tx, scope, ref);
    const uses = await staffUsage(tx, scope.firm.id, staff.id);
    if (uses > 0) {
      throw new AppError(
        "IN_USE",
        `staff ${staff.staffNumber} has entries, rates, clients or a user account; make them inactive instead`,
      );
    }
    await deleteStaffRow(tx, scope.firm.id, staff.id);
    return staff;
  });
}

export const listGroups = (db: Db, scope: FirmScope) => selectGroups(db, scope.firm.id);

/** Drops keys whose value is undefined, so a patch only overrides what it names. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
