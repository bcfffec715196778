/**
 * Matrix rows for the firm's settings and staff: /firm, /staff, /staff-groups, /work-codes and
 * /rates. Expectations follow shared/design/access.md and the grants in access/permissions.ts:
 * settings and work codes are the Settings Admin's, staff, staff rates and staff groups the
 * Staff Admin's, client and project rates are client content; every staff user reads the work
 * codes and their own staff record; a group's roles are shared only by those who may share them.
 */
import { findRoleByName, insertAssignment } from "../../src/access/access-store.js";
import { addStaffGroup, addStaffGroupMember } from "../../src/firm-setup/staff-group-service.js";
import { addStaff } from "../../src/firm-setup/staff-service.js";
import { setRate } from "../../src/firm-setup/rate-service.js";
import { addWorkCode } from "../../src/firm-setup/work-code-service.js";
import type { TestServer } from "../../src/test-support/server.js";
import { ACTORS, type ActorName, type MatrixFixture } from "./actors.js";
import {
  A,
  ACME_ONLY_READERS,
  anySignedIn,
  only,
  OUTSIDERS,
  STAFF_USERS,
  SYSTEM_CONTENT_READERS,
  type MatrixRow,
  ACME_CONTACTS,
} from "./rows.js";

let counter = 0;
const next = () => ++counter;

/** Holders of settings:E and work_codes:C/E/D. */
const SETTINGS_ADMINS: readonly ActorName[] = ["admin", "settingsAdmin"];
/** Holders of staff, staff_rates and staff_groups C/R/E/D. */
const STAFF_ADMINS: readonly ActorName[] = ["admin", "staffAdmin"];
/** Staff who read ACME's details (entity_details:R there), not GLOBEX's. */
const ACME_STAFF_READERS: readonly ActorName[] = ACME_ONLY_READERS.filter(
  (actor) => !actor.startsWith("contact"),
);
/** Holders of entities:E on ACME. */
const ACME_EDITORS: readonly ActorName[] = [
  "admin",
  "entitiesAdmin",
  "ownerSystem",
  "editorSystem",
  "ownerEntity",
  "editorEntity",
];
/** Holders of entity_details:R on ACME (its rates). */
const ACME_DETAIL_READERS: readonly ActorName[] = [...SYSTEM_CONTENT_READERS, ...ACME_STAFF_READERS];

/** Staff users get `staffStatus`; contacts `contactStatus`; outsiders 401. */
const byKind = (staffStatus: (actor: ActorName) => number, contactStatus: number) => (actor: ActorName) => {
  if (OUTSIDERS.includes(actor)) return 401;
  if (!STAFF_USERS.includes(actor)) return contactStatus;
  return staffStatus(actor);
};

const db = (server: TestServer) => server.deps.store.db;
const freshStaff = async (server: TestServer, fx: MatrixFixture) => {
  const n = next();
  return (
    await addStaff(db(server), fx.scope, {
      staffNumber: `MX${n}`,
      firstName: "Fresh",
      lastName: `Staff ${n}`,
    })
  ).id;
};
const freshGroup = async (server: TestServer, fx: MatrixFixture) =>
  (await addStaffGroup(db(server), fx.scope, `Matrix group ${next()}`)).id;
const freshWorkCode = async (server: TestServer, fx: MatrixFixture) =>
  (await addWorkCode(db(server), fx.scope, { code: `MW${next()}`, name: "Fresh work code", kind: "time" }))
    .id;
/** The actor's own staff record; contacts have none, so they are given the Admin's. */
const ownStaffId = (fx: MatrixFixture, actor: ActorName) => fx.staffIds[actor] ?? fx.staffIds.admin!;
/** A date per actor (and per row, by year), so rows on one target never replace each other's rates. */
const actorDate = (year: number, actor: ActorName) =>
  `${year}-01-${String(ACTORS.indexOf(actor) + 1).padStart(2, "0")}`;
/** A fresh staff group carrying the Admin role at system scope: filling it hands out Admin. */
const freshAdminGroup = async (server: TestServer, fx: MatrixFixture) => {
  const group = await addStaffGroup(db(server), fx.scope, `Matrix admins ${next()}`);
  await insertAssignment(db(server), fx.scope.firm.id, {
    roleId: (await findRoleByName(db(server), fx.scope.firm.id, "Admin"))!.id,
    principalKind: "staff_group",
    principalId: group.id,
    scope: "system",
    entityId: null,
    itemId: null,
    createdAt: server.deps.clock.now().toISOString(),
  });
  return group;
};

export const FIRM_ROWS: MatrixRow[] = [
  { route: "GET /f/:firm/api/v1/firm", request: () => ({ url: `${A}/firm` }), expect: anySignedIn(200) },
  {
    route: "GET /f/:firm/api/v1/firm",
    name: "firm beta's URL",
    request: () => ({ url: "/f/beta/api/v1/firm" }),
    // Alpha's tokens mean nothing at beta; only beta's own Admin is signed in there.
    expect: (actor) => (actor === "otherFirmUser" || actor === "otherFirmContact" ? 200 : 401),
  },
  {
    route: "PATCH /f/:firm/api/v1/firm",
    name: "its name, unchanged",
    request: () => ({ url: `${A}/firm`, payload: { name: "Firm alpha" } }),
    expect: only(SETTINGS_ADMINS, 200),
  },
];

export const STAFF_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/staff",
    request: () => ({ url: `${A}/staff` }),
    expect: (actor, fx) => {
      if (OUTSIDERS.includes(actor)) return 401;
      if (STAFF_ADMINS.includes(actor)) return { status: 200, ids: Object.values(fx.staffIds) };
      // Without staff:R a staff user sees only their own record; contacts have none.
      if (STAFF_USERS.includes(actor)) return { status: 200, ids: [fx.staffIds[actor]!] };
      return 403;
    },
  },
  {
    route: "GET /f/:firm/api/v1/staff",
    name: "members of Acme team",
    request: (fx) => ({ url: `${A}/staff?groupId=${fx.settings.acmeTeamGroupId}` }),
    expect: (actor, fx) =>
      STAFF_ADMINS.includes(actor)
        ? { status: 200, ids: [fx.staffIds.staffGroupShare!] }
        : only([], 200, { denied: 404 })(actor),
  },
  {
    route: "GET /f/:firm/api/v1/staff",
    name: "members of another firm's group",
    request: (fx) => ({ url: `${A}/staff?groupId=${fx.settings.otherFirm.staffGroupId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/staff/:id",
    name: "viewerSystem's record",
    request: (fx) => ({ url: `${A}/staff/${fx.staffIds.viewerSystem}` }),
    expect: only([...STAFF_ADMINS, "viewerSystem"], 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/staff/:id",
    name: "another firm's staff member",
    request: (fx) => ({ url: `${A}/staff/${fx.settings.otherFirm.staffId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/staff",
    request: () => ({
      url: `${A}/staff`,
      payload: { staffNumber: `MN${next()}`, firstName: "New", lastName: "Hire" },
    }),
    expect: only(STAFF_ADMINS, 201),
  },
  {
    route: "POST /f/:firm/api/v1/staff",
    name: "into a group that carries the Admin role",
    request: async (fx, _actor, server) => {
      const group = await freshAdminGroup(server, fx);
      return {
        url: `${A}/staff`,
        payload: { staffNumber: `MG${next()}`, firstName: "New", lastName: "Admin", groups: [group.name] },
      };
    },
    // Joining the group makes the new member an Admin: giving a system role needs roles:A.
    expect: only(["admin"], 201),
  },
  {
    route: "PATCH /f/:firm/api/v1/staff/:id",
    name: "a fresh staff member",
    request: async (fx, _actor, server) => ({
      url: `${A}/staff/${await freshStaff(server, fx)}`,
      payload: { lastName: "Renamed" },
    }),
    expect: only(STAFF_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "PATCH /f/:firm/api/v1/staff/:id",
    name: "one's own record, unchanged (contacts: the Admin's)",
    request: async (fx, actor, server) => {
      const [staff] = await db(server)
        .selectFrom("staff")
        .select("first_name")
        .where("id", "=", ownStaffId(fx, actor))
        .execute();
      return { url: `${A}/staff/${ownStaffId(fx, actor)}`, payload: { firstName: staff!.first_name } };
    },
    // Reading one's own record is not editing it.
    expect: byKind((actor) => (STAFF_ADMINS.includes(actor) ? 200 : 403), 404),
  },
  {
    route: "PATCH /f/:firm/api/v1/staff/:id",
    name: "one's own groups (contacts: the Admin's)",
    request: (fx, actor) => ({
      url: `${A}/staff/${ownStaffId(fx, actor)}`,
      payload: { groups: ["Acme team"] },
    }),
    // Groups carry roles: nobody, not even a Staff Admin or the Admin, joins one themselves.
    expect: byKind(() => 403, 404),
  },
  {
    route: "PATCH /f/:firm/api/v1/staff/:id",
    name: "a fresh staff member into a group that carries the Admin role",
    request: async (fx, _actor, server) => {
      const group = await freshAdminGroup(server, fx);
      return { url: `${A}/staff/${await freshStaff(server, fx)}`, payload: { groups: [group.name] } };
    },
    // A Staff Admin may edit the member, not hand out the Admin role.
    expect: (actor) => (actor === "staffAdmin" ? 403 : only(["admin"], 200, { denied: 404 })(actor)),
  },
  {
    route: "DELETE /f/:firm/api/v1/staff/:id",
    name: "a fresh staff member",
    request: async (fx, _actor, server) => ({ url: `${A}/staff/${await freshStaff(server, fx)}` }),
    expect: only(STAFF_ADMINS, 204, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/staff/:id",
    name: "another firm's staff member",
    request: (fx) => ({ url: `${A}/staff/${fx.settings.otherFirm.staffId}` }),
    expect: only([], 204, { denied: 404 }),
  },
];

export const STAFF_GROUP_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/staff-groups",
    request: () => ({ url: `${A}/staff-groups` }),
    expect: (actor, fx) =>
      STAFF_ADMINS.includes(actor)
        ? { status: 200, ids: [fx.settings.acmeTeamGroupId] }
        : only([], 200)(actor),
  },
  {
    route: "GET /f/:firm/api/v1/staff-groups/:id",
    name: "Acme team",
    request: (fx) => ({ url: `${A}/staff-groups/${fx.settings.acmeTeamGroupId}` }),
    // Being in the group (staffGroupShare) is not staff_groups:R.
    expect: only(STAFF_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/staff-groups/:id",
    name: "another firm's group",
    request: (fx) => ({ url: `${A}/staff-groups/${fx.settings.otherFirm.staffGroupId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/staff-groups",
    request: () => ({ url: `${A}/staff-groups`, payload: { name: `New group ${next()}` } }),
    expect: only(STAFF_ADMINS, 201),
  },
  {
    route: "PATCH /f/:firm/api/v1/staff-groups/:id",
    name: "rename a fresh group",
    request: async (fx, _actor, server) => ({
      url: `${A}/staff-groups/${await freshGroup(server, fx)}`,
      payload: { name: `Renamed ${next()}` },
    }),
    expect: only(STAFF_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "PATCH /f/:firm/api/v1/staff-groups/:id",
    name: "another firm's group",
    request: (fx) => ({
      url: `${A}/staff-groups/${fx.settings.otherFirm.staffGroupId}`,
      payload: { name: `Taken ${next()}` },
    }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/staff-groups/:id",
    name: "a fresh group",
    request: async (fx, _actor, server) => ({ url: `${A}/staff-groups/${await freshGroup(server, fx)}` }),
    expect: only(STAFF_ADMINS, 204, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/staff-groups/:id",
    name: "Acme team, which carries a role",
    request: (fx) => ({ url: `${A}/staff-groups/${fx.settings.acmeTeamGroupId}` }),
    expect: only(STAFF_ADMINS, 409, { denied: 404 }),
  },
  {
    route: "PUT /f/:firm/api/v1/staff-groups/:id/members/:staffId",
    name: "a fresh staff member into a fresh group",
    request: async (fx, _actor, server) => ({
      url: `${A}/staff-groups/${await freshGroup(server, fx)}/members/${await freshStaff(server, fx)}`,
    }),
    expect: only(STAFF_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "PUT /f/:firm/api/v1/staff-groups/:id/members/:staffId",
    name: "oneself into a fresh group (contacts: the Admin)",
    request: async (fx, actor, server) => ({
      url: `${A}/staff-groups/${await freshGroup(server, fx)}/members/${ownStaffId(fx, actor)}`,
    }),
    expect: only(STAFF_ADMINS, 403, { denied: 404 }),
  },
  {
    route: "PUT /f/:firm/api/v1/staff-groups/:id/members/:staffId",
    name: "a fresh staff member into a group that carries the Admin role",
    request: async (fx, _actor, server) => ({
      url: `${A}/staff-groups/${(await freshAdminGroup(server, fx)).id}/members/${await freshStaff(server, fx)}`,
    }),
    // That hands out Admin at system scope, which needs roles:A: a Staff Admin may not.
    expect: (actor) => (actor === "staffAdmin" ? 403 : only(["admin"], 200, { denied: 404 })(actor)),
  },
  {
    route: "PUT /f/:firm/api/v1/staff-groups/:id/members/:staffId",
    name: "another firm's staff member",
    request: async (fx, _actor, server) => ({
      url: `${A}/staff-groups/${await freshGroup(server, fx)}/members/${fx.settings.otherFirm.staffId}`,
    }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/staff-groups/:id/members/:staffId",
    name: "a fresh member of a fresh group",
    request: async (fx, _actor, server) => {
      const groupId = await freshGroup(server, fx);
      const staffId = await freshStaff(server, fx);
      await addStaffGroupMember(db(server), fx.scope, groupId, staffId);
      return { url: `${A}/staff-groups/${groupId}/members/${staffId}` };
    },
    expect: only(STAFF_ADMINS, 204, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/staff-groups/:id/members/:staffId",
    name: "oneself out of a fresh group (contacts: the Admin)",
    request: async (fx, actor, server) => {
      const groupId = await freshGroup(server, fx);
      await addStaffGroupMember(db(server), fx.scope, groupId, ownStaffId(fx, actor));
      return { url: `${A}/staff-groups/${groupId}/members/${ownStaffId(fx, actor)}` };
    },
    expect: only(STAFF_ADMINS, 403, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/staff-groups/:id/members/:staffId",
    name: "a member out of a group that carries the Admin role",
    request: async (fx, _actor, server) => {
      const groupId = (await freshAdminGroup(server, fx)).id;
      const staffId = await freshStaff(server, fx);
      await addStaffGroupMember(db(server), fx.scope, groupId, staffId);
      return { url: `${A}/staff-groups/${groupId}/members/${staffId}` };
    },
    // Taking a role away is sharing too.
    expect: (actor) => (actor === "staffAdmin" ? 403 : only(["admin"], 204, { denied: 404 })(actor)),
  },
];

export const WORK_CODE_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/work-codes",
    request: () => ({ url: `${A}/work-codes` }),
    expect: (actor, fx) =>
      STAFF_USERS.includes(actor)
        ? { status: 200, ids: [fx.workCodeId, fx.content.expenseWorkCodeId, fx.settings.rateWorkCodeId] }
        : only([], 200)(actor),
  },
  {
    route: "GET /f/:firm/api/v1/work-codes/:id",
    name: "AUD",
    request: (fx) => ({ url: `${A}/work-codes/${fx.workCodeId}` }),
    expect: only(STAFF_USERS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/work-codes/:id",
    name: "another firm's work code",
    request: (fx) => ({ url: `${A}/work-codes/${fx.settings.otherFirm.workCodeId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/work-codes",
    request: () => ({
      url: `${A}/work-codes`,
      payload: { code: `NW${next()}`, kind: "time", name: "New work", rate: 1_000_000 },
    }),
    expect: only(SETTINGS_ADMINS, 201),
  },
  {
    route: "PATCH /f/:firm/api/v1/work-codes/:id",
    name: "a fresh work code",
    request: async (fx, _actor, server) => ({
      url: `${A}/work-codes/${await freshWorkCode(server, fx)}`,
      payload: { name: "Renamed work" },
    }),
    // Staff read work codes, so they are refused; contacts do not even see them.
    expect: byKind((actor) => (SETTINGS_ADMINS.includes(actor) ? 200 : 403), 404),
  },
  {
    route: "PATCH /f/:firm/api/v1/work-codes/:id",
    name: "another firm's work code",
    request: (fx) => ({
      url: `${A}/work-codes/${fx.settings.otherFirm.workCodeId}`,
      payload: { name: "Taken" },
    }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/work-codes/:id",
    name: "a fresh work code",
    request: async (fx, _actor, server) => ({ url: `${A}/work-codes/${await freshWorkCode(server, fx)}` }),
    expect: byKind((actor) => (SETTINGS_ADMINS.includes(actor) ? 204 : 403), 404),
  },
  {
    route: "DELETE /f/:firm/api/v1/work-codes/:id",
    name: "AUD, which entries use",
    request: (fx) => ({ url: `${A}/work-codes/${fx.workCodeId}` }),
    expect: byKind((actor) => (SETTINGS_ADMINS.includes(actor) ? 409 : 403), 404),
  },
];

/** What GET /rates returns to each actor: the rates whose owner they may read. */
function readableRates(actor: ActorName, fx: MatrixFixture): string[] {
  const { rates } = fx.settings;
  if (!STAFF_USERS.includes(actor)) return [];
  const ids = [rates.audDefault, rates.rwcDefault];
  if (STAFF_ADMINS.includes(actor)) ids.push(rates.staffNoShare);
  if (SYSTEM_CONTENT_READERS.includes(actor))
    ids.push(rates.acmeClient, rates.acmeProject, rates.globexClient);
  if (ACME_STAFF_READERS.includes(actor)) ids.push(rates.acmeClient, rates.acmeProject);
  return ids;
}

/** A rate of RWC (no entry uses it), set through the service for a destructive row. */
const freshRate = async (
  server: TestServer,
  fx: MatrixFixture,
  refs: { staff?: string; client?: string },
  effectiveDate: string,
) =>
  (
    await setRate(db(server), fx.scope, {
      ...refs,
      workCode: fx.settings.rateWorkCodeId,
      effectiveDate,
      rate: 500_000,
    })
  ).id;

/** Changing ACME's rates: its editors may; those who only read ACME are refused; others do not see it. */
const acmeRateChange = (ok: number) =>
  only(ACME_EDITORS, ok, { hidden: ["settingsAdmin", "staffAdmin", "staffNoShare", "contactOfOtherEntity"] });

export const RATE_ROWS: MatrixRow[] = [
  {
    route: "GET /f/:firm/api/v1/rates",
    request: () => ({ url: `${A}/rates` }),
    expect: (actor, fx) => (OUTSIDERS.includes(actor) ? 401 : { status: 200, ids: readableRates(actor, fx) }),
  },
  {
    route: "GET /f/:firm/api/v1/rates",
    name: "staffNoShare's rates",
    request: (fx) => ({ url: `${A}/rates?staffId=${fx.staffIds.staffNoShare}` }),
    expect: (actor, fx) => {
      if (STAFF_ADMINS.includes(actor)) return { status: 200, ids: [fx.settings.rates.staffNoShare] };
      // They may see their own record, not their rates (staff_rates:R).
      if (actor === "staffNoShare") return { status: 200, ids: [] };
      return only([], 200, { denied: 404 })(actor);
    },
  },
  {
    route: "GET /f/:firm/api/v1/rates",
    name: "ACME's own rates",
    request: (fx) => ({ url: `${A}/rates?clientId=${fx.clients.acme}` }),
    expect: (actor, fx) => {
      if (ACME_DETAIL_READERS.includes(actor)) return { status: 200, ids: [fx.settings.rates.acmeClient] };
      // ACME's portal contact sees the client, never its rates.
      if (ACME_CONTACTS.includes(actor)) return { status: 200, ids: [] };
      return only([], 200, { denied: 404 })(actor);
    },
  },
  {
    route: "GET /f/:firm/api/v1/rates",
    name: "another firm's client",
    request: (fx) => ({ url: `${A}/rates?clientId=${fx.otherFirm.clientId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/rates/:id",
    name: "staffNoShare's rate",
    request: (fx) => ({ url: `${A}/rates/${fx.settings.rates.staffNoShare}` }),
    expect: only(STAFF_ADMINS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/rates/:id",
    name: "ACME's project rate",
    request: (fx) => ({ url: `${A}/rates/${fx.settings.rates.acmeProject}` }),
    expect: only(ACME_DETAIL_READERS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/rates/:id",
    name: "GLOBEX's rate",
    request: (fx) => ({ url: `${A}/rates/${fx.settings.rates.globexClient}` }),
    expect: only(SYSTEM_CONTENT_READERS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/rates/:id",
    name: "AUD's default rate",
    request: (fx) => ({ url: `${A}/rates/${fx.settings.rates.audDefault}` }),
    expect: only(STAFF_USERS, 200, { denied: 404 }),
  },
  {
    route: "GET /f/:firm/api/v1/rates/:id",
    name: "another firm's rate",
    request: (fx) => ({ url: `${A}/rates/${fx.settings.otherFirm.rateId}` }),
    expect: only([], 200, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/rates",
    name: "a fresh staff member's rate",
    request: async (fx, _actor, server) => ({
      url: `${A}/rates`,
      payload: {
        staffId: await freshStaff(server, fx),
        workCodeId: fx.settings.rateWorkCodeId,
        rate: 1_100_000,
      },
    }),
    expect: only(STAFF_ADMINS, 201, { denied: 404 }),
  },
  {
    route: "POST /f/:firm/api/v1/rates",
    name: "replacing staffNoShare's rate, same value",
    request: (fx) => ({
      url: `${A}/rates`,
      payload: {
        staffId: fx.staffIds.staffNoShare,
        workCodeId: fx.settings.rateWorkCodeId,
        effectiveDate: "2026-01-01",
        rate: 1_000_000,
      },
    }),
    // staffNoShare reads their own record but may not touch its rates.
    expect: (actor) => (actor === "staffNoShare" ? 403 : only(STAFF_ADMINS, 200, { denied: 404 })(actor)),
  },
  {
    route: "POST /f/:firm/api/v1/rates",
    name: "one's own rate (contacts: the Admin's)",
    request: (fx, actor) => ({
      url: `${A}/rates`,
      payload: {
        staffId: ownStaffId(fx, actor),
        workCodeId: fx.settings.rateWorkCodeId,
        effectiveDate: "2027-02-01",
        rate: 9_900_000,
      },
    }),
    // Only an Admin sets their own rate: a Staff Admin may set everyone's but their own.
    expect: byKind((actor) => (actor === "admin" ? 201 : 403), 404),
  },
  {
    route: "POST /f/:firm/api/v1/rates",
    name: "ACME's rate",
    request: (fx, actor) => ({
      url: `${A}/rates`,
      payload: {
        clientId: fx.clients.acme,
        workCodeId: fx.settings.rateWorkCodeId,
        effectiveDate: actorDate(2030, actor),
        rate: 1_200_000,
      },
    }),
    // ACME's contact may not even name RWC: contacts do not see work codes.
    expect: (actor) => (ACME_CONTACTS.includes(actor) ? 404 : acmeRateChange(201)(actor)),
  },
  {
    route: "POST /f/:firm/api/v1/rates",
    name: "ACME's project rate",
    request: (fx, actor) => ({
      url: `${A}/rates`,
      payload: {
        projectId: fx.content.projects.acme,
        workCodeId: fx.settings.rateWorkCodeId,
        effectiveDate: actorDate(2031, actor),
        rate: 1_200_000,
      },
    }),
    expect: (actor) => (ACME_CONTACTS.includes(actor) ? 404 : acmeRateChange(201)(actor)),
  },
  {
    route: "POST /f/:firm/api/v1/rates",
    name: "RWC's default rate",
    request: (fx, actor) => ({
      url: `${A}/rates`,
      payload: {
        workCodeId: fx.settings.rateWorkCodeId,
        effectiveDate: actorDate(2032, actor),
        rate: 1_200_000,
      },
    }),
    expect: byKind((actor) => (SETTINGS_ADMINS.includes(actor) ? 201 : 403), 404),
  },
  {
    route: "POST /f/:firm/api/v1/rates",
    name: "another firm's client",
    request: (fx) => ({ url: `${A}/rates`, payload: { clientId: fx.otherFirm.clientId, rate: 1_200_000 } }),
    expect: only([], 201, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/rates/:id",
    name: "a fresh staff member's rate",
    request: async (fx, actor, server) => ({
      url: `${A}/rates/${await freshRate(server, fx, { staff: await freshStaff(server, fx) }, actorDate(2033, actor))}`,
    }),
    expect: only(STAFF_ADMINS, 204, { denied: 404 }),
  },
  {
    route: "DELETE /f/:firm/api/v1/rates/:id",
    name: "one's own rate (contacts: the Admin's)",
    request: async (fx, actor, server) => ({
      url: `${A}/rates/${await freshRate(server, fx, { staff: ownStaffId(fx, actor) }, actorDate(2034, actor))}`,
    }),
    // Staff without staff_rates:R do not see their rate at all.
    expect: byKind((actor) => (actor === "admin" ? 204 : actor === "staffAdmin" ? 403 : 404), 404),
  },
  {
    route: "DELETE /f/:firm/api/v1/rates/:id",
    name: "a fresh rate of ACME",
    request: async (fx, actor, server) => ({
      url: `${A}/rates/${await freshRate(server, fx, { client: fx.clients.acme }, actorDate(2035, actor))}`,
    }),
    // Rates are client details: ACME's portal contact does not see them.
    expect: (actor) => (ACME_CONTACTS.includes(actor) ? 404 : acmeRateChange(204)(actor)),
  },
  {
    route: "DELETE /f/:firm/api/v1/rates/:id",
    name: "a fresh default rate of RWC",
    request: async (fx, actor, server) => ({
      url: `${A}/rates/${await freshRate(server, fx, {}, actorDate(2036, actor))}`,
    }),
    expect: byKind((actor) => (SETTINGS_ADMINS.includes(actor) ? 204 : 403), 404),
  },
  {
    route: "DELETE /f/:firm/api/v1/rates/:id",
    name: "another firm's rate",
    request: (fx) => ({ url: `${A}/rates/${fx.settings.otherFirm.rateId}` }),
    expect: only([], 204, { denied: 404 }),
  },
];

export const STAFF_SETTINGS_ROWS: MatrixRow[] = [
  ...FIRM_ROWS,
  ...STAFF_ROWS,
  ...STAFF_GROUP_ROWS,
  ...WORK_CODE_ROWS,
  ...RATE_ROWS,
];
