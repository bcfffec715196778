/**
 * /staff-groups: named sets of staff that roles are assigned to. Reading and changing them
 * needs staff_groups:R/C/E/D. Nobody adds themselves to a group or takes themselves out of
 * one: a group's roles would become theirs, so that is sharing with oneself. Putting anyone
 * else in or out of a group that carries roles is sharing too, under the same rules.
 */
import { z } from "zod";
import { actorStaffId, authorize, type Actor } from "../access/authorize.js";
import { authorizeMembershipChange } from "../access/sharing-service.js";
import { AppError } from "../domain/errors.js";
import { scopeOf } from "../http/context.js";
import { firmParams, idParams, listOf, pageQuery, nameSortParam, searchParam } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import type { Firm } from "./firm-store.js";
import {
  addStaffGroup,
  addStaffGroupMember,
  deleteStaffGroup,
  getStaffGroup,
  listStaffGroupPage,
  removeStaffGroupMember,
  renameStaffGroup,
} from "./staff-group-service.js";
import { getStaff } from "./staff-service.js";

const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()).describe("ids of the staff members in the group"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const groupBody = z.object({ name: z.string().min(1).max(60) }).strict();
const memberParams = idParams.extend({ staffId: z.uuid() });
const hiddenGroup = (id: string) => ({ what: "staff group", key: id });

function assertNotSelf(actor: Actor, staffId: string): void {
  if (actorStaffId(actor) === staffId)
    throw new AppError("FORBIDDEN", "you may not change your own staff groups: they carry roles");
}

export const registerStaffGroupRoutes: RouteModule = (app, deps) => {
  app.get(
    "/staff-groups",
    {
      config: { permission: "staff_groups:R" },
      schema: {
        tags: ["staff groups"],
        params: firmParams,
        querystring: pageQuery.extend({ search: searchParam("name"), sort: nameSortParam() }).strict(),
        response: { 200: listOf(groupSchema) },
      },
    },
    async (request) => {
      authorize(request.actor, "R", { object: "staff_groups" });
      const { search, sort, limit, offset } = request.query;
      const scope = scopeOf(request.firm!, deps, request.actor);
      const found = await listStaffGroupPage(deps.store.db, scope, { search }, { sort, limit, offset });
      return { ...found, limit, offset };
    },
  );

  app.get(
    "/staff-groups/:id",
    {
      config: { permission: "staff_groups:R" },
      schema: { tags: ["staff groups"], params: idParams, response: { 200: groupSchema } },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const group = await getStaffGroup(deps.store.db, scope, request.params.id);
      authorize(request.actor, "R", { object: "staff_groups" }, hiddenGroup(request.params.id));
      return group;
    },
  );

  app.post(
    "/staff-groups",
    {
      config: { permission: "staff_groups:C" },
      schema: { tags: ["staff groups"], params: firmParams, body: groupBody, response: { 201: groupSchema } },
    },
    async (request, reply) => {
      authorize(request.actor, "C", { object: "staff_groups" });
      const scope = scopeOf(request.firm!, deps, request.actor);
      return reply.code(201).send(await addStaffGroup(deps.store.db, scope, request.body.name));
    },
  );

  app.patch(
    "/staff-groups/:id",
    {
      config: { permission: "staff_groups:E" },
      schema: {
        tags: ["staff groups"],
        summary: "Rename a staff group",
        params: idParams,
        body: groupBody,
        response: { 200: groupSchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const group = await getStaffGroup(deps.store.db, scope, request.params.id);
      authorize(request.actor, "E", { object: "staff_groups" }, hiddenGroup(request.params.id));
      return renameStaffGroup(deps.store.db, scope, group.id, request.body.name);
    },
  );

  app.delete(
    "/staff-groups/:id",
    {
      config: { permission: "staff_groups:D" },
      schema: {
        tags: ["staff groups"],
        summary: "Delete a staff group that carries no roles",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const group = await getStaffGroup(deps.store.db, scope, request.params.id);
      authorize(request.actor, "D", { object: "staff_groups" }, hiddenGroup(request.params.id));
      await deleteStaffGroup(deps.store.db, scope, group.id);
      return reply.code(204).send(null);
    },
  );

  /**
   * Membership changes check the group, then the staff member, then that it is not the caller,
   * then that the caller may share the roles the group carries.
   */
  async function checkMembership(firm: Firm, actor: Actor, params: { id: string; staffId: string }) {
    const scope = scopeOf(firm, deps, actor);
    const group = await getStaffGroup(deps.store.db, scope, params.id);
    authorize(actor, "E", { object: "staff_groups" }, hiddenGroup(params.id));
    const staff = await getStaff(deps.store.db, scope, params.staffId);
    authorize(actor, "R", { object: "staff", selfStaffId: staff.id }, { what: "staff", key: params.staffId });
    assertNotSelf(actor, staff.id);
    await authorizeMembershipChange(deps.store.db, scope, actor, group);
    return { scope, groupId: group.id, staffId: staff.id };
  }

  app.put(
    "/staff-groups/:id/members/:staffId",
    {
      config: { permission: "staff_groups:E" },
      schema: {
        tags: ["staff groups"],
        summary: "Add a staff member to the group (not oneself)",
        params: memberParams,
        response: { 200: groupSchema },
      },
    },
    async (request) => {
      const { scope, groupId, staffId } = await checkMembership(request.firm!, request.actor, request.params);
      return addStaffGroupMember(deps.store.db, scope, groupId, staffId);
    },
  );

  app.delete(
    "/staff-groups/:id/members/:staffId",
    {
      config: { permission: "staff_groups:E" },
      schema: {
        tags: ["staff groups"],
        summary: "Take a staff member out of the group (not oneself)",
        params: memberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { scope, groupId, staffId } = await checkMembership(request.firm!, request.actor, request.params);
      await removeStaffGroupMember(deps.store.db, scope, groupId, staffId);
      return reply.code(204).send(null);
    },
  );
};
