/** Projects (jobs, engagements) of a client: a code unique within the client, budgets, open/closed. */
import { inTransaction } from "../store/transaction.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { normaliseCode, requireText } from "../domain/fields.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import type { Db } from "../store/database.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { findClient } from "./client-store.js";
import {
  deleteProjectRows,
  findProject,
  insertProject,
  projectUsage,
  selectProjectPage,
  selectProjects,
  type ProjectFilter,
  type ProjectSort,
  updateProject,
  type Project,
  type ProjectFields,
} from "./project-store.js";
import { nowIso, type FirmScope } from "./scope.js";
import { definedOnly } from "./staff-service.js";

export interface ProjectInput {
  client: string;
  code: string;
  name: string;
  status?: "open" | "closed";
  budgetMinutes?: number | null;
  budgetFee?: number | null;
}

function validateProject(clientId: string, input: Omit<ProjectInput, "client">): ProjectFields {
  const status = input.status ?? "open";
  if (status !== "open" && status !== "closed")
    throw invalid(`status ${JSON.stringify(status)} must be open or closed`);
  for (const [value, what] of [
    [input.budgetMinutes, "budget hours"],
    [input.budgetFee, "budget fee"],
  ] as const) {
    if (value !== undefined && value !== null && (!Number.isSafeInteger(value) || value < 0))
      throw invalid(`${what} must be zero or more`);
  }
  return {
    clientId,
    code: normaliseCode(input.code, "project code"),
    name: requireText(input.name, "project name"),
    status,
    budgetMinutes: input.budgetMinutes ?? null,
    budgetFee: input.budgetFee ?? null,
  };
}

async function clientIdOf(db: Db, scope: FirmScope, ref: string): Promise<{ id: string; code: string }> {
  const client = await findClient(db, scope.firm.id, ref);
  if (!client) throw notFound("client", ref);
  return client;
}

export async function addProject(db: Db, scope: FirmScope, input: ProjectInput): Promise<Project> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const client = await clientIdOf(tx, scope, input.client);
    const fields = validateProject(client.id, input);
    const message = `client ${client.code} already has a project ${fields.code}`;
    if (await findProject(tx, firmId, client.id, fields.code)) throw new AppError("DUPLICATE", message);
    const id = await uniqueOrDuplicate(() => insertProject(tx, firmId, fields, nowIso(scope)), message);
    return (await findProject(tx, firmId, null, id))!;
  });
}

/** A project by id, or by `client` + project code. */
export async function getProject(
  db: Db,
  scope: FirmScope,
  ref: string,
  clientRef?: string,
): Promise<Project> {
  const clientId = clientRef ? (await clientIdOf(db, scope, clientRef)).id : null;
  const project = await findProject(db, scope.firm.id, clientId, ref);
  // An id names one project; with a client it must be that client's.
  if (!project || (clientId && project.clientId !== clientId))
    throw notFound("project", clientRef ? `${clientRef}/${ref}` : ref);
  return project;
}

export async function listProjects(
  db: Db,
  scope: FirmScope,
  filter: { client?: string; status?: "open" | "closed" } = {},
): Promise<Project[]> {
  const clientId = filter.client ? (await clientIdOf(db, scope, filter.client)).id : undefined;
  return selectProjects(db, scope.firm.id, { clientId, status: filter.status });
}

/** One page of the projects a filter matches (the readable set included), in SQL. */
export async function listProjectPage(
  db: Db,
  scope: FirmScope,
  filter: ProjectFilter,
  page: PageRequest<ProjectSort>,
): Promise<RowPage<Project>> {
  const clientId = filter.clientId ? (await clientIdOf(db, scope, filter.clientId)).id : undefined;
  return selectProjectPage(db, scope.firm.id, { ...filter, clientId }, page);
}

export type ProjectPatch = Partial<Omit<ProjectInput, "client">>;

export async function editProject(
  db: Db,
  scope: FirmScope,
  ref: string,
  clientRef: string | undefined,
  patch: ProjectPatch,
): Promise<Project> {
  const firmId = scope.firm.id;
  return inTransaction(db, async (tx) => {
    const current = await getProject(tx, scope, ref, clientRef);
    const fields = validateProject(current.clientId, { ...current, ...definedOnly(patch) });
    const other = await findProject(tx, firmId, current.clientId, fields.code);
    if (other && other.id !== current.id)
      throw new AppError("DUPLICATE", `the client already has a project ${fields.code}`);
    await updateProject(tx, firmId, current.id, fields, nowIso(scope));
    return (await findProject(tx, firmId, null, current.id))!;
  });
}

export async function deleteProject(
  db: Db,
  scope: FirmScope,
  ref: string,
  clientRef?: string,
): Promise<Project> {
  return inTransaction(db, async (tx) => {
    const project = await getProject(tx, scope, ref, clientRef);
    if ((await projectUsage(tx, scope.firm.id, project.id)) > 0) {
      throw new AppError("IN_USE", `project ${project.code} has entries; close it instead`);
    }
    await deleteProjectRows(tx, scope.firm.id, project.id);
    return project;
  });
}
