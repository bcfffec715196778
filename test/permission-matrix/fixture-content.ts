/**
 * The matrix fixture's records for the entry, project, contact, report and import rows
 * (rows-entries.ts, rows-projects-contacts.ts, rows-reports-imports.ts): expense entries shaped
 * like the time entries, a project on each client, a contact company, the contact users' own
 * contact records, and the same kinds of record in firm "beta" for "another firm's id" rows.
 *
 * Nothing here adds a client, a user or a rate, so the /clients, /users and /rates lists of
 * other rows see the fixture unchanged. It does add one work code (EXP, expense kind).
 */
import {
  addContactCompany,
  addContact,
  editContact,
  getContact,
} from "../../src/firm-setup/contact-service.js";
import { addProject } from "../../src/firm-setup/project-service.js";
import type { FirmScope } from "../../src/firm-setup/scope.js";
import { addWorkCode } from "../../src/firm-setup/work-code-service.js";
import type { Db } from "../../src/store/database.js";
import { addExpenseEntry } from "../../src/time-expense/expense-entry-service.js";
import { addTimeEntry } from "../../src/time-expense/time-entry-service.js";

export interface ContentFixture {
  /** An expense work code without a default rate: expense entries state their unit rate. */
  expenseWorkCodeId: string;
  /** Expense entries like `entries`: staffNoShare's own on GLOBEX, the admin's on ACME and on GLOBEX. */
  expenses: { ownOfStaffNoShare: string; adminOnAcme: string; adminOnGlobex: string };
  projects: { acme: string; globex: string };
  /** A contact company; contactOfEntity's contact works for it. */
  contactCompanyId: string;
  /** The contact records behind the contact users. */
  contacts: { ofEntity: string; collaborator: string; ofOtherEntity: string };
  /** Firm beta's records of each kind. */
  otherFirm: {
    staffId: string;
    timeWorkCodeId: string;
    expenseWorkCodeId: string;
    timeEntryId: string;
    expenseEntryId: string;
    projectId: string;
    contactId: string;
    contactCompanyId: string;
  };
}

export interface ContentFixtureInput {
  db: Db;
  scope: FirmScope;
  betaScope: FirmScope;
  adminStaffId: string;
  staffNoShareId: string;
  clients: { acme: string; globex: string };
  beta: { staffId: string; clientId: string };
}

export const EXPENSE_UNIT_RATE = 250_000;

export async function buildContentFixture(input: ContentFixtureInput): Promise<ContentFixture> {
  const { db, scope, betaScope, clients } = input;
  const expenseWorkCode = await addWorkCode(db, scope, { code: "EXP", name: "Expenses", kind: "expense" });
  const expense = (staff: string, client: string) =>
    addExpenseEntry(db, scope, {
      staff,
      client,
      workCode: expenseWorkCode.id,
      date: "2026-06-01",
      unitRate: EXPENSE_UNIT_RATE,
      description: "matrix",
    });
  const expenses = {
    ownOfStaffNoShare: (await expense(input.staffNoShareId, clients.globex)).id,
    adminOnAcme: (await expense(input.adminStaffId, clients.acme)).id,
    adminOnGlobex: (await expense(input.adminStaffId, clients.globex)).id,
  };
  const projects = {
    acme: (await addProject(db, scope, { client: clients.acme, code: "AUDIT26", name: "Audit 2026" })).id,
    globex: (await addProject(db, scope, { client: clients.globex, code: "TAX26", name: "Tax 2026" })).id,
  };
  const company = await addContactCompany(db, scope, { name: "Acme Holdings" });
  const ofEntity = await getContact(db, scope, "contactofentity@client.test");
  await editContact(db, scope, ofEntity.id, { contactCompany: company.id });
  const ofOtherEntity = await getContact(db, scope, "contactofotherentity@client.test");

  const betaWorkCode = await addWorkCode(db, betaScope, {
    code: "BAUD",
    name: "Beta audit",
    kind: "time",
    rate: 1_000_000,
  });
  const betaExpenseCode = await addWorkCode(db, betaScope, {
    code: "BEXP",
    name: "Beta expenses",
    kind: "expense",
  });
  const betaParty = { staff: input.beta.staffId, client: input.beta.clientId, date: "2026-06-01" };
  const betaCompany = await addContactCompany(db, betaScope, { name: "Beta Holdings" });
  return {
    expenseWorkCodeId: expenseWorkCode.id,
    expenses,
    projects,
    contactCompanyId: company.id,
    contacts: {
      ofEntity: ofEntity.id,
      collaborator: (await getContact(db, scope, "contactcollaborator@client.test")).id,
      ofOtherEntity: ofOtherEntity.id,
    },
    otherFirm: {
      staffId: input.beta.staffId,
      timeWorkCodeId: betaWorkCode.id,
      expenseWorkCodeId: betaExpenseCode.id,
      timeEntryId: (
        await addTimeEntry(db, betaScope, { ...betaParty, workCode: betaWorkCode.id, minutes: 60 })
      ).id,
      expenseEntryId: (
        await addExpenseEntry(db, betaScope, { ...betaParty, workCode: betaExpenseCode.id, unitRate: 10_000 })
      ).id,
      projectId: (
        await addProject(db, betaScope, { client: input.beta.clientId, code: "BETAJOB", name: "Beta job" })
      ).id,
      contactId: (
        await addContact(db, betaScope, {
          firstName: "Beta",
          lastName: "Contact",
          contactCompany: betaCompany.id,
        })
      ).id,
      contactCompanyId: betaCompany.id,
    },
  };
}
