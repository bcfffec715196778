/** Queries for staff groups and their members, one group at a time (staff-store sets a member's groups). */
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

export interface StaffGroup {
  id: string;
  name: string;
  /** Ids of the staff members in the group, in id order. */
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
}

async function membersOf(db: Db, firmId: string, groupIds: string[]): Promise<Map<string, string[]>> {
  const byGroup = new Map<string, string[]>();
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .selectFrom("staff_group_member")
    .select(["group_id", "staff_id"])
    .where("firm_id", "=", firmId)
    .$if(groupIds.length <= 500, (q) => q.where("group_id", "in", groupIds))
    .orderBy("staff_id")
    .execute();
  for (const row of rows) byGroup.set(row.group_id, [...(byGroup.get(row.group_id) ?? []), row.staff_id]);
  return byGroup;
}

/** One page of the staff groups whose name contains `search`, in SQL, with their members. */
export async function selectStaffGroupPage(
  db: Db,
  firmId: string,
  filter: { search?: string },
  page: PageRequest<NameSort>,
): Promise<RowPage<StaffGroup>> {
  let query = db.selectFrom("staff_group").selectAll().where("firm_id", "=", firmId);
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

export async function selectStaffGroups(
  db: Db,
  firmId: string,
  filter: { id?: string } = {},
): Promise<StaffGroup[]> {
  let query = db.selectFrom("staff_group").selectAll().where("firm_id", "=", firmId);
  if (filter.id) query = query.where("id", "=", filter.id);
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

export async function findStaffGroupById(
  db: Db,
  firmId: string,
  id: string,
): Promise<StaffGroup | undefined> {
  return (await selectStaffGroups(db, firmId, { id }))[0];
}

export async function findStaffGroupIdByName(
  db: Db,
  firmId: string,
  name: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("staff_group")
    .select("id")
    .where("firm_id", "=", firmId)
    .where("name", "=", name)
    .executeTakeFirst();
  return row?.id;
}

export async function insertStaffGroup(db: Db, firmId: string, name: string, now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto("staff_group")
    .values({ id, firm_id: firmId, name, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function renameStaffGroupRow(
  db: Db,
  firmId: string,
  id: string,
  name: string,
  now: string,
): Promise<void> {
  await db
    .updateTable("staff_group")
    .set({ name, updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function deleteStaffGroupRow(db: Db, firmId: string, id: string): Promise<void> {
  await db
    .deleteFrom("staff_group_member")
    .where("firm_id", "=", firmId)
    .where("group_id", "=", id)
    .execute();
  await db.deleteFrom("staff_group").where("firm_id", "=", firmId).where("id", "=", id).execute();
}

export async function insertStaffGroupMember(
  db: Db,
  firmId: string,
  groupId: string,
  staffId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("staff_group_member")
    .values({ firm_id: firmId, group_id: groupId, staff_id: staffId, created_at: now })
    .execute();
}

export async function deleteStaffGroupMember(
  db: Db,
  firmId: string,
  groupId: string,
  staffId: string,
): Promise<void> {
  await db
    .deleteFrom("staff_group_member")
    .where("firm_id", "=", firmId)
    .where("group_id", "=", groupId)
    .where("staff_id", "=", staffId)
    .execute();
}

/** Role assignments made to the group: a group that carries roles is not deleted behind the sharing rules. */
export async function groupAssignmentCount(db: Db, firmId: string, groupId: string): Promise<number> {
  const row = await db
    .selectFrom("role_assignment")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("firm_id", "=", firmId)
    .where("principal_kind", "=", "staff_group")
    .where("principal_id", "=", groupId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
