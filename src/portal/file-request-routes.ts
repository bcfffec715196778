/**
 * /file-requests: asking an entity's contacts for documents, and their answers. Staff with
 * Viewer rights on the entity (activities:R) create and run requests; a contact sees the
 * requests sent to them, comments on their items and, as an Entity Collaborator, uploads. A
 * request nobody may see answers 404, as if it did not exist.
 */
import multipart from "@fastify/multipart";
import { z } from "zod";
import { displayFileName } from "../files/file-names.js";
import { linkDepsOf, scopeOf, type ServerDeps } from "../http/context.js";
import type { RouteModule, ZodApp } from "../http/route-module.js";
import { firmParams, idParams, listOf, pageQuery, sortParam } from "../http/schemas.js";
import { receiveUpload, refuseUnlessMultipart } from "../http/upload.js";
import { acceptedDocumentType, DOCUMENT_TYPES } from "./document-types.js";
import { REQUEST_SORTS } from "./file-request-store.js";
import {
  createRequest,
  getRequest,
  listRequests,
  MAX_ITEMS,
  MAX_RECIPIENTS,
} from "./file-request-service.js";
import { checkItemUpload, commentOnItem, uploadToItem } from "./request-answers.js";
import { closeRequest, moveRequestItem, remindNow } from "./request-review.js";

const tags = ["file requests"];
const STATUS = z.enum(["open", "responded", "completed", "cancelled"]);

const person = z.object({ id: z.string(), name: z.string() });

const itemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  dueDate: z.string().nullable(),
  action: z
    .enum(["upload", "update", "sign"])
    .describe("upload a document, or update or sign the attached file"),
  status: STATUS,
  updatedAt: z.string(),
  respondedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  file: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe("the entity's file to update or sign"),
  uploads: z.array(
    z.object({
      fileId: z.string(),
      versionId: z.string(),
      version: z.number().int(),
      fileName: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      uploadedBy: person,
      uploadedAt: z.string(),
    }),
  ),
  comments: z.array(
    z.object({
      id: z.string(),
      author: person.extend({ side: z.enum(["staff", "contact"]) }),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
});

const requestSchema = z.object({
  id: z.string(),
  client: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  subject: z.string(),
  description: z.string(),
  emailMessage: z.string(),
  status: STATUS,
  createdBy: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  respondedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reminders: z.object({
    everyDays: z.number().int().nullable(),
    max: z.number().int(),
    sent: z.number().int(),
    nextAt: z.string().nullable(),
  }),
  recipients: z.array(z.object({ contactId: z.string(), name: z.string() })),
  items: z.array(itemSchema),
  you: z.object({
    side: z.enum(["staff", "contact"]),
    mayUpload: z.boolean(),
    mayComment: z.boolean(),
    mayManage: z.boolean(),
  }),
});

const summarySchema = z.object({
  id: z.string(),
  clientId: z.string(),
  clientCode: z.string(),
  clientName: z.string(),
  subject: z.string(),
  status: STATUS,
  createdAt: z.string(),
  updatedAt: z.string(),
  respondedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  items: z.object({
    total: z.number().int(),
    open: z.number().int(),
    responded: z.number().int(),
    completed: z.number().int(),
  }),
});

const text = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\0]*$/, "may not contain a NUL character");

const createBody = z
  .object({
    subject: text(200).min(1),
    description: text(4000).default(""),
    emailMessage: text(2000)
      .default("")
      .describe("added to the email when the firm's detailed notifications are on"),
    recipients: z
      .array(z.uuid())
      .min(1)
      .max(MAX_RECIPIENTS)
      .describe("contact ids; each must reach the client"),
    items: z
      .array(
        z
          .object({
            title: text(200).min(1),
            dueDate: z.string().max(10).nullable().default(null).describe("YYYY-MM-DD"),
            action: z.enum(["upload", "update", "sign"]).default("upload"),
            fileId: z.uuid().nullable().default(null).describe("a shared or client file of the entity"),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_ITEMS),
    reminders: z
      .object({ everyDays: z.number().int().min(1).max(60), max: z.number().int().min(1).max(20) })
      .strict()
      .nullable()
      .default(null)
      .describe("every N days, at most M times, while the client still owes an answer"),
  })
  .strict();

const itemParams = idParams.extend({ itemId: z.uuid() });

export const registerFileRequestRoutes: RouteModule = async (app, deps) => {
  await app.register(async (scoped: ZodApp) => {
    await scoped.register(multipart, { throwFileSizeLimit: false });
    registerRoutes(scoped, deps);
  });
};

function registerRoutes(app: ZodApp, deps: ServerDeps): void {
  const requestDeps = () => ({ ...linkDepsOf(deps), publicUrl: deps.config.publicUrl });
  const answered = <T>(result: T): T => {
    deps.notifyMail();
    return result;
  };

  app.get(
    "/file-requests",
    {
      config: { permission: "activities:R", requestLink: true },
      schema: {
        tags,
        summary: "File requests the caller may see",
        description:
          "Staff: the requests of the clients they have Viewer rights on. A contact: the requests sent " +
          "to them on clients they still reach.",
        params: firmParams,
        querystring: pageQuery
          .extend({
            clientId: z.uuid().optional(),
            status: z
              .string()
              .regex(/^(open|responded|completed|cancelled)(,(open|responded|completed|cancelled))*$/)
              .optional()
              .describe("one status or several, comma-separated"),
            sort: sortParam(REQUEST_SORTS, "-createdAt", {
              createdAt: "when it was asked",
              updatedAt: "when it last changed",
              subject: "the subject",
            }),
          })
          .strict(),
        response: { 200: listOf(summarySchema) },
      },
    },
    async (request) => {
      const { clientId, status, sort, limit, offset } = request.query;
      const scope = scopeOf(request.firm!, deps, request.actor);
      const statuses = status ? (status.split(",") as z.infer<typeof STATUS>[]) : undefined;
      const page = await listRequests(
        deps.store.db,
        scope,
        request.actor,
        { ...(clientId ? { clientId } : {}), ...(statuses ? { status: statuses } : {}) },
        { sort, limit, offset },
      );
      return {
        items: page.items.map((item) => ({
          id: item.id,
          clientId: item.clientId,
          clientCode: item.clientCode,
          clientName: item.clientName,
          subject: item.subject,
          status: item.status,
          createdAt: item.createdAt,
          updatedAt: item.updatedAt,
          respondedAt: item.respondedAt,
          closedAt: item.closedAt,
          items: item.items,
        })),
        total: page.total,
        limit,
        offset,
      };
    },
  );

  app.post(
    "/clients/:id/file-requests",
    {
      config: { permission: "activities:R" },
      schema: {
        tags,
        summary: "Ask a client's contacts for documents",
        description:
          "Needs Viewer rights on the client (activities:R). Recipients are contacts with portal access " +
          "to the client; each gets an email with a link that signs them in to this request. Only " +
          "Entity Collaborators can upload. An item that asks to update or sign a file names a shared " +
          "or client file of the client.",
        params: idParams,
        body: createBody,
        response: { 201: requestSchema },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const created = await createRequest(
        deps.store.db,
        scope,
        linkDepsOf(deps),
        request.actor,
        request.params.id,
        request.body,
      );
      return reply.code(201).send(answered(created));
    },
  );

  app.get(
    "/file-requests/:id",
    {
      config: { permission: "activities:R", requestLink: true },
      schema: {
        tags,
        summary: "One file request with its items, uploads and comments",
        description: "Opening it marks its news as seen for the caller (a digest leaves it out).",
        params: idParams,
        response: { 200: requestSchema },
      },
    },
    (request) =>
      getRequest(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.actor,
        request.params.id,
      ),
  );

  app.post(
    "/file-requests/:id/items/:itemId/uploads",
    {
      config: {
        permission: "files:C",
        requestLink: true,
        openapi: {
          body: {
            contentType: "multipart/form-data",
            description: "one file in the field `file`",
            schema: {
              type: "object",
              required: ["file"],
              properties: { file: { type: "string", format: "binary" } },
            },
          },
        },
      },
      schema: {
        tags,
        summary: "Answer an item with a document",
        description:
          "A contact who collaborates on the client (or staff filing a document for them). The document " +
          "is filed with the client: a new version of the item's file when it asks to update or sign " +
          `one, else a new file. Accepted by content: ${Object.values(DOCUMENT_TYPES)
            .map((type) => type.label)
            .join(", ")}; at most the server's upload limit.`,
        params: itemParams,
        response: { 201: requestSchema },
      },
    },
    async (request, reply) => {
      const { db } = deps.store;
      const scope = scopeOf(request.firm!, deps, request.actor);
      await checkItemUpload(db, scope, request.actor, request.params.id, request.params.itemId);
      const refused = refuseUnlessMultipart(request, reply, "the document");
      if (refused) return refused;
      const upload = await receiveUpload(request, deps.files, {
        what: "a document",
        limitBytes: deps.config.uploadLimitBytes,
        accept: acceptedDocumentType,
      });
      try {
        const fileName = displayFileName(
          upload.givenName,
          `document.${DOCUMENT_TYPES[upload.mediaType]!.ext}`,
        );
        const view = await uploadToItem(
          db,
          scope,
          requestDeps(),
          request.actor,
          request.params.id,
          request.params.itemId,
          {
            ...upload,
            fileName,
          },
        );
        return reply.code(201).send(answered(view));
      } catch (error) {
        await deps.files.remove(upload.key);
        throw error;
      }
    },
  );

  app.post(
    "/file-requests/:id/items/:itemId/comments",
    {
      config: { permission: "activities:R", requestLink: true },
      schema: {
        tags,
        summary: "Comment on an item",
        description: "Staff running the request and its recipients; the other side is told by email.",
        params: itemParams,
        body: z.object({ body: text(4000).min(1) }).strict(),
        response: { 201: requestSchema },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const view = await commentOnItem(
        deps.store.db,
        scope,
        requestDeps(),
        request.actor,
        request.params.id,
        request.params.itemId,
        request.body.body,
      );
      return reply.code(201).send(answered(view));
    },
  );

  for (const move of ["complete", "return", "cancel"] as const) {
    app.post(
      `/file-requests/:id/items/:itemId/${move}`,
      {
        config: { permission: "activities:R" },
        schema: {
          tags,
          summary:
            move === "complete"
              ? "Accept an item"
              : move === "return"
                ? "Return an answered item to the client, saying what is missing"
                : "Cancel an item",
          description: "Staff running the request.",
          params: itemParams,
          body: z
            .object({
              comment: text(4000)
                .optional()
                .describe(move === "return" ? "required: what is missing" : "optional note"),
            })
            .strict(),
          response: { 200: requestSchema },
        },
      },
      async (request) => {
        const scope = scopeOf(request.firm!, deps, request.actor);
        return answered(
          await moveRequestItem(
            deps.store.db,
            scope,
            linkDepsOf(deps),
            request.actor,
            request.params.id,
            request.params.itemId,
            move,
            request.body.comment,
          ),
        );
      },
    );
  }

  for (const how of ["complete", "cancel"] as const) {
    app.post(
      `/file-requests/:id/${how}`,
      {
        config: { permission: "activities:R" },
        schema: {
          tags,
          summary: how === "complete" ? "Complete the whole request" : "Cancel the request",
          description:
            "Staff running the request. Closes it: no more answers, comments or reminders; the recipients are told.",
          params: idParams,
          body: z.object({}).strict().optional(),
          response: { 200: requestSchema },
        },
      },
      async (request) => {
        const scope = scopeOf(request.firm!, deps, request.actor);
        return answered(
          await closeRequest(deps.store.db, scope, linkDepsOf(deps), request.actor, request.params.id, how),
        );
      },
    );
  }

  app.post(
    "/file-requests/:id/remind",
    {
      config: { permission: "activities:R" },
      schema: {
        tags,
        summary: "Remind the recipients now",
        description:
          "Staff running the request, while the client still owes an answer. Outside the schedule: it " +
          "does not use up the scheduled reminders.",
        params: idParams,
        body: z.object({}).strict().optional(),
        response: { 200: requestSchema },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      return answered(
        await remindNow(deps.store.db, scope, linkDepsOf(deps), request.actor, request.params.id),
      );
    },
  );
}
