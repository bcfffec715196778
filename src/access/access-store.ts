/** Queries for roles, assignments and the rights of one user, loaded fresh for every request. */
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { sql } from "kysely";
import {
  col,
  containsText,
  lowerOf,
  orderFor,
  pageOf,
  type PageRequest,
  type RowPage,
} from "../store/list-query.js";
import {
  BUILT_IN_ROLES,
  parseGrants,
  type AssignmentScope,
  type EffectiveAssignment,
  type Grants,
  type Rights,
} from "./permissions.js";

export interface Role {
  id: string;
  name: string;
  builtIn: boolean;
  grants: Grants;
}

export interface RoleAssignment {
  id: string;
  roleId: string;
  principalKind: "user" | "staff_group" | "contact_group";
  principalId: string;
  scope: AssignmentScope;
  entityId: string | null;
  itemId: string | null;
  createdAt: string;
}

/** Creates the built-in roles of a firm that lacks them (new firms, and files made before roles). */
export async function ensureBuiltInRoles(db: Db, firmId: string, now: string): Promise<void> {
  const existing = new Set(
    (
      await db
        .selectFrom("role")
        .select("name")
        .where("firm_id", "=", firmId)
        .where("built_in", "=", 1)
        .execute()
    ).map((r) => r.name),
  );
  for (const [name, role] of Object.entries(BUILT_IN_ROLES)) {
    if (existing.has(name)) continue;
    await db
      .insertInto("role")
      .values({
        id: newId(),
        firm_id: firmId,
        name,
        built_in: 1,
        grants: JSON.stringify(role.grants),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

const rowToRole = (row: { id: string; name: string; built_in: number; grants: string }): Role => ({
  id: row.id,
  name: row.name,
  builtIn: row.built_in === 1,
  grants: parseGrants(JSON.parse(row.grants)),
});

export async function selectRoles(db: Db, firmId: string): Promise<Role[]> {
  const rows = await db
    .selectFrom("role")
    .selectAll()
    .where("firm_id", "=", firmId)
    .orderBy("built_in", "desc")
    .orderBy("name")
    .execute();
  return rows.map(rowToRole);
}

/** `builtIn`: the built-in roles first, then by name. */
export const ROLE_SORTS = ["builtIn", "name"] as const;
export type RoleSort = (typeof ROLE_SORTS)[number];

/** One page of the roles a filter matches, in SQL; ties broken by id. */
export function selectRolePage(
  db: Db,
  firmId: string,
  filter: { builtIn?: boolean; search?: string },
  page: PageRequest<RoleSort>,
): Promise<RowPage<Role>> {
  let query = db.selectFrom("role").selectAll().where("firm_id", "=", firmId);
  const { search } = filter;
  if (filter.builtIn !== undefined) query = query.where("built_in", "=", filter.builtIn ? 1 : 0);
  if (search) query = query.where((eb) => containsText(eb, ["name"], search));
  const order = orderFor(
    page.sort,
    { builtIn: [sql`1 - ${sql.ref("built_in")}`, lowerOf("name")], name: [lowerOf("name")] },
    col("id"),
  );
  return pageOf(query, page, order, rowToRole);
}

export async function findRoleById(db: Db, firmId: string, id: string): Promise<Role | undefined> {
  return (await selectRoles(db, firmId)).find((role) => role.id === id);
}

export async function findRoleByName(db: Db, firmId: string, name: string): Promise<Role | undefined> {
  return (await selectRoles(db, firmId)).find(
    (role) => role.name.toLowerCase() === name.trim().toLowerCase() || role.id === name.trim(),
  );
}

export async function insertRole(
  db: Db,
  firmId: string,
  name: string,
  grants: Grants,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("role")
    .values({
      id,
      firm_id: firmId,
      name,
      built_in: 0,
      grants: JSON.stringify(grants),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateRole(
  db: Db,
  firmId: string,
  id: string,
  role: { name: string; grants: Grants },
  now: string,
): Promise<void> {
  await db
    .updateTable("role")
    .set({ name: role.name, grants: JSON.stringify(role.grants), updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .where("built_in", "=", 0)
    .execute();
}

export async function deleteRoleRow(db: Db, firmId: string, id: string): Promise<void> {
  await db
    .deleteFrom("role")
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .where("built_in", "=", 0)
    .execute();
}

export async function insertAssignment(
  db: Db,
  firmId: string,
  assignment: Omit<RoleAssignment, "id">,
  id: string = newId(),
): Promise<string> {
  await db
    .insertInto("role_assignment")
    .values({
      id,
      firm_id: firmId,
      role_id: assignment.roleId,
      principal_kind: assignment.principalKind,
      principal_id: assignment.principalId,
      scope: assignment.scope,
      entity_id: assignment.entityId,
      item_id: assignment.itemId,
      created_at: assignment.createdAt,
    })
    .execute();
  return id;
}

/** Whether any firm's assignment has this id (ids from elsewhere are checked before reuse). */
export async function assignmentIdInUse(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom("role_assignment").select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

export async function deleteAssignment(db: Db, firmId: string, id: string): Promise<number> {
  const result = await db
    .deleteFrom("role_assignment")
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface AssignmentFilter {
  id?: string;
  entityId?: string;
  principalId?: string;
  /** Assignments made to any of these principals (a user and their groups). */
  principalIds?: readonly string[];
  roleId?: string;
  scope?: AssignmentScope;
}

export async function selectAssignments(
  db: Db,
  firmId: string,
  filter: AssignmentFilter = {},
): Promise<RoleAssignment[]> {
  let query = db.selectFrom("role_assignment").selectAll().where("firm_id", "=", firmId);
  if (filter.id) query = query.where("id", "=", filter.id);
  if (filter.entityId) query = query.where("entity_id", "=", filter.entityId);
  if (filter.principalId) query = query.where("principal_id", "=", filter.principalId);
  if (filter.principalIds) {
    if (filter.principalIds.length === 0) return [];
    query = query.where("principal_id", "in", filter.principalIds);
  }
  if (filter.roleId) query = query.where("role_id", "=", filter.roleId);
  if (filter.scope) query = query.where("scope", "=", filter.scope);
  const rows = await query.orderBy("created_at").orderBy("id").execute();
  return rows.map((row) => ({
    id: row.id,
    roleId: row.role_id,
    principalKind: row.principal_kind,
    principalId: row.principal_id,
    scope: row.scope,
    entityId: row.entity_id,
    itemId: row.item_id,
    createdAt: row.created_at,
  }));
}

export const ASSIGNMENT_SORTS = ["createdAt", "role"] as const;
export type AssignmentSort = (typeof ASSIGNMENT_SORTS)[number];

/** One page of the assignments a filter matches, each with its role's name, in SQL; ties by id. */
export function selectAssignmentPage(
  db: Db,
  firmId: string,
  filter: Pick<AssignmentFilter, "entityId" | "principalId" | "scope">,
  page: PageRequest<AssignmentSort>,
): Promise<RowPage<RoleAssignment & { roleName: string }>> {
  let query = db
    .selectFrom("role_assignment as a")
    .innerJoin("role as r", (join) =>
      join.onRef("r.id", "=", "a.role_id").onRef("r.firm_id", "=", "a.firm_id"),
    )
    .selectAll("a")
    .select("r.name as role_name")
    .where("a.firm_id", "=", firmId);
  if (filter.entityId) query = query.where("a.entity_id", "=", filter.entityId);
  if (filter.principalId) query = query.where("a.principal_id", "=", filter.principalId);
  if (filter.scope) query = query.where("a.scope", "=", filter.scope);
  const order = orderFor(
    page.sort,
    { createdAt: [col("a.created_at")], role: [lowerOf("r.name")] },
    col("a.id"),
  );
  return pageOf(query, page, order, (row) => ({
    id: row.id,
    roleId: row.role_id,
    roleName: row.role_name,
    principalKind: row.principal_kind,
    principalId: row.principal_id,
    scope: row.scope,
    entityId: row.entity_id,
    itemId: row.item_id,
    createdAt: row.created_at,
  }));
}

/** The principals a user acts as: the user and every staff or contact group they are in. */
export async function principalIdsOf(
  db: Db,
  firmId: string,
  user: { id: string; staffId: string | null; contactId: string | null },
): Promise<string[]> {
  const principals = [user.id];
  if (user.staffId) {
    const groups = await db
      .selectFrom("staff_group_member")
      .select("group_id")
      .where("firm_id", "=", firmId)
      .where("staff_id", "=", user.staffId)
      .execute();
    principals.push(...groups.map((g) => g.group_id));
  }
  if (user.contactId) {
    const groups = await db
      .selectFrom("contact_group_member")
      .select("group_id")
      .where("firm_id", "=", firmId)
      .where("contact_id", "=", user.contactId)
      .execute();
    principals.push(...groups.map((g) => g.group_id));
  }
  return principals;
}

/**
 * A user's rights now: assignments made to them and to every staff or contact group they are
 * in, and the clients they are partner or manager of. Read on every request, so a revoked role
 * or membership stops working on the very next one.
 */
export async function loadRights(
  db: Db,
  firmId: string,
  user: { id: string; staffId: string | null; contactId: string | null },
): Promise<Rights> {
  const principals = await principalIdsOf(db, firmId, user);
  const rows = await db
    .selectFrom("role_assignment as a")
    .innerJoin("role as r", (join) =>
      join.onRef("r.id", "=", "a.role_id").onRef("r.firm_id", "=", "a.firm_id"),
    )
    .select(["a.scope", "a.entity_id", "a.item_id", "a.principal_kind", "r.grants"])
    .where("a.firm_id", "=", firmId)
    .where("a.principal_id", "in", principals)
    .execute();
  const assignments: EffectiveAssignment[] = rows.map((row) => ({
    grants: parseGrants(JSON.parse(row.grants)),
    scope: row.scope,
    entityId: row.entity_id,
    itemId: row.item_id,
  }));
  const managed = new Set<string>();
  if (user.staffId) {
    const staffId = user.staffId;
    const clients = await db
      .selectFrom("client")
      .select("id")
      .where("firm_id", "=", firmId)
      .where((eb) => eb.or([eb("partner_id", "=", staffId), eb("manager_id", "=", staffId)]))
      .execute();
    for (const client of clients) managed.add(client.id);
  }
  return {
    unrestricted: false,
    staffId: user.staffId,
    contactId: user.contactId,
    assignments,
    managedEntityIds: managed,
  };
}

/**
 * Active users holding the built-in Admin role at system scope, directly or through a staff
 * group: the firm must keep at least one.
 */
export async function selectActiveAdminIds(db: Db, firmId: string): Promise<Set<string>> {
  const adminAssignments = db
    .selectFrom("role_assignment as a")
    .innerJoin("role as r", (join) =>
      join.onRef("r.id", "=", "a.role_id").onRef("r.firm_id", "=", "a.firm_id"),
    )
    .where("a.firm_id", "=", firmId)
    .where("a.scope", "=", "system")
    .where("r.name", "=", "Admin")
    .where("r.built_in", "=", 1);
  const direct = await adminAssignments
    .innerJoin("user_account as u", (join) =>
      join.onRef("u.id", "=", "a.principal_id").onRef("u.firm_id", "=", "a.firm_id"),
    )
    .select("u.id")
    .where("a.principal_kind", "=", "user")
    .where("u.status", "=", "active")
    .execute();
  const viaGroups = await adminAssignments
    .innerJoin("staff_group_member as m", (join) =>
      join.onRef("m.group_id", "=", "a.principal_id").onRef("m.firm_id", "=", "a.firm_id"),
    )
    .innerJoin("user_account as u", (join) =>
      join.onRef("u.staff_id", "=", "m.staff_id").onRef("u.firm_id", "=", "m.firm_id"),
    )
    .select("u.id")
    .where("a.principal_kind", "=", "staff_group")
    .where("u.status", "=", "active")
    .execute();
  return new Set([...direct, ...viaGroups].map((row) => row.id));
}
