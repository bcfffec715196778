/** Clients (the portal's entities): unique codes, partner and manager, contact company. */
import { inTransaction } from "../store/transaction.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { normaliseCode, optionalText, requireText } from "../domain/fields.js";
import type { Db } from "../store/database.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import {
  clientUsage,
  deleteClientRows,
  findClient,
  insertClients,
  selectClientPage,
  selectClients,
  updateClient,
  type Client,
  type ClientFields,
  type ClientFilter,
  type ClientSort,
} from "./client-store.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import { findContactCompany } from "./contact-company-store.js";
import { nowIso, type FirmScope } from "./scope.js";
import { definedOnly } from "./staff-service.js";
import { findStaff } from "./staff-store.js";

/** Client input as people give it: partner and manager by staff number, company by name. */
export interface ClientInput {
  code: string;
  name: string;
  status?: "active" | "inactive";
  contactCompany?: string | null;
  partner?: string | null;
  manager?: string | null;
  address?: string;
  notes?: string;
}

async function resolveClientFields(db: Db, firmId: string, input: ClientInput): Promise<ClientFields> {
  const status = input.status ?? "active";
  if (status !== "active" && status !== "inactive")
    throw invalid(`status ${JSON.stringify(status)} must be active or inactive`);
  const staffId = async (ref: string | null | undefined, what: string) => {
    if (!ref) return null;
    const staff = await findStaff(db, firmId, ref);
    if (!staff) throw notFound(what, ref);
    return staff.id;
  };
  let contactCompanyId: string | null = null;
  if (input.contactCompany) {
    const company = await findContactCompany(db, firmId, input.contactCompany);
    if (!company) throw notFound("contact company", input.contactCompany);
    contactCompanyId = company.id;
  }
  return {
    code: normaliseCode(input.code, "client code"),
    name: requireText(input.name, "client name"),
    status,
    contactCompanyId,
    partnerId: await staffId(input.partner, "partner (staff)"),
    managerId: await staffId(input.manager, "manager (staff)"),
    address: optionalText(input.address, "address", 500),
    notes: optionalText(input.notes, "notes", 4000),
  };
}

function duplicateCode(code: string): AppError {
  return new AppError("DUPLICATE", `client code ${code} already exists`, { code });
}

export async function addClient(db: Db, scope: FirmScope, input: ClientInput): Promise<Client> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const fields = await resolveClientFields(tx, firmId, input);
    if (await findClient(tx, firmId, fields.code)) throw duplicateCode(fields.code);
    const [id] = await uniqueOrDuplicate(
      () => insertClients(tx, firmId, [fields], nowIso(scope)),
      `client code ${fields.code} already exists`,
    );
    return (await findClient(tx, firmId, id!))!;
  });
}

export async function getClient(db: Db, scope: FirmScope, ref: string): Promise<Client> {
  const client = await findClient(db, scope.firm.id, ref);
  if (!client) throw notFound("client", ref);
  return client;
}

export const listClients = (db: Db, scope: FirmScope, filter: ClientFilter = {}): Promise<Client[]> =>
  selectClients(db, scope.firm.id, filter);

/** One page of the clients a filter matches (the readable set included), in SQL. */
export const listClientPage = (
  db: Db,
  scope: FirmScope,
  filter: ClientFilter,
  page: PageRequest<ClientSort>,
): Promise<RowPage<Client>> => selectClientPage(db, scope.firm.id, filter, page);

export type ClientPatch = Partial<ClientInput>;

export async function editClient(db: Db, scope: FirmScope, ref: string, patch: ClientPatch): Promise<Client> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const current = await getClient(tx, scope, ref);
    // Current references are ids; resolveClientFields accepts ids or human keys alike.
    const merged: ClientInput = {
      code: current.code,
      name: current.name,
      status: current.status,
      contactCompany: current.contactCompanyId,
      partner: current.partnerId,
      manager: current.managerId,
      address: current.address,
      notes: current.notes,
      ...definedOnly(patch),
    };
    const fields = await resolveClientFields(tx, firmId, merged);
    const other = await findClient(tx, firmId, fields.code);
    if (other && other.id !== current.id) throw duplicateCode(fields.code);
    await uniqueOrDuplicate(
      () => updateClient(tx, firmId, current.id, fields, nowIso(scope)),
      `client code ${fields.code} already exists`,
    );
    return (await findClient(tx, firmId, current.id))!;
  });
}

export async function deleteClient(db: Db, scope: FirmScope, ref: string): Promise<Client> {
  return inTransaction(db, async (tx) => {
    const client = await getClient(tx, scope, ref);
    if ((await clientUsage(tx, scope.firm.id, client.id)) > 0) {
      throw new AppError(
        "IN_USE",
        `client ${client.code} has projects, entries or portal files and requests; make it inactive instead`,
      );
    }
    await deleteClientRows(tx, scope.firm.id, client.id);
    return client;
  });
}
