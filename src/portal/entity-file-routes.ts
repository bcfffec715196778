/**
 * /clients/:id/files and /files/:id: an entity's files and their versions. Staff work with them
 * by their files rights on the client; a contact who reaches the client sees what the firm shared
 * and what the client uploaded, and uploads as a collaborator; nobody else learns a file exists.
 * Uploads are multipart/form-data with one file, checked on content and size, stored under a
 * generated key; downloads are attachments, never rendered in the app's origin.
 */
import multipart from "@fastify/multipart";
import { z } from "zod";
import { invalid } from "../domain/errors.js";
import { sweepFileDeletions } from "../files/file-deletion.js";
import { displayFileName } from "../files/file-names.js";
import { scopeOf, type ServerDeps } from "../http/context.js";
import type { RouteModule, ZodApp } from "../http/route-module.js";
import { idParams, listOf, noContent, pageQuery, sortParam } from "../http/schemas.js";
import { receiveUpload, refuseUnlessMultipart, sendDownload } from "../http/upload.js";
import { acceptedDocumentType, documentDownloadName, DOCUMENT_TYPES } from "./document-types.js";
import {
  addFile,
  addVersion,
  checkFileUpload,
  checkVersionUpload,
  editFile,
  getFile,
  listFiles,
  openVersion,
  removeFile,
  type StoredDocument,
} from "./entity-file-service.js";
import { FILE_SORTS } from "./entity-file-store.js";

const tags = ["files"];
const KIND = z
  .enum(["firm", "shared", "client"])
  .describe(
    "firm: firm-only; shared: shared by the firm with the client's contacts; client: uploaded by the client",
  );

const versionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  fileName: z.string().describe("as uploaded, for display only"),
  mediaType: z.string().describe("detected from the content"),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.object({ id: z.string(), name: z.string() }),
  uploadedAt: z.string(),
  requestItemId: z.string().nullable().describe("the file request item this upload answered"),
});

const fileSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  folderId: z.string().nullable(),
  kind: KIND,
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  current: versionSchema,
  versions: z.array(versionSchema).optional(),
  you: z.object({ mayVersion: z.boolean(), mayEdit: z.boolean(), mayDelete: z.boolean() }),
});

const uploadBody = {
  contentType: "multipart/form-data",
  description: "one file in the field `file`",
  schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } },
};

/** A new file's kind and folder, as form fields before the file (or in the query). */
const newFileFields = z
  .object({
    kind: KIND.optional(),
    folderId: z.uuid("folderId must be a folder's id").optional(),
  })
  .strict();
type NewFileFields = z.infer<typeof newFileFields>;

const newFileBody = {
  contentType: "multipart/form-data",
  description:
    "the fields `kind` and `folderId` (optional) first, then one file in the field `file`; fields after " +
    "the file are not read",
  schema: {
    type: "object",
    required: ["file"],
    properties: {
      kind: {
        type: "string",
        enum: ["firm", "shared", "client"],
        description: "staff: firm (the default) or shared; a contact's files are always client",
      },
      folderId: { type: "string", format: "uuid", description: "a folder of the client to file it in" },
      file: { type: "string", format: "binary" },
    },
  },
};

/** The fields, checked; each may come in the query or the form, but not differently in both. */
function newFileTarget(query: NewFileFields, fields: Readonly<Record<string, string>>): NewFileFields {
  const parsed = newFileFields.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path.join(".");
    throw invalid(
      issue.code === "unrecognized_keys"
        ? `the form has a field ${field} that is not one of kind, folderId, file`
        : `${field}: ${issue.message}`,
      { field },
    );
  }
  const target = { ...query };
  for (const name of ["kind", "folderId"] as const) {
    const value = parsed.data[name];
    if (value === undefined) continue;
    if (query[name] !== undefined && query[name] !== value)
      throw invalid(`${name} is given twice, differently, in the query and in the form`, { field: name });
    Object.assign(target, { [name]: value });
  }
  return target;
}

const ACCEPTED = Object.values(DOCUMENT_TYPES)
  .map((type) => type.label)
  .join(", ");

export const registerEntityFileRoutes: RouteModule = async (app, deps) => {
  await app.register(async (scoped: ZodApp) => {
    await scoped.register(multipart, { throwFileSizeLimit: false });
    registerRoutes(scoped, deps);
  });
};

function registerRoutes(app: ZodApp, deps: ServerDeps): void {
  /** Receives the one document of the request; the caller records it or the bytes are removed. */
  async function received(
    request: Parameters<typeof receiveUpload>[0],
    beforeStore?: Parameters<typeof receiveUpload>[3],
  ): Promise<StoredDocument> {
    const upload = await receiveUpload(
      request,
      deps.files,
      {
        what: "a document",
        limitBytes: deps.config.uploadLimitBytes,
        accept: acceptedDocumentType,
      },
      beforeStore,
    );
    return {
      ...upload,
      fileName: displayFileName(upload.givenName, `document.${DOCUMENT_TYPES[upload.mediaType]!.ext}`),
    };
  }

  app.get(
    "/clients/:id/files",
    {
      config: { permission: "files:R" },
      schema: {
        tags,
        summary: "A client's files",
        description:
          "Staff with files:R on the client see all three kinds; a contact who reaches the client sees the " +
          "files the firm shared and those the client uploaded, never firm-only ones.",
        params: idParams,
        querystring: pageQuery
          .extend({
            kind: KIND.optional(),
            folderId: z
              .union([z.uuid(), z.literal("root")])
              .optional()
              .describe(
                "only the files in this folder, or `root` for those in no folder; absent: every file",
              ),
            sort: sortParam(FILE_SORTS, "name", {
              name: "the name, case-insensitive",
              updatedAt: "last change",
            }),
          })
          .strict(),
        response: {
          200: listOf(fileSchema).extend({
            you: z
              .object({
                mayAdd: z.array(KIND).describe("the kinds of file the caller may add to the client"),
                folders: z.object({ create: z.boolean(), edit: z.boolean(), delete: z.boolean() }),
              })
              .describe("what the caller may do in the client's files as a whole (files carry their own)"),
          }),
        },
      },
    },
    async (request) => {
      const { kind, folderId, sort, limit, offset } = request.query;
      const scope = scopeOf(request.firm!, deps, request.actor);
      const filter = {
        ...(kind ? { kind } : {}),
        ...(folderId ? { folderId: folderId === "root" ? null : folderId } : {}),
      };
      const page = await listFiles(deps.store.db, scope, request.actor, request.params.id, filter, {
        sort,
        limit,
        offset,
      });
      return { ...page, limit, offset };
    },
  );

  app.post(
    "/clients/:id/files",
    {
      config: { permission: "files:C", openapi: { body: newFileBody } },
      schema: {
        tags,
        summary: "Add a file to a client",
        description:
          "Staff (files:C) add firm-only (the default) or shared files; a contact who collaborates on the " +
          "client adds the client's own. The form's `kind` and `folderId` fields come before the file (the " +
          `query may carry them instead). Accepted by content: ${ACCEPTED}; at most the server's upload limit.`,
        params: idParams,
        querystring: newFileFields,
        response: { 201: fileSchema },
      },
    },
    async (request, reply) => {
      const { db } = deps.store;
      const scope = scopeOf(request.firm!, deps, request.actor);
      const clientId = request.params.id;
      // Who may add what is known before a byte is read: from the query now, from the form's
      // fields once they are in (they precede the file).
      let kind = await checkFileUpload(db, scope, request.actor, clientId, request.query.kind);
      let folderId = request.query.folderId ?? null;
      const refused = refuseUnlessMultipart(request, reply, "the document");
      if (refused) return refused;
      const document = await received(request, async (fields) => {
        const target = newFileTarget(request.query, fields);
        kind = await checkFileUpload(db, scope, request.actor, clientId, target.kind);
        folderId = target.folderId ?? null;
      });
      try {
        return reply
          .code(201)
          .send(await addFile(db, scope, request.actor, clientId, kind, document, folderId));
      } catch (error) {
        await deps.files.remove(document.key);
        throw error;
      }
    },
  );

  app.get(
    "/files/:id",
    {
      config: { permission: "files:R" },
      schema: {
        tags,
        summary: "A file with all its versions",
        params: idParams,
        response: { 200: fileSchema },
      },
    },
    (request) =>
      getFile(deps.store.db, scopeOf(request.firm!, deps, request.actor), request.actor, request.params.id),
  );

  app.post(
    "/files/:id/versions",
    {
      config: { permission: "files:E", openapi: { body: uploadBody } },
      schema: {
        tags,
        summary: "Upload a new version of a file",
        description:
          "Staff with files:E; a collaborating contact on the client's own files. A shared file changes for a " +
          "contact only through a file request that asks them to update or sign it.",
        params: idParams,
        response: { 201: fileSchema },
      },
    },
    async (request, reply) => {
      const { db } = deps.store;
      const scope = scopeOf(request.firm!, deps, request.actor);
      await checkVersionUpload(db, scope, request.actor, request.params.id);
      const refused = refuseUnlessMultipart(request, reply, "the document");
      if (refused) return refused;
      const document = await received(request);
      try {
        return reply.code(201).send(await addVersion(db, scope, request.actor, request.params.id, document));
      } catch (error) {
        await deps.files.remove(document.key);
        throw error;
      }
    },
  );

  for (const path of ["/files/:id/content", "/files/:id/versions/:versionId/content"] as const) {
    const withVersion = path.includes(":versionId");
    app.get(
      path,
      {
        config: {
          permission: "files:R",
          openapi: {
            binaryResponse: {
              mediaTypes: Object.keys(DOCUMENT_TYPES),
              description: "the version's bytes, as an attachment, typed as detected at upload",
            },
          },
        },
        schema: {
          tags,
          summary: withVersion ? "Download one version of a file" : "Download a file's current version",
          description: "Whoever may read the file; the download is recorded in the client's history.",
          params: withVersion ? idParams.extend({ versionId: z.uuid() }) : idParams,
        },
      },
      async (request, reply) => {
        const scope = scopeOf(request.firm!, deps, request.actor);
        const params = request.params as { id: string; versionId?: string };
        const version = await openVersion(deps.store.db, scope, request.actor, params.id, params.versionId);
        const content = await deps.files.open(version.fileKey);
        return sendDownload(reply, content, { ...version, downloadName: documentDownloadName(version) });
      },
    );
  }

  app.patch(
    "/files/:id",
    {
      config: { permission: "files:E" },
      schema: {
        tags,
        summary: "Rename a file, move it to a folder, or share or stop sharing it",
        description: "Staff with files:E. A file the client uploaded stays the client's.",
        params: idParams,
        body: z
          .object({
            name: z
              .string()
              .min(1)
              .max(200)
              .regex(/^[^\0/\\]*$/, "may not contain / \\ or NUL")
              .optional(),
            kind: z.enum(["firm", "shared"]).optional(),
            folderId: z
              .uuid()
              .nullable()
              .optional()
              .describe("move it into this folder of the client; null: out of any"),
          })
          .strict(),
        response: { 200: fileSchema },
      },
    },
    (request) =>
      editFile(
        deps.store.db,
        scopeOf(request.firm!, deps, request.actor),
        request.actor,
        request.params.id,
        request.body,
      ),
  );

  app.delete(
    "/files/:id",
    {
      config: { permission: "files:D" },
      schema: {
        tags,
        summary: "Delete a file and its versions",
        description:
          "Staff with files:D; never a contact. A file that answered a request or was put up for approval stays " +
          "(409 IN_USE): it is the record of it.",
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      await removeFile(deps.store.db, scope, request.actor, request.params.id);
      await sweepFileDeletions(deps.store.db, deps.files, request.log, scope.firm.id);
      return reply.code(204).send(null);
    },
  );
}
