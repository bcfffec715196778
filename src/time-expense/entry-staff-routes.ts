/**
 * GET /entry-staff: the staff members whose entries the caller may read, with their names —
 * who a reviewer reviews (to name each entry's author and to filter by one) without the staff
 * list itself, which takes staff:R. Only rows the caller could already see name anyone: a
 * reviewer of ACME's time is told the names on ACME's entries, nothing more.
 */
import { z } from "zod";
import type { EntryStatus } from "../domain/entries.js";
import type { RouteModule } from "../http/route-module.js";
import { firmParams, listOf, pageQuery, searchParam } from "../http/schemas.js";
import { entryVisibility, seesNothing } from "./entry-access.js";
import { entryListQuery, staffNameSchema } from "./entry-http.js";
import { listEntryStaff, type EntryKind } from "./entry-store.js";

const entryStaffQuery = pageQuery
  .extend({
    kind: z.enum(["time", "expense"]).optional().describe("one kind of entry; default both"),
    status: entryListQuery.shape.status,
    from: entryListQuery.shape.from,
    to: entryListQuery.shape.to,
    search: searchParam("the staff number or a name"),
  })
  .strict();

export const registerEntryStaffRoutes: RouteModule = (app, deps) => {
  app.get(
    "/entry-staff",
    {
      config: { permission: "time_entries:R" },
      schema: {
        tags: ["time-entries", "expense-entries"],
        summary: "The staff members with entries the caller may read (e.g. submitted), by staff number",
        description:
          "Names the authors of the entries a reviewer sees, and lists them to filter by, without " +
          "staff:R. Filters narrow to entries of a kind, statuses and dates.",
        params: firmParams,
        querystring: entryStaffQuery,
        response: { 200: listOf(staffNameSchema) },
      },
    },
    async (request) => {
      const { kind, status, from, to, search, limit, offset } = request.query;
      const statuses = status?.split(",") as EntryStatus[] | undefined;
      // Each kind's entries as far as the caller may read that kind.
      const sources = (kind ? [kind] : (["time", "expense"] as EntryKind[]))
        .map((one) => ({ kind: one, visibility: entryVisibility(request.actor, one) }))
        .filter(({ visibility }) => !seesNothing(visibility))
        .map(({ kind: one, visibility }) => ({
          kind: one,
          filter: { from, to, status: statuses, visibility },
        }));
      if (sources.length === 0) return { items: [], total: 0, limit, offset };
      const found = await listEntryStaff(deps.store.db, request.firm!.id, sources, search, { limit, offset });
      return { ...found, limit, offset };
    },
  );
};
