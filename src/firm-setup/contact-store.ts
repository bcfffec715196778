import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { ContactTable } from "../store/tables.js";
import {
  col,
  containsText,
  lowerOf,
  orderFor,
  pageOf,
  readableBy,
  type PageRequest,
  type ReadableIds,
  type RowPage,
} from "../store/list-query.js";
import { looksLikeId } from "../store/unique.js";

export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  workPhone: string;
  mobilePhone: string;
  contactCompanyId: string | null;
  /** Codes of the client entities this contact belongs to. */
  clients: string[];
  createdAt: string;
  updatedAt: string;
}

export type ContactFields = Omit<Contact, "id" | "clients" | "createdAt" | "updatedAt">;

const toRow = (fields: ContactFields) => ({
  first_name: fields.firstName,
  last_name: fields.lastName,
  email: fields.email,
  work_phone: fields.workPhone,
  mobile_phone: fields.mobilePhone,
  contact_company_id: fields.contactCompanyId,
});

const rowToContact = (row: Selectable<ContactTable>, clients: string[]): Contact => ({
  id: row.id,
  firstName: row.first_name,
  lastName: row.last_name,
  email: row.email,
  workPhone: row.work_phone,
  mobilePhone: row.mobile_phone,
  contactCompanyId: row.contact_company_id,
  clients,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function insertContact(
  db: Db,
  firmId: string,
  fields: ContactFields,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("contact")
    .values({ id, firm_id: firmId, ...toRow(fields), created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateContact(
  db: Db,
  firmId: string,
  id: string,
  fields: ContactFields,
  now: string,
): Promise<void> {
  await db
    .updateTable("contact")
    .set({ ...toRow(fields), updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function deleteContactRow(db: Db, firmId: string, id: string): Promise<void> {
  await db.deleteFrom("contact").where("firm_id", "=", firmId).where("id", "=", id).execute();
}

export async function setContactClients(
  db: Db,
  firmId: string,
  contactId: string,
  clientIds: string[],
  now: string,
): Promise<void> {
  await db
    .deleteFrom("contact_client")
    .where("firm_id", "=", firmId)
    .where("contact_id", "=", contactId)
    .execute();
  if (clientIds.length === 0) return;
  await db
    .insertInto("contact_client")
    .values(
      clientIds.map((clientId) => ({
        firm_id: firmId,
        contact_id: contactId,
        client_id: clientId,
        created_at: now,
      })),
    )
    .execute();
}

async function clientCodesOf(db: Db, firmId: string, contactIds: string[]): Promise<Map<string, string[]>> {
  const byContact = new Map<string, string[]>();
  if (contactIds.length === 0) return byContact;
  const rows = await db
    .selectFrom("contact_client as cc")
    .innerJoin("client as c", (join) =>
      join.onRef("c.id", "=", "cc.client_id").onRef("c.firm_id", "=", "cc.firm_id"),
    )
    .select(["cc.contact_id", "c.code"])
    .where("cc.firm_id", "=", firmId)
    .$if(contactIds.length <= 500, (q) => q.where("cc.contact_id", "in", contactIds))
    .orderBy("c.code")
    .execute();
  for (const row of rows) byContact.set(row.contact_id, [...(byContact.get(row.contact_id) ?? []), row.code]);
  return byContact;
}

/** By id or email. */
export async function findContact(db: Db, firmId: string, ref: string): Promise<Contact | undefined> {
  const key = ref.trim();
  const row = await db
    .selectFrom("contact")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where(looksLikeId(key) ? "id" : "email", "=", looksLikeId(key) ? key : key.toLowerCase())
    .executeTakeFirst();
  if (!row) return undefined;
  return rowToContact(row, (await clientCodesOf(db, firmId, [row.id])).get(row.id) ?? []);
}

export interface ContactFilter {
  clientId?: string;
  contactCompanyId?: string;
  /** Matches first or last name (and the email with `searchEmail`), case-insensitively. */
  search?: string;
  /** Search emails too: only for callers who may read contact details. */
  searchEmail?: boolean;
  /** Only these contacts (a contact user reads their own record); absent or "all" for every one. */
  readable?: ReadableIds;
}

function contactQuery(db: Db, firmId: string, filter: ContactFilter) {
  let query = db.selectFrom("contact").where("contact.firm_id", "=", firmId);
  const { readable, search } = filter;
  if (readable && readable !== "all") query = query.where((eb) => readableBy(eb, "contact.id", readable));
  if (filter.contactCompanyId)
    query = query.where("contact.contact_company_id", "=", filter.contactCompanyId);
  if (filter.clientId) {
    const clientId = filter.clientId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("contact_client as cc")
          .select("cc.contact_id")
          .whereRef("cc.contact_id", "=", "contact.id")
          .whereRef("cc.firm_id", "=", "contact.firm_id")
          .where("cc.client_id", "=", clientId),
      ),
    );
  }
  if (search) {
    const columns = [
      "contact.first_name",
      "contact.last_name",
      ...(filter.searchEmail ? ["contact.email"] : []),
    ];
    query = query.where((eb) => containsText(eb, columns, search));
  }
  return query;
}

export async function selectContacts(db: Db, firmId: string, filter: ContactFilter = {}): Promise<Contact[]> {
  const rows = await contactQuery(db, firmId, filter)
    .selectAll("contact")
    .orderBy("contact.last_name")
    .orderBy("contact.first_name")
    .orderBy("contact.id")
    .execute();
  const clients = await clientCodesOf(
    db,
    firmId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => rowToContact(row, clients.get(row.id) ?? []));
}

/** `name`: last name, then first name, as people read them. */
export const CONTACT_SORTS = ["name", "firstName", "createdAt"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

/** One page of the contacts a filter matches, in SQL, with the page's client codes. */
export async function selectContactPage(
  db: Db,
  firmId: string,
  filter: ContactFilter,
  page: PageRequest<ContactSort>,
): Promise<RowPage<Contact>> {
  const order = orderFor(
    page.sort,
    {
      name: [lowerOf("contact.last_name"), lowerOf("contact.first_name")],
      firstName: [lowerOf("contact.first_name"), lowerOf("contact.last_name")],
      createdAt: [col("contact.created_at")],
    },
    col("contact.id"),
  );
  const found = await pageOf(
    contactQuery(db, firmId, filter).selectAll("contact"),
    page,
    order,
    (row) => row,
  );
  const clients = await clientCodesOf(
    db,
    firmId,
    found.items.map((row) => row.id),
  );
  return { ...found, items: found.items.map((row) => rowToContact(row, clients.get(row.id) ?? [])) };
}

/** The ids of the clients each contact belongs to (the HTTP API names clients by id). */
export async function selectContactClientIds(
  db: Db,
  firmId: string,
  contactIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byContact = new Map<string, string[]>();
  if (contactIds.length === 0) return byContact;
  const rows = await db
    .selectFrom("contact_client")
    .select(["contact_id", "client_id"])
    .where("firm_id", "=", firmId)
    .$if(contactIds.length <= 500, (q) => q.where("contact_id", "in", [...contactIds]))
    .orderBy("client_id")
    .execute();
  for (const row of rows) {
    byContact.set(row.contact_id, [...(byContact.get(row.contact_id) ?? []), row.client_id]);
  }
  return byContact;
}

/** User accounts that sign in as this contact: a contact with one cannot be deleted. */
export async function contactAccountCount(db: Db, firmId: string, id: string): Promise<number> {
  const row = await db
    .selectFrom("user_account")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("firm_id", "=", firmId)
    .where("contact_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
