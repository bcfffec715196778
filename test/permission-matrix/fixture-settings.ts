/**
 * The matrix fixture's records for the staff, settings and sharing rows (rows-staff-settings.ts,
 * rows-sharing.ts): rates of every kind, a custom role, contact groups, the ids of the fixture's
 * own roles and assignments (for exact lists), and firm beta's record of each kind for
 * "another firm's id" rows.
 *
 * Nothing here adds a staff member, a user or a client, and nothing changes what any fixture
 * actor may do: the rates are all for a work code only these rows use (RWC, so no entry is
 * priced differently), the custom role is held only by an empty contact group, and the
 * contact group contactOfEntity is in carries no role. It adds one work code (RWC).
 */
import {
  findRoleByName,
  insertAssignment,
  selectAssignments,
  selectRoles,
} from "../../src/access/access-store.js";
import { addContactGroup, addContactGroupMember } from "../../src/access/contact-group-service.js";
import { createRole } from "../../src/access/role-service.js";
import { setRate, listRatePage } from "../../src/firm-setup/rate-service.js";
import type { FirmScope } from "../../src/firm-setup/scope.js";
import { addStaffGroup } from "../../src/firm-setup/staff-group-service.js";
import { findStaffGroupIdByName } from "../../src/firm-setup/staff-group-store.js";
import { addWorkCode } from "../../src/firm-setup/work-code-service.js";
import type { Db } from "../../src/store/database.js";

const FIRST = { sort: "owner", limit: 1, offset: 0 } as const;

export interface SettingsFixture {
  /** The "Acme team" staff group (staffGroupShare is in it; it holds Viewer on ACME). */
  acmeTeamGroupId: string;
  /** A time work code no entry uses, which every rate below is for. */
  rateWorkCodeId: string;
  rates: {
    /** AUD's default rate, set when the fixture made AUD. */
    audDefault: string;
    rwcDefault: string;
    /** staffNoShare's rate. */
    staffNoShare: string;
    acmeClient: string;
    globexClient: string;
    acmeProject: string;
  };
  /** A custom role, assigned (to the empty "Globex people" contact group), so not deletable. */
  customRoleId: string;
  /** Every role of alpha: the built-in ones and the custom role. */
  roleIds: string[];
  /** "Acme people" (contactOfEntity is a member; no roles) and "Globex people" (empty; holds the custom role on GLOBEX). */
  contactGroups: { acmePeople: string; globexPeople: string };
  /** Every assignment of alpha as the fixture built it, and those on ACME. */
  assignmentIds: { all: string[]; onAcme: string[] };
  /** Firm beta's records. */
  otherFirm: {
    staffId: string;
    adminUserId: string;
    workCodeId: string;
    staffGroupId: string;
    roleId: string;
    contactGroupId: string;
    rateId: string;
    assignmentId: string;
  };
}

export interface SettingsFixtureInput {
  db: Db;
  scope: FirmScope;
  betaScope: FirmScope;
  clients: { acme: string; globex: string };
  /** AUD, the fixture's work code with a default rate. */
  workCodeId: string;
  acmeProjectId: string;
  staffNoShareId: string;
  contactOfEntityId: string;
  beta: { staffId: string; adminUserId: string };
}

/** Built last, after every other record of the fixture, so the assignment lists are complete. */
export async function buildSettingsFixture(input: SettingsFixtureInput): Promise<SettingsFixture> {
  const { db, scope, betaScope, clients } = input;
  const firmId = scope.firm.id;
  const now = scope.clock.now().toISOString();
  const date = "2026-01-01";

  const acmeTeamGroupId = (await findStaffGroupIdByName(db, firmId, "Acme team"))!;
  const audDefault = (
    await listRatePage(db, scope, { scope: "work_code", workCodeId: input.workCodeId }, FIRST)
  ).items[0]!.id;
  const rwc = await addWorkCode(db, scope, { code: "RWC", name: "Rated work", kind: "time", rate: 900_000 });
  const rwcDefault = (await listRatePage(db, scope, { scope: "work_code", workCodeId: rwc.id }, FIRST))
    .items[0]!.id;
  const rate = async (refs: { staff?: string; client?: string; project?: string }) =>
    (await setRate(db, scope, { ...refs, workCode: rwc.id, effectiveDate: date, rate: 1_000_000 })).id;
  const rates = {
    audDefault,
    rwcDefault,
    staffNoShare: await rate({ staff: input.staffNoShareId }),
    acmeClient: await rate({ client: clients.acme }),
    globexClient: await rate({ client: clients.globex }),
    acmeProject: await rate({ client: clients.acme, project: input.acmeProjectId }),
  };

  const customRole = await createRole(db, scope, {
    name: "Matrix reviewer",
    grants: { entities: "R", reports: "R" },
  });
  const acmePeople = await addContactGroup(db, scope, "Acme people");
  await addContactGroupMember(db, scope, acmePeople.id, input.contactOfEntityId);
  const globexPeople = await addContactGroup(db, scope, "Globex people");
  await insertAssignment(db, firmId, {
    roleId: customRole.id,
    principalKind: "contact_group",
    principalId: globexPeople.id,
    scope: "entity",
    entityId: clients.globex,
    itemId: null,
    createdAt: now,
  });

  const betaId = betaScope.firm.id;
  const betaWorkCode = await addWorkCode(db, betaScope, {
    code: "BRWC",
    name: "Beta rated work",
    kind: "time",
  });
  const betaRate = await setRate(db, betaScope, {
    staff: input.beta.staffId,
    workCode: betaWorkCode.id,
    effectiveDate: date,
    rate: 1,
  });
  const betaAdminRole = (await findRoleByName(db, betaId, "Admin"))!;
  const [betaAssignment] = await selectAssignments(db, betaId, { roleId: betaAdminRole.id });

  return {
    acmeTeamGroupId,
    rateWorkCodeId: rwc.id,
    rates,
    customRoleId: customRole.id,
    roleIds: (await selectRoles(db, firmId)).map((role) => role.id),
    contactGroups: { acmePeople: acmePeople.id, globexPeople: globexPeople.id },
    assignmentIds: {
      all: (await selectAssignments(db, firmId)).map((a) => a.id),
      onAcme: (await selectAssignments(db, firmId, { entityId: clients.acme })).map((a) => a.id),
    },
    otherFirm: {
      staffId: input.beta.staffId,
      adminUserId: input.beta.adminUserId,
      workCodeId: betaWorkCode.id,
      staffGroupId: (await addStaffGroup(db, betaScope, "Beta team")).id,
      roleId: (await createRole(db, betaScope, { name: "Beta reviewer", grants: { reports: "R" } })).id,
      contactGroupId: (await addContactGroup(db, betaScope, "Beta people")).id,
      rateId: betaRate.id,
      assignmentId: betaAssignment!.id,
    },
  };
}
