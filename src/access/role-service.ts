/**
 * Roles: the built-in ones of access.md (never changed) and custom roles a firm builds from
 * object permissions. A role still assigned to someone is not deleted: its assignments go
 * first, so removing rights always goes through the sharing rules.
 */
import { AppError, notFound } from "../domain/errors.js";
import { requireText } from "../domain/fields.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import { inTransaction } from "../store/transaction.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import {
  deleteRoleRow,
  findRoleById,
  findRoleByName,
  insertRole,
  selectAssignments,
  selectRolePage,
  type RoleSort,
  updateRole,
  type Role,
} from "./access-store.js";
import { BUILT_IN_ROLES, parseGrants, type AssignmentScope, type Grants } from "./permissions.js";

const ALL_SCOPES: readonly AssignmentScope[] = ["system", "entity", "item"];

/** The scopes a role may be assigned at: a built-in role's own list; a custom role any. */
export function scopesOf(role: Role): readonly AssignmentScope[] {
  if (!role.builtIn) return ALL_SCOPES;
  return (
    (BUILT_IN_ROLES as Record<string, { scopes: readonly AssignmentScope[] }>)[role.name]?.scopes ??
    ALL_SCOPES
  );
}

/** One page of the roles a filter matches, in SQL. */
export const listRolePage = (
  db: Db,
  scope: FirmScope,
  filter: { builtIn?: boolean; search?: string },
  page: PageRequest<RoleSort>,
): Promise<RowPage<Role>> => selectRolePage(db, scope.firm.id, filter, page);

export async function getRole(db: Db, scope: FirmScope, id: string): Promise<Role> {
  const role = await findRoleById(db, scope.firm.id, id);
  if (!role) throw notFound("role", id);
  return role;
}

/** Only the actions each object has; objects with none are left out. */
export function cleanGrants(grants: Grants): Grants {
  return Object.fromEntries(Object.entries(parseGrants(grants)).filter(([, actions]) => actions));
}

async function assertNameFree(db: Db, firmId: string, name: string, selfId?: string): Promise<void> {
  const other = await findRoleByName(db, firmId, name);
  if (other && other.id !== selfId)
    throw new AppError("DUPLICATE", `a role named ${JSON.stringify(other.name)} already exists`, { name });
}

export interface RoleInput {
  name: string;
  grants: Grants;
}

export async function createRole(db: Db, scope: FirmScope, input: RoleInput): Promise<Role> {
  const name = requireText(input.name, "role name", 60);
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    await assertNameFree(tx, firmId, name);
    const id = await uniqueOrDuplicate(
      () => insertRole(tx, firmId, name, cleanGrants(input.grants), nowIso(scope)),
      `a role named ${JSON.stringify(name)} already exists`,
    );
    return getRole(tx, scope, id);
  });
}

function assertCustom(role: Role): void {
  if (role.builtIn) throw new AppError("FORBIDDEN", `${role.name} is a built-in role and cannot be changed`);
}

export async function editRole(
  db: Db,
  scope: FirmScope,
  id: string,
  patch: Partial<RoleInput>,
): Promise<Role> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const role = await getRole(tx, scope, id);
    assertCustom(role);
    const name = patch.name !== undefined ? requireText(patch.name, "role name", 60) : role.name;
    await assertNameFree(tx, firmId, name, role.id);
    const grants = patch.grants !== undefined ? cleanGrants(patch.grants) : role.grants;
    await uniqueOrDuplicate(
      () => updateRole(tx, firmId, role.id, { name, grants }, nowIso(scope)),
      `a role named ${JSON.stringify(name)} already exists`,
    );
    return getRole(tx, scope, role.id);
  });
}

export async function deleteRole(db: Db, scope: FirmScope, id: string): Promise<Role> {
  return inTransaction(db, async (tx) => {
    const role = await getRole(tx, scope, id);
    assertCustom(role);
    if ((await selectAssignments(tx, scope.firm.id, { roleId: role.id })).length > 0)
      throw new AppError("IN_USE", `role ${role.name} is assigned; remove its assignments first`);
    await deleteRoleRow(tx, scope.firm.id, role.id);
    return role;
  });
}
