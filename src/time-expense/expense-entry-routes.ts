/**
 * /expense-entries: the same rights and shapes as /time-entries (time-entry-routes.ts), with
 * quantity, unit rate and surcharge in place of minutes and rate.
 */
import { z } from "zod";
import { scopeOf } from "../server/context.js";
import { firmParams, idParams, listOf } from "../server/http-schemas.js";
import type { RouteModule } from "../server/route-modules.js";
import { inTransaction } from "../store/transaction.js";
import { authorizeEntry, entryVisibility, seesNothing, staffIdFor } from "./entry-access.js";
import {
  authorizeNewPlacement,
  authorizeWorkCode,
  entryFields,
  entryListFilter,
  entryListQuery,
  registerEntryStatusRoute,
} from "./entry-http.js";
import {
  addExpenseEntry,
  deleteExpenseEntry,
  editExpenseEntry,
  getExpenseEntry,
  pageExpenseEntries,
  MAX_SURCHARGE_BP,
  type ExpenseEntryPatch,
} from "./expense-entry-service.js";

const expenseEntrySchema = z.object({
  ...entryFields,
  quantity: z.number().int().describe("thousandths of a unit"),
  unitRate: z.number().int().describe("ten-thousandths per unit"),
  rateSource: z.string(),
  surchargeBp: z.number().int().describe("basis points"),
  receiptFile: z.string().nullable(),
});

const expenseEntryBody = z
  .object({
    staffId: z.uuid().optional().describe("default: the caller's own staff record"),
    clientId: z.uuid(),
    projectId: z.uuid().nullable().optional(),
    workCodeId: z.uuid(),
    date: z.iso.date(),
    quantity: z.number().int().optional().describe("thousandths of a unit; default 1 unit"),
    unitRate: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe("ten-thousandths per unit, as on a receipt; default: resolved from the rates"),
    surchargeBp: z
      .number()
      .int()
      .min(-10_000)
      .max(MAX_SURCHARGE_BP)
      .optional()
      .describe("basis points; default: the work code's"),
    billable: z.boolean().optional().describe("default: the work code's"),
    description: z.string().max(4000).optional(),
  })
  .strict();

type ExpenseEntryBody = Partial<z.infer<typeof expenseEntryBody>>;

const toPatch = (body: ExpenseEntryBody): ExpenseEntryPatch => ({
  staff: body.staffId,
  client: body.clientId,
  project: body.projectId,
  workCode: body.workCodeId,
  date: body.date,
  quantity: body.quantity,
  unitRate: body.unitRate,
  surchargeBp: body.surchargeBp,
  billable: body.billable,
  description: body.description,
});

const TAGS = ["expense entries"];

export const registerExpenseEntryRoutes: RouteModule = (app, deps) => {
  app.get(
    "/expense-entries",
    {
      config: { permission: "expense_entries:R" },
      schema: {
        tags: TAGS,
        summary: "List the expense entries the caller may read: own, assigned clients', or all",
        params: firmParams,
        querystring: entryListQuery,
        response: { 200: listOf(expenseEntrySchema) },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const visibility = entryVisibility(request.actor, "expense");
      if (seesNothing(visibility)) return { items: [], total: 0, limit, offset };
      const scope = scopeOf(request.firm!, deps, request.actor);
      const filter = await entryListFilter(deps.store.db, scope, request.query, visibility);
      return { ...(await pageExpenseEntries(deps.store.db, scope, filter)), limit, offset };
    },
  );

  app.get(
    "/expense-entries/:id",
    {
      config: { permission: "expense_entries:R" },
      schema: { tags: TAGS, params: idParams, response: { 200: expenseEntrySchema } },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const entry = await getExpenseEntry(deps.store.db, scope, request.params.id);
      authorizeEntry(request.actor, "R", "expense", entry);
      return entry;
    },
  );

  app.post(
    "/expense-entries",
    {
      config: { permission: "expense_entries:C" },
      schema: {
        tags: TAGS,
        summary: "Record an expense: one's own, or another staff member's with a create right on the client",
        params: firmParams,
        body: expenseEntryBody,
        response: { 201: expenseEntrySchema },
      },
    },
    async (request, reply) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const staffId = staffIdFor(actor, body.staffId);
      const entry = await inTransaction(deps.store.db, async (tx) => {
        await authorizeNewPlacement(tx, scope, actor, "expense", { staffId, clientId: body.clientId });
        authorizeWorkCode(actor, body.workCodeId);
        const { clientId: client, workCodeId: workCode, date } = body;
        return addExpenseEntry(tx, scope, { ...toPatch(body), staff: staffId, client, workCode, date });
      });
      return reply.code(201).send(entry);
    },
  );

  app.patch(
    "/expense-entries/:id",
    {
      config: { permission: "expense_entries:E" },
      schema: {
        tags: TAGS,
        params: idParams,
        body: expenseEntryBody.partial().strict(),
        response: { 200: expenseEntrySchema },
      },
    },
    async (request) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      return inTransaction(deps.store.db, async (tx) => {
        const current = await getExpenseEntry(tx, scope, request.params.id);
        authorizeEntry(actor, "E", "expense", current);
        if (body.staffId !== undefined || body.clientId !== undefined) {
          const placement = {
            staffId: body.staffId ?? current.staffId,
            clientId: body.clientId ?? current.clientId,
          };
          await authorizeNewPlacement(tx, scope, actor, "expense", placement);
        }
        authorizeWorkCode(actor, body.workCodeId);
        return editExpenseEntry(tx, scope, current.id, toPatch(body));
      });
    },
  );

  app.delete(
    "/expense-entries/:id",
    {
      config: { permission: "expense_entries:D" },
      schema: { tags: TAGS, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      await inTransaction(deps.store.db, async (tx) => {
        const current = await getExpenseEntry(tx, scope, request.params.id);
        authorizeEntry(request.actor, "D", "expense", current);
        await deleteExpenseEntry(tx, scope, current.id);
      });
      return reply.code(204).send(null);
    },
  );

  registerEntryStatusRoute(app, deps, "expense");
};
