/**
 * /time-entries: a staff user's own time, the time of the clients their roles or partner /
 * manager posts reach, or all of it with a system-scope role (entry-access.ts). Lists are
 * filtered, sorted and paginated in SQL, already limited to the rows the caller may read.
 */
import { z } from "zod";
import type { RouteModule } from "../http/route-module.js";
import { registerEntryCrudRoutes } from "./entry-crud-routes.js";
import { entryFields } from "./entry-http.js";
import {
  addTimeEntry,
  deleteTimeEntry,
  editTimeEntry,
  getTimeEntry,
  pageTimeEntries,
  type TimeEntryPatch,
} from "./time-entry-service.js";

export const timeEntrySchema = z.object({
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

export const registerTimeEntryRoutes: RouteModule = (app, deps) =>
  registerEntryCrudRoutes(app, deps, {
    kind: "time",
    tag: "time entries",
    listSummary: "List the time entries the caller may read: own, assigned clients', or all",
    createSummary: "Record time: one's own, or another staff member's with a create right on the client",
    entrySchema: timeEntrySchema,
    bodySchema: timeEntryBody,
    toPatch,
    add: (db, scope, body: z.infer<typeof timeEntryBody>, staffId, references) => {
      const { clientId: client, workCodeId: workCode, date, minutes } = body;
      const input = { ...toPatch(body), staff: staffId, client, workCode, date, minutes };
      return addTimeEntry(db, scope, input, references);
    },
    get: getTimeEntry,
    page: pageTimeEntries,
    edit: editTimeEntry,
    remove: deleteTimeEntry,
  });
