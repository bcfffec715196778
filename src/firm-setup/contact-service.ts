/** Contacts and contact companies: the people at clients, who may later log in to the portal. */
import { inTransaction } from "../store/transaction.js";
import { AppError, notFound } from "../domain/errors.js";
import { normaliseEmail, optionalText, requireText } from "../domain/fields.js";
import type { Db } from "../store/database.js";
import type { NameSort, PageRequest, RowPage } from "../store/list-query.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { findClient } from "./client-store.js";
import {
  contactCompanyUsage,
  deleteContactCompanyRow,
  findContactCompany,
  insertContactCompany,
  selectContactCompanies,
  selectContactCompanyPage,
  updateContactCompany,
  type ContactCompany,
} from "./contact-company-store.js";
import {
  contactAccountCount,
  deleteContactRow,
  findContact,
  selectContactPage,
  type ContactFilter,
  type ContactSort,
  insertContact,
  selectContacts,
  setContactClients,
  updateContact,
  type Contact,
  type ContactFields,
} from "./contact-store.js";
import { nowIso, type FirmScope } from "./scope.js";
import { definedOnly } from "./staff-service.js";

export interface ContactCompanyInput {
  name: string;
  address?: string;
}

const validateCompany = (input: ContactCompanyInput) => ({
  name: requireText(input.name, "contact company name"),
  address: optionalText(input.address, "address", 500),
});

export async function addContactCompany(
  db: Db,
  scope: FirmScope,
  input: ContactCompanyInput,
): Promise<ContactCompany> {
  const fields = validateCompany(input);
  const firmId = scope.firm.id;
  const message = `contact company ${JSON.stringify(fields.name)} already exists`;
  return inTransaction(db, async (tx) => {
    if (await findContactCompany(tx, firmId, fields.name)) throw new AppError("DUPLICATE", message);
    const id = await uniqueOrDuplicate(
      () => insertContactCompany(tx, firmId, fields, nowIso(scope)),
      message,
    );
    return (await findContactCompany(tx, firmId, id))!;
  });
}

export async function getContactCompany(db: Db, scope: FirmScope, ref: string): Promise<ContactCompany> {
  const company = await findContactCompany(db, scope.firm.id, ref);
  if (!company) throw notFound("contact company", ref);
  return company;
}

/** One page of the firm's contact companies whose name contains `search`, in SQL. */
export const listContactCompanyPage = (
  db: Db,
  scope: FirmScope,
  filter: { search?: string },
  page: PageRequest<NameSort>,
): Promise<RowPage<ContactCompany>> => selectContactCompanyPage(db, scope.firm.id, filter, page);

export const listContactCompanies = (db: Db, scope: FirmScope): Promise<ContactCompany[]> =>
  selectContactCompanies(db, scope.firm.id);

export async function editContactCompany(
  db: Db,
  scope: FirmScope,
  ref: string,
  patch: Partial<ContactCompanyInput>,
): Promise<ContactCompany> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const current = await getContactCompany(tx, scope, ref);
    const fields = validateCompany({ ...current, ...definedOnly(patch) });
    const other = await findContactCompany(tx, firmId, fields.name);
    const message = `contact company ${JSON.stringify(fields.name)} already exists`;
    if (other && other.id !== current.id) throw new AppError("DUPLICATE", message);
    await uniqueOrDuplicate(
      () => updateContactCompany(tx, firmId, current.id, fields, nowIso(scope)),
      message,
    );
    return (await findContactCompany(tx, firmId, current.id))!;
  });
}

export async function deleteContactCompany(db: Db, scope: FirmScope, ref: string): Promise<ContactCompany> {
  return inTransaction(db, async (tx) => {
    const company = await getContactCompany(tx, scope, ref);
    if ((await contactCompanyUsage(tx, scope.firm.id, company.id)) > 0) {
      throw new AppError(
        "IN_USE",
        `contact company ${JSON.stringify(company.name)} still has contacts or clients`,
      );
    }
    await deleteContactCompanyRow(tx, scope.firm.id, company.id);
    return company;
  });
}

export interface ContactInput {
  firstName: string;
  lastName: string;
  email?: string | null;
  workPhone?: string;
  mobilePhone?: string;
  contactCompany?: string | null;
  /** Client codes (or ids) this contact belongs to. */
  clients?: string[];
}

async function resolveContact(
  db: Db,
  firmId: string,
  input: ContactInput,
): Promise<{ fields: ContactFields; clientIds: string[] }> {
  let contactCompanyId: string | null = null;
  if (input.contactCompany) {
    const company = await findContactCompany(db, firmId, input.contactCompany);
    if (!company) throw notFound("contact company", input.contactCompany);
    contactCompanyId = company.id;
  }
  const clientIds: string[] = [];
  for (const ref of input.clients ?? []) {
    const client = await findClient(db, firmId, ref);
    if (!client) throw notFound("client", ref);
    if (!clientIds.includes(client.id)) clientIds.push(client.id);
  }
  return {
    fields: {
      firstName: requireText(input.firstName, "first name", 60),
      lastName: requireText(input.lastName, "last name", 60),
      email: normaliseEmail(input.email),
      workPhone: optionalText(input.workPhone, "work phone", 40),
      mobilePhone: optionalText(input.mobilePhone, "mobile phone", 40),
      contactCompanyId,
    },
    clientIds,
  };
}

async function assertEmailFree(db: Db, firmId: string, email: string | null, selfId?: string): Promise<void> {
  if (!email) return;
  const other = await findContact(db, firmId, email);
  if (other && other.id !== selfId)
    throw new AppError("DUPLICATE", `contact email ${email} is already used`, { email });
}

export async function addContact(db: Db, scope: FirmScope, input: ContactInput): Promise<Contact> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const { fields, clientIds } = await resolveContact(tx, firmId, input);
    await assertEmailFree(tx, firmId, fields.email);
    const now = nowIso(scope);
    const id = await uniqueOrDuplicate(
      () => insertContact(tx, firmId, fields, now),
      `contact email ${fields.email} is already used`,
    );
    await setContactClients(tx, firmId, id, clientIds, now);
    return (await findContact(tx, firmId, id))!;
  });
}

export async function getContact(db: Db, scope: FirmScope, ref: string): Promise<Contact> {
  const contact = await findContact(db, scope.firm.id, ref);
  if (!contact) throw notFound("contact", ref);
  return contact;
}

export async function listContacts(
  db: Db,
  scope: FirmScope,
  filter: { client?: string; contactCompany?: string } = {},
): Promise<Contact[]> {
  const firmId = scope.firm.id;
  const clientId = filter.client ? (await findClient(db, firmId, filter.client))?.id : undefined;
  if (filter.client && !clientId) throw notFound("client", filter.client);
  const companyId = filter.contactCompany
    ? (await findContactCompany(db, firmId, filter.contactCompany))?.id
    : undefined;
  if (filter.contactCompany && !companyId) throw notFound("contact company", filter.contactCompany);
  return selectContacts(db, firmId, { clientId, contactCompanyId: companyId });
}

/** One page of the contacts a filter matches (its client and company ids already checked), in SQL. */
export const listContactPage = (
  db: Db,
  scope: FirmScope,
  filter: ContactFilter,
  page: PageRequest<ContactSort>,
): Promise<RowPage<Contact>> => selectContactPage(db, scope.firm.id, filter, page);

export async function editContact(
  db: Db,
  scope: FirmScope,
  ref: string,
  patch: Partial<ContactInput>,
): Promise<Contact> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const current = await getContact(tx, scope, ref);
    const merged: ContactInput = {
      ...current,
      contactCompany: current.contactCompanyId,
      ...definedOnly(patch),
    };
    const { fields, clientIds } = await resolveContact(tx, firmId, merged);
    await assertEmailFree(tx, firmId, fields.email, current.id);
    const now = nowIso(scope);
    await uniqueOrDuplicate(
      () => updateContact(tx, firmId, current.id, fields, now),
      `contact email ${fields.email} is already used`,
    );
    if (patch.clients !== undefined) await setContactClients(tx, firmId, current.id, clientIds, now);
    return (await findContact(tx, firmId, current.id))!;
  });
}

export async function deleteContact(db: Db, scope: FirmScope, ref: string): Promise<Contact> {
  return inTransaction(db, async (tx) => {
    const contact = await getContact(tx, scope, ref);
    if ((await contactAccountCount(tx, scope.firm.id, contact.id)) > 0) {
      throw new AppError("IN_USE", `contact ${contact.firstName} ${contact.lastName} has a user account`);
    }
    await deleteContactRow(tx, scope.firm.id, contact.id);
    return contact;
  });
}
