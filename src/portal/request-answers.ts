/**
 * Answering a file request: a document uploaded for an item (filed with the client), a comment on
 * an item, and the request's status following its items.
 */
import type { Actor } from "../access/authorize.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { recordEvent, type EventAuthor } from "./entity-events.js";
import { insertEntityFile, insertNextVersion, type FileVersion } from "./entity-file-store.js";
import {
  findRequest,
  insertComment,
  selectItems,
  updateItemStatus,
  updateRequest,
  type RequestStatus,
} from "./file-request-store.js";
import { isClosed, moveItem, nextReminderAt, requestStatusOf } from "./request-lifecycle.js";
import {
  loadRequest,
  mayStaffUpload,
  recipientsNow,
  replyToOf,
  type Loaded,
  type RequestDeps,
} from "./request-loading.js";
import { getRequest, type RequestView } from "./file-request-service.js";
import { mailRecipients, mailRequester } from "./request-mail.js";
import { scheduleReminder } from "./request-reminders.js";

// ---------------------------------------------------------------------------------------------
// Answering: uploads and comments

/**
 * Checks, before a byte is read, that the caller may upload to the item now; returns what the
 * upload will need. A contact needs to collaborate on the entity; staff need to file documents.
 */
export async function checkItemUpload(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  requestId: string,
  itemId: string,
): Promise<void> {
  const loaded = await loadRequest(db, scope.firm.id, actor, requestId);
  await uploadTarget(db, scope, loaded, itemId);
}

async function uploadTarget(db: Db, scope: FirmScope, loaded: Loaded, itemId: string) {
  const items = await selectItems(db, scope.firm.id, loaded.request.id);
  const item = items.find((candidate) => candidate.id === itemId);
  if (!item) throw notFound("request item", itemId);
  const allowed = loaded.standing === "upload" || (loaded.standing === "staff" && mayStaffUpload(loaded));
  if (!allowed)
    throw new AppError(
      "FORBIDDEN",
      loaded.standing === "comment"
        ? "you may see this request and comment, but uploads need the firm to make you a collaborator"
        : "filing a client's document needs the right to add files on the client",
      { permission: "files:C" },
    );
  moveItem(loaded.request.status, item, "respond");
  return { item, items };
}

export interface StoredUpload {
  key: string;
  size: number;
  sha256: string;
  mediaType: string;
  fileName: string;
}

/**
 * Files an uploaded document with the entity and answers the item with it: a new version of the
 * attached file when the item asks to update or sign one, else a new client file. The item is
 * responded; the request follows its items.
 */
export async function uploadToItem(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps & { publicUrl: string },
  actor: Actor,
  requestId: string,
  itemId: string,
  upload: StoredUpload,
): Promise<RequestView> {
  const firmId = scope.firm.id;
  await inTransaction(db, async (tx) => {
    const loaded = await loadRequest(tx, firmId, actor, requestId);
    const { item, items } = await uploadTarget(tx, scope, loaded, itemId);
    const now = scope.clock.now().toISOString();
    const version = {
      fileKey: upload.key,
      fileName: upload.fileName,
      mediaType: upload.mediaType,
      size: upload.size,
      sha256: upload.sha256,
      uploadedBy: loaded.who.userId,
      requestItemId: item.id,
    };
    let stored: FileVersion;
    if (item.fileId && item.action !== "upload") {
      stored = await insertNextVersion(tx, firmId, item.fileId, version, now);
    } else {
      const fileId = await insertEntityFile(
        tx,
        firmId,
        {
          clientId: loaded.client.id,
          folderId: null,
          kind: loaded.standing === "staff" ? "shared" : "client",
          name: upload.fileName,
          createdBy: loaded.who.userId,
        },
        now,
      );
      stored = await insertNextVersion(tx, firmId, fileId, version, now);
    }
    await recordEvent(tx, scope, loaded.who, {
      clientId: loaded.client.id,
      kind: "item.uploaded",
      audience: "request",
      requestId,
      fileId: stored.fileId,
      summary: `${loaded.who.name} uploaded ${upload.fileName} for "${item.title}"`,
      details: { itemId: item.id, versionId: stored.id, version: stored.version, sha256: upload.sha256 },
    });
    if (item.status === "open") {
      await updateItemStatus(tx, firmId, item.id, { status: "responded", respondedAt: now }, now);
      const eventId = await recordEvent(tx, scope, loaded.who, {
        clientId: loaded.client.id,
        kind: "item.responded",
        audience: "request",
        requestId,
        summary: `${loaded.who.name} answered "${item.title}"`,
        details: { itemId: item.id },
      });
      const after = items.map((other) =>
        other.id === item.id ? { ...other, status: "responded" as const } : other,
      );
      await followItems(tx, scope, loaded, after, loaded.who);
      if (loaded.standing !== "staff")
        await mailRequester(
          tx,
          scope,
          {
            request: loaded.request,
            client: loaded.client,
            eventId,
            what: `sent "${item.title}"`,
            by: loaded.who.name,
          },
          deps.publicUrl,
        );
    }
  });
  return getRequest(db, scope, actor, requestId);
}

/** Brings the request's status in line with its items', recording the change. */
export async function followItems(
  db: Db,
  scope: FirmScope,
  loaded: Loaded,
  items: readonly { status: RequestStatus }[],
  author: EventAuthor,
): Promise<RequestStatus> {
  const { request } = loaded;
  const status = requestStatusOf(items);
  if (status === request.status) return status;
  const now = scope.clock.now();
  const iso = now.toISOString();
  await updateRequest(
    db,
    scope.firm.id,
    request.id,
    {
      status,
      respondedAt: status === "responded" ? iso : request.respondedAt,
      closedAt: isClosed(status) ? iso : null,
      nextReminderAt: nextReminderAt(
        { everyDays: request.remindEveryDays, max: request.remindMax, sent: request.remindersSent },
        status,
        now,
      ),
    },
    iso,
  );
  if (status === "responded" || status === "completed")
    await recordEvent(db, scope, author, {
      clientId: request.clientId,
      kind: status === "responded" ? "request.responded" : "request.completed",
      audience: "request",
      requestId: request.id,
      summary:
        status === "responded"
          ? `Every item of "${request.subject}" has an answer`
          : `"${request.subject}" is complete`,
    });
  if (status === "open")
    await scheduleReminder(db, scope, (await findRequest(db, scope.firm.id, request.id))!);
  return status;
}

export async function commentOnItem(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps & { publicUrl: string },
  actor: Actor,
  requestId: string,
  itemId: string,
  body: string,
): Promise<RequestView> {
  const text = body.trim();
  if (!text) throw invalid("write a comment first", { field: "body" });
  if (text.length > 4000) throw invalid("a comment has at most 4,000 characters", { field: "body" });
  const firmId = scope.firm.id;
  await inTransaction(db, async (tx) => {
    const loaded = await loadRequest(tx, firmId, actor, requestId);
    if (isClosed(loaded.request.status))
      throw new AppError(
        "STATUS_TRANSITION",
        `the request is ${loaded.request.status}: it takes no more comments`,
      );
    const item = (await selectItems(tx, firmId, requestId)).find((candidate) => candidate.id === itemId);
    if (!item) throw notFound("request item", itemId);
    await insertComment(
      tx,
      firmId,
      { itemId, authorId: loaded.who.userId, body: text },
      scope.clock.now().toISOString(),
    );
    const eventId = await recordEvent(tx, scope, loaded.who, {
      clientId: loaded.client.id,
      kind: "item.commented",
      audience: "request",
      requestId,
      summary: `${loaded.who.name} commented on "${item.title}"`,
      details: { itemId, body: text },
    });
    if (loaded.standing === "staff") {
      await mailRecipients(tx, scope, deps, {
        request: loaded.request,
        client: loaded.client,
        eventId,
        recipients: await recipientsNow(tx, firmId, loaded),
        replyTo: await replyToOf(tx, firmId, loaded.who.userId),
        kind: "commented",
        askedBy: loaded.who.name,
        note: `On "${item.title}": ${text}`,
      });
    } else {
      await mailRequester(
        tx,
        scope,
        {
          request: loaded.request,
          client: loaded.client,
          eventId,
          what: `commented on "${item.title}"`,
          by: loaded.who.name,
        },
        deps.publicUrl,
      );
    }
  });
  return getRequest(db, scope, actor, requestId);
}
