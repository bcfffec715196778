/**
 * The portal around requests and files: whom a client's requests can go to
 * (/clients/:id/portal-contacts), the client's history (/clients/:id/activity), what waits for
 * the signed-in person (/portal/waiting), and the firm's portal settings (/portal-settings).
 */
import { z } from "zod";
import { scopeOf } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { firmParams, idParams, listOf, pageQuery } from "../http/schemas.js";
import {
  approvalsWaitingFor,
  entityHistory,
  getPortalSettings,
  listPortalContacts,
  setPortalSettings,
  waitingFor,
} from "./portal-service.js";

const settingsSchema = z.object({
  detailedNotifications: z
    .boolean()
    .describe("emails carry the request's description, message and items; off: only that something waits"),
  notificationMode: z
    .enum(["each", "digest"])
    .describe("one email per event, or a digest a few minutes later leaving out what was already seen"),
  digestMinutes: z.number().int().min(1).max(1440),
});

export const registerPortalRoutes: RouteModule = (app, deps) => {
  app.get(
    "/clients/:id/portal-contacts",
    {
      config: { permission: "activities:R" },
      schema: {
        tags: ["file requests"],
        summary: "The contacts a file request on the client may go to",
        description:
          "Contacts with a portal account (invited or active) who reach the client through a role given " +
          "to them or to a contact group of theirs. Only collaborators may upload. Needs Viewer rights on the client.",
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                contactId: z.string(),
                userId: z.string(),
                name: z.string(),
                email: z.string(),
                status: z.enum(["invited", "active"]),
                role: z.enum(["access", "collaborator"]),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      return { items: await listPortalContacts(deps.store.db, scope, request.actor, request.params.id) };
    },
  );

  app.get(
    "/clients/:id/activity",
    {
      config: { permission: "activities:R" },
      schema: {
        tags: ["file requests"],
        summary: "What happened with a client in the portal, in order",
        description:
          "Requests, uploads, downloads, shares, comments and approvals. Staff with Viewer rights on the " +
          "client see all of it; a contact who reaches the client sees what concerns them (what is shared " +
          "with every contact, the requests sent to them, and what was addressed to them).",
        params: idParams,
        querystring: pageQuery
          .extend({
            order: z.enum(["oldest", "newest"]).default("oldest"),
            requestId: z.uuid().optional(),
            fileId: z.uuid().optional(),
          })
          .strict(),
        response: {
          200: listOf(
            z.object({
              id: z.string(),
              at: z.string(),
              actorName: z.string(),
              kind: z.string(),
              summary: z.string(),
              requestId: z.string().nullable(),
              fileId: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { limit, offset, order, requestId, fileId } = request.query;
      const scope = scopeOf(request.firm!, deps, request.actor);
      const page = await entityHistory(deps.store.db, scope, request.actor, request.params.id, {
        limit,
        offset,
        newestFirst: order === "newest",
        ...(requestId ? { requestId } : {}),
        ...(fileId ? { fileId } : {}),
      });
      return {
        items: page.items.map((event) => ({
          id: event.id,
          at: event.at,
          actorName: event.actorName,
          kind: event.kind,
          summary: event.summary,
          requestId: event.requestId,
          fileId: event.fileId,
        })),
        total: page.total,
        limit,
        offset,
      };
    },
  );

  app.get(
    "/portal/waiting",
    {
      config: { permission: "authenticated", requestLink: true },
      schema: {
        tags: ["file requests"],
        summary: "What waits for the signed-in person",
        description:
          "A contact: the requests sent to them with items still to answer, and the documents to approve. " +
          "Staff: the requests they asked with answers waiting for review.",
        params: firmParams,
        response: {
          200: z.object({
            requests: z.array(
              z.object({
                id: z.string(),
                clientId: z.string(),
                clientName: z.string(),
                subject: z.string(),
                status: z.enum(["open", "responded"]),
                mayUpload: z.boolean(),
                items: z.array(
                  z.object({ id: z.string(), title: z.string(), dueDate: z.string().nullable() }),
                ),
              }),
            ),
            approvals: z
              .array(
                z.object({
                  id: z.string(),
                  clientId: z.string(),
                  clientName: z.string(),
                  fileId: z.string(),
                  fileName: z.string(),
                  requestedAt: z.string(),
                  message: z.string(),
                }),
              )
              .describe("a contact's documents waiting for their decision; none for staff"),
          }),
        },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      return {
        requests: await waitingFor(deps.store.db, scope, request.actor),
        approvals: await approvalsWaitingFor(deps.store.db, scope, request.actor),
      };
    },
  );

  app.get(
    "/portal-settings",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["file requests"],
        summary: "The firm's portal settings (staff)",
        params: firmParams,
        response: { 200: settingsSchema },
      },
    },
    (request) => getPortalSettings(deps.store.db, scopeOf(request.firm!, deps, request.actor), request.actor),
  );

  app.put(
    "/portal-settings",
    {
      config: { permission: "settings:E" },
      schema: {
        tags: ["file requests"],
        summary: "Change the firm's portal settings",
        params: firmParams,
        body: settingsSchema.strict(),
        response: { 200: settingsSchema },
      },
    },
    (request) =>
      setPortalSettings(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.actor,
        request.body,
      ),
  );
};
