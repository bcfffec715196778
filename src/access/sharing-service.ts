/**
 * Sharing: assigning roles to users and groups, at system, entity or item scope, and taking
 * them away. The rules of access.md, in one place:
 *  - system scope needs roles:A (Share-any; the Admin);
 *  - entity and item scope need A on the entity (or item), or S (Share-own) when the caller
 *    holds the very role being given there (at system scope, on the entity, or on the item);
 *  - nobody changes their own roles, directly or through a group they are in;
 *  - every firm keeps at least one active user holding Admin at system scope.
 * Every id an assignment names (role, principal, entity, item) must exist in the firm.
 */
import { AppError, invalid, notFound } from "../domain/errors.js";
import { getClient } from "../firm-setup/client-service.js";
import { findProject } from "../firm-setup/project-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { nowIso } from "../firm-setup/scope.js";
import { getStaffGroup } from "../firm-setup/staff-group-service.js";
import { findStaffGroupById } from "../firm-setup/staff-group-store.js";
import type { Db } from "../store/database.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import { inTransaction } from "../store/transaction.js";
import {
  assignmentIdInUse,
  deleteAssignment,
  insertAssignment,
  principalIdsOf,
  selectActiveAdminIds,
  selectAssignmentPage,
  selectAssignments,
  selectRoles,
  type AssignmentSort,
  type Role,
  type RoleAssignment,
} from "./access-store.js";
import { findUserById } from "./account-store.js";
import { authorize, can, type Actor } from "./authorize.js";
import { getContactGroup } from "./contact-group-service.js";
import { recordEvent } from "../portal/entity-events.js";
import { selectUserNames } from "../portal/entity-event-store.js";
import { selectContactGroups } from "./contact-group-store.js";
import type { AccessTarget, AssignmentScope } from "./permissions.js";
import { getRole, scopesOf } from "./role-service.js";

export type PrincipalKind = RoleAssignment["principalKind"];

export interface SharedAssignment extends RoleAssignment {
  roleName: string;
}

export interface AssignmentInput {
  roleId: string;
  principalKind: PrincipalKind;
  principalId: string;
  scope: AssignmentScope;
  entityId?: string | null;
  itemId?: string | null;
}

type Placement = Pick<RoleAssignment, "roleId" | "scope" | "entityId" | "itemId">;

/** Whether the principal is a portal contact (a contact's user, or a contact group). */
async function principalIsContact(
  db: Db,
  scope: FirmScope,
  kind: PrincipalKind,
  id: string,
): Promise<boolean> {
  switch (kind) {
    case "user": {
      const user = await findUserById(db, scope.firm.id, id);
      if (!user) throw notFound("user", id);
      return user.contactId !== null;
    }
    case "staff_group":
      await getStaffGroup(db, scope, id);
      return false;
    case "contact_group":
      await getContactGroup(db, scope, id);
      return true;
  }
}

/** The entity and item an assignment names, checked to exist and to fit its scope. */
async function placementOf(db: Db, scope: FirmScope, input: AssignmentInput): Promise<Placement> {
  const entityId = input.entityId ?? null;
  const itemId = input.itemId ?? null;
  if (input.scope === "system") {
    if (entityId || itemId) throw invalid("a system-scope assignment names no entity or item");
    return { roleId: input.roleId, scope: "system", entityId: null, itemId: null };
  }
  if (!entityId) throw invalid(`an ${input.scope}-scope assignment names its entity (entityId)`);
  const client = await getClient(db, scope, entityId);
  if (input.scope === "entity") {
    if (itemId) throw invalid("an entity-scope assignment names no item");
    return { roleId: input.roleId, scope: "entity", entityId: client.id, itemId: null };
  }
  if (!itemId) throw invalid("an item-scope assignment names its item (itemId)");
  // Projects are the items that exist today; files and activities will join them.
  const project = await findProject(db, scope.firm.id, null, itemId);
  if (!project || project.clientId !== client.id) throw notFound("item", itemId);
  return { roleId: input.roleId, scope: "item", entityId: client.id, itemId: project.id };
}

function checkRoleFits(role: Role, placement: Placement, toContact: boolean): void {
  if (!scopesOf(role).includes(placement.scope))
    throw invalid(`role ${role.name} is assigned at ${scopesOf(role).join(" or ")} scope only`);
  if (toContact && placement.scope === "system")
    throw invalid("contacts get roles on an entity or an item, never firm-wide");
  if (role.builtIn && role.name.startsWith("Contact") && !toContact)
    throw invalid(`role ${role.name} is for contacts and contact groups`);
}

const sharingTarget = (placement: Placement): AccessTarget =>
  placement.scope === "item"
    ? { object: "projects", entityId: placement.entityId, itemId: placement.itemId }
    : { object: "entities", entityId: placement.entityId };

/** Whether the caller holds the role where it is being given: firm-wide, on the entity, or on the item. */
async function holdsRoleThere(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  placement: Placement,
): Promise<boolean> {
  if (actor.kind !== "user") return false;
  const principalIds = await principalIdsOf(db, scope.firm.id, actor.user);
  const held = await selectAssignments(db, scope.firm.id, { principalIds, roleId: placement.roleId });
  return held.some(
    (h) =>
      h.scope === "system" ||
      (h.scope === "entity" && h.entityId === placement.entityId) ||
      (h.scope === "item" && placement.scope === "item" && h.itemId === placement.itemId),
  );
}

/**
 * Throws unless the caller may give or take away this role here: 403, or 404 (named by
 * `hidden`, else by the entity) when they may not even see where it is.
 */
async function authorizeSharing(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  placement: Placement,
  hidden?: { what: string; key: string },
): Promise<void> {
  if (placement.scope === "system") {
    if (hidden && !can(actor, "R", { object: "roles" })) throw notFound(hidden.what, hidden.key);
    return authorize(actor, "A", { object: "roles" });
  }
  const target = sharingTarget(placement);
  if (can(actor, "A", target)) return;
  if (can(actor, "S", target)) {
    if (await holdsRoleThere(db, scope, actor, placement)) return;
    throw new AppError("FORBIDDEN", "you may share only the roles you hold here", {
      permission: `${target.object}:A`,
    });
  }
  authorize(actor, "A", target, hidden ?? { what: "client", key: placement.entityId ?? "" });
}

/**
 * Putting someone in a group, or taking them out, gives or takes away the group's roles: the
 * caller must be allowed to share every role the group holds, under the rules above (so a
 * Staff Admin cannot hand out the Admin role by filling a group that carries it).
 */
export async function authorizeMembershipChange(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  group: { id: string; name: string },
): Promise<void> {
  for (const assignment of await selectAssignments(db, scope.firm.id, { principalId: group.id })) {
    const allowed =
      assignment.scope === "system"
        ? can(actor, "A", { object: "roles" })
        : can(actor, "A", sharingTarget(assignment)) ||
          (can(actor, "S", sharingTarget(assignment)) &&
            (await holdsRoleThere(db, scope, actor, assignment)));
    if (!allowed)
      throw new AppError(
        "FORBIDDEN",
        `group ${group.name} carries roles you may not share; changing who is in it would share them`,
        { permission: assignment.scope === "system" ? "roles:A" : `${sharingTarget(assignment).object}:A` },
      );
  }
}

async function assertNotSelf(db: Db, scope: FirmScope, actor: Actor, principalId: string): Promise<void> {
  if (actor.kind !== "user") return;
  if ((await principalIdsOf(db, scope.firm.id, actor.user)).includes(principalId))
    throw new AppError(
      "FORBIDDEN",
      "you may not change your own roles, directly or through a group you are in",
    );
}

async function withRoleNames(db: Db, scope: FirmScope, rows: RoleAssignment[]): Promise<SharedAssignment[]> {
  const names = new Map((await selectRoles(db, scope.firm.id)).map((role) => [role.id, role.name]));
  return rows.map((row) => ({ ...row, roleName: names.get(row.roleId) ?? "" }));
}

/** An assignment's role, principal and placement, each checked to exist in the firm. */
async function resolveAssignment(db: Db, scope: FirmScope, input: AssignmentInput) {
  const role = await getRole(db, scope, input.roleId);
  const toContact = await principalIsContact(db, scope, input.principalKind, input.principalId);
  const placement = await placementOf(db, scope, input);
  return { role, placement, toContact };
}

async function isAssignedAlready(
  db: Db,
  scope: FirmScope,
  principalId: string,
  placement: Placement,
): Promise<boolean> {
  const same = await selectAssignments(db, scope.firm.id, {
    principalId,
    roleId: placement.roleId,
    scope: placement.scope,
  });
  return same.some((a) => a.entityId === placement.entityId && a.itemId === placement.itemId);
}

/**
 * An assignment brought over whole from elsewhere (a desktop file's permissions, uploaded at
 * integration by its Admin): the same checks as assignRole except the sharer's own, since it was
 * made under the file's rules. Returns "already" when the role is assigned there already.
 */
export async function adoptAssignment(
  db: Db,
  scope: FirmScope,
  input: AssignmentInput & { id: string; createdAt: string },
): Promise<"created" | "already"> {
  const { role, placement, toContact } = await resolveAssignment(db, scope, input);
  checkRoleFits(role, placement, toContact);
  if (await isAssignedAlready(db, scope, input.principalId, placement)) return "already";
  await insertAssignment(
    db,
    scope.firm.id,
    {
      ...placement,
      principalKind: input.principalKind,
      principalId: input.principalId,
      createdAt: input.createdAt,
    },
    // The id it had elsewhere, unless a record (of any firm) has it: then a new one, so an
    // upload can neither collide with nor learn of another firm's assignment.
    (await assignmentIdInUse(db, input.id)) ? undefined : input.id,
  );
  return "created";
}

export async function assignRole(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  input: AssignmentInput,
): Promise<SharedAssignment> {
  return inTransaction(db, async (tx) => {
    const { role, placement, toContact } = await resolveAssignment(tx, scope, input);
    await authorizeSharing(tx, scope, actor, placement);
    await assertNotSelf(tx, scope, actor, input.principalId);
    checkRoleFits(role, placement, toContact);
    if (await isAssignedAlready(tx, scope, input.principalId, placement))
      throw new AppError("DUPLICATE", `the ${role.name} role is already assigned there`);
    const id = await insertAssignment(tx, scope.firm.id, {
      ...placement,
      principalKind: input.principalKind,
      principalId: input.principalId,
      createdAt: nowIso(scope),
    });
    const shared = (await withRoleNames(tx, scope, await selectAssignments(tx, scope.firm.id, { id })))[0]!;
    await recordShare(tx, scope, actor, shared, "share.added");
    return shared;
  });
}

/**
 * An entity's history records who shared it with whom, and who took a share back (staff see
 * it; it is the firm's record of who could see what, and when).
 */
async function recordShare(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  assignment: SharedAssignment,
  kind: "share.added" | "share.removed",
): Promise<void> {
  if (!assignment.entityId) return;
  const author = actor.kind === "user" ? actor.user.id : null;
  const names = await selectUserNames(db, scope.firm.id, author ? [author] : []);
  const by = author ? (names.get(author) ?? scope.actor) : "the supervisor";
  const whom = await principalName(db, scope, assignment);
  const role = assignment.roleName;
  await recordEvent(
    db,
    scope,
    { userId: author, name: by },
    {
      clientId: assignment.entityId,
      kind,
      audience: "staff",
      summary:
        kind === "share.added"
          ? `${by} gave ${whom} the ${role} role`
          : `${by} took the ${role} role from ${whom}`,
      details: {
        assignmentId: assignment.id,
        principalKind: assignment.principalKind,
        principalId: assignment.principalId,
        role,
        itemId: assignment.itemId,
      },
    },
  );
}

async function principalName(db: Db, scope: FirmScope, assignment: SharedAssignment): Promise<string> {
  if (assignment.principalKind === "user")
    return (
      (await selectUserNames(db, scope.firm.id, [assignment.principalId])).get(assignment.principalId) ??
      "a user"
    );
  const table = assignment.principalKind === "staff_group" ? "staff_group" : "contact_group";
  const row = await db
    .selectFrom(table)
    .select("name")
    .where("firm_id", "=", scope.firm.id)
    .where("id", "=", assignment.principalId)
    .executeTakeFirst();
  return row ? `the group ${row.name}` : "a group";
}

export async function unassignRole(db: Db, scope: FirmScope, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const [assignment] = await selectAssignments(tx, scope.firm.id, { id });
    if (!assignment) throw notFound("assignment", id);
    await authorizeSharing(tx, scope, actor, assignment, { what: "assignment", key: id });
    await assertNotSelf(tx, scope, actor, assignment.principalId);
    await deleteAssignment(tx, scope.firm.id, assignment.id);
    await recordShare(tx, scope, actor, (await withRoleNames(tx, scope, [assignment]))[0]!, "share.removed");
    // Checked after the delete, inside the transaction: the refusal rolls it back.
    if ((await selectActiveAdminIds(tx, scope.firm.id)).size === 0)
      throw new AppError("IN_USE", "every firm keeps at least one active Admin");
  });
}

/**
 * Who may see how a client is shared: holders of roles:R, and whoever may share it (A, or S for
 * the roles they hold there). Others get 403, or 404 when they may not even see the client.
 */
export async function authorizeSharingRead(db: Db, scope: FirmScope, actor: Actor, entityId: string) {
  const client = await getClient(db, scope, entityId);
  const target: AccessTarget = { object: "entities", entityId: client.id };
  if (!can(actor, "R", { object: "roles" }) && !can(actor, "S", target))
    authorize(actor, "A", target, { what: "client", key: entityId });
  return client;
}

/**
 * Assignments on one entity (its own and its items'), for whoever may share it; every
 * assignment of the firm only for holders of roles:R.
 */
export async function listAssignmentPage(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  filter: { entityId?: string; principalId?: string; scope?: AssignmentScope },
  page: PageRequest<AssignmentSort>,
): Promise<RowPage<SharedAssignment>> {
  if (filter.entityId) {
    await authorizeSharingRead(db, scope, actor, filter.entityId);
  } else {
    authorize(actor, "R", { object: "roles" });
  }
  if (filter.principalId) await assertPrincipalExists(db, scope, filter.principalId);
  return selectAssignmentPage(db, scope.firm.id, filter, page);
}

async function assertPrincipalExists(db: Db, scope: FirmScope, id: string): Promise<void> {
  const firmId = scope.firm.id;
  const found =
    (await findUserById(db, firmId, id)) ??
    (await findStaffGroupById(db, firmId, id)) ??
    (await selectContactGroups(db, firmId, { id }))[0];
  if (!found) throw notFound("principal", id);
}
