import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { ProjectTable } from "../store/tables.js";
import {
  col,
  containsText,
  lowerOf,
  orderFor,
  pageOf,
  readableBy,
  sameCode,
  type PageRequest,
  type RowPage,
} from "../store/list-query.js";
import { looksLikeId } from "../store/unique.js";

export interface Project {
  id: string;
  clientId: string;
  code: string;
  name: string;
  status: "open" | "closed";
  budgetMinutes: number | null;
  budgetFee: number | null;
  createdAt: string;
  updatedAt: string;
}

export type ProjectFields = Omit<Project, "id" | "createdAt" | "updatedAt">;

const projectRowToProject = (row: Selectable<ProjectTable>): Project => ({
  id: row.id,
  clientId: row.client_id,
  code: row.code,
  name: row.name,
  status: row.status,
  budgetMinutes: row.budget_minutes,
  budgetFee: row.budget_fee,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toRow = (fields: ProjectFields) => ({
  client_id: fields.clientId,
  code: fields.code,
  name: fields.name,
  status: fields.status,
  budget_minutes: fields.budgetMinutes,
  budget_fee: fields.budgetFee,
});

export async function insertProject(
  db: Db,
  firmId: string,
  fields: ProjectFields,
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("project")
    .values({ id, firm_id: firmId, ...toRow(fields), created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateProject(
  db: Db,
  firmId: string,
  id: string,
  fields: ProjectFields,
  now: string,
): Promise<void> {
  await db
    .updateTable("project")
    .set({ ...toRow(fields), updated_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .execute();
}

export async function deleteProjectRows(db: Db, firmId: string, id: string): Promise<void> {
  await db.deleteFrom("rate").where("firm_id", "=", firmId).where("project_id", "=", id).execute();
  await db.deleteFrom("project").where("firm_id", "=", firmId).where("id", "=", id).execute();
}

/** A project by id, or by code within its client. */
export async function findProject(
  db: Db,
  firmId: string,
  clientId: string | null,
  ref: string,
): Promise<Project | undefined> {
  const key = ref.trim();
  let query = db.selectFrom("project").selectAll().where("firm_id", "=", firmId);
  if (looksLikeId(key)) query = query.where("id", "=", key);
  else if (clientId) query = query.where("client_id", "=", clientId).where("code", "=", key.toUpperCase());
  else return undefined;
  const row = await query.executeTakeFirst();
  return row ? projectRowToProject(row) : undefined;
}

export async function selectProjects(
  db: Db,
  firmId: string,
  filter: { clientId?: string; status?: "open" | "closed" } = {},
): Promise<Project[]> {
  let query = db.selectFrom("project").selectAll().where("firm_id", "=", firmId);
  if (filter.clientId) query = query.where("client_id", "=", filter.clientId);
  if (filter.status) query = query.where("status", "=", filter.status);
  return (await query.orderBy("client_id").orderBy("code").execute()).map(projectRowToProject);
}

/** Which projects a caller may read: every one, or those of these clients and these projects. */
export type ReadableProjects = "all" | { entityIds: ReadonlySet<string>; itemIds: ReadonlySet<string> };

export interface ProjectFilter {
  clientId?: string;
  status?: "open" | "closed";
  /** Matches code or name, case-insensitively. */
  search?: string;
  /** Exactly this project code (with clientId: that client's project), case-insensitively. */
  code?: string;
  readable?: ReadableProjects;
}

export const PROJECT_SORTS = ["client", "code", "name", "createdAt"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/**
 * One page of the projects a filter matches, in SQL. `client` orders by the client's code,
 * then the project's code; every order ends on the project's id.
 */
export function selectProjectPage(
  db: Db,
  firmId: string,
  filter: ProjectFilter,
  page: PageRequest<ProjectSort>,
): Promise<RowPage<Project>> {
  let query = db
    .selectFrom("project")
    .innerJoin("client", (join) =>
      join.onRef("client.id", "=", "project.client_id").onRef("client.firm_id", "=", "project.firm_id"),
    )
    .where("project.firm_id", "=", firmId);
  const { readable, search } = filter;
  if (readable && readable !== "all") {
    query = query.where((eb) =>
      eb.or([
        readableBy(eb, "project.client_id", readable.entityIds),
        readableBy(eb, "project.id", readable.itemIds),
      ]),
    );
  }
  if (filter.clientId) query = query.where("project.client_id", "=", filter.clientId);
  if (filter.status) query = query.where("project.status", "=", filter.status);
  if (filter.code) query = query.where("project.code", "=", sameCode(filter.code));
  if (search) query = query.where((eb) => containsText(eb, ["project.code", "project.name"], search));
  const order = orderFor(
    page.sort,
    {
      client: [col("client.code"), col("project.code")],
      code: [col("project.code")],
      name: [lowerOf("project.name")],
      createdAt: [col("project.created_at")],
    },
    col("project.id"),
  );
  return pageOf(query.selectAll("project"), page, order, projectRowToProject);
}

export async function projectUsage(db: Db, firmId: string, id: string): Promise<number> {
  let total = 0;
  for (const table of ["time_entry", "expense_entry"] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("firm_id", "=", firmId)
      .where("project_id", "=", id)
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}
