/**
 * The batch a file export is written from (export-batch.ts): approved time and expenses not yet
 * written in this format (all of them when the run asks again), with the lists they name.
 *
 * Names follow the firm's relationship as a QuickBooks company would hold them: staff as
 * "First Last" (employees, or vendors for those set so), clients as customers, projects as jobs
 * "Client:Project" (or as items), time work codes as service items. An expense's account is the
 * one set for its work code, else the firm's default, else "Reimbursable Expenses".
 */
import { selectClients } from "../../firm-setup/client-store.js";
import { selectProjects } from "../../firm-setup/project-store.js";
import { selectStaff } from "../../firm-setup/staff-store.js";
import { selectWorkCodes } from "../../firm-setup/work-code-store.js";
import type { Db } from "../../store/database.js";
import {
  selectExpenseAccounts,
  selectExportedIds,
  selectPostableEntries,
  selectVendorStaffIds,
  type AccountingSettings,
  type PostableEntry,
} from "../accounting-store.js";
import type { ExportBatch, ExportCustomer, ExportExpense, ExportTimeEntry } from "../export-batch.js";
import { jobFullName, tidyName } from "../names.js";
import type { Firm } from "../../firm-setup/firm-store.js";

export const DEFAULT_EXPENSE_ACCOUNT = "Reimbursable Expenses";

/**
 * Approved entries of a kind for an export: those not exported in `format` before, unless again.
 * Postings to other targets do not matter here: a file export is its own record.
 */
async function approvedEntries(
  db: Db,
  firmId: string,
  kind: "time" | "expense",
  format: "iif" | "hledger",
  again: boolean,
): Promise<PostableEntry[]> {
  // "export:<format>" is never a posting target, so every approved entry comes back.
  const entries = await selectPostableEntries(db, firmId, `export:${format}`, kind);
  if (again) return entries;
  const done = await selectExportedIds(db, firmId, format, kind);
  return entries.filter((entry) => !done.has(entry.id));
}

export async function buildExportBatch(
  db: Db,
  firm: Firm,
  settings: AccountingSettings,
  format: "iif" | "hledger",
  again: boolean,
): Promise<ExportBatch> {
  const firmId = firm.id;
  const time = await approvedEntries(db, firmId, "time", format, again);
  const expenses = await approvedEntries(db, firmId, "expense", format, again);
  const vendors = await selectVendorStaffIds(db, firmId);
  const accounts = await selectExpenseAccounts(db, firmId);
  const asJobs = settings.relationship === "jobs";
  const used = [...time, ...expenses];
  const staffIds = new Set(used.map((entry) => entry.staffId));
  const clientIds = new Set(used.map((entry) => entry.clientId));
  const projectIds = new Set(used.flatMap((entry) => (entry.projectId ? [entry.projectId] : [])));
  const workCodeIds = new Set(time.map((entry) => entry.workCodeId));

  const workers = (await selectStaff(db, firmId))
    .filter((member) => staffIds.has(member.id))
    .map((member) => ({
      id: member.id,
      name: tidyName(`${member.firstName} ${member.lastName}`),
      kind: vendors.has(member.id) ? ("vendor" as const) : ("employee" as const),
    }));
  const clients = (await selectClients(db, firmId)).filter((client) => clientIds.has(client.id));
  const clientById = new Map(clients.map((client) => [client.id, client]));
  const customers: ExportCustomer[] = clients.map((client) => ({
    id: client.id,
    name: tidyName(client.name),
    fullName: tidyName(client.name),
    parentId: null,
    code: client.code,
  }));
  const projects = (await selectProjects(db, firmId)).filter((project) => projectIds.has(project.id));
  const items: ExportBatch["items"] = [];
  for (const project of projects) {
    const client = clientById.get(project.clientId);
    if (asJobs && client) {
      customers.push({
        id: project.id,
        name: tidyName(project.name),
        fullName: jobFullName(client.name, project.name),
        parentId: client.id,
        code: `${client.code}-${project.code}`,
      });
    } else if (!asJobs) {
      items.push({ id: project.id, name: tidyName(project.name), kind: "service" });
    }
  }
  const workCodes = await selectWorkCodes(db, firmId);
  if (asJobs) {
    for (const code of workCodes.filter((each) => workCodeIds.has(each.id))) {
      items.push({ id: code.id, name: tidyName(code.name), kind: "service" });
    }
  }
  const customerOf = (entry: PostableEntry) => (asJobs && entry.projectId ? entry.projectId : entry.clientId);
  const timeLines: ExportTimeEntry[] = time.map((entry) => ({
    id: entry.id,
    date: entry.date,
    workerId: entry.staffId,
    customerId: customerOf(entry),
    clientId: entry.clientId,
    itemId: asJobs ? entry.workCodeId : entry.projectId,
    minutes: entry.minutes,
    rate: entry.rate,
    amount: entry.amount,
    billable: entry.billable,
    description: entry.description,
  }));
  const expenseLines: ExportExpense[] = expenses.map((entry) => ({
    id: entry.id,
    date: entry.date,
    workerId: entry.staffId,
    customerId: customerOf(entry),
    clientId: entry.clientId,
    itemId: null,
    accountName: accounts.get(entry.workCodeId) ?? settings.expenseAccountId ?? DEFAULT_EXPENSE_ACCOUNT,
    amount: entry.amount,
    billable: entry.billable,
    description: entry.description,
  }));
  return {
    firm: { name: firm.name, currency: firm.currency, minorDigits: firm.minorDigits },
    workers,
    customers,
    items,
    time: timeLines,
    expenses: expenseLines,
  };
}
