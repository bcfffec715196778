/**
 * /time-entries: a staff user's own time, the time of the clients their roles or partner /
 * manager posts reach, or all of it with a system-scope role (entry-access.ts). Lists are
 * filtered, sorted and paginated in SQL, already limited to the rows the caller may read.
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
  addTimeEntry,
  deleteTimeEntry,
  editTimeEntry,
  getTimeEntry,
  pageTimeEntries,
  type TimeEntryPatch,
} from "./time-entry-service.js";

const timeEntrySchema = z.object({
  ...entryFields,
  minutes: z.number().int(),
  rate: z.number().int().describe("hourly rate, ten-thousandths"),
  rateSource: z.string(),
});

const timeEntryBody = z
  .object({
    staffId: z.uuid().optional().describe("default: the caller's own staff record"),
    clientId: z.uuid(),
    projectId: z.uuid().nullable().optional(),
    workCodeId: z.uuid(),
    date: z.iso.date(),
    minutes: z.number().int().min(-1440).max(1440).describe("rounded up to the firm's increment"),
    billable: z.boolean().optional().describe("default: the work code's"),
    description: z.string().max(4000).optional(),
  })
  .strict();

type TimeEntryBody = Partial<z.infer<typeof timeEntryBody>>;

const toPatch = (body: TimeEntryBody): TimeEntryPatch => ({
  staff: body.staffId,
  client: body.clientId,
  project: body.projectId,
  workCode: body.workCodeId,
  date: body.date,
  minutes: body.minutes,
  billable: body.billable,
  description: body.description,
});

const TAGS = ["time entries"];

export const registerTimeEntryRoutes: RouteModule = (app, deps) => {
  app.get(
    "/time-entries",
    {
      config: { permission: "time_entries:R" },
      schema: {
        tags: TAGS,
        summary: "List the time entries the caller may read: own, assigned clients', or all",
        params: firmParams,
        querystring: entryListQuery,
        response: { 200: listOf(timeEntrySchema) },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const visibility = entryVisibility(request.actor, "time");
      if (seesNothing(visibility)) return { items: [], total: 0, limit, offset };
      const scope = scopeOf(request.firm!, deps, request.actor);
      const filter = await entryListFilter(deps.store.db, scope, request.query, visibility);
      return { ...(await pageTimeEntries(deps.store.db, scope, filter)), limit, offset };
    },
  );

  app.get(
    "/time-entries/:id",
    {
      config: { permission: "time_entries:R" },
      schema: { tags: TAGS, params: idParams, response: { 200: timeEntrySchema } },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const entry = await getTimeEntry(deps.store.db, scope, request.params.id);
      authorizeEntry(request.actor, "R", "time", entry);
      return entry;
    },
  );

  app.post(
    "/time-entries",
    {
      config: { permission: "time_entries:C" },
      schema: {
        tags: TAGS,
        summary: "Record time: one's own, or another staff member's with a create right on the client",
        params: firmParams,
        body: timeEntryBody,
        response: { 201: timeEntrySchema },
      },
    },
    async (request, reply) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const staffId = staffIdFor(actor, body.staffId);
      const entry = await inTransaction(deps.store.db, async (tx) => {
        await authorizeNewPlacement(tx, scope, actor, "time", { staffId, clientId: body.clientId });
        authorizeWorkCode(actor, body.workCodeId);
        const { clientId: client, workCodeId: workCode, date, minutes } = body;
        return addTimeEntry(tx, scope, { ...toPatch(body), staff: staffId, client, workCode, date, minutes });
      });
      return reply.code(201).send(entry);
    },
  );

  app.patch(
    "/time-entries/:id",
    {
      config: { permission: "time_entries:E" },
      schema: {
        tags: TAGS,
        params: idParams,
        body: timeEntryBody.partial().strict(),
        response: { 200: timeEntrySchema },
      },
    },
    async (request) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      return inTransaction(deps.store.db, async (tx) => {
        const current = await getTimeEntry(tx, scope, request.params.id);
        authorizeEntry(actor, "E", "time", current);
        if (body.staffId !== undefined || body.clientId !== undefined) {
          const placement = {
            staffId: body.staffId ?? current.staffId,
            clientId: body.clientId ?? current.clientId,
          };
          await authorizeNewPlacement(tx, scope, actor, "time", placement);
        }
        authorizeWorkCode(actor, body.workCodeId);
        return editTimeEntry(tx, scope, current.id, toPatch(body));
      });
    },
  );

  app.delete(
    "/time-entries/:id",
    {
      config: { permission: "time_entries:D" },
      schema: { tags: TAGS, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      await inTransaction(deps.store.db, async (tx) => {
        const current = await getTimeEntry(tx, scope, request.params.id);
        authorizeEntry(request.actor, "D", "time", current);
        await deleteTimeEntry(tx, scope, current.id);
      });
      return reply.code(204).send(null);
    },
  );

  registerEntryStatusRoute(app, deps, "time");
};
