import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { WorkCodeTable } from "../store/tables.js";
import {
  col,
  containsText,
  lowerOf,
  orderFor,
  pageOf,
  sameCode,
  type PageRequest,
  type RowPage,
} from "../store/list-query.js";
import { looksLikeId } from "../store/unique.js";

export interface WorkCode {
  id: string;
  code: string;
  kind: "time" | "expense";
  billable: boolean;
  name: string;
  surchargeBp: number;
  internalNote: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type WorkCodeFields = Omit<WorkCode, "id" | "createdAt" | "updatedAt">;

export const workCodeRowToWorkCode = (row: Selectable<WorkCodeTable>): WorkCode => ({
  id: row.id,
  code: row.code,
  kind: row.kind,
  billable: row.billable === 1,
  name: row.name,
  surchargeBp: row.surcharge_bp,
  internalNote: row.internal_note,
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toRow = (fields: WorkCodeFields) => ({
  code: fields.code,
  kind: fields.kind,
  billable: fields.billable ? 1 : 0,
  name: fields.name,
  surcharge_bp: fields.surchargeBp,
  internal_note: fields.internalNote,
  active: fields.active ? 1 : 0,
});

export async function insertWorkCode(
  db: Db,
  firmId: string,
  fields: WorkCodeFields,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("work_code")
    .values({ id, firm_id: firmId, ...toRow(fields), created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateWorkCode(
  db: Db,
  firmId: string,
  id: string,
  fields: WorkCodeFields,
  now: string,
): Promise<void> {
  await db
    .updateTable("work_code")
    .set({ ...toRow(fields), updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function deleteWorkCodeRows(db: Db, firmId: string, id: string): Promise<void> {
  await db.deleteFrom("rate").where("firm_id", "=", firmId).where("work_code_id", "=", id).execute();
  await db.deleteFrom("work_code").where("firm_id", "=", firmId).where("id", "=", id).execute();
}

export async function findWorkCode(db: Db, firmId: string, ref: string): Promise<WorkCode | undefined> {
  const key = ref.trim();
  const row = await db
    .selectFrom("work_code")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where(looksLikeId(key) ? "id" : "code", "=", looksLikeId(key) ? key : key.toUpperCase())
    .executeTakeFirst();
  return row ? workCodeRowToWorkCode(row) : undefined;
}

export interface WorkCodeFilter {
  kind?: "time" | "expense";
  active?: boolean;
  /** Matches code or name, case-insensitively. */
  search?: string;
  /** Exactly this code, case-insensitively. */
  code?: string;
}

function workCodeQuery(db: Db, firmId: string, filter: WorkCodeFilter) {
  let query = db.selectFrom("work_code").where("firm_id", "=", firmId);
  const { search } = filter;
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.active !== undefined) query = query.where("active", "=", filter.active ? 1 : 0);
  if (filter.code) query = query.where("code", "=", sameCode(filter.code));
  if (search) query = query.where((eb) => containsText(eb, ["code", "name"], search));
  return query;
}

export async function selectWorkCodes(
  db: Db,
  firmId: string,
  filter: WorkCodeFilter = {},
): Promise<WorkCode[]> {
  return (await workCodeQuery(db, firmId, filter).selectAll().orderBy("code").execute()).map(
    workCodeRowToWorkCode,
  );
}

export const WORK_CODE_SORTS = ["code", "name", "createdAt"] as const;
export type WorkCodeSort = (typeof WORK_CODE_SORTS)[number];

/** One page of the work codes a filter matches, in SQL; ties broken by id. */
export function selectWorkCodePage(
  db: Db,
  firmId: string,
  filter: WorkCodeFilter,
  page: PageRequest<WorkCodeSort>,
): Promise<RowPage<WorkCode>> {
  const order = orderFor(
    page.sort,
    { code: [col("code")], name: [lowerOf("name")], createdAt: [col("created_at")] },
    col("id"),
    ["code"],
  );
  return pageOf(workCodeQuery(db, firmId, filter).selectAll(), page, order, workCodeRowToWorkCode);
}

export async function workCodeUsage(db: Db, firmId: string, id: string): Promise<number> {
  const count = async (table: "time_entry" | "expense_entry") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("firm_id", "=", firmId)
          .where("work_code_id", "=", id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return (await count("time_entry")) + (await count("expense_entry"));
}
