/**
 * /roles: the built-in roles and the firm's custom roles. Every staff user may list and read
 * them (sharing an entity one owns means choosing a role and seeing what it grants); other
 * callers need roles:R. Creating, changing and deleting custom roles needs roles:C/E/D (the
 * Admin). Built-in roles never change.
 */
import { z } from "zod";
import { scopeOf } from "../http/context.js";
import { firmParams, idParams, listOf, pageQuery, searchParam, sortParam } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { ROLE_SORTS, type Role } from "./access-store.js";
import { actorStaffId, authorize, type Actor } from "./authorize.js";
import { ACCESS_OBJECTS } from "./permissions.js";
import { createRole, deleteRole, editRole, getRole, listRolePage, scopesOf } from "./role-service.js";

export const grantsSchema = z
  .partialRecord(z.enum(ACCESS_OBJECTS), z.string().regex(/^[CREDAS]{0,6}$/))
  .describe(
    "object -> actions granted on it: C create, R read, E edit, D delete, A share any role, S share roles one holds",
  );

const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  builtIn: z.boolean(),
  scopes: z.array(z.enum(["system", "entity", "item"])).describe("where the role may be assigned"),
  grants: grantsSchema,
});

const roleBody = z.object({ name: z.string().min(1).max(60), grants: grantsSchema }).strict();

const roleOut = (role: Role) => ({ ...role, scopes: [...scopesOf(role)] });

/** Staff users may read roles to share with them; anyone else needs roles:R. */
function authorizeRoleRead(actor: Actor, id?: string): void {
  if (actorStaffId(actor) !== null) return;
  authorize(actor, "R", { object: "roles" }, id ? { what: "role", key: id } : undefined);
}

export const registerRoleRoutes: RouteModule = (app, deps) => {
  app.get(
    "/roles",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["roles"],
        summary: "List roles: any staff user may (to share with them); other callers need roles:R",
        params: firmParams,
        querystring: pageQuery
          .extend({
            builtIn: z
              .enum(["true", "false"])
              .optional()
              .describe("only built-in (true) or custom (false) roles"),
            search: searchParam("name"),
            sort: sortParam(ROLE_SORTS, "builtIn", {
              builtIn: "the built-in roles first, then by name",
              name: "the name, case-insensitive",
            }),
          })
          .strict(),
        response: { 200: listOf(roleSchema) },
      },
    },
    async (request) => {
      authorizeRoleRead(request.actor);
      const { builtIn, search, sort, limit, offset } = request.query;
      const found = await listRolePage(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        { builtIn: builtIn === undefined ? undefined : builtIn === "true", search },
        { sort, limit, offset },
      );
      return { items: found.items.map(roleOut), total: found.total, limit, offset };
    },
  );

  app.get(
    "/roles/:id",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["roles"],
        summary: "A role: any staff user may read it; other callers need roles:R",
        params: idParams,
        response: { 200: roleSchema },
      },
    },
    async (request) => {
      const role = await getRole(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.params.id,
      );
      authorizeRoleRead(request.actor, request.params.id);
      return roleOut(role);
    },
  );

  app.post(
    "/roles",
    {
      config: { permission: "roles:C" },
      schema: {
        tags: ["roles"],
        summary: "Create a custom role from object permissions",
        params: firmParams,
        body: roleBody,
        response: { 201: roleSchema },
      },
    },
    async (request, reply) => {
      authorize(request.actor, "C", { object: "roles" });
      const scope = scopeOf(request.firm!, deps, request.actor);
      const role = await createRole(deps.store.db, scope, request.body);
      return reply.code(201).send(roleOut(role));
    },
  );

  app.patch(
    "/roles/:id",
    {
      config: { permission: "roles:E" },
      schema: {
        tags: ["roles"],
        summary: "Rename a custom role or change what it grants (takes effect on the next request)",
        params: idParams,
        body: roleBody.partial().strict(),
        response: { 200: roleSchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const current = await getRole(deps.store.db, scope, request.params.id);
      authorizeRoleRead(request.actor, request.params.id);
      authorize(request.actor, "E", { object: "roles" });
      return roleOut(await editRole(deps.store.db, scope, current.id, request.body));
    },
  );

  app.delete(
    "/roles/:id",
    {
      config: { permission: "roles:D" },
      schema: {
        tags: ["roles"],
        summary: "Delete a custom role that is assigned to nobody",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const current = await getRole(deps.store.db, scope, request.params.id);
      authorizeRoleRead(request.actor, request.params.id);
      authorize(request.actor, "D", { object: "roles" });
      await deleteRole(deps.store.db, scope, current.id);
      return reply.code(204).send(null);
    },
  );
};
