/**
 * POST /reprice: rewrites the rate snapshots of open entries in a period after rates changed.
 * It touches every matching entry of the firm, so it takes the edit right on time and expense
 * entries at system scope (Admin, or Owner / Editor assigned firm-wide).
 */
import { z } from "zod";
import { getProject } from "../firm-setup/project-service.js";
import { scopeOf } from "../http/context.js";
import { firmParams } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { authorizeFirmWideEdit } from "./entry-access.js";
import { repriceEntries } from "./reprice-service.js";

const repriceBody = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    staffId: z.uuid().optional(),
    clientId: z.uuid().optional(),
    projectId: z.uuid().optional(),
    workCodeId: z.uuid().optional(),
    billable: z.boolean().optional(),
  })
  .strict();

const repriceResult = z.object({
  from: z.string(),
  to: z.string(),
  examined: z.number().int(),
  changed: z.number().int(),
  skippedLocked: z.number().int(),
  amountBefore: z.number().int().describe("minor units"),
  amountAfter: z.number().int().describe("minor units"),
});

export const registerRepriceRoutes: RouteModule = (app, deps) => {
  app.post(
    "/reprice",
    {
      config: { permission: "time_entries:E" },
      schema: {
        tags: ["time entries", "expense entries"],
        summary: "Reprice open entries in a period from the current rates",
        description: "Needs time_entries:E and expense_entries:E at system scope.",
        params: firmParams,
        body: repriceBody,
        response: { 200: repriceResult },
      },
    },
    async (request) => {
      authorizeFirmWideEdit(request.actor);
      const { from, to, staffId, clientId, projectId, workCodeId, billable } = request.body;
      const scope = scopeOf(request.firm!, deps, request.actor);
      // A project implies its client; the service then checks the project is that client's.
      const client =
        projectId && !clientId ? (await getProject(deps.store.db, scope, projectId)).clientId : clientId;
      return repriceEntries(deps.store.db, scope, {
        from,
        to,
        staff: staffId,
        client,
        project: projectId,
        workCode: workCodeId,
        billable,
      });
    },
  );
};
