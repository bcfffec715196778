import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { ClientTable } from "../store/tables.js";
import {
  col,
  containsText,
  lowerOf,
  orderFor,
  pageOf,
  readableBy,
  sameCode,
  type PageRequest,
  type ReadableIds,
  type RowPage,
} from "../store/list-query.js";
import { looksLikeId } from "../store/unique.js";

export interface Client {
  id: string;
  code: string;
  name: string;
  status: "active" | "inactive";
  contactCompanyId: string | null;
  partnerId: string | null;
  managerId: string | null;
  address: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

export type ClientFields = Omit<Client, "id" | "createdAt" | "updatedAt">;

export const clientRowToClient = (row: Selectable<ClientTable>): Client => ({
  id: row.id,
  code: row.code,
  name: row.name,
  status: row.status,
  contactCompanyId: row.contact_company_id,
  partnerId: row.partner_id,
  managerId: row.manager_id,
  address: row.address,
  notes: row.notes,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toRow = (fields: ClientFields) => ({
  code: fields.code,
  name: fields.name,
  status: fields.status,
  contact_company_id: fields.contactCompanyId,
  partner_id: fields.partnerId,
  manager_id: fields.managerId,
  address: fields.address,
  notes: fields.notes,
});

export async function insertClients(
  db: Db,
  firmId: string,
  clients: ClientFields[],
  now: string,
): Promise<string[]> {
  const ids = clients.map(() => newId());
  // Batches keep each statement under SQLite's bound-parameter limit.
  for (let start = 0; start < clients.length; start += 500) {
    await db
      .insertInto("client")
      .values(
        clients.slice(start, start + 500).map((fields, index) => ({
          id: ids[start + index]!,
          firm_id: firmId,
          ...toRow(fields),
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return ids;
}

export async function updateClient(
  db: Db,
  firmId: string,
  id: string,
  fields: ClientFields,
  now: string,
): Promise<void> {
  await db
    .updateTable("client")
    .set({ ...toRow(fields), updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function deleteClientRows(db: Db, firmId: string, id: string): Promise<void> {
  // Sharing belongs to the entity: its role assignments go with it.
  await db.deleteFrom("role_assignment").where("firm_id", "=", firmId).where("entity_id", "=", id).execute();
  await db.deleteFrom("rate").where("firm_id", "=", firmId).where("client_id", "=", id).execute();
  await db.deleteFrom("client").where("firm_id", "=", firmId).where("id", "=", id).execute();
}

export async function findClient(db: Db, firmId: string, ref: string): Promise<Client | undefined> {
  const key = ref.trim();
  const row = await db
    .selectFrom("client")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where(looksLikeId(key) ? "id" : "code", "=", looksLikeId(key) ? key : key.toUpperCase())
    .executeTakeFirst();
  return row ? clientRowToClient(row) : undefined;
}

export interface ClientFilter {
  status?: "active" | "inactive";
  /** Matches code or name, case-insensitively. */
  search?: string;
  /** Exactly this code, case-insensitively. */
  code?: string;
  /** Only these clients (a limited reader's); absent or "all" for every one. */
  readable?: ReadableIds;
}

function clientQuery(db: Db, firmId: string, filter: ClientFilter) {
  let query = db.selectFrom("client").where("firm_id", "=", firmId);
  const { readable, search } = filter;
  if (readable && readable !== "all") query = query.where((eb) => readableBy(eb, "id", readable));
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.code) query = query.where("code", "=", sameCode(filter.code));
  if (search) query = query.where((eb) => containsText(eb, ["code", "name"], search));
  return query;
}

export async function selectClients(db: Db, firmId: string, filter: ClientFilter = {}): Promise<Client[]> {
  return (await clientQuery(db, firmId, filter).selectAll().orderBy("code").execute()).map(clientRowToClient);
}

export const CLIENT_SORTS = ["code", "name", "createdAt"] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

/** One page of the clients a filter matches, in SQL on either engine; ties broken by id. */
export function selectClientPage(
  db: Db,
  firmId: string,
  filter: ClientFilter,
  page: PageRequest<ClientSort>,
): Promise<RowPage<Client>> {
  const order = orderFor(
    page.sort,
    { code: [col("code")], name: [lowerOf("name")], createdAt: [col("created_at")] },
    col("id"),
    ["code"],
  );
  return pageOf(clientQuery(db, firmId, filter).selectAll(), page, order, clientRowToClient);
}

export async function clientUsage(db: Db, firmId: string, id: string): Promise<number> {
  let total = 0;
  // The portal's records of the client (its files, requests and approvals) are its history too.
  for (const table of ["time_entry", "expense_entry", "project", "entity_file", "file_request", "approval"] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("firm_id", "=", firmId)
      .where("client_id", "=", id)
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}
