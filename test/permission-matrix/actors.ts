/**
 * The permission matrix's cast: one firm ("alpha") with a user for every kind of actor in
 * shared/design/access.md, a second firm ("beta") whose Admin must see nothing of alpha, and
 * the records they act on. Everything is made through the real services and stores.
 */
import { findRoleByName, insertAssignment } from "../../src/access/access-store.js";
import { insertUser } from "../../src/access/account-store.js";
import { createApiToken } from "../../src/access/session-service.js";
import { hashPassword } from "../../src/access/passwords.js";
import type { BuiltInRoleName } from "../../src/access/permissions.js";
import { addClient } from "../../src/firm-setup/client-service.js";
import { addContact } from "../../src/firm-setup/contact-service.js";
import type { FirmScope } from "../../src/firm-setup/scope.js";
import { addStaff, editStaff } from "../../src/firm-setup/staff-service.js";
import { addWorkCode } from "../../src/firm-setup/work-code-service.js";
import { ensureGroup } from "../../src/firm-setup/staff-store.js";
import { addTimeEntry } from "../../src/time-expense/time-entry-service.js";
import { newCloudFirm, PASSWORD, type TestServer } from "../../src/test-support/server.js";
// Entries, projects, contacts, reports and imports rows: their records (fixture-content.ts).
import { buildContentFixture, type ContentFixture } from "./fixture-content.js";
// Staff, settings and sharing rows: their records (fixture-settings.ts).
import { buildSettingsFixture, type SettingsFixture } from "./fixture-settings.js";

export const ACTORS = [
  "anonymous",
  "admin",
  "settingsAdmin",
  "staffAdmin",
  "entitiesAdmin",
  "ownerSystem",
  "editorSystem",
  "viewerSystem",
  "ownerEntity",
  "editorEntity",
  "viewerEntity",
  "staffNoShare",
  "staffGroupShare",
  "contactOfEntity",
  "contactCollaborator",
  "contactOfOtherEntity",
  "otherFirmUser",
  "otherFirmContact",
] as const;
export type ActorName = (typeof ACTORS)[number];

export interface MatrixFixture {
  scope: FirmScope;
  /** Bearer headers per actor (anonymous: none). */
  headers: Record<ActorName, Record<string, string>>;
  staffIds: Partial<Record<ActorName, string>>;
  userIds: Partial<Record<ActorName, string>>;
  /** ACME is shared at entity scope; GLOBEX is not shared with anyone. */
  clients: { acme: string; globex: string };
  /** Entries: one by staffNoShare on GLOBEX (their own), one by the admin on ACME, one by the admin on GLOBEX. */
  entries: { ownOfStaffNoShare: string; adminOnAcme: string; adminOnGlobex: string };
  workCodeId: string;
  otherFirm: { clientId: string };
  // Entries, projects, contacts, reports and imports rows: expense entries, projects, contacts,
  // a contact company, and beta's records of each kind (fixture-content.ts).
  content: ContentFixture;
  // Staff, settings and sharing rows: rates, a custom role, contact groups, the ids of the
  // fixture's roles and assignments, and beta's records of each kind (fixture-settings.ts).
  settings: SettingsFixture;
}

const SYSTEM_ROLES: [ActorName, BuiltInRoleName][] = [
  ["settingsAdmin", "Settings Admin"],
  ["staffAdmin", "Staff Admin"],
  ["entitiesAdmin", "Entities Admin"],
  ["ownerSystem", "Owner"],
  ["editorSystem", "Editor"],
  ["viewerSystem", "Viewer"],
];
const ENTITY_ROLES: [ActorName, BuiltInRoleName][] = [
  ["ownerEntity", "Owner"],
  ["editorEntity", "Editor"],
  ["viewerEntity", "Viewer"],
];

export async function buildMatrixFixture(server: TestServer): Promise<MatrixFixture> {
  const { db } = server.deps.store;
  const clock = server.deps.clock;
  const alpha = await newCloudFirm(server, "alpha");
  const beta = await newCloudFirm(server, "beta");
  const scope: FirmScope = { firm: alpha.firm, clock, actor: "matrix" };
  const betaScope: FirmScope = { firm: beta.firm, clock, actor: "matrix" };
  const now = clock.now().toISOString();
  const passwordHash = await hashPassword(PASSWORD);
  const role = async (name: BuiltInRoleName) => (await findRoleByName(db, alpha.firm.id, name))!.id;

  const acme = await addClient(db, scope, { code: "ACME", name: "Acme Ltd" });
  const globex = await addClient(db, scope, { code: "GLOBEX", name: "Globex Corp" });
  const workCode = await addWorkCode(db, scope, {
    code: "AUD",
    name: "Audit",
    kind: "time",
    rate: 1_500_000,
  });

  const staffIds: Partial<Record<ActorName, string>> = { admin: alpha.staff.id };
  const userIds: Partial<Record<ActorName, string>> = { admin: alpha.admin.id };
  const staffUser = async (actor: ActorName, number: string) => {
    const staff = await addStaff(db, scope, {
      staffNumber: number,
      firstName: actor,
      lastName: "Matrix",
      email: `${actor.toLowerCase()}@alpha.test`,
    });
    staffIds[actor] = staff.id;
    userIds[actor] = await insertUser(
      db,
      {
        firmId: alpha.firm.id,
        email: staff.email!,
        status: "active",
        staffId: staff.id,
        contactId: null,
        passwordHash,
      },
      now,
    );
    return userIds[actor];
  };
  const assign = async (
    principalKind: "user" | "staff_group",
    principalId: string,
    roleName: BuiltInRoleName,
    entityId: string | null,
  ) =>
    insertAssignment(db, alpha.firm.id, {
      roleId: await role(roleName),
      principalKind,
      principalId,
      scope: entityId ? "entity" : "system",
      entityId,
      itemId: null,
      createdAt: now,
    });

  for (const [index, [actor, roleName]] of SYSTEM_ROLES.entries())
    await assign("user", await staffUser(actor, `SR${index}`), roleName, null);
  for (const [index, [actor, roleName]] of ENTITY_ROLES.entries())
    await assign("user", await staffUser(actor, `ER${index}`), roleName, acme.id);
  await staffUser("staffNoShare", "NS");
  await staffUser("staffGroupShare", "GS");
  const groupId = await ensureGroup(db, alpha.firm.id, "Acme team", now);
  await editStaff(db, scope, "GS", { groups: ["Acme team"] });
  await assign("staff_group", groupId, "Viewer", acme.id);

  const contactUser = async (
    actor: ActorName,
    clientId: string,
    clientCode: string,
    roleName: BuiltInRoleName = "Contact – Entity Access",
  ) => {
    const contact = await addContact(db, scope, {
      firstName: actor,
      lastName: "Contact",
      email: `${actor.toLowerCase()}@client.test`,
      clients: [clientCode],
    });
    userIds[actor] = await insertUser(
      db,
      {
        firmId: alpha.firm.id,
        email: contact.email!,
        status: "active",
        staffId: null,
        contactId: contact.id,
        passwordHash,
      },
      now,
    );
    await insertAssignment(db, alpha.firm.id, {
      roleId: await role(roleName),
      principalKind: "user",
      principalId: userIds[actor],
      scope: "entity",
      entityId: clientId,
      itemId: null,
      createdAt: now,
    });
  };
  await contactUser("contactOfEntity", acme.id, "ACME");
  await contactUser("contactCollaborator", acme.id, "ACME", "Contact – Entity Collaborator");
  await contactUser("contactOfOtherEntity", globex.id, "GLOBEX");

  const entry = (staff: string, client: string) =>
    addTimeEntry(db, scope, {
      staff,
      client,
      workCode: "AUD",
      date: "2026-06-01",
      minutes: 60,
      description: "matrix",
    });
  const entries = {
    ownOfStaffNoShare: (await entry("NS", "GLOBEX")).id,
    adminOnAcme: (await entry(alpha.staff.staffNumber, "ACME")).id,
    adminOnGlobex: (await entry(alpha.staff.staffNumber, "GLOBEX")).id,
  };

  const otherClient = await addClient(db, betaScope, { code: "BETA1", name: "Beta client" });
  const otherFirmContact = await betaCollaborator(
    db,
    beta.firm.id,
    betaScope,
    otherClient.id,
    passwordHash,
    now,
  );

  // Entries, projects, contacts, reports and imports rows (fixture-content.ts).
  const content = await buildContentFixture({
    db,
    scope,
    betaScope,
    adminStaffId: alpha.staff.id,
    staffNoShareId: staffIds.staffNoShare!,
    clients: { acme: acme.id, globex: globex.id },
    beta: { staffId: beta.staff.id, clientId: otherClient.id },
  });

  // Staff, settings and sharing rows (fixture-settings.ts). Kept last among the records: it
  // notes every assignment of alpha for the exact /assignments lists.
  const settings = await buildSettingsFixture({
    db,
    scope,
    betaScope,
    clients: { acme: acme.id, globex: globex.id },
    workCodeId: workCode.id,
    acmeProjectId: content.projects.acme,
    staffNoShareId: staffIds.staffNoShare!,
    contactOfEntityId: content.contacts.ofEntity,
    beta: { staffId: beta.staff.id, adminUserId: beta.admin.id },
  });

  const headers = {} as Record<ActorName, Record<string, string>>;
  for (const actor of ACTORS) {
    if (actor === "anonymous") {
      headers[actor] = {};
      continue;
    }
    const user =
      actor === "otherFirmUser"
        ? beta.admin
        : actor === "otherFirmContact"
          ? { ...beta.admin, id: otherFirmContact, firmId: beta.firm.id }
          : { ...alpha.admin, id: userIds[actor]!, firmId: alpha.firm.id };
    const { token } = await createApiToken(db, clock, user, `matrix ${actor}`);
    headers[actor] = { authorization: `Bearer ${token}` };
  }
  return {
    scope,
    headers,
    staffIds,
    userIds,
    clients: { acme: acme.id, globex: globex.id },
    entries,
    workCodeId: workCode.id,
    otherFirm: { clientId: otherClient.id },
    content,
    settings,
  };
}

/** A contact of beta's client who collaborates on it: another firm's portal user. */
async function betaCollaborator(
  db: TestServer["deps"]["store"]["db"],
  firmId: string,
  betaScope: FirmScope,
  clientId: string,
  passwordHash: string,
  now: string,
): Promise<string> {
  const contact = await addContact(db, betaScope, {
    firstName: "Other",
    lastName: "Firm Contact",
    email: "contact@beta-client.test",
    clients: ["BETA1"],
  });
  const userId = await insertUser(
    db,
    { firmId, email: contact.email!, status: "active", staffId: null, contactId: contact.id, passwordHash },
    now,
  );
  await insertAssignment(db, firmId, {
    roleId: (await findRoleByName(db, firmId, "Contact – Entity Collaborator"))!.id,
    principalKind: "user",
    principalId: userId,
    scope: "entity",
    entityId: clientId,
    itemId: null,
    createdAt: now,
  });
  return userId;
}

/** A new client shared exactly like ACME (same entity-scope assignments), for destructive rows. */
export async function freshSharedClient(
  server: TestServer,
  fx: MatrixFixture,
  code: string,
): Promise<string> {
  const { db } = server.deps.store;
  const client = await addClient(db, fx.scope, { code, name: `Fresh ${code}` });
  const rows = await db
    .selectFrom("role_assignment")
    .selectAll()
    .where("entity_id", "=", fx.clients.acme)
    .execute();
  for (const row of rows) {
    await insertAssignment(db, fx.scope.firm.id, {
      roleId: row.role_id,
      principalKind: row.principal_kind,
      principalId: row.principal_id,
      scope: row.scope,
      entityId: client.id,
      itemId: null,
      createdAt: row.created_at,
    });
  }
  return client.id;
}
