/**
 * Queries behind "who has a role on this client without being given it there": the user
 * accounts of staff and contact group members, and of partners and managers, with the name of
 * the person each account belongs to.
 */
import type { Db } from "../store/database.js";

export interface NamedUser {
  id: string;
  email: string;
  status: "invited" | "active" | "disabled";
  staffId: string | null;
  contactId: string | null;
  /** The staff member's or contact's name ("First Last"). */
  name: string;
}

interface NamedUserRow {
  id: string;
  email: string;
  status: NamedUser["status"];
  staff_id: string | null;
  contact_id: string | null;
  staff_first: string | null;
  staff_last: string | null;
  contact_first: string | null;
  contact_last: string | null;
}

const rowToNamedUser = (row: NamedUserRow): NamedUser => ({
  id: row.id,
  email: row.email,
  status: row.status,
  staffId: row.staff_id,
  contactId: row.contact_id,
  name: row.staff_id
    ? `${row.staff_first ?? ""} ${row.staff_last ?? ""}`.trim()
    : `${row.contact_first ?? ""} ${row.contact_last ?? ""}`.trim(),
});

/** Users of the firm with the names of their staff or contact records. */
function namedUsers(db: Db, firmId: string) {
  return db
    .selectFrom("user_account as u")
    .leftJoin("staff as s", (join) =>
      join.onRef("s.id", "=", "u.staff_id").onRef("s.firm_id", "=", "u.firm_id"),
    )
    .leftJoin("contact as c", (join) =>
      join.onRef("c.id", "=", "u.contact_id").onRef("c.firm_id", "=", "u.firm_id"),
    )
    .select([
      "u.id",
      "u.email",
      "u.status",
      "u.staff_id",
      "u.contact_id",
      "s.first_name as staff_first",
      "s.last_name as staff_last",
      "c.first_name as contact_first",
      "c.last_name as contact_last",
    ])
    .where("u.firm_id", "=", firmId);
}

export async function selectNamedUsers(db: Db, firmId: string, ids: readonly string[]): Promise<NamedUser[]> {
  if (ids.length === 0) return [];
  return (await namedUsers(db, firmId).where("u.id", "in", ids).execute()).map(rowToNamedUser);
}

export async function selectNamedUsersOfStaff(
  db: Db,
  firmId: string,
  staffIds: readonly string[],
): Promise<NamedUser[]> {
  if (staffIds.length === 0) return [];
  return (await namedUsers(db, firmId).where("u.staff_id", "in", staffIds).execute()).map(rowToNamedUser);
}

/** The user accounts of the members of staff groups, each with the group it came through. */
export async function selectStaffGroupMemberUsers(
  db: Db,
  firmId: string,
  groupIds: readonly string[],
): Promise<{ groupId: string; user: NamedUser }[]> {
  if (groupIds.length === 0) return [];
  const rows = await namedUsers(db, firmId)
    .innerJoin("staff_group_member as m", (join) =>
      join.onRef("m.staff_id", "=", "u.staff_id").onRef("m.firm_id", "=", "u.firm_id"),
    )
    .select("m.group_id")
    .where("m.group_id", "in", groupIds)
    .execute();
  return rows.map((row) => ({ groupId: row.group_id, user: rowToNamedUser(row) }));
}

/** The user accounts of the members of contact groups, each with the group it came through. */
export async function selectContactGroupMemberUsers(
  db: Db,
  firmId: string,
  groupIds: readonly string[],
): Promise<{ groupId: string; user: NamedUser }[]> {
  if (groupIds.length === 0) return [];
  const rows = await namedUsers(db, firmId)
    .innerJoin("contact_group_member as m", (join) =>
      join.onRef("m.contact_id", "=", "u.contact_id").onRef("m.firm_id", "=", "u.firm_id"),
    )
    .select("m.group_id")
    .where("m.group_id", "in", groupIds)
    .execute();
  return rows.map((row) => ({ groupId: row.group_id, user: rowToNamedUser(row) }));
}

/** Names of staff and contact groups by id. */
export async function selectGroupNames(
  db: Db,
  firmId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const staffGroups = await db
    .selectFrom("staff_group")
    .select(["id", "name"])
    .where("firm_id", "=", firmId)
    .where("id", "in", ids)
    .execute();
  const contactGroups = await db
    .selectFrom("contact_group")
    .select(["id", "name"])
    .where("firm_id", "=", firmId)
    .where("id", "in", ids)
    .execute();
  return new Map([...staffGroups, ...contactGroups].map((group) => [group.id, group.name]));
}
