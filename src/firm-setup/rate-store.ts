import { sql, type Selectable } from "kysely";
import { rateTargetKey, type RateRow, type RateScope } from "../domain/rates.js";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { RateTable } from "../store/tables.js";
import {
  col,
  containsText,
  orderFor,
  pageOf,
  readableBy,
  type PageRequest,
  type ReadableIds,
  type RowPage,
} from "../store/list-query.js";

export interface Rate extends RateRow {
  createdAt: string;
  updatedAt: string;
}

export const rateRowToRate = (row: Selectable<RateTable>): Rate => ({
  id: row.id,
  scope: row.scope,
  staffId: row.staff_id,
  clientId: row.client_id,
  projectId: row.project_id,
  workCodeId: row.work_code_id,
  effectiveDate: row.effective_date,
  rate: row.rate,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type RateTarget = Pick<RateRow, "scope" | "staffId" | "clientId" | "projectId" | "workCodeId">;

export async function findRateAt(
  db: Db,
  firmId: string,
  target: RateTarget,
  effectiveDate: string,
): Promise<Rate | undefined> {
  const row = await db
    .selectFrom("rate")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("target_key", "=", rateTargetKey(target))
    .where("effective_date", "=", effectiveDate)
    .executeTakeFirst();
  return row ? rateRowToRate(row) : undefined;
}

export async function findRateById(db: Db, firmId: string, id: string): Promise<Rate | undefined> {
  const row = await db
    .selectFrom("rate")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? rateRowToRate(row) : undefined;
}

export async function insertRate(
  db: Db,
  firmId: string,
  target: RateTarget,
  effectiveDate: string,
  rate: number,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("rate")
    .values({
      id,
      firm_id: firmId,
      scope: target.scope,
      staff_id: target.staffId,
      client_id: target.clientId,
      project_id: target.projectId,
      work_code_id: target.workCodeId,
      target_key: rateTargetKey(target),
      effective_date: effectiveDate,
      rate,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateRateValue(
  db: Db,
  firmId: string,
  id: string,
  rate: number,
  now: string,
): Promise<void> {
  await db
    .updateTable("rate")
    .set({ rate, updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function deleteRateRow(db: Db, firmId: string, id: string): Promise<void> {
  await db.deleteFrom("rate").where("firm_id", "=", firmId).where("id", "=", id).execute();
}

export interface RateFilter {
  scope?: RateScope;
  staffId?: string;
  clientId?: string;
  projectId?: string;
  workCodeId?: string;
}

/** Every rate row of the firm (a firm has at most thousands), for resolution and listing. */
/** Every rate of these targets (rate target keys), by the (firm, target, date) index. */
export async function selectRatesOfTargets(db: Db, firmId: string, keys: readonly string[]): Promise<Rate[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom("rate")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("target_key", "in", keys)
    .execute();
  return rows.map(rateRowToRate);
}

/** Whose a rate is, by the codes people know: a project rate names its client's code too. */
export interface RateOwnerCodes {
  staffNumber: string | null;
  clientCode: string | null;
  projectCode: string | null;
  workCode: string | null;
}

export type RateWithOwner = Rate & RateOwnerCodes;

function selectRatesWithOwners(db: Db, firmId: string) {
  return db
    .selectFrom("rate")
    .leftJoin("staff", (join) =>
      join.onRef("staff.id", "=", "rate.staff_id").onRef("staff.firm_id", "=", "rate.firm_id"),
    )
    .leftJoin("project", (join) =>
      join.onRef("project.id", "=", "rate.project_id").onRef("project.firm_id", "=", "rate.firm_id"),
    )
    .leftJoin("client", (join) =>
      join
        .on((eb) =>
          eb.or([
            eb("client.id", "=", eb.ref("rate.client_id")),
            eb("client.id", "=", eb.ref("project.client_id")),
          ]),
        )
        .onRef("client.firm_id", "=", "rate.firm_id"),
    )
    .leftJoin("work_code", (join) =>
      join.onRef("work_code.id", "=", "rate.work_code_id").onRef("work_code.firm_id", "=", "rate.firm_id"),
    )
    .selectAll("rate")
    .select([
      "staff.staff_number as owner_staff_number",
      "client.code as owner_client_code",
      "project.code as owner_project_code",
      "work_code.code as owner_work_code",
    ])
    .where("rate.firm_id", "=", firmId);
}

type RateWithOwnerRow = Selectable<RateTable> & {
  owner_staff_number: string | null;
  owner_client_code: string | null;
  owner_project_code: string | null;
  owner_work_code: string | null;
};

const rowToRateWithOwner = (row: RateWithOwnerRow): RateWithOwner => ({
  ...rateRowToRate(row),
  staffNumber: row.owner_staff_number,
  clientCode: row.owner_client_code,
  projectCode: row.owner_project_code,
  workCode: row.owner_work_code,
});

/** Rates for listing, each with its owner's codes. */
export async function selectRatesForListing(
  db: Db,
  firmId: string,
  filter: RateFilter = {},
): Promise<RateWithOwner[]> {
  let query = selectRatesWithOwners(db, firmId);
  if (filter.scope) query = query.where("rate.scope", "=", filter.scope);
  if (filter.staffId) query = query.where("rate.staff_id", "=", filter.staffId);
  if (filter.clientId) query = query.where("rate.client_id", "=", filter.clientId);
  if (filter.projectId) query = query.where("rate.project_id", "=", filter.projectId);
  if (filter.workCodeId) query = query.where("rate.work_code_id", "=", filter.workCodeId);
  const rows = await query.orderBy("rate.target_key").orderBy("rate.effective_date").execute();
  return rows.map(rowToRateWithOwner);
}

/** Which rates a caller may read, level by level (shared/design/access.md, rate-routes.ts). */
export interface ReadableRates {
  staff: boolean;
  workCode: boolean;
  /** Client and project rates: those of these clients (the client a project rate's project is of). */
  clients: ReadableIds;
}

export interface RatePageFilter extends RateFilter {
  /** Matches an owner's code (staff number, client, project or work code), case-insensitively. */
  search?: string;
  readable?: ReadableRates;
}

/** `owner`: by whose rate it is (staff number, client and project code, work code), then by date. */
export const RATE_SORTS = ["owner", "effectiveDate"] as const;
export type RateSort = (typeof RATE_SORTS)[number];

/** An owner column for ordering: '' for none, so both engines place missing owners alike. */
const ownerKey = (column: string) => sql`coalesce(${sql.ref(column)}, '')`;

/** One page of the rates a filter matches (the caller's readable levels included), in SQL. */
export function selectRatePage(
  db: Db,
  firmId: string,
  filter: RatePageFilter,
  page: PageRequest<RateSort>,
): Promise<RowPage<RateWithOwner>> {
  let query = selectRatesWithOwners(db, firmId);
  if (filter.scope) query = query.where("rate.scope", "=", filter.scope);
  if (filter.staffId) query = query.where("rate.staff_id", "=", filter.staffId);
  if (filter.clientId) query = query.where("rate.client_id", "=", filter.clientId);
  if (filter.projectId) query = query.where("rate.project_id", "=", filter.projectId);
  if (filter.workCodeId) query = query.where("rate.work_code_id", "=", filter.workCodeId);
  const { readable, search } = filter;
  if (readable) {
    const { clients } = readable;
    query = query.where((eb) =>
      eb.or([
        ...(readable.staff ? [eb("rate.scope", "=", "staff")] : []),
        ...(readable.workCode ? [eb("rate.scope", "=", "work_code")] : []),
        eb.and([
          eb("rate.scope", "in", ["client", "project"]),
          ...(clients === "all" ? [] : [readableBy(eb, "client.id", clients)]),
        ]),
      ]),
    );
  }
  if (search) {
    const columns = ["staff.staff_number", "client.code", "project.code", "work_code.code"];
    query = query.where((eb) => containsText(eb, columns, search));
  }
  const order = orderFor(
    page.sort,
    {
      owner: [
        ownerKey("staff.staff_number"),
        ownerKey("client.code"),
        ownerKey("project.code"),
        ownerKey("work_code.code"),
        col("rate.effective_date"),
      ],
      effectiveDate: [col("rate.effective_date")],
    },
    col("rate.id"),
  );
  return pageOf(query, page, order, rowToRateWithOwner);
}

export async function findRateWithOwnerById(
  db: Db,
  firmId: string,
  id: string,
): Promise<RateWithOwner | undefined> {
  const row = await selectRatesWithOwners(db, firmId).where("rate.id", "=", id).executeTakeFirst();
  return row ? rowToRateWithOwner(row) : undefined;
}

/** The firm's whole rate table (listing goes through selectRatesForListing, with owners). */
export async function selectRates(db: Db, firmId: string): Promise<Rate[]> {
  const rows = await db
    .selectFrom("rate")
    .selectAll()
    .where("firm_id", "=", firmId)
    .orderBy("target_key")
    .orderBy("effective_date")
    .execute();
  return rows.map(rateRowToRate);
}
