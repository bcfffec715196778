/**
 * /staff: the firm's staff members. Reading needs staff:R, except that every staff user may
 * read their own record; every change needs staff:C, staff:E or staff:D. Bodies are strict:
 * rates and roles are never set through a staff record (they have their own routes and rules),
 * and nobody changes their own groups, since groups carry roles; changing someone else's
 * groups needs the right to share the roles those groups carry.
 */
import { z } from "zod";
import { actorStaffId, authorize, can, type Actor } from "../access/authorize.js";
import { authorizeMembershipChange } from "../access/sharing-service.js";
import { AppError } from "../domain/errors.js";
import { scopeOf } from "../http/context.js";
import type { Db } from "../store/database.js";
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
import type { FirmScope } from "./scope.js";
import { getStaffGroup, requireExistingGroups } from "./staff-group-service.js";
import { findStaffGroupIdByName } from "./staff-group-store.js";
import { addStaff, deleteStaff, editStaff, getStaff, listStaffPage } from "./staff-service.js";
import { STAFF_SORTS, type Staff } from "./staff-store.js";

const staffSchema = z.object({
  id: z.string(),
  staffNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  status: z.enum(["active", "inactive"]),
  inactiveDate: z.iso.date().nullable(),
  groups: z.array(z.string()).describe("names of the staff groups the member is in"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const staffBody = z
  .object({
    staffNumber: z.string().min(1).max(10),
    firstName: z.string().min(1).max(60),
    lastName: z.string().min(1).max(60),
    email: z.string().max(254).nullable().optional(),
    status: z.enum(["active", "inactive"]).optional(),
    inactiveDate: z.iso.date().nullable().optional(),
    groups: z
      .array(z.string().min(1).max(60))
      .max(100)
      .optional()
      .describe(
        "names of existing staff groups (create groups at /staff-groups); replaces the member's groups",
      ),
  })
  .strict();

const staffQuery = pageQuery
  .extend({
    status: z.enum(["active", "inactive"]).optional(),
    groupId: z.uuid().optional().describe("only members of this staff group"),
    search: searchParam("staff number, first or last name, or email"),
    code: codeParam("staff number"),
    sort: sortParam(STAFF_SORTS, "staffNumber", {
      staffNumber: "the staff number",
      lastName: "last name, then first name, case-insensitive",
      firstName: "first name, then last name, case-insensitive",
      createdAt: "when it was added",
    }),
  })
  .strict();

const staffTarget = (staff: Staff) => ({ object: "staff" as const, selfStaffId: staff.id });

/** Changing one's own groups is changing one's own roles: refused even to a Staff Admin. */
function assertNotOwnGroups(actor: Actor, staff: Staff, groups: string[] | undefined): void {
  if (groups === undefined || actorStaffId(actor) !== staff.id) return;
  if (groups.join("\u0000") !== [...staff.groups].sort().join("\u0000"))
    throw new AppError("FORBIDDEN", "you may not change your own staff groups: they carry roles");
}

/** Joining or leaving a group gives or takes away the roles it carries: the sharing rules apply. */
async function authorizeGroupChanges(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  before: readonly string[],
  after: string[] | undefined,
): Promise<void> {
  if (after === undefined) return;
  const changed = [
    ...after.filter((name) => !before.includes(name)),
    ...before.filter((name) => !after.includes(name)),
  ];
  for (const name of changed) {
    const id = await findStaffGroupIdByName(db, scope.firm.id, name);
    if (id) await authorizeMembershipChange(db, scope, actor, { id, name });
  }
}

export const registerStaffRoutes: RouteModule = (app, deps) => {
  app.get(
    "/staff",
    {
      config: { permission: "staff:R" },
      schema: {
        tags: ["staff"],
        summary: "List staff; without staff:R a staff user sees only their own record",
        params: firmParams,
        querystring: staffQuery,
        response: { 200: listOf(staffSchema) },
      },
    },
    async (request) => {
      const { actor } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const { status, groupId, search, code, sort, limit, offset } = request.query;
      if (groupId) {
        await getStaffGroup(deps.store.db, scope, groupId);
        authorize(actor, "R", { object: "staff_groups" }, { what: "staff group", key: groupId });
      }
      const readAll = can(actor, "R", { object: "staff" });
      // Someone who is not staff and may not read staff has no row to see.
      if (!readAll && actorStaffId(actor) === null) authorize(actor, "R", { object: "staff" });
      // Without staff:R, a staff user's own record is the one they may read.
      const readable = readAll ? "all" : [actorStaffId(actor)!];
      const found = await listStaffPage(
        deps.store.db,
        scope,
        { status, groupId, search, code, readable },
        { sort, limit, offset },
      );
      return { ...found, limit, offset };
    },
  );

  app.get(
    "/staff/:id",
    {
      config: { permission: "staff:R" },
      schema: {
        tags: ["staff"],
        summary: "A staff member; every staff user may read their own record",
        params: idParams,
        response: { 200: staffSchema },
      },
    },
    async (request) => {
      const staff = await getStaff(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.params.id,
      );
      authorize(request.actor, "R", staffTarget(staff), { what: "staff", key: request.params.id });
      return staff;
    },
  );

  app.post(
    "/staff",
    {
      config: { permission: "staff:C" },
      schema: { tags: ["staff"], params: firmParams, body: staffBody, response: { 201: staffSchema } },
    },
    async (request, reply) => {
      authorize(request.actor, "C", { object: "staff" });
      const scope = scopeOf(request.firm!, deps, request.actor);
      const { groups, ...fields } = request.body;
      const checked = groups && (await requireExistingGroups(deps.store.db, scope, groups));
      await authorizeGroupChanges(deps.store.db, scope, request.actor, [], checked);
      const staff = await addStaff(deps.store.db, scope, { ...fields, groups: checked });
      return reply.code(201).send(staff);
    },
  );

  app.patch(
    "/staff/:id",
    {
      config: { permission: "staff:E" },
      schema: {
        tags: ["staff"],
        summary: "Change a staff member (not one's own groups)",
        params: idParams,
        body: staffBody.partial().strict(),
        response: { 200: staffSchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const current = await getStaff(deps.store.db, scope, request.params.id);
      authorize(request.actor, "E", staffTarget(current), { what: "staff", key: request.params.id });
      const { groups, ...fields } = request.body;
      const checked = groups && (await requireExistingGroups(deps.store.db, scope, groups));
      assertNotOwnGroups(request.actor, current, checked);
      await authorizeGroupChanges(deps.store.db, scope, request.actor, current.groups, checked);
      return editStaff(deps.store.db, scope, current.id, { ...fields, groups: checked });
    },
  );

  app.delete(
    "/staff/:id",
    {
      config: { permission: "staff:D" },
      schema: {
        tags: ["staff"],
        summary: "Delete a staff member with no history and no user account (make others inactive)",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const current = await getStaff(deps.store.db, scope, request.params.id);
      authorize(request.actor, "D", staffTarget(current), { what: "staff", key: request.params.id });
      await deleteStaff(deps.store.db, scope, current.id);
      return reply.code(204).send(null);
    },
  );
};
