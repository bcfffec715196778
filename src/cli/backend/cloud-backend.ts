/**
 * The backend of a cloud firm: its HTTP API, acting with the signed-in user's token (and so
 * with that user's rights: a refusal is the server's one-line reason). Answers are brought to
 * the services' shapes, so every command prints what it prints for a firm file.
 */
import { checkFirmPatch } from "../../firm-setup/firm-service.js";
import type { Firm } from "../../firm-setup/firm-store.js";
import type { ImportResult } from "../../imports/import-service.js";
import { reportFromJson, type ReportJson } from "../../reports/report-json.js";
import { checkReportRequest, type ReportRequest } from "../../reports/report-request.js";
import type { Report, ReportType } from "../../reports/report.js";
import type { Backend } from "./backend.js";
import { cloudClients, cloudCompanies, cloudContacts, cloudProjects } from "./cloud-clients.js";
import type { CloudClient } from "./cloud-client.js";
import { cloudExpenseEntries, cloudReprice, cloudTimeEntries } from "./cloud-entries.js";
import { cloudRefs, type CloudRefs } from "./cloud-refs.js";
import { cloudRates, cloudStaff, cloudWorkCodes } from "./cloud-setup.js";

/** The firm as a file holds it (the API orders the fields its own way). */
const toFirm = (f: Firm): Firm => ({
  id: f.id,
  name: f.name,
  currency: f.currency,
  minorDigits: f.minorDigits,
  timeIncrement: f.timeIncrement,
  lockDate: f.lockDate,
  fiscalYearStartMonth: f.fiscalYearStartMonth,
  slug: f.slug,
  protection: f.protection,
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
});

/**
 * The request is checked here as the file's service checks it (same errors); the report then
 * echoes the criteria as given (codes), where the API would echo the ids it was sent.
 */
async function cloudReport(
  cloud: CloudClient,
  refs: CloudRefs,
  type: ReportType,
  request: ReportRequest,
): Promise<Report> {
  const { criteria, groupBy } = checkReportRequest(request);
  const { staff, project, workCode } = criteria;
  const staffId = staff && (await refs.staff(staff)).id;
  const client = criteria.client ? await refs.client(criteria.client) : undefined;
  const query = new URLSearchParams({ groupBy: groupBy.join(","), kind: criteria.kind });
  const optional = {
    from: criteria.from,
    to: criteria.to,
    staffId,
    clientId: client?.id,
    projectId: client && project && (await refs.project(client, project, `${client.code}/${project}`)).id,
    workCodeId: workCode && (await refs.workCode(workCode)).id,
    billable: criteria.billable === null ? null : String(criteria.billable),
    status: criteria.status.length ? criteria.status.join(",") : null,
  };
  for (const [key, value] of Object.entries(optional)) if (value) query.set(key, value);
  const json = await cloud.request<ReportJson>("GET", `/reports/${type}?${query.toString()}`);
  return { ...reportFromJson(json), criteria };
}

export async function cloudBackend(cloud: CloudClient): Promise<Backend> {
  const firm = toFirm(await cloud.request<Firm>("GET", "/firm"));
  const refs = cloudRefs(cloud);
  return {
    firm,
    editFirm: async (patch) => toFirm(await cloud.request<Firm>("PATCH", "/firm", checkFirmPatch(patch))),
    staff: cloudStaff(cloud, refs),
    workCodes: cloudWorkCodes(cloud, refs),
    rates: cloudRates(cloud, refs),
    clients: cloudClients(cloud, refs),
    projects: cloudProjects(cloud, refs),
    companies: cloudCompanies(cloud, refs),
    contacts: cloudContacts(cloud, refs),
    time: cloudTimeEntries(cloud, refs),
    expenses: cloudExpenseEntries(cloud, refs),
    reprice: (range) => cloudReprice(cloud, refs, range),
    report: (type, request) => cloudReport(cloud, refs, type, request),
    // The text goes up whole; progress is the server's (a cloud import shows none).
    importRecords: ({ kind, text, dryRun, skipBad }) =>
      cloud.request<ImportResult>("POST", `/imports/${kind}`, { text, dryRun, skipBad }),
  };
}
