/**
 * The roles people hold on a client without being given them there themselves: the sharing
 * screen shows these apart from direct grants (access.md: "A sharing screen shows inherited
 * roles separately"). Each says where it comes from, so whoever shares the client knows what
 * to change instead:
 *  - `group`: a role given on the client (or one of its items) to a staff or contact group
 *    the person is in;
 *  - `firm-wide`: a system-scope role, given to the person or to a group they are in, that
 *    reaches client content (Admin, Entities Admin, Owner, Editor, Viewer, Entity Access, or
 *    a custom role granting something on entity content);
 *  - `partner` / `manager`: the client's partner or manager, an implied Editor.
 * Disabled accounts hold nothing and are left out.
 */
import type { Db } from "../store/database.js";
import { selectAssignments, selectRoles, type Role, type RoleAssignment } from "./access-store.js";
import type { Actor } from "./authorize.js";
import {
  selectContactGroupMemberUsers,
  selectGroupNames,
  selectNamedUsers,
  selectNamedUsersOfStaff,
  selectStaffGroupMemberUsers,
  type NamedUser,
} from "./inherited-role-store.js";
import { ENTITY_CONTENT, type AssignmentScope } from "./permissions.js";
import { authorizeSharingRead } from "./sharing-service.js";
import type { FirmScope } from "../firm-setup/scope.js";

export type InheritedSource = "group" | "firm-wide" | "partner" | "manager";

export interface InheritedRole {
  userId: string;
  email: string;
  name: string;
  status: "invited" | "active";
  /** null for the partner's and manager's implied Editor, which no assignment gives. */
  roleId: string | null;
  roleName: string;
  source: InheritedSource;
  scope: AssignmentScope;
  itemId: string | null;
  /** The group the role reaches the person through, if any. */
  groupKind: "staff_group" | "contact_group" | null;
  groupId: string | null;
  groupName: string | null;
  /** The assignment to change to take the role away; null for partner and manager. */
  assignmentId: string | null;
}

/** Whether a role grants anything on what lives inside a client. */
const reachesClients = (role: Role): boolean =>
  ENTITY_CONTENT.some((object) => (role.grants[object] ?? "").length > 0);

interface Reached {
  assignment: RoleAssignment;
  user: NamedUser;
  viaGroup: boolean;
}

/** The users an assignment reaches: the user, or the group's members with accounts. */
async function usersReachedBy(db: Db, firmId: string, assignments: RoleAssignment[]): Promise<Reached[]> {
  const direct = await selectNamedUsers(
    db,
    firmId,
    assignments.filter((a) => a.principalKind === "user").map((a) => a.principalId),
  );
  const members = [
    ...(await selectStaffGroupMemberUsers(
      db,
      firmId,
      assignments.filter((a) => a.principalKind === "staff_group").map((a) => a.principalId),
    )),
    ...(await selectContactGroupMemberUsers(
      db,
      firmId,
      assignments.filter((a) => a.principalKind === "contact_group").map((a) => a.principalId),
    )),
  ];
  return assignments.flatMap((assignment): Reached[] =>
    assignment.principalKind === "user"
      ? direct
          .filter((user) => user.id === assignment.principalId)
          .map((user) => ({ assignment, user, viaGroup: false }))
      : members
          .filter((member) => member.groupId === assignment.principalId)
          .map(({ user }) => ({ assignment, user, viaGroup: true })),
  );
}

export async function listInheritedRoles(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  entityId: string,
): Promise<InheritedRole[]> {
  const client = await authorizeSharingRead(db, scope, actor, entityId);
  const firmId = scope.firm.id;
  const roles = new Map((await selectRoles(db, firmId)).map((role) => [role.id, role]));
  const firmWide = (await selectAssignments(db, firmId, { scope: "system" })).filter((a) => {
    const role = roles.get(a.roleId);
    return role !== undefined && reachesClients(role);
  });
  // Given here, but to a group: its members inherit it.
  const toGroups = (await selectAssignments(db, firmId, { entityId: client.id })).filter(
    (a) => a.principalKind !== "user",
  );
  const reached = await usersReachedBy(db, firmId, [...firmWide, ...toGroups]);
  const groupNames = await selectGroupNames(
    db,
    firmId,
    reached.filter((r) => r.viaGroup).map((r) => r.assignment.principalId),
  );
  const inherited: InheritedRole[] = [];
  for (const { assignment, user, viaGroup } of reached) {
    if (user.status === "disabled") continue;
    inherited.push({
      userId: user.id,
      email: user.email,
      name: user.name,
      status: user.status,
      roleId: assignment.roleId,
      roleName: roles.get(assignment.roleId)?.name ?? "",
      source: assignment.scope === "system" ? "firm-wide" : "group",
      scope: assignment.scope,
      itemId: assignment.itemId,
      groupKind: viaGroup ? (assignment.principalKind as "staff_group" | "contact_group") : null,
      groupId: viaGroup ? assignment.principalId : null,
      groupName: viaGroup ? (groupNames.get(assignment.principalId) ?? "") : null,
      assignmentId: assignment.id,
    });
  }
  const managers = await selectNamedUsersOfStaff(
    db,
    firmId,
    [client.partnerId, client.managerId].filter((id): id is string => id !== null),
  );
  for (const user of managers) {
    if (user.status === "disabled") continue;
    const sources: InheritedSource[] = [];
    if (user.staffId === client.partnerId) sources.push("partner");
    if (user.staffId === client.managerId) sources.push("manager");
    for (const source of sources)
      inherited.push({
        userId: user.id,
        email: user.email,
        name: user.name,
        status: user.status,
        roleId: null,
        roleName: "Editor",
        source,
        scope: "entity",
        itemId: null,
        groupKind: null,
        groupId: null,
        groupName: null,
        assignmentId: null,
      });
  }
  return inherited.sort(
    (a, b) =>
      a.name.localeCompare(b.name) ||
      a.email.localeCompare(b.email) ||
      a.roleName.localeCompare(b.roleName) ||
      a.source.localeCompare(b.source),
  );
}
