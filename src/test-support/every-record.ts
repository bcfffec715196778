/**
 * A firm holding a record of every kind that refers to another (every synced table, and the
 * access tables: users, role assignments, sessions, tokens, one-time links), made through the
 * real services. The firm-isolation tests give two firms one each and try every reference
 * column of one against the other's records.
 */
import { ensureBuiltInRoles, findRoleByName, insertAssignment } from "../access/access-store.js";
import { insertUser, type UserAccount } from "../access/account-store.js";
import { addContactGroup, addContactGroupMember } from "../access/contact-group-service.js";
import { issueLink } from "../access/link-service.js";
import { createApiToken, startSession } from "../access/session-service.js";
import { addClient } from "../firm-setup/client-service.js";
import { addContact, addContactCompany } from "../firm-setup/contact-service.js";
import { addProject } from "../firm-setup/project-service.js";
import { setRate } from "../firm-setup/rate-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { addStaffGroup, addStaffGroupMember } from "../firm-setup/staff-group-service.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import type { Db } from "../store/database.js";
import { addExpenseEntry } from "../time-expense/expense-entry-service.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";

export interface EveryRecord {
  staff: string;
  staffGroup: string;
  contactCompany: string;
  client: string;
  project: string;
  contact: string;
  contactGroup: string;
  timeCode: string;
  expenseCode: string;
  user: string;
  role: string;
  timeEntry: string;
  expenseEntry: string;
}

/** Ids of the parent records by table name, for "name another firm's record" attempts. */
export const parentIds = (records: EveryRecord): Record<string, string> => ({
  staff: records.staff,
  staff_group: records.staffGroup,
  contact_company: records.contactCompany,
  client: records.client,
  project: records.project,
  contact: records.contact,
  contact_group: records.contactGroup,
  work_code: records.timeCode,
  user_account: records.user,
  role: records.role,
});

export async function seedEveryRecord(db: Db, scope: FirmScope, prefix: string): Promise<EveryRecord> {
  const staff = await addStaff(db, scope, {
    staffNumber: `${prefix}S`,
    firstName: "Sam",
    lastName: prefix,
    email: `sam@${prefix.toLowerCase()}.test`,
  });
  const staffGroup = await addStaffGroup(db, scope, `${prefix} team`);
  await addStaffGroupMember(db, scope, staffGroup.id, staff.id);
  const contactCompany = await addContactCompany(db, scope, { name: `${prefix} Holdings` });
  const client = await addClient(db, scope, {
    code: `${prefix}C`,
    name: `${prefix} client`,
    partner: staff.id,
    manager: staff.id,
    contactCompany: contactCompany.id,
  });
  const project = await addProject(db, scope, { client: client.id, code: "JOB", name: "A job" });
  const contact = await addContact(db, scope, {
    firstName: "Cy",
    lastName: prefix,
    email: `cy@${prefix.toLowerCase()}.test`,
    contactCompany: contactCompany.id,
    clients: [client.id],
  });
  const contactGroup = await addContactGroup(db, scope, `${prefix} contacts`);
  await addContactGroupMember(db, scope, contactGroup.id, contact.id);
  const timeCode = await addWorkCode(db, scope, {
    code: `${prefix}T`,
    kind: "time",
    name: "Time",
    rate: 1_000_000,
  });
  const expenseCode = await addWorkCode(db, scope, {
    code: `${prefix}E`,
    kind: "expense",
    name: "Expense",
    rate: 5_000,
  });
  const from = { effectiveDate: "2026-01-01", rate: 1_200_000 };
  await setRate(db, scope, { ...from, staff: staff.id });
  await setRate(db, scope, { ...from, client: client.id });
  await setRate(db, scope, { ...from, client: client.id, project: "JOB" });
  await setRate(db, scope, { ...from, workCode: timeCode.id });
  const party = { staff: staff.id, client: client.id, project: project.id, date: "2026-06-01" };
  const timeEntry = await addTimeEntry(db, scope, { ...party, workCode: timeCode.id, minutes: 60 });
  const expenseEntry = await addExpenseEntry(db, scope, {
    ...party,
    workCode: expenseCode.id,
    quantity: 2_000,
  });

  const now = scope.clock.now().toISOString();
  const fields = {
    firmId: scope.firm.id,
    email: `sam@${prefix.toLowerCase()}.test`,
    passwordHash: null,
    status: "invited" as const,
    staffId: staff.id,
    contactId: null,
  };
  const userId = await insertUser(db, fields, now);
  const user: UserAccount = { ...fields, id: userId, createdAt: now, updatedAt: now };
  await ensureBuiltInRoles(db, scope.firm.id, now);
  const role = (await findRoleByName(db, scope.firm.id, "Viewer"))!;
  await insertAssignment(db, scope.firm.id, {
    roleId: role.id,
    principalKind: "user",
    principalId: userId,
    scope: "entity",
    entityId: client.id,
    itemId: null,
    createdAt: now,
  });
  await startSession(db, scope.clock, { idleMinutes: 30, absoluteHours: 12 }, user);
  await createApiToken(db, scope.clock, user, `${prefix} token`);
  await issueLink(
    db,
    { clock: scope.clock, links: { publicUrl: "http://127.0.0.1:8080", linkValidHours: 72 } },
    scope.firm,
    user,
    "activation",
  );
  return {
    staff: staff.id,
    staffGroup: staffGroup.id,
    contactCompany: contactCompany.id,
    client: client.id,
    project: project.id,
    contact: contact.id,
    contactGroup: contactGroup.id,
    timeCode: timeCode.id,
    expenseCode: expenseCode.id,
    user: userId,
    role: role.id,
    timeEntry: timeEntry.id,
    expenseEntry: expenseEntry.id,
  };
}
