/**
 * /expense-entries/:id/receipts: list, upload, download and remove an expense entry's receipts.
 * Whoever may read the entry may list and download them; whoever may edit it may add and remove
 * them, while the entry is editable (receipt-service.ts). Uploads are multipart/form-data, one
 * file, checked on content (file-type) and limited in size (--upload-limit).
 */
import multipart from "@fastify/multipart";
import { z } from "zod";
import { sweepFileDeletions } from "../files/file-deletion.js";
import { scopeOf, type ServerDeps } from "../http/context.js";
import { receiveUpload, refuseUnlessMultipart, sendDownload } from "../http/upload.js";
import type { RouteModule, ZodApp } from "../http/route-module.js";
import { idParams, noContent } from "../http/schemas.js";
import { authorizeEntry } from "./entry-access.js";
import { getExpenseEntry } from "./expense-entry-service.js";
import {
  acceptedReceiptType,
  addReceipt,
  checkReceiptUpload,
  displayReceiptName,
  downloadFileName,
  getReceipt,
  listReceipts,
  MAX_RECEIPTS_PER_ENTRY,
  RECEIPT_TYPES,
  removeReceipt,
  type Receipt,
} from "./receipt-service.js";

const STAYS_HERE =
  "Receipts stay on the server they were uploaded to: they are not merged between a desktop firm file and the cloud.";

const receiptSchema = z.object({
  id: z.string(),
  entryId: z.string(),
  fileName: z.string().describe("the uploader's name for the file, for display only"),
  mediaType: z
    .enum(Object.keys(RECEIPT_TYPES) as [string, ...string[]])
    .describe("detected from the content"),
  size: z.number().int().describe("bytes"),
  sha256: z.string().describe("hex SHA-256 of the bytes"),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

const receiptAnswer = ({ fileKey: _key, ...receipt }: Receipt) => receipt;

const receiptParams = idParams.extend({ receiptId: z.uuid() });

const tags = ["expense entries"];

export const registerReceiptRoutes: RouteModule = async (app, deps) => {
  await app.register(async (scoped: ZodApp) => {
    await scoped.register(multipart, { throwFileSizeLimit: false });
    registerRoutes(scoped, deps);
  });
};

function registerRoutes(app: ZodApp, deps: ServerDeps): void {
  const path = "/expense-entries/:id/receipts";

  app.get(
    path,
    {
      config: { permission: "expense_entries:R" },
      schema: {
        tags,
        summary: "List an expense entry's receipts",
        description: `Whoever may read the entry may list its receipts. ${STAYS_HERE}`,
        params: idParams,
        response: { 200: z.object({ items: z.array(receiptSchema) }) },
      },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const entry = await getExpenseEntry(deps.store.db, scope, request.params.id);
      authorizeEntry(request.actor, "R", "expense", entry);
      return { items: (await listReceipts(deps.store.db, scope, entry.id)).map(receiptAnswer) };
    },
  );

  app.post(
    path,
    {
      config: {
        permission: "expense_entries:E",
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
        summary: "Attach a receipt to an expense entry",
        description:
          "A photo (JPEG, PNG, HEIC/HEIF, WebP) or a PDF, recognised by its content (not its name or " +
          "declared type: anything else is 415 FILE_TYPE_NOT_ALLOWED), at most the server's upload " +
          `limit (413 PAYLOAD_TOO_LARGE), ${MAX_RECEIPTS_PER_ENTRY} per entry. Needs the edit right ` +
          "on the entry, and the entry must be editable (not approved, billed or transferred, and " +
          `dated after the lock date). ${STAYS_HERE}`,
        params: idParams,
        response: { 201: receiptSchema },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const { db } = deps.store;
      const scope = scopeOf(request.firm!, deps, actor);
      const entry = await getExpenseEntry(db, scope, request.params.id);
      authorizeEntry(actor, "E", "expense", entry);
      await checkReceiptUpload(db, scope, entry);
      const refused = refuseUnlessMultipart(request, reply, "the receipt");
      if (refused) return refused;
      const upload = await receiveUpload(request, deps.files, {
        what: "a receipt",
        limitBytes: deps.config.uploadLimitBytes,
        accept: acceptedReceiptType,
      });
      try {
        const fileName = displayReceiptName(upload.givenName, upload.mediaType);
        const receipt = await addReceipt(db, scope, entry.id, { ...upload, fileName });
        return reply.code(201).send(receiptAnswer(receipt));
      } catch (error) {
        await deps.files.remove(upload.key);
        throw error;
      }
    },
  );

  app.get(
    `${path}/:receiptId/content`,
    {
      config: {
        permission: "expense_entries:R",
        openapi: {
          binaryResponse: {
            mediaTypes: Object.keys(RECEIPT_TYPES),
            description: "the receipt's bytes, as an attachment, typed as detected at upload",
          },
        },
      },
      schema: {
        tags,
        summary: "Download a receipt",
        description: `Whoever may read the entry may download its receipts. ${STAYS_HERE}`,
        params: receiptParams,
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const entry = await getExpenseEntry(deps.store.db, scope, request.params.id);
      authorizeEntry(request.actor, "R", "expense", entry);
      const receipt = await getReceipt(deps.store.db, scope, entry.id, request.params.receiptId);
      const content = await deps.files.open(receipt.fileKey);
      return sendDownload(reply, content, { ...receipt, downloadName: downloadFileName(receipt) });
    },
  );

  app.delete(
    `${path}/:receiptId`,
    {
      config: { permission: "expense_entries:E" },
      schema: {
        tags,
        summary: "Remove a receipt from an expense entry",
        description:
          "Needs the edit right on the entry, and the entry must be editable. The file is removed " +
          "from the file store once the record is gone.",
        params: receiptParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const entry = await getExpenseEntry(deps.store.db, scope, request.params.id);
      authorizeEntry(request.actor, "E", "expense", entry);
      await removeReceipt(deps.store.db, scope, entry.id, request.params.receiptId);
      await sweepFileDeletions(deps.store.db, deps.files, request.log, scope.firm.id);
      return reply.code(204).send(null);
    },
  );
}
