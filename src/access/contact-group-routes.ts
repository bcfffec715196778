/**
 * /contact-groups: sets of portal contacts that roles are assigned to. Reading and changing
 * them needs contact_groups:R/C/E/D; a contact never changes their own groups, since groups
 * carry roles, and putting anyone in or out of a group that carries roles is sharing them.
 */
import { z } from "zod";
import { AppError } from "../domain/errors.js";
import { getContact } from "../firm-setup/contact-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { scopeOf } from "../http/context.js";
import { firmParams, idParams, listOf, pageQuery, nameSortParam, searchParam } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { authorize, type Actor } from "./authorize.js";
import { authorizeMembershipChange } from "./sharing-service.js";
import {
  addContactGroup,
  addContactGroupMember,
  deleteContactGroup,
  getContactGroup,
  listContactGroupPage,
  removeContactGroupMember,
  renameContactGroup,
} from "./contact-group-service.js";

const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()).describe("ids of the contacts in the group"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const groupBody = z.object({ name: z.string().min(1).max(60) }).strict();
const memberParams = idParams.extend({ contactId: z.uuid() });
const hiddenGroup = (id: string) => ({ what: "contact group", key: id });

export const registerContactGroupRoutes: RouteModule = (app, deps) => {
  /**
   * Membership changes check the group, then the contact, then that it is not the caller, then
   * that the caller may share the roles the group carries.
   */
  async function checkMembership(firm: Firm, actor: Actor, params: { id: string; contactId: string }) {
    const scope = scopeOf(firm, deps, actor);
    const group = await getContactGroup(deps.store.db, scope, params.id);
    authorize(actor, "E", { object: "contact_groups" }, hiddenGroup(params.id));
    const contact = await getContact(deps.store.db, scope, params.contactId);
    authorize(actor, "R", { object: "contacts" }, { what: "contact", key: params.contactId });
    if (actor.kind === "user" && actor.user.contactId === contact.id)
      throw new AppError("FORBIDDEN", "you may not change your own contact groups: they carry roles");
    await authorizeMembershipChange(deps.store.db, scope, actor, group);
    return { scope, groupId: group.id, contactId: contact.id };
  }

  app.get(
    "/contact-groups",
    {
      config: { permission: "contact_groups:R" },
      schema: {
        tags: ["contact groups"],
        params: firmParams,
        querystring: pageQuery.extend({ search: searchParam("name"), sort: nameSortParam() }).strict(),
        response: { 200: listOf(groupSchema) },
      },
    },
    async (request) => {
      authorize(request.actor, "R", { object: "contact_groups" });
      const { search, sort, limit, offset } = request.query;
      const scope = scopeOf(request.firm!, deps, request.actor);
      const found = await listContactGroupPage(deps.store.db, scope, { search }, { sort, limit, offset });
      return { ...found, limit, offset };
    },
  );

  app.get(
    "/contact-groups/:id",
    {
      config: { permission: "contact_groups:R" },
      schema: { tags: ["contact groups"], params: idParams, response: { 200: groupSchema } },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const group = await getContactGroup(deps.store.db, scope, request.params.id);
      authorize(request.actor, "R", { object: "contact_groups" }, hiddenGroup(request.params.id));
      return group;
    },
  );

  app.post(
    "/contact-groups",
    {
      config: { permission: "contact_groups:C" },
      schema: {
        tags: ["contact groups"],
        params: firmParams,
        body: groupBody,
        response: { 201: groupSchema },
      },
    },
    async (request, reply) => {
      authorize(request.actor, "C", { object: "contact_groups" });
      const scope = scopeOf(request.firm!, deps, request.actor);
      return reply.code(201).send(await addContactGroup(deps.store.db, scope, request.body.name));
    },
  );

  app.patch(
    "/contact-groups/:id",
    {
      config: { permission: "contact_groups:E" },
      schema: {
        tags: ["contact groups"],
        summary: "Rename a contact group",
        params: idParams,
        body: groupBody,
        response: { 200: groupSchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const group = await getContactGroup(deps.store.db, scope, request.params.id);
      authorize(request.actor, "E", { object: "contact_groups" }, hiddenGroup(request.params.id));
      return renameContactGroup(deps.store.db, scope, group.id, request.body.name);
    },
  );

  app.delete(
    "/contact-groups/:id",
    {
      config: { permission: "contact_groups:D" },
      schema: {
        tags: ["contact groups"],
        summary: "Delete a contact group that carries no roles",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const group = await getContactGroup(deps.store.db, scope, request.params.id);
      authorize(request.actor, "D", { object: "contact_groups" }, hiddenGroup(request.params.id));
      await deleteContactGroup(deps.store.db, scope, group.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/contact-groups/:id/members/:contactId",
    {
      config: { permission: "contact_groups:E" },
      schema: {
        tags: ["contact groups"],
        summary: "Add a contact to the group",
        params: memberParams,
        response: { 200: groupSchema },
      },
    },
    async (request) => {
      const { scope, groupId, contactId } = await checkMembership(
        request.firm!,
        request.actor,
        request.params,
      );
      return addContactGroupMember(deps.store.db, scope, groupId, contactId);
    },
  );

  app.delete(
    "/contact-groups/:id/members/:contactId",
    {
      config: { permission: "contact_groups:E" },
      schema: {
        tags: ["contact groups"],
        summary: "Take a contact out of the group",
        params: memberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { scope, groupId, contactId } = await checkMembership(
        request.firm!,
        request.actor,
        request.params,
      );
      await removeContactGroupMember(deps.store.db, scope, groupId, contactId);
      return reply.code(204).send(null);
    },
  );
};
