/**
 * /rates: effective-dated rates. Who may read or change one depends on whose it is, so every
 * route declares "authenticated" and checks the rate's owner:
 *  - a staff member's rates: staff_rates:R to read, C to add, E to replace, D to delete; nobody
 *    but an Admin (roles:A) sets or deletes their own rate;
 *  - a client's or project's overrides are that client's content: entity_details:R to read
 *    (never its portal contacts), entities:E on the client to set or delete;
 *  - a work code's default rate: work_codes:R to read (every staff user), work_codes:E to change.
 * Money is exact: `rate` is an integer in ten-thousandths of the firm's currency unit.
 */
import { z } from "zod";
import { actorStaffId, authorize, can, readableEntities, type Actor } from "../access/authorize.js";
import type { AccessTarget, Action } from "../access/permissions.js";
import { AppError, invalid } from "../domain/errors.js";
import { RATE_SCOPES, type RateScope } from "../domain/rates.js";
import { scopeOf } from "../http/context.js";
import type { Db } from "../store/database.js";
import { firmParams, idParams, listOf, pageQuery, searchParam, sortParam } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { getClient } from "./client-service.js";
import type { Firm } from "./firm-store.js";
import { getProject } from "./project-service.js";
import {
  deleteRate,
  getRate,
  listRatePage,
  rateEntityIds,
  rateToReplace,
  setRate,
  type RateTargetRefs,
} from "./rate-service.js";
import { RATE_SORTS, type ReadableRates } from "./rate-store.js";
import type { FirmScope } from "./scope.js";
import { getStaff } from "./staff-service.js";
import { getWorkCode } from "./work-code-service.js";

const RATE_DOC =
  "ten-thousandths of the currency unit per hour (time) or per unit (expense): 1500000 = 150.00; an integer, so amounts stay exact";

const rateSchema = z.object({
  id: z.string(),
  scope: z.enum(RATE_SCOPES),
  staffId: z.string().nullable(),
  clientId: z.string().nullable(),
  projectId: z.string().nullable(),
  workCodeId: z.string().nullable().describe("null for a standard (all work codes) rate"),
  staffNumber: z.string().nullable().describe("the staff member's number, for a staff rate"),
  clientCode: z.string().nullable().describe("the client's code, for a client or project rate"),
  projectCode: z.string().nullable().describe("the project's code (of clientCode), for a project rate"),
  workCode: z.string().nullable().describe("the work code's code, when the rate is for one work code"),
  effectiveDate: z.iso.date(),
  rate: z.number().int().describe(RATE_DOC),
  timing: z.enum(["historical", "current", "future"]),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const ownerIds = {
  staffId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  workCodeId: z.uuid().optional(),
};

const rateQuery = pageQuery
  .extend({
    scope: z.enum(RATE_SCOPES).optional(),
    ...ownerIds,
    clientId: ownerIds.clientId.describe(
      "the client's own rates (its projects' rates are found by projectId)",
    ),
    workCodeId: ownerIds.workCodeId.describe("rates for this work code, at every level"),
    search: searchParam("the code of the rate's owner: staff number, client, project or work code"),
    sort: sortParam(RATE_SORTS, "owner", {
      owner: "whose rate it is (staff number, client code, project code, work code), then the effective date",
      effectiveDate: "the date it takes effect",
    }),
  })
  .strict();

const rateBody = z
  .object({
    ...ownerIds,
    effectiveDate: z.iso.date().optional().describe("defaults to today; not before the lock date"),
    rate: z.number().int().describe(RATE_DOC),
  })
  .strict()
  .describe(
    "name one owner (staffId, clientId or projectId), optionally for one workCodeId; or a workCodeId alone for its default rate. A rate on the same target and date is replaced.",
  );

type OwnerIds = { staffId?: string; clientId?: string; projectId?: string; workCodeId?: string };

/** What reading a rate is checked against. */
function readTarget(scope: RateScope, entityId: string | null): AccessTarget {
  switch (scope) {
    case "staff":
      return { object: "staff_rates" };
    case "client":
    case "project":
      return { object: "entity_details", entityId };
    case "work_code":
      return { object: "work_codes" };
  }
}

/** What changing a rate is checked against; `staffAction` is C, E or D for a staff member's rates. */
function changeRule(
  scope: RateScope,
  entityId: string | null,
  staffAction: Action,
): { action: Action; target: AccessTarget } {
  switch (scope) {
    case "staff":
      return { action: staffAction, target: { object: "staff_rates" } };
    case "client":
    case "project":
      return { action: "E", target: { object: "entities", entityId } };
    case "work_code":
      return { action: "E", target: { object: "work_codes" } };
  }
}

/** An Admin may set their own rate (a sole practitioner must); nobody else may. */
function assertNotOwnRate(actor: Actor, staffId: string | null): void {
  if (staffId === null || staffId !== actorStaffId(actor)) return;
  if (!can(actor, "A", { object: "roles" }))
    throw new AppError("FORBIDDEN", "you may not set or delete your own rate", { permission: "roles:A" });
}

/**
 * Checks that every id names a record of this firm the caller may see (404 otherwise) and
 * returns the client each names (a project's client), for the rules above.
 */
async function checkOwnerIds(db: Db, scope: FirmScope, actor: Actor, ids: OwnerIds): Promise<string | null> {
  if (ids.workCodeId) {
    await getWorkCode(db, scope, ids.workCodeId);
    authorize(actor, "R", { object: "work_codes" }, { what: "work code", key: ids.workCodeId });
  }
  if (ids.staffId) {
    const staff = await getStaff(db, scope, ids.staffId);
    authorize(actor, "R", { object: "staff", selfStaffId: staff.id }, { what: "staff", key: ids.staffId });
  }
  let entityId: string | null = null;
  if (ids.clientId) {
    entityId = (await getClient(db, scope, ids.clientId)).id;
    authorize(actor, "R", { object: "entities", entityId }, { what: "client", key: ids.clientId });
  }
  if (ids.projectId) {
    const project = await getProject(db, scope, ids.projectId);
    const target: AccessTarget = { object: "projects", entityId: project.clientId, itemId: project.id };
    authorize(actor, "R", target, { what: "project", key: ids.projectId });
    entityId = project.clientId;
  }
  return entityId;
}

function ownerScope(ids: OwnerIds): RateScope {
  const owners = [ids.staffId, ids.clientId, ids.projectId].filter(Boolean).length;
  if (owners > 1) throw invalid("a rate belongs to one of staffId, clientId or projectId, not several");
  if (ids.projectId) return "project";
  if (ids.clientId) return "client";
  if (ids.staffId) return "staff";
  if (ids.workCodeId) return "work_code";
  throw invalid("name whose rate this is: staffId, clientId, projectId or (for its default) workCodeId");
}

function refsOf(ids: OwnerIds, entityId: string | null): RateTargetRefs {
  return {
    staff: ids.staffId,
    client: ids.projectId ? (entityId ?? undefined) : ids.clientId,
    project: ids.projectId,
    workCode: ids.workCodeId,
  };
}

export const registerRateRoutes: RouteModule = (app, deps) => {
  const { db } = deps.store;
  const scopeFor = (firm: Firm, actor: Actor) => scopeOf(firm, deps, actor);

  /** The rates `actor` may read, level by level, as readTarget checks one rate. */
  const readableRates = (actor: Actor): ReadableRates => ({
    staff: can(actor, "R", readTarget("staff", null)),
    workCode: can(actor, "R", readTarget("work_code", null)),
    clients: readableEntities(actor, readTarget("client", null).object),
  });

  /** A rate by id, 404 unless the caller may read it; with the client it belongs to. */
  async function visibleRate(scope: FirmScope, actor: Actor, id: string) {
    const rate = await getRate(db, scope, id);
    const entityId = (await rateEntityIds(db, scope, [rate])).get(rate.id) ?? null;
    authorize(actor, "R", readTarget(rate.scope, entityId), { what: "rate", key: id });
    return { rate, entityId };
  }

  app.get(
    "/rates",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["rates"],
        summary: "List the rates the caller may read, filtered by owner and work code",
        params: firmParams,
        querystring: rateQuery,
        response: { 200: listOf(rateSchema) },
      },
    },
    async (request) => {
      const { actor, query } = request;
      const scope = scopeFor(request.firm!, actor);
      await checkOwnerIds(db, scope, actor, query);
      const { sort, limit, offset, search, ...owners } = query;
      const filter = { ...owners, search, readable: readableRates(actor) };
      const found = await listRatePage(db, scope, filter, { sort, limit, offset });
      return { ...found, limit, offset };
    },
  );

  app.get(
    "/rates/:id",
    {
      config: { permission: "authenticated" },
      schema: { tags: ["rates"], params: idParams, response: { 200: rateSchema } },
    },
    async (request) => {
      const scope = scopeFor(request.firm!, request.actor);
      return (await visibleRate(scope, request.actor, request.params.id)).rate;
    },
  );

  app.post(
    "/rates",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["rates"],
        summary: "Set a rate: 201 when new, 200 when it replaces the rate of the same target and date",
        params: firmParams,
        body: rateBody,
        response: { 200: rateSchema, 201: rateSchema },
      },
    },
    async (request, reply) => {
      const { actor, body } = request;
      const scope = scopeFor(request.firm!, actor);
      const rateScope = ownerScope(body);
      const entityId = await checkOwnerIds(db, scope, actor, body);
      const input = { ...refsOf(body, entityId), effectiveDate: body.effectiveDate, rate: body.rate };
      const replaced = await rateToReplace(db, scope, input);
      const rule = changeRule(rateScope, entityId, replaced ? "E" : "C");
      authorize(actor, rule.action, rule.target);
      assertNotOwnRate(actor, body.staffId ?? null);
      const rate = await setRate(db, scope, input);
      return reply.code(replaced ? 200 : 201).send(await getRate(db, scope, rate.id));
    },
  );

  app.delete(
    "/rates/:id",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["rates"],
        summary: "Delete a rate dated on or after the lock date",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const scope = scopeFor(request.firm!, actor);
      const { rate, entityId } = await visibleRate(scope, actor, request.params.id);
      const rule = changeRule(rate.scope, entityId, "D");
      authorize(actor, rule.action, rule.target);
      assertNotOwnRate(actor, rate.staffId);
      await deleteRate(db, scope, rate.id);
      return reply.code(204).send(null);
    },
  );
};
