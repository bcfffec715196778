/**
 * /timesheet: what a staff member's week needs beyond single entries. Submitting a week moves
 * every draft time and expense entry of the week to submitted, all or none, with each entry's
 * right checked as POST /{kind}-entries/status checks it.
 */
import { z } from "zod";
import { scopeOf } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { firmParams } from "../http/schemas.js";
import { authorizeStatusChange, staffIdFor } from "./entry-access.js";
import { submitWeek } from "./status-service.js";

const submitWeekBody = z
  .object({
    staffId: z.uuid().optional().describe("default: the caller's own staff record"),
    week: z.iso.date().describe("any day of the week (weeks run Monday to Sunday)"),
  })
  .strict();

export const registerTimesheetRoutes: RouteModule = (app, deps) => {
  app.post(
    "/timesheet/submit-week",
    {
      config: { permission: "time_entries:E" },
      schema: {
        tags: ["timesheet"],
        summary: "Submit every draft time and expense entry of a staff member's week, all or none",
        description:
          "Answers the week (Monday to Sunday) and the ids it submitted. One entry the caller may " +
          "not submit, or dated on or before the lock date, refuses the whole week.",
        params: firmParams,
        body: submitWeekBody,
        response: {
          200: z.object({
            from: z.iso.date(),
            to: z.iso.date(),
            time: z.array(z.string()).describe("time entries submitted"),
            expense: z.array(z.string()).describe("expense entries submitted"),
          }),
        },
      },
    },
    async (request) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const staffId = staffIdFor(actor, body.staffId);
      return submitWeek(deps.store.db, scope, staffId, body.week, (kind, entry, status) =>
        authorizeStatusChange(actor, kind, entry, status),
      );
    },
  );
};
