/**
 * Staff groups as records of their own: named, renamed, deleted, members added and removed.
 * Groups carry roles (role assignments name them), so a group with assignments is not deleted
 * here: its assignments are removed first, under the sharing rules.
 */
import { AppError, notFound } from "../domain/errors.js";
import type { Db } from "../store/database.js";
import type { NameSort, PageRequest, RowPage } from "../store/list-query.js";
import { inTransaction } from "../store/transaction.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { nowIso, type FirmScope } from "./scope.js";
import {
  deleteStaffGroupMember,
  deleteStaffGroupRow,
  findStaffGroupById,
  findStaffGroupIdByName,
  groupAssignmentCount,
  insertStaffGroup,
  insertStaffGroupMember,
  renameStaffGroupRow,
  selectStaffGroupPage,
  selectStaffGroups,
  type StaffGroup,
} from "./staff-group-store.js";
import { getStaff, normaliseGroups } from "./staff-service.js";

function groupName(value: string): string {
  const [name] = normaliseGroups([value]);
  if (!name) throw new AppError("VALIDATION", "a staff group needs a name");
  return name;
}

export const listStaffGroups = (db: Db, scope: FirmScope): Promise<StaffGroup[]> =>
  selectStaffGroups(db, scope.firm.id);

/** One page of the firm's staff groups whose name contains `search`, in SQL. */
export const listStaffGroupPage = (
  db: Db,
  scope: FirmScope,
  filter: { search?: string },
  page: PageRequest<NameSort>,
): Promise<RowPage<StaffGroup>> => selectStaffGroupPage(db, scope.firm.id, filter, page);

export async function getStaffGroup(db: Db, scope: FirmScope, id: string): Promise<StaffGroup> {
  const group = await findStaffGroupById(db, scope.firm.id, id);
  if (!group) throw notFound("staff group", id);
  return group;
}

async function assertNameFree(db: Db, firmId: string, name: string, selfId?: string): Promise<void> {
  const other = await findStaffGroupIdByName(db, firmId, name);
  if (other && other !== selfId)
    throw new AppError("DUPLICATE", `staff group ${JSON.stringify(name)} already exists`, { name });
}

export async function addStaffGroup(db: Db, scope: FirmScope, name: string): Promise<StaffGroup> {
  const firmId = scope.firm.id;
  const checked = groupName(name);
  return inTransaction(db, async (tx) => {
    await assertNameFree(tx, firmId, checked);
    const id = await uniqueOrDuplicate(
      () => insertStaffGroup(tx, firmId, checked, nowIso(scope)),
      `staff group ${JSON.stringify(checked)} already exists`,
    );
    return getStaffGroup(tx, scope, id);
  });
}

export async function renameStaffGroup(
  db: Db,
  scope: FirmScope,
  id: string,
  name: string,
): Promise<StaffGroup> {
  const firmId = scope.firm.id;
  const checked = groupName(name);
  return inTransaction(db, async (tx) => {
    const group = await getStaffGroup(tx, scope, id);
    await assertNameFree(tx, firmId, checked, group.id);
    await uniqueOrDuplicate(
      () => renameStaffGroupRow(tx, firmId, group.id, checked, nowIso(scope)),
      `staff group ${JSON.stringify(checked)} already exists`,
    );
    return getStaffGroup(tx, scope, group.id);
  });
}

export async function deleteStaffGroup(db: Db, scope: FirmScope, id: string): Promise<StaffGroup> {
  return inTransaction(db, async (tx) => {
    const group = await getStaffGroup(tx, scope, id);
    if ((await groupAssignmentCount(tx, scope.firm.id, group.id)) > 0) {
      throw new AppError("IN_USE", `staff group ${group.name} has roles assigned; remove them first`);
    }
    await deleteStaffGroupRow(tx, scope.firm.id, group.id);
    return group;
  });
}

/** Adds a member; adding someone already in the group changes nothing. */
export async function addStaffGroupMember(
  db: Db,
  scope: FirmScope,
  groupId: string,
  staffId: string,
): Promise<StaffGroup> {
  return inTransaction(db, async (tx) => {
    const group = await getStaffGroup(tx, scope, groupId);
    const staff = await getStaff(tx, scope, staffId);
    if (!group.memberIds.includes(staff.id))
      await insertStaffGroupMember(tx, scope.firm.id, group.id, staff.id, nowIso(scope));
    return getStaffGroup(tx, scope, group.id);
  });
}

/** Removes a member; removing someone not in the group changes nothing. */
export async function removeStaffGroupMember(
  db: Db,
  scope: FirmScope,
  groupId: string,
  staffId: string,
): Promise<StaffGroup> {
  return inTransaction(db, async (tx) => {
    const group = await getStaffGroup(tx, scope, groupId);
    const staff = await getStaff(tx, scope, staffId);
    await deleteStaffGroupMember(tx, scope.firm.id, group.id, staff.id);
    return getStaffGroup(tx, scope, group.id);
  });
}

/**
 * Group names given on a staff record must name existing groups: creating a group is a
 * staff_groups:C change of its own, not a side effect of editing someone.
 */
export async function requireExistingGroups(db: Db, scope: FirmScope, names: string[]): Promise<string[]> {
  const groups = normaliseGroups(names);
  for (const name of groups) {
    if (!(await findStaffGroupIdByName(db, scope.firm.id, name))) throw notFound("staff group", name);
  }
  return groups;
}
