import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { ContactCompanyTable } from "../store/tables.js";
import {
  col,
  containsText,
  lowerOf,
  orderFor,
  pageOf,
  type NameSort,
  type PageRequest,
  type RowPage,
} from "../store/list-query.js";
import { looksLikeId } from "../store/unique.js";

export interface ContactCompany {
  id: string;
  name: string;
  address: string;
  createdAt: string;
  updatedAt: string;
}

const rowToContactCompany = (row: Selectable<ContactCompanyTable>): ContactCompany => ({
  id: row.id,
  name: row.name,
  address: row.address,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function insertContactCompany(
  db: Db,
  firmId: string,
  fields: { name: string; address: string },
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("contact_company")
    .values({ id, firm_id: firmId, ...fields, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateContactCompany(
  db: Db,
  firmId: string,
  id: string,
  fields: { name: string; address: string },
  now: string,
): Promise<void> {
  await db
    .updateTable("contact_company")
    .set({ ...fields, updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function deleteContactCompanyRow(db: Db, firmId: string, id: string): Promise<void> {
  await db.deleteFrom("contact_company").where("firm_id", "=", firmId).where("id", "=", id).execute();
}

/** By id or by exact name (names are unique within a firm). */
export async function findContactCompany(
  db: Db,
  firmId: string,
  ref: string,
): Promise<ContactCompany | undefined> {
  const key = ref.trim();
  const row = await db
    .selectFrom("contact_company")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where(looksLikeId(key) ? "id" : "name", "=", key)
    .executeTakeFirst();
  return row ? rowToContactCompany(row) : undefined;
}

export async function selectContactCompanies(db: Db, firmId: string): Promise<ContactCompany[]> {
  return (
    await db.selectFrom("contact_company").selectAll().where("firm_id", "=", firmId).orderBy("name").execute()
  ).map(rowToContactCompany);
}

/** One page of the contact companies whose name contains `search`, in SQL. */
export function selectContactCompanyPage(
  db: Db,
  firmId: string,
  filter: { search?: string },
  page: PageRequest<NameSort>,
): Promise<RowPage<ContactCompany>> {
  let query = db.selectFrom("contact_company").selectAll().where("firm_id", "=", firmId);
  const { search } = filter;
  if (search) query = query.where((eb) => containsText(eb, ["name"], search));
  const order = orderFor(page.sort, { name: [lowerOf("name")], createdAt: [col("created_at")] }, col("id"));
  return pageOf(query, page, order, rowToContactCompany);
}

export async function contactCompanyUsage(db: Db, firmId: string, id: string): Promise<number> {
  let total = 0;
  for (const table of ["contact", "client"] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("firm_id", "=", firmId)
      .where("contact_company_id", "=", id)
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}
