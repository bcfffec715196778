/**
 * /contact-companies: the organisations contacts work for. They are firm-wide contact records
 * (not content of one client), so every right is the contacts right at system scope: Admin and
 * Entities Admin, or a custom role assigned firm-wide.
 */
import { z } from "zod";
import { authorize, type Actor } from "../access/authorize.js";
import type { Action } from "../access/permissions.js";
import { scopeOf } from "../http/context.js";
import { firmParams, idParams, listOf, pageQuery, nameSortParam, searchParam } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import {
  addContactCompany,
  deleteContactCompany,
  editContactCompany,
  getContactCompany,
  listContactCompanyPage,
} from "./contact-service.js";
import type { FirmScope } from "./scope.js";

const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const companyBody = z
  .object({ name: z.string().min(1).max(200), address: z.string().max(500).optional() })
  .strict();

const TAGS = ["contacts"];

/** A company the caller may act on: 404 when it is not here or not theirs to read, 403 when only read. */
async function authorizedCompany(db: Db, scope: FirmScope, actor: Actor, action: Action, id: string) {
  const company = await getContactCompany(db, scope, id);
  authorize(actor, action, { object: "contacts" }, { what: "contact company", key: id });
  return company;
}

export const registerContactCompanyRoutes: RouteModule = (app, deps) => {
  app.get(
    "/contact-companies",
    {
      config: { permission: "contacts:R" },
      schema: {
        tags: TAGS,
        summary: "List contact companies",
        params: firmParams,
        querystring: pageQuery.extend({ search: searchParam("name"), sort: nameSortParam() }).strict(),
        response: { 200: listOf(companySchema) },
      },
    },
    async (request) => {
      authorize(request.actor, "R", { object: "contacts" });
      const { search, sort, limit, offset } = request.query;
      const scope = scopeOf(request.firm!, deps, request.actor);
      const found = await listContactCompanyPage(deps.store.db, scope, { search }, { sort, limit, offset });
      return { ...found, limit, offset };
    },
  );

  app.get(
    "/contact-companies/:id",
    {
      config: { permission: "contacts:R" },
      schema: { tags: TAGS, params: idParams, response: { 200: companySchema } },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      return authorizedCompany(deps.store.db, scope, request.actor, "R", request.params.id);
    },
  );

  app.post(
    "/contact-companies",
    {
      config: { permission: "contacts:C" },
      schema: { tags: TAGS, params: firmParams, body: companyBody, response: { 201: companySchema } },
    },
    async (request, reply) => {
      authorize(request.actor, "C", { object: "contacts" });
      const scope = scopeOf(request.firm!, deps, request.actor);
      return reply.code(201).send(await addContactCompany(deps.store.db, scope, request.body));
    },
  );

  app.patch(
    "/contact-companies/:id",
    {
      config: { permission: "contacts:E" },
      schema: {
        tags: TAGS,
        params: idParams,
        body: companyBody.partial().strict(),
        response: { 200: companySchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      return inTransaction(deps.store.db, async (tx) => {
        const current = await authorizedCompany(tx, scope, request.actor, "E", request.params.id);
        return editContactCompany(tx, scope, current.id, request.body);
      });
    },
  );

  app.delete(
    "/contact-companies/:id",
    {
      config: { permission: "contacts:D" },
      schema: { tags: TAGS, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      await inTransaction(deps.store.db, async (tx) => {
        const current = await authorizedCompany(tx, scope, request.actor, "D", request.params.id);
        await deleteContactCompany(tx, scope, current.id);
      });
      return reply.code(204).send(null);
    },
  );
};
