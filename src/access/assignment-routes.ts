/**
 * /assignments: who holds which role where (sharing). The rules depend on the assignment's
 * scope and entity, so every route declares "authenticated" and sharing-service checks:
 * system scope needs roles:A; entity and item scope need A on the entity (or item), or S when
 * the caller holds the role being given there; nobody changes their own roles.
 */
import { z } from "zod";
import { scopeOf } from "../http/context.js";
import { firmParams, idParams, listOf, pageQuery, sortParam } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { ASSIGNMENT_SORTS } from "./access-store.js";
import { listInheritedRoles } from "./inherited-role-service.js";
import { assignRole, listAssignmentPage, unassignRole } from "./sharing-service.js";

const principalKind = z.enum(["user", "staff_group", "contact_group"]);
const assignmentScope = z.enum(["system", "entity", "item"]);

const assignmentSchema = z.object({
  id: z.string(),
  roleId: z.string(),
  roleName: z.string(),
  principalKind,
  principalId: z.string(),
  scope: assignmentScope,
  entityId: z.string().nullable(),
  itemId: z.string().nullable(),
  createdAt: z.string(),
});

const assignmentBody = z
  .object({
    roleId: z.uuid(),
    principalKind,
    principalId: z.uuid().describe("a user, staff group or contact group of this firm"),
    scope: assignmentScope,
    entityId: z.uuid().nullable().optional().describe("the client, for entity and item scope"),
    itemId: z.uuid().nullable().optional().describe("the item (a project of the client), for item scope"),
  })
  .strict();

const assignmentQuery = pageQuery
  .extend({
    entityId: z
      .uuid()
      .optional()
      .describe("assignments on this client and its items (for whoever may share it)"),
    principalId: z.uuid().optional(),
    scope: assignmentScope.optional(),
    sort: sortParam(ASSIGNMENT_SORTS, "createdAt", {
      createdAt: "when it was made",
      role: "the role's name, case-insensitive",
    }),
  })
  .strict();

const inheritedSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string().describe("the staff member's or contact's name"),
  status: z.enum(["invited", "active"]),
  roleId: z.string().nullable().describe("null for the implied Editor of the partner and manager"),
  roleName: z.string(),
  source: z
    .enum(["group", "firm-wide", "partner", "manager"])
    .describe(
      "group: given on the client to a group the user is in; firm-wide: a system-scope role reaching client content; partner, manager: the client's, an implied Editor",
    ),
  scope: assignmentScope,
  itemId: z.string().nullable(),
  groupKind: z.enum(["staff_group", "contact_group"]).nullable(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  assignmentId: z.string().nullable().describe("the assignment that gives it, to change there"),
});

const inheritedQuery = pageQuery.extend({ entityId: z.uuid().describe("the client") }).strict();

export const registerAssignmentRoutes: RouteModule = (app, deps) => {
  app.get(
    "/assignments",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["sharing"],
        summary: "Role assignments: on one entity for whoever may share it, firm-wide with roles:R",
        params: firmParams,
        querystring: assignmentQuery,
        response: { 200: listOf(assignmentSchema) },
      },
    },
    async (request) => {
      const { entityId, principalId, sort, limit, offset } = request.query;
      const scope = scopeOf(request.firm!, deps, request.actor);
      const filter = { entityId, principalId, scope: request.query.scope };
      const found = await listAssignmentPage(deps.store.db, scope, request.actor, filter, {
        sort,
        limit,
        offset,
      });
      return { ...found, limit, offset };
    },
  );

  app.get(
    "/assignments/inherited",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["sharing"],
        summary: "Roles users hold on a client without a direct grant there, and where each comes from",
        description:
          "Through a group given a role on the client, a firm-wide role, or being the client's partner " +
          "or manager. For whoever may see how the client is shared (roles:R, or A or S on it).",
        params: firmParams,
        querystring: inheritedQuery,
        response: { 200: listOf(inheritedSchema) },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const { entityId, limit, offset } = request.query;
      // Bounded by the firm's users (each reached by a few roles), gathered from several sources.
      const rows = await listInheritedRoles(deps.store.db, scope, request.actor, entityId);
      return { items: rows.slice(offset, offset + limit), total: rows.length, limit, offset };
    },
  );

  app.post(
    "/assignments",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["sharing"],
        summary:
          "Assign a role (system scope: roles:A; entity or item: entities:A, or S for a role one holds there)",
        params: firmParams,
        body: assignmentBody,
        response: { 201: assignmentSchema },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      return reply.code(201).send(await assignRole(deps.store.db, scope, request.actor, request.body));
    },
  );

  app.delete(
    "/assignments/:id",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["sharing"],
        summary: "Remove a role assignment, under the same rules as giving it",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      await unassignRole(deps.store.db, scope, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
