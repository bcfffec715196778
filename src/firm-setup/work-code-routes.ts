/**
 * /work-codes: what time and expenses are recorded against. Every staff user may read them
 * (they record time with them); changes need work_codes:C/E/D. A work code's default rate is
 * set at creation here and changed later through /rates (work_codes:E).
 */
import { z } from "zod";
import { authorize } from "../access/authorize.js";
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
import {
  addWorkCode,
  deleteWorkCode,
  editWorkCode,
  getWorkCode,
  listWorkCodePage,
} from "./work-code-service.js";
import { WORK_CODE_SORTS } from "./work-code-store.js";

const workCodeSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(["time", "expense"]),
  billable: z.boolean(),
  name: z.string(),
  surchargeBp: z.number().int().describe("expense surcharge in basis points: 1500 = 15 %"),
  internalNote: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const workCodeFields = {
  code: z.string().min(1).max(10),
  kind: z.enum(["time", "expense"]),
  billable: z.boolean().optional(),
  name: z.string().min(1).max(100),
  surchargeBp: z.number().int().min(-10_000).max(1_000_000).optional().describe("expense work codes only"),
  internalNote: z.string().max(2000).optional(),
  active: z.boolean().optional(),
};

const workCodeBody = z
  .object({
    ...workCodeFields,
    rate: z
      .number()
      .int()
      .optional()
      .describe(
        "default rate in ten-thousandths of the currency unit, per hour (time) or per unit (expense): 1500000 = 150.00; applies to every date until a later rate is set at /rates",
      ),
  })
  .strict();

const workCodePatch = z.object(workCodeFields).partial().strict();

const workCodeQuery = pageQuery
  .extend({
    kind: z.enum(["time", "expense"]).optional(),
    active: z.enum(["true", "false"]).optional(),
    search: searchParam("code or name"),
    code: codeParam("work code"),
    sort: sortParam(WORK_CODE_SORTS, "code", {
      code: "the work code",
      name: "the name, case-insensitive",
      createdAt: "when it was added",
    }),
  })
  .strict();

const hidden = (id: string) => ({ what: "work code", key: id });

export const registerWorkCodeRoutes: RouteModule = (app, deps) => {
  app.get(
    "/work-codes",
    {
      config: { permission: "work_codes:R" },
      schema: {
        tags: ["work codes"],
        summary: "List work codes, by code; every staff user may read them",
        params: firmParams,
        querystring: workCodeQuery,
        response: { 200: listOf(workCodeSchema) },
      },
    },
    async (request) => {
      authorize(request.actor, "R", { object: "work_codes" });
      const { kind, active, search, code, sort, limit, offset } = request.query;
      const found = await listWorkCodePage(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        { kind, active: active === undefined ? undefined : active === "true", search, code },
        { sort, limit, offset },
      );
      return { ...found, limit, offset };
    },
  );

  app.get(
    "/work-codes/:id",
    {
      config: { permission: "work_codes:R" },
      schema: { tags: ["work codes"], params: idParams, response: { 200: workCodeSchema } },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const workCode = await getWorkCode(deps.store.db, scope, request.params.id);
      authorize(request.actor, "R", { object: "work_codes" }, hidden(request.params.id));
      return workCode;
    },
  );

  app.post(
    "/work-codes",
    {
      config: { permission: "work_codes:C" },
      schema: {
        tags: ["work codes"],
        summary: "Create a work code, optionally with its default rate",
        params: firmParams,
        body: workCodeBody,
        response: { 201: workCodeSchema },
      },
    },
    async (request, reply) => {
      authorize(request.actor, "C", { object: "work_codes" });
      const scope = scopeOf(request.firm!, deps, request.actor);
      return reply.code(201).send(await addWorkCode(deps.store.db, scope, request.body));
    },
  );

  app.patch(
    "/work-codes/:id",
    {
      config: { permission: "work_codes:E" },
      schema: {
        tags: ["work codes"],
        summary: "Change a work code (its rates change at /rates)",
        params: idParams,
        body: workCodePatch,
        response: { 200: workCodeSchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const current = await getWorkCode(deps.store.db, scope, request.params.id);
      authorize(request.actor, "E", { object: "work_codes" }, hidden(request.params.id));
      return editWorkCode(deps.store.db, scope, current.id, request.body);
    },
  );

  app.delete(
    "/work-codes/:id",
    {
      config: { permission: "work_codes:D" },
      schema: {
        tags: ["work codes"],
        summary: "Delete a work code no entry uses (make others inactive), with its rates",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const current = await getWorkCode(deps.store.db, scope, request.params.id);
      authorize(request.actor, "D", { object: "work_codes" }, hidden(request.params.id));
      await deleteWorkCode(deps.store.db, scope, current.id);
      return reply.code(204).send(null);
    },
  );
};
