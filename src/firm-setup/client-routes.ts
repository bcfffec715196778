/**
 * /clients: the firm's client entities. Lists show only the clients the caller may read;
 * every id is authorized against the client it names.
 */
import { z } from "zod";
import { authorize, readableEntities } from "../access/authorize.js";
import {
  codeParam,
  firmParams,
  idParams,
  listOf,
  pageQuery,
  searchParam,
  sortParam,
} from "../http/schemas.js";
import { scopeOf } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { addClient, deleteClient, editClient, getClient, listClientPage } from "./client-service.js";
import { CLIENT_SORTS } from "./client-store.js";

const clientSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  status: z.enum(["active", "inactive"]),
  contactCompanyId: z.string().nullable(),
  partnerId: z.string().nullable(),
  managerId: z.string().nullable(),
  address: z.string(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const clientBody = z
  .object({
    code: z.string().min(1).max(20),
    name: z.string().min(1).max(200),
    status: z.enum(["active", "inactive"]).optional(),
    contactCompanyId: z.uuid().nullable().optional(),
    partnerId: z.uuid().nullable().optional(),
    managerId: z.uuid().nullable().optional(),
    address: z.string().max(500).optional(),
    notes: z.string().max(4000).optional(),
  })
  .strict();

export const registerClientRoutes: RouteModule = (app, deps) => {
  app.get(
    "/clients",
    {
      config: { permission: "entities:R" },
      schema: {
        tags: ["clients"],
        summary: "List the clients the caller may read",
        params: firmParams,
        querystring: pageQuery
          .extend({
            status: z.enum(["active", "inactive"]).optional(),
            search: searchParam("code or name"),
            code: codeParam("client code"),
            sort: sortParam(CLIENT_SORTS, "code", {
              code: "the client's code",
              name: "the name, case-insensitive",
              createdAt: "when it was added",
            }),
          })
          .strict(),
        response: { 200: listOf(clientSchema) },
      },
    },
    async (request) => {
      const { status, search, code, sort, limit, offset } = request.query;
      const readable = readableEntities(request.actor, "entities");
      const scope = scopeOf(request.firm!, deps, request.actor);
      const found = await listClientPage(
        deps.store.db,
        scope,
        { status, search, code, readable },
        { sort, limit, offset },
      );
      return { ...found, limit, offset };
    },
  );

  app.get(
    "/clients/:id",
    {
      config: { permission: "entities:R" },
      schema: { tags: ["clients"], params: idParams, response: { 200: clientSchema } },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const client = await getClient(deps.store.db, scope, request.params.id);
      authorize(
        request.actor,
        "R",
        { object: "entities", entityId: client.id },
        { what: "client", key: request.params.id },
      );
      return client;
    },
  );

  app.post(
    "/clients",
    {
      config: { permission: "entities:C" },
      schema: { tags: ["clients"], params: firmParams, body: clientBody, response: { 201: clientSchema } },
    },
    async (request, reply) => {
      authorize(request.actor, "C", { object: "entities" });
      const { contactCompanyId, partnerId, managerId, ...rest } = request.body;
      const client = await addClient(deps.store.db, scopeOf(request.firm!, deps, request.actor), {
        ...rest,
        contactCompany: contactCompanyId,
        partner: partnerId,
        manager: managerId,
      });
      return reply.code(201).send(client);
    },
  );

  app.patch(
    "/clients/:id",
    {
      config: { permission: "entities:E" },
      schema: {
        tags: ["clients"],
        params: idParams,
        body: clientBody.partial().strict(),
        response: { 200: clientSchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const current = await getClient(deps.store.db, scope, request.params.id);
      authorize(
        request.actor,
        "E",
        { object: "entities", entityId: current.id },
        { what: "client", key: request.params.id },
      );
      const { contactCompanyId, partnerId, managerId, ...rest } = request.body;
      return editClient(deps.store.db, scope, current.id, {
        ...rest,
        contactCompany: contactCompanyId,
        partner: partnerId,
        manager: managerId,
      });
    },
  );

  app.delete(
    "/clients/:id",
    {
      config: { permission: "entities:D" },
      schema: { tags: ["clients"], params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const current = await getClient(deps.store.db, scope, request.params.id);
      authorize(
        request.actor,
        "D",
        { object: "entities", entityId: current.id },
        { what: "client", key: request.params.id },
      );
      await deleteClient(deps.store.db, scope, current.id);
      return reply.code(204).send(null);
    },
  );
};
