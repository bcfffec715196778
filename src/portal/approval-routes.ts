/**
 * Approvals of shared files: staff with the edit right on a client's files ask one of its
 * contacts to approve the current version of a shared file; that contact approves or declines
 * it with a comment; the decision is kept with the version's SHA-256, who, when and from which
 * address, and never changes.
 */
import { z } from "zod";
import { scopeOf } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { idParams, listOf, pageQuery, sortParam } from "../http/schemas.js";
import {
  askApproval,
  cancelApproval,
  decideApproval,
  getApproval,
  listApprovals,
} from "./approval-service.js";
import { APPROVAL_SORTS, APPROVAL_STATUSES } from "./approval-store.js";

const tags = ["approvals"];
const person = z.object({ id: z.string(), name: z.string() });
const approvalSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  file: z.object({ id: z.string(), name: z.string() }),
  version: z.object({ id: z.string(), version: z.number().int(), fileName: z.string(), sha256: z.string() }),
  newerVersion: z.boolean().describe("a newer version of the file exists than the one asked about"),
  contact: person,
  message: z.string(),
  requestedBy: person,
  requestedAt: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  decidedBy: person.nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  decidedFrom: z.string().nullable().describe("the address the decision came from"),
});

export const registerApprovalRoutes: RouteModule = (app, deps) => {
  const appUrl = (slug: string | null) =>
    `${deps.config.publicUrl.replace(/\/+$/, "")}/f/${encodeURIComponent(slug ?? "")}`;

  app.post(
    "/files/:id/approvals",
    {
      config: { permission: "files:E" },
      schema: {
        tags,
        summary: "Ask a contact to approve a shared file's current version",
        description:
          "Staff with the edit right on the client's files. The file must be shared; the contact must reach " +
          "the client. The contact is emailed at once.",
        params: idParams,
        body: z
          .object({
            contactId: z.uuid(),
            message: z
              .string()
              .max(2000)
              .regex(/^[^\0]*$/, "may not contain a NUL character")
              .default(""),
          })
          .strict(),
        response: { 201: approvalSchema },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const approval = await askApproval(
        deps.store.db,
        scope,
        request.actor,
        request.params.id,
        request.body,
        appUrl(request.firm!.slug),
      );
      deps.notifyMail();
      return reply.code(201).send(approval);
    },
  );

  app.get(
    "/clients/:id/approvals",
    {
      config: { permission: "files:R" },
      schema: {
        tags,
        summary: "A client's approvals, a page at a time",
        description: "Staff who read the client's files see all; a contact sees those asked of them.",
        params: idParams,
        querystring: pageQuery
          .extend({
            fileId: z.uuid().optional().describe("only those of this file"),
            status: z.enum(APPROVAL_STATUSES).optional().describe("only those with this status"),
            sort: sortParam(APPROVAL_SORTS, "-requestedAt", { requestedAt: "when it was asked" }),
          })
          .strict(),
        response: { 200: listOf(approvalSchema) },
      },
    },
    async (request) => {
      const { fileId, status, sort, limit, offset } = request.query;
      const page = await listApprovals(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.actor,
        request.params.id,
        { fileId, status },
        { sort, limit, offset },
      );
      return { ...page, limit, offset };
    },
  );

  app.get(
    "/approvals/:id",
    {
      config: { permission: "files:R" },
      schema: { tags, summary: "One approval", params: idParams, response: { 200: approvalSchema } },
    },
    (request) =>
      getApproval(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.actor,
        request.params.id,
      ),
  );

  app.post(
    "/approvals/:id/decision",
    {
      config: { permission: "files:R" },
      schema: {
        tags,
        summary: "Approve or decline (the contact asked, once)",
        description:
          "Only the contact asked, while it is pending; declining needs a comment. Keeps who, when and the " +
          "address the decision came from; nothing changes it afterwards (409).",
        params: idParams,
        body: z
          .object({
            decision: z.enum(["approved", "declined"]),
            comment: z
              .string()
              .max(2000)
              .regex(/^[^\0]*$/, "may not contain a NUL character")
              .default(""),
          })
          .strict(),
        response: { 200: approvalSchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const decided = await decideApproval(deps.store.db, scope, request.actor, request.params.id, {
        ...request.body,
        address: request.ip,
      });
      deps.notifyMail();
      return decided;
    },
  );

  app.post(
    "/approvals/:id/cancel",
    {
      config: { permission: "files:E" },
      schema: {
        tags,
        summary: "Withdraw a pending request for approval",
        params: idParams,
        body: z.object({}).strict().optional(),
        response: { 200: approvalSchema },
      },
    },
    (request) =>
      cancelApproval(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.actor,
        request.params.id,
      ),
  );
};
