/** Queries for contact groups: named sets of portal contacts that roles can be assigned to. */
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import {
  col,
  containsText,
  lowerOf,
  orderFor,
  pageOf,
  type NameSort,
  type PageRequest,
  type RowPage,
} from "../store/list-query.js";

export interface ContactGroup {
  id: string;
  name: string;
  /** Ids of the contacts in the group, in id order. */
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
}

async function membersOf(db: Db, firmId: string, groupIds: string[]): Promise<Map<string, string[]>> {
  const byGroup = new Map<string, string[]>();
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .selectFrom("contact_group_member")
    .select(["group_id", "contact_id"])
    .where("firm_id", "=", firmId)
    .$if(groupIds.length <= 500, (q) => q.where("group_id", "in", groupIds))
    .orderBy("contact_id")
    .execute();
  for (const row of rows) byGroup.set(row.group_id, [...(byGroup.get(row.group_id) ?? []), row.contact_id]);
  return byGroup;
}

/** One page of the contact groups whose name contains `search`, in SQL, with their members. */
export async function selectContactGroupPage(
  db: Db,
  firmId: string,
  filter: { search?: string },
  page: PageRequest<NameSort>,
): Promise<RowPage<ContactGroup>> {
  let query = db.selectFrom("contact_group").selectAll().where("firm_id", "=", firmId);
  const { search } = filter;
  if (search) query = query.where((eb) => containsText(eb, ["name"], search));
  const order = orderFor(page.sort, { name: [lowerOf("name")], createdAt: [col("created_at")] }, col("id"));
  const found = await pageOf(query, page, order, (row) => row);
  const members = await membersOf(
    db,
    firmId,
    found.items.map((row) => row.id),
  );
  return {
    total: found.total,
    items: found.items.map((row) => ({
      id: row.id,
      name: row.name,
      memberIds: members.get(row.id) ?? [],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    })),
  };
}

export async function selectContactGroups(
  db: Db,
  firmId: string,
  filter: { id?: string; name?: string } = {},
): Promise<ContactGroup[]> {
  let query = db.selectFrom("contact_group").selectAll().where("firm_id", "=", firmId);
  if (filter.id) query = query.where("id", "=", filter.id);
  if (filter.name) query = query.where("name", "=", filter.name);
  const rows = await query.orderBy("name").execute();
  const members = await membersOf(
    db,
    firmId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    memberIds: members.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function insertContactGroup(db: Db, firmId: string, name: string, now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto("contact_group")
    .values({ id, firm_id: firmId, name, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function renameContactGroupRow(
  db: Db,
  firmId: string,
  id: string,
  name: string,
  now: string,
): Promise<void> {
  await db
    .updateTable("contact_group")
    .set({ name, updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function deleteContactGroupRow(db: Db, firmId: string, id: string): Promise<void> {
  await db
    .deleteFrom("contact_group_member")
    .where("firm_id", "=", firmId)
    .where("group_id", "=", id)
    .execute();
  await db.deleteFrom("contact_group").where("firm_id", "=", firmId).where("id", "=", id).execute();
}

export async function insertContactGroupMember(
  db: Db,
  firmId: string,
  groupId: string,
  contactId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("contact_group_member")
    .values({ firm_id: firmId, group_id: groupId, contact_id: contactId, created_at: now })
    .execute();
}

export async function deleteContactGroupMember(
  db: Db,
  firmId: string,
  groupId: string,
  contactId: string,
): Promise<void> {
  await db
    .deleteFrom("contact_group_member")
    .where("firm_id", "=", firmId)
    .where("group_id", "=", groupId)
    .where("contact_id", "=", contactId)
    .execute();
}
