/**
 * Matrix rows for sharing: /roles, /assignments and /contact-groups. Expectations follow
 * shared/design/access.md: only the Admin manages custom roles and gives system-scope roles
 * (roles:A); an entity is shared by whoever holds A on it, or S for a role they hold there;
 * nobody changes their own roles, directly or through a group; contact groups are the Entities
 * Admin's, and filling a group that carries roles is sharing them. Every assignment these rows
 * make is on a fresh client (freshSharedClient), never on ACME, whose assignments are copied.
 */
import { findRoleByName, insertAssignment } from "../../src/access/access-store.js";
import { insertUser } from "../../src/access/account-store.js";
import { addContactGroup, addContactGroupMember } from "../../src/access/contact-group-service.js";
import { createRole } from "../../src/access/role-service.js";
import type { BuiltInRoleName } from "../../src/access/permissions.js";
import { addContact } from "../../src/firm-setup/contact-service.js";
import { addProject } from "../../src/firm-setup/project-service.js";
import { addStaffGroup, addStaffGroupMember } from "../../src/firm-setup/staff-group-service.js";
import { addStaff } from "../../src/firm-setup/staff-service.js";
import type { TestServer } from "../../src/test-support/server.js";
import { freshSharedClient, type ActorName, type MatrixFixture } from "./actors.js";
import { A, only, OUTSIDERS, STAFF_USERS, type MatrixRow } from "./rows.js";

let counter = 0;
const next = () => ++counter;

/** Holders of contact_groups and contacts C/R/E/D. */
const CONTACT_ADMINS: readonly ActorName[] = ["admin", "entitiesAdmin"];
/** Who shares a client like ACME: A (the Admin) or S (its Owners, at system or entity scope). */
const SHARERS: readonly ActorName[] = ["admin", "ownerSystem", "ownerEntity"];
/** Who cannot see a client shared like ACME at all. */
const NOT_SEEING_ACME: readonly ActorName[] = [
  "settingsAdmin",
  "staffAdmin",
  "staffNoShare",
  "contactOfOtherEntity",
];

/** Sharing a client like ACME: `allowed` get `ok`, others who see it 403, others 404. */
const sharingAcmeLike = (
  allowed: readonly ActorName[],
  ok: number,
  hidden: readonly ActorName[] = NOT_SEEING_ACME,
) => only(allowed, ok, { hidden });

const db = (server: TestServer) => server.deps.store.db;
const now = (server: TestServer) => server.deps.clock.now().toISOString();
const roleId = async (server: TestServer, fx: MatrixFixture, name: BuiltInRoleName) =>
  (await findRoleByName(db(server), fx.scope.firm.id, name))!.id;
const freshClient = (server: TestServer, fx: MatrixFixture) => freshSharedClient(server, fx, `SH${next()}`);
/** A fresh staff member who can sign in, with no role. */
const freshStaffUser = async (server: TestServer, fx: MatrixFixture) => {
  const n = next();
  const staff = await addStaff(db(server), fx.scope, {
    staffNumber: `MU${n}`,
    firstName: "Fresh",
    lastName: "User",
    email: `fresh${n}@alpha.test`,
  });
  return insertUser(
    db(server),
    {
      firmId: fx.scope.firm.id,
      email: staff.email!,
      status: "active",
      staffId: staff.id,
      contactId: null,
      passwordHash: null,
    },
    now(server),
  );
};
const freshContact = async (server: TestServer, fx: MatrixFixture) =>
  (
    await addContact(db(server), fx.scope, {
      firstName: "Fresh",
      lastName: "Contact",
      email: `freshcontact${next()}@client.test`,
    })
  ).id;
const assign = (
  server: TestServer,
  fx: MatrixFixture,
  input: {
    roleId: string;
    principalKind: "user" | "staff_group" | "contact_group";
    principalId: string;
    entityId: string | null;
  },
) =>
  insertAssignment(db(server), fx.scope.firm.id, {
    ...input,
    scope: input.entityId ? "entity" : "system",
    itemId: null,
    createdAt: now(server),
  });

export const ROLE_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/roles",
    request: () => ({ url: `${A}/roles` }),
    // Every staff user reads roles (to share what they own); contacts need roles:R.
    expect: (actor, fx) =>
      STAFF_USERS.includes(actor) ? { status: 200, ids: fx.settings.roleIds } : only([], 200)(actor),
  },
  {
    route: "GET /f/:firm/api/v1/roles/:id",
    name: "the custom role",
    request: (fx) => ({ url: `${A}/roles/${fx.settings.customRoleId}` }),
    expect: only(STAFF_USERS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/roles/:id",
    name: "another firm's role",
    request: (fx) => ({ url: `${A}/roles/${fx.settings.otherFirm.roleId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/roles",
    request: () => ({ url: `${A}/roles`, payload: { name: `New role ${next()}`, grants: { reports: "R" } } }),
    expect: only(["admin"], 201),
  },
  {
    route: "PATCH /f/:firm/api/v1/roles/:id",
    name: "a fresh custom role",
    request: async (fx, _actor, server) => {
      const role = await createRole(db(server), fx.scope, {
        name: `Fresh role ${next()}`,
        grants: { reports: "R" },
      });
      return { url: `${A}/roles/${role.id}`, payload: { grants: { reports: "R", entities: "R" } } };
    },
    expect: only(["admin"], 200, {
      hidden: ["contactOfEntity", "contactCollaborator", "contactOfOtherEntity"],
    }),
  },
  {
    route: "PATCH /f/:firm/api/v1/roles/:id",
    name: "the built-in Viewer, same name",
    request: async (fx, _actor, server) => ({
      url: `${A}/roles/${await roleId(server, fx, "Viewer")}`,
      payload: { name: "Viewer" },
    }),
    // Built-in roles never change, not even for the Admin.
    expect: only([], 200, { hidden: ["contactOfEntity", "contactCollaborator", "contactOfOtherEntity"] }),
  },
  {
    route: "PATCH /f/:firm/api/v1/roles/:id",
    name: "another firm's role",
    request: (fx) => ({ url: `${A}/roles/${fx.settings.otherFirm.roleId}`, payload: { name: "Taken" } }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/roles/:id",
    name: "a fresh custom role",
    request: async (fx, _actor, server) => {
      const role = await createRole(db(server), fx.scope, {
        name: `Doomed role ${next()}`,
        grants: { reports: "R" },
      });
      return { url: `${A}/roles/${role.id}` };
    },
    expect: only(["admin"], 204, {
      hidden: ["contactOfEntity", "contactCollaborator", "contactOfOtherEntity"],
    }),
  },
  {
    route: "DELETE /f/:firm/api/v1/roles/:id",
    name: "the custom role, which is assigned",
    request: (fx) => ({ url: `${A}/roles/${fx.settings.customRoleId}` }),
    expect: (actor) =>
      actor === "admin"
        ? 409
        : only([], 204, { hidden: ["contactOfEntity", "contactCollaborator", "contactOfOtherEntity"] })(
            actor,
          ),
  },
  {
    route: "DELETE /f/:firm/api/v1/roles/:id",
    name: "the built-in Entity Access, assigned to nobody",
    request: async (fx, _actor, server) => ({
      url: `${A}/roles/${await roleId(server, fx, "Entity Access")}`,
    }),
    expect: only([], 204, { hidden: ["contactOfEntity", "contactCollaborator", "contactOfOtherEntity"] }),
  },
  {
    route: "DELETE /f/:firm/api/v1/roles/:id",
    name: "another firm's role",
    request: (fx) => ({ url: `${A}/roles/${fx.settings.otherFirm.roleId}` }),
    expect: only([], 204, { denied: 404 }),
  },
];

export const ASSIGNMENT_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/assignments",
    request: () => ({ url: `${A}/assignments` }),
    // Firm-wide, only holders of roles:R.
    expect: (actor, fx) =>
      actor === "admin" ? { status: 200, ids: fx.settings.assignmentIds.all } : only([], 200)(actor),
  },
  {
    route: "GET /f/:firm/api/v1/assignments",
    name: "on ACME",
    request: (fx) => ({ url: `${A}/assignments?entityId=${fx.clients.acme}` }),
    // Whoever may share ACME (A or S there) sees who it is shared with.
    expect: (actor, fx) =>
      SHARERS.includes(actor)
        ? { status: 200, ids: fx.settings.assignmentIds.onAcme }
        : sharingAcmeLike([], 200)(actor),
  },
  {
    route: "GET /f/:firm/api/v1/assignments",
    name: "on another firm's client",
    request: (fx) => ({ url: `${A}/assignments?entityId=${fx.otherFirm.clientId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/assignments/inherited",
    name: "on ACME",
    request: (fx) => ({ url: `${A}/assignments/inherited?entityId=${fx.clients.acme}` }),
    // Whoever sees how ACME is shared sees who inherits a role there: its Acme team member
    // through the group, and the holders of firm-wide roles that reach clients.
    expect: (actor, fx) =>
      SHARERS.includes(actor)
        ? {
            status: 200,
            ids: [
              ...new Set(
                (
                  [
                    "staffGroupShare",
                    "admin",
                    "entitiesAdmin",
                    "ownerSystem",
                    "editorSystem",
                    "viewerSystem",
                  ] as const
                ).map((who) => fx.userIds[who]!),
              ),
            ],
          }
        : sharingAcmeLike([], 200)(actor),
    ids: (body) => [...new Set((body as { items: { userId: string }[] }).items.map((row) => row.userId))],
  },
  {
    route: "GET /f/:firm/api/v1/assignments/inherited",
    name: "on another firm's client",
    request: (fx) => ({ url: `${A}/assignments/inherited?entityId=${fx.otherFirm.clientId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/assignments",
    name: "Viewer at system scope to a fresh user",
    request: async (fx, _actor, server) => ({
      url: `${A}/assignments`,
      payload: {
        roleId: await roleId(server, fx, "Viewer"),
        principalKind: "user",
        principalId: await freshStaffUser(server, fx),
        scope: "system",
      },
    }),
    // System-scope roles need roles:A: not a Staff Admin, not a system Owner.
    expect: only(["admin"], 201),
  },
  {
    route: "POST /f/:firm/api/v1/assignments",
    name: "Owner on a fresh client shared like ACME, to a fresh user",
    request: async (fx, _actor, server) => ({
      url: `${A}/assignments`,
      payload: {
        roleId: await roleId(server, fx, "Owner"),
        principalKind: "user",
        principalId: await freshStaffUser(server, fx),
        scope: "entity",
        entityId: await freshClient(server, fx),
      },
    }),
    expect: sharingAcmeLike(SHARERS, 201),
  },
  {
    route: "POST /f/:firm/api/v1/assignments",
    name: "Viewer on a fresh client shared like ACME, to a fresh user",
    request: async (fx, _actor, server) => ({
      url: `${A}/assignments`,
      payload: {
        roleId: await roleId(server, fx, "Viewer"),
        principalKind: "user",
        principalId: await freshStaffUser(server, fx),
        scope: "entity",
        entityId: await freshClient(server, fx),
      },
    }),
    // Owners hold Owner, not Viewer, there: Share-own gives only the roles one holds.
    expect: sharingAcmeLike(["admin"], 201),
  },
  {
    route: "POST /f/:firm/api/v1/assignments",
    name: "Owner on a project of a fresh client shared like ACME, to a fresh user",
    request: async (fx, _actor, server) => {
      const entityId = await freshClient(server, fx);
      const project = await addProject(db(server), fx.scope, {
        client: entityId,
        code: "JOB",
        name: "Fresh job",
      });
      return {
        url: `${A}/assignments`,
        payload: {
          roleId: await roleId(server, fx, "Owner"),
          principalKind: "user",
          principalId: await freshStaffUser(server, fx),
          scope: "item",
          entityId,
          itemId: project.id,
        },
      };
    },
    // ACME's contact sees the client's summary, not its projects.
    expect: sharingAcmeLike(SHARERS, 201, [...NOT_SEEING_ACME, "contactOfEntity", "contactCollaborator"]),
  },
  {
    route: "POST /f/:firm/api/v1/assignments",
    name: "Owner on a fresh client to oneself",
    request: async (fx, actor, server) => ({
      url: `${A}/assignments`,
      payload: {
        roleId: await roleId(server, fx, "Owner"),
        principalKind: "user",
        principalId: fx.userIds[actor],
        scope: "entity",
        entityId: await freshClient(server, fx),
      },
    }),
    // Nobody gives themselves a role, not even the Admin.
    expect: sharingAcmeLike([], 201),
  },
  {
    route: "POST /f/:firm/api/v1/assignments",
    name: "Owner on a fresh client to a group one is in",
    request: async (fx, actor, server) => {
      let principal: { principalKind: "staff_group" | "contact_group"; principalId: string };
      if (fx.staffIds[actor]) {
        const group = await addStaffGroup(db(server), fx.scope, `Own group ${next()}`);
        await addStaffGroupMember(db(server), fx.scope, group.id, fx.staffIds[actor]);
        principal = { principalKind: "staff_group", principalId: group.id };
      } else {
        const group = await addContactGroup(db(server), fx.scope, `Own contacts ${next()}`);
        const { ofEntity, collaborator, ofOtherEntity } = fx.content.contacts;
        const contact =
          actor === "contactOfEntity"
            ? ofEntity
            : actor === "contactCollaborator"
              ? collaborator
              : ofOtherEntity;
        await addContactGroupMember(db(server), fx.scope, group.id, contact);
        principal = { principalKind: "contact_group", principalId: group.id };
      }
      return {
        url: `${A}/assignments`,
        payload: {
          roleId: await roleId(server, fx, "Owner"),
          ...principal,
          scope: "entity",
          entityId: await freshClient(server, fx),
        },
      };
    },
    expect: sharingAcmeLike([], 201),
  },
  {
    route: "POST /f/:firm/api/v1/assignments",
    name: "to another firm's user",
    request: async (fx, _actor, server) => ({
      url: `${A}/assignments`,
      payload: {
        roleId: await roleId(server, fx, "Owner"),
        principalKind: "user",
        principalId: fx.settings.otherFirm.adminUserId,
        scope: "entity",
        entityId: await freshClient(server, fx),
      },
    }),
    expect: only([], 201, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/assignments",
    name: "on another firm's client",
    request: async (fx, _actor, server) => ({
      url: `${A}/assignments`,
      payload: {
        roleId: await roleId(server, fx, "Owner"),
        principalKind: "user",
        principalId: await freshStaffUser(server, fx),
        scope: "entity",
        entityId: fx.otherFirm.clientId,
      },
    }),
    expect: only([], 201, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/assignments/:id",
    name: "a fresh user's Owner on a fresh client shared like ACME",
    request: async (fx, _actor, server) => {
      const id = await assign(server, fx, {
        roleId: await roleId(server, fx, "Owner"),
        principalKind: "user",
        principalId: await freshStaffUser(server, fx),
        entityId: await freshClient(server, fx),
      });
      return { url: `${A}/assignments/${id}` };
    },
    expect: sharingAcmeLike(SHARERS, 204),
  },
  {
    route: "DELETE /f/:firm/api/v1/assignments/:id",
    name: "a fresh user's Viewer at system scope",
    request: async (fx, _actor, server) => {
      const id = await assign(server, fx, {
        roleId: await roleId(server, fx, "Viewer"),
        principalKind: "user",
        principalId: await freshStaffUser(server, fx),
        entityId: null,
      });
      return { url: `${A}/assignments/${id}` };
    },
    // Firm-wide assignments are seen only with roles:R.
    expect: only(["admin"], 204, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/assignments/:id",
    name: "one's own Owner on a fresh client",
    request: async (fx, actor, server) => {
      const id = await assign(server, fx, {
        roleId: await roleId(server, fx, "Owner"),
        principalKind: "user",
        // Outsiders have no account in alpha: theirs is a fresh user's (they are stopped at sign-in).
        principalId: fx.userIds[actor] ?? (await freshStaffUser(server, fx)),
        entityId: await freshClient(server, fx),
      });
      return { url: `${A}/assignments/${id}` };
    },
    // Each actor owns that client now, so may share it, but not change their own roles.
    expect: (actor) => (OUTSIDERS.includes(actor) ? 401 : 403),
  },
  {
    route: "DELETE /f/:firm/api/v1/assignments/:id",
    name: "another firm's assignment",
    request: (fx) => ({ url: `${A}/assignments/${fx.settings.otherFirm.assignmentId}` }),
    expect: only([], 204, { denied: 404 }),
  },
];

export const CONTACT_GROUP_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/contact-groups",
    request: () => ({ url: `${A}/contact-groups` }),
    expect: (actor, fx) =>
      CONTACT_ADMINS.includes(actor)
        ? { status: 200, ids: [fx.settings.contactGroups.acmePeople, fx.settings.contactGroups.globexPeople] }
        : only([], 200)(actor),
  },
  {
    route: "GET /f/:firm/api/v1/contact-groups/:id",
    name: "Acme people",
    request: (fx) => ({ url: `${A}/contact-groups/${fx.settings.contactGroups.acmePeople}` }),
    // Being in the group (contactOfEntity) is not contact_groups:R.
    expect: only(CONTACT_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/contact-groups/:id",
    name: "another firm's group",
    request: (fx) => ({ url: `${A}/contact-groups/${fx.settings.otherFirm.contactGroupId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/contact-groups",
    request: () => ({ url: `${A}/contact-groups`, payload: { name: `New contacts ${next()}` } }),
    expect: only(CONTACT_ADMINS, 201),
  },
  {
    route: "PATCH /f/:firm/api/v1/contact-groups/:id",
    name: "rename a fresh group",
    request: async (fx, _actor, server) => {
      const group = await addContactGroup(db(server), fx.scope, `Fresh contacts ${next()}`);
      return { url: `${A}/contact-groups/${group.id}`, payload: { name: `Renamed contacts ${next()}` } };
    },
    expect: only(CONTACT_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/contact-groups/:id",
    name: "a fresh group",
    request: async (fx, _actor, server) => ({
      url: `${A}/contact-groups/${(await addContactGroup(db(server), fx.scope, `Doomed contacts ${next()}`)).id}`,
    }),
    expect: only(CONTACT_ADMINS, 204, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/contact-groups/:id",
    name: "Globex people, which carries a role",
    request: (fx) => ({ url: `${A}/contact-groups/${fx.settings.contactGroups.globexPeople}` }),
    expect: only(CONTACT_ADMINS, 409, { denied: 404 }),
  },
  {
    route: "PUT /f/:firm/api/v1/contact-groups/:id/members/:contactId",
    name: "a fresh contact into a fresh group",
    request: async (fx, _actor, server) => {
      const group = await addContactGroup(db(server), fx.scope, `Fill contacts ${next()}`);
      return { url: `${A}/contact-groups/${group.id}/members/${await freshContact(server, fx)}` };
    },
    expect: only(CONTACT_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "PUT /f/:firm/api/v1/contact-groups/:id/members/:contactId",
    name: "a fresh contact into a group with access to a fresh client",
    request: async (fx, _actor, server) => {
      const group = await addContactGroup(db(server), fx.scope, `Portal contacts ${next()}`);
      await assign(server, fx, {
        roleId: await roleId(server, fx, "Contact – Entity Access"),
        principalKind: "contact_group",
        principalId: group.id,
        entityId: await freshClient(server, fx),
      });
      return { url: `${A}/contact-groups/${group.id}/members/${await freshContact(server, fx)}` };
    },
    // That shares the client with the contact: an Entities Admin may not share (no A or S).
    expect: (actor) => (actor === "entitiesAdmin" ? 403 : only(["admin"], 200, { denied: 404 })(actor)),
  },
  {
    route: "PUT /f/:firm/api/v1/contact-groups/:id/members/:contactId",
    name: "another firm's contact",
    request: async (fx, _actor, server) => {
      const group = await addContactGroup(db(server), fx.scope, `Foreign contacts ${next()}`);
      return { url: `${A}/contact-groups/${group.id}/members/${fx.content.otherFirm.contactId}` };
    },
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/contact-groups/:id/members/:contactId",
    name: "a fresh member of a fresh group",
    request: async (fx, _actor, server) => {
      const group = await addContactGroup(db(server), fx.scope, `Empty contacts ${next()}`);
      const contactId = await freshContact(server, fx);
      await addContactGroupMember(db(server), fx.scope, group.id, contactId);
      return { url: `${A}/contact-groups/${group.id}/members/${contactId}` };
    },
    expect: only(CONTACT_ADMINS, 204, { denied: 404 }),
  },
];

export const SHARING_ROWS: MatrixRow[] = [...ROLE_ROWS, ...ASSIGNMENT_ROWS, ...CONTACT_GROUP_ROWS];
