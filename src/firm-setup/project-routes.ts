/**
 * /projects: the jobs of a client. Projects are entity content, so every right is the
 * caller's projects right at the project's client (a role there, a partner / manager post, or a
 * system-scope role) or on the project itself (an item-scope role); lists show only the
 * projects the caller may read.
 */
import { z } from "zod";
import { authorize, readableContent, type Actor } from "../access/authorize.js";
import type { AccessTarget, Action } from "../access/permissions.js";
import { scopeOf } from "../http/context.js";
import {
  codeParam,
  firmParams,
  idParams,
  listOf,
  pageQuery,
  searchParam,
  sortParam,
} from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { getClient } from "./client-service.js";
import { addProject, deleteProject, editProject, getProject, listProjectPage } from "./project-service.js";
import { PROJECT_SORTS, type Project } from "./project-store.js";
import type { FirmScope } from "./scope.js";

const projectSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  code: z.string(),
  name: z.string(),
  status: z.enum(["open", "closed"]),
  budgetMinutes: z.number().int().nullable(),
  budgetFee: z.number().int().nullable().describe("minor units"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const projectFields = z
  .object({
    code: z.string().min(1).max(20),
    name: z.string().min(1).max(200),
    status: z.enum(["open", "closed"]).optional(),
    budgetMinutes: z.number().int().min(0).nullable().optional(),
    budgetFee: z.number().int().min(0).nullable().optional().describe("minor units"),
  })
  .strict();

const TAGS = ["projects"];

/** A project as authorization sees it: content of its client, and an item roles may be assigned on. */
const projectTarget = (project: Project): AccessTarget => ({
  object: "projects",
  entityId: project.clientId,
  itemId: project.id,
});

/** A project the caller may act on: 404 when they may not even read it, 403 when only read. */
async function authorizedProject(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  action: Action,
  id: string,
): Promise<Project> {
  const project = await getProject(db, scope, id);
  authorize(actor, action, projectTarget(project), { what: "project", key: id });
  return project;
}

/** A client named in a query or body: it must exist here and its projects be readable (else 404). */
async function authorizedClient(db: Db, scope: FirmScope, actor: Actor, action: Action, id: string) {
  const client = await getClient(db, scope, id);
  authorize(actor, action, { object: "projects", entityId: client.id }, { what: "client", key: id });
  return client;
}

export const registerProjectRoutes: RouteModule = (app, deps) => {
  app.get(
    "/projects",
    {
      config: { permission: "projects:R" },
      schema: {
        tags: TAGS,
        summary: "List the projects the caller may read",
        params: firmParams,
        querystring: pageQuery
          .extend({
            clientId: z.uuid().optional(),
            status: z.enum(["open", "closed"]).optional(),
            search: searchParam("code or name"),
            code: codeParam("project code (with clientId: that client's project)"),
            sort: sortParam(PROJECT_SORTS, "client", {
              client: "the client's code, then the project's code",
              code: "the project's code",
              name: "the name, case-insensitive",
              createdAt: "when it was added",
            }),
          })
          .strict(),
        response: { 200: listOf(projectSchema) },
      },
    },
    async (request) => {
      const { actor } = request;
      const { db } = deps.store;
      const scope = scopeOf(request.firm!, deps, actor);
      const { clientId, status, search, code, sort, limit, offset } = request.query;
      // Readable through a role on the client, firm-wide, or on the project itself (item scope).
      const readable = readableContent(actor, "projects");
      if (clientId && readable !== "all" && !readable.entityIds.has(clientId)) {
        // A client filter takes reaching some of its projects; else the client is not theirs to see.
        const reached = await listProjectPage(
          db,
          scope,
          { clientId, readable },
          { sort, limit: 1, offset: 0 },
        );
        if (reached.total === 0) await authorizedClient(db, scope, actor, "R", clientId);
      }
      const found = await listProjectPage(
        db,
        scope,
        { clientId, status, search, code, readable },
        { sort, limit, offset },
      );
      return { ...found, limit, offset };
    },
  );

  app.get(
    "/projects/:id",
    {
      config: { permission: "projects:R" },
      schema: { tags: TAGS, params: idParams, response: { 200: projectSchema } },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      return authorizedProject(deps.store.db, scope, request.actor, "R", request.params.id);
    },
  );

  app.post(
    "/projects",
    {
      config: { permission: "projects:C" },
      schema: {
        tags: TAGS,
        summary: "Add a project to a client",
        params: firmParams,
        body: projectFields.extend({ clientId: z.uuid() }).strict(),
        response: { 201: projectSchema },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const { clientId, ...fields } = request.body;
      const project = await inTransaction(deps.store.db, async (tx) => {
        await authorizedClient(tx, scope, actor, "C", clientId);
        return addProject(tx, scope, { ...fields, client: clientId });
      });
      return reply.code(201).send(project);
    },
  );

  app.patch(
    "/projects/:id",
    {
      config: { permission: "projects:E" },
      schema: {
        tags: TAGS,
        summary: "Change a project (it stays with its client)",
        params: idParams,
        body: projectFields.partial().strict(),
        response: { 200: projectSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      return inTransaction(deps.store.db, async (tx) => {
        const current = await authorizedProject(tx, scope, actor, "E", request.params.id);
        return editProject(tx, scope, current.id, undefined, request.body);
      });
    },
  );

  app.delete(
    "/projects/:id",
    {
      config: { permission: "projects:D" },
      schema: { tags: TAGS, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { actor } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      await inTransaction(deps.store.db, async (tx) => {
        const current = await authorizedProject(tx, scope, actor, "D", request.params.id);
        await deleteProject(tx, scope, current.id);
      });
      return reply.code(204).send(null);
    },
  );
};
