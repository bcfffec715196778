/**
 * Contact groups: sets of portal contacts, so an entity can be shared with all of a client's
 * people at once. A group that carries roles is not deleted until its assignments are removed.
 */
import { AppError, notFound } from "../domain/errors.js";
import { requireText } from "../domain/fields.js";
import { getContact } from "../firm-setup/contact-service.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import type { NameSort, PageRequest, RowPage } from "../store/list-query.js";
import { inTransaction } from "../store/transaction.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { selectAssignments } from "./access-store.js";
import {
  deleteContactGroupMember,
  deleteContactGroupRow,
  insertContactGroup,
  insertContactGroupMember,
  renameContactGroupRow,
  selectContactGroupPage,
  selectContactGroups,
  type ContactGroup,
} from "./contact-group-store.js";

const groupName = (value: string): string => requireText(value, "contact group name", 60);

export const listContactGroups = (db: Db, scope: FirmScope): Promise<ContactGroup[]> =>
  selectContactGroups(db, scope.firm.id);

/** One page of the firm's contact groups whose name contains `search`, in SQL. */
export const listContactGroupPage = (
  db: Db,
  scope: FirmScope,
  filter: { search?: string },
  page: PageRequest<NameSort>,
): Promise<RowPage<ContactGroup>> => selectContactGroupPage(db, scope.firm.id, filter, page);

export async function getContactGroup(db: Db, scope: FirmScope, id: string): Promise<ContactGroup> {
  const [group] = await selectContactGroups(db, scope.firm.id, { id });
  if (!group) throw notFound("contact group", id);
  return group;
}

async function assertNameFree(db: Db, firmId: string, name: string, selfId?: string): Promise<void> {
  const [other] = await selectContactGroups(db, firmId, { name });
  if (other && other.id !== selfId)
    throw new AppError("DUPLICATE", `contact group ${JSON.stringify(name)} already exists`, { name });
}

export async function addContactGroup(db: Db, scope: FirmScope, name: string): Promise<ContactGroup> {
  const checked = groupName(name);
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    await assertNameFree(tx, firmId, checked);
    const id = await uniqueOrDuplicate(
      () => insertContactGroup(tx, firmId, checked, nowIso(scope)),
      `contact group ${JSON.stringify(checked)} already exists`,
    );
    return getContactGroup(tx, scope, id);
  });
}

export async function renameContactGroup(
  db: Db,
  scope: FirmScope,
  id: string,
  name: string,
): Promise<ContactGroup> {
  const checked = groupName(name);
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const group = await getContactGroup(tx, scope, id);
    await assertNameFree(tx, firmId, checked, group.id);
    await uniqueOrDuplicate(
      () => renameContactGroupRow(tx, firmId, group.id, checked, nowIso(scope)),
      `contact group ${JSON.stringify(checked)} already exists`,
    );
    return getContactGroup(tx, scope, group.id);
  });
}

export async function deleteContactGroup(db: Db, scope: FirmScope, id: string): Promise<ContactGroup> {
  return inTransaction(db, async (tx) => {
    const group = await getContactGroup(tx, scope, id);
    if ((await selectAssignments(tx, scope.firm.id, { principalId: group.id })).length > 0) {
      throw new AppError("IN_USE", `contact group ${group.name} has roles assigned; remove them first`);
    }
    await deleteContactGroupRow(tx, scope.firm.id, group.id);
    return group;
  });
}

/** Adds a member; adding someone already in the group changes nothing. */
export async function addContactGroupMember(
  db: Db,
  scope: FirmScope,
  groupId: string,
  contactId: string,
): Promise<ContactGroup> {
  return inTransaction(db, async (tx) => {
    const group = await getContactGroup(tx, scope, groupId);
    const contact = await getContact(tx, scope, contactId);
    if (!group.memberIds.includes(contact.id))
      await insertContactGroupMember(tx, scope.firm.id, group.id, contact.id, nowIso(scope));
    return getContactGroup(tx, scope, group.id);
  });
}

/** Removes a member; removing someone not in the group changes nothing. */
export async function removeContactGroupMember(
  db: Db,
  scope: FirmScope,
  groupId: string,
  contactId: string,
): Promise<ContactGroup> {
  return inTransaction(db, async (tx) => {
    const group = await getContactGroup(tx, scope, groupId);
    const contact = await getContact(tx, scope, contactId);
    await deleteContactGroupMember(tx, scope.firm.id, group.id, contact.id);
    return getContactGroup(tx, scope, group.id);
  });
}
