/**
 * File requests: staff ask an entity's contacts for documents with a checklist of items; the
 * contacts answer item by item with uploads and comments; staff accept, return or cancel items
 * and close the request. Every step is one transaction with its history event and its emails.
 *
 * Who may: staff with Viewer rights on the entity (activities:R) run its requests; a contact sees
 * the requests sent to them while they reach the entity, comments on them, and uploads if they
 * collaborate (portal-access.ts). Anyone else learns nothing: 404.
 */
import type { Actor } from "../access/authorize.js";
import { allows } from "../access/permissions.js";
import type { LinkDeps } from "../access/link-service.js";
import { issueRequestLink } from "../access/request-link-service.js";
import { findUserById } from "../access/account-store.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { isIsoDate } from "../domain/dates.js";
import { findClient, type Client } from "../firm-setup/client-store.js";
import type { Firm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import { inTransaction } from "../store/transaction.js";
import { recordEvent, SYSTEM_AUTHOR, type EventAuthor } from "./entity-events.js";
import { selectUserNames } from "./entity-event-store.js";
import {
  findEntityFile,
  insertEntityFile,
  insertNextVersion,
  selectItemVersions,
  type FileVersion,
} from "./entity-file-store.js";
import {
  findRequest,
  insertComment,
  insertRequest,
  selectComments,
  selectItems,
  selectRecipientIds,
  selectRequestPage,
  updateItemStatus,
  updateRequest,
  type FileRequestRecord,
  type ItemAction,
  type RequestItemRecord,
  type RequestSort,
  type RequestStatus,
  type RequestSummary,
} from "./file-request-store.js";
import { markRequestSeen, notify, type Notified } from "./notifications.js";
import { contactOnRequest, mayOnFile, sideOf, staffRunsRequests, type PortalSide } from "./portal-access.js";
import { portalActorOf, type PortalActor } from "./portal-actor.js";
import { contactsReaching, userContact } from "./portal-people.js";
import { readPortalSettings } from "./portal-settings.js";
import { isClosed, moveItem, nextReminderAt, requestStatusOf, type ItemMove } from "./request-lifecycle.js";
import type { PortalMail } from "./portal-mail.js";

export const MAX_ITEMS = 50;
export const MAX_RECIPIENTS = 20;

/** What request services need besides the database: the clock and how to make links. */
export type RequestDeps = LinkDeps;

export interface RequestInput {
  subject: string;
  description: string;
  emailMessage: string;
  recipients: readonly string[];
  items: readonly { title: string; dueDate: string | null; action: ItemAction; fileId: string | null }[];
  reminders: { everyDays: number; max: number } | null;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface ItemUpload {
  fileId: string;
  versionId: string;
  version: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: PersonRef;
  uploadedAt: string;
}

export interface ItemView extends Omit<RequestItemRecord, "requestId" | "fileId"> {
  file: { id: string; name: string } | null;
  uploads: ItemUpload[];
  comments: { id: string; author: PersonRef & { side: PortalSide }; body: string; createdAt: string }[];
}

export interface RequestView {
  id: string;
  client: { id: string; code: string; name: string };
  subject: string;
  description: string;
  emailMessage: string;
  status: RequestStatus;
  createdBy: PersonRef;
  createdAt: string;
  updatedAt: string;
  respondedAt: string | null;
  closedAt: string | null;
  reminders: { everyDays: number | null; max: number; sent: number; nextAt: string | null };
  recipients: { contactId: string; name: string }[];
  items: ItemView[];
  /** What the caller may do with it now. */
  you: { side: PortalSide; mayUpload: boolean; mayComment: boolean; mayManage: boolean };
}

// ---------------------------------------------------------------------------------------------
// Reading

interface Loaded {
  who: PortalActor;
  request: FileRequestRecord;
  client: Client;
  recipients: string[];
  standing: "staff" | "comment" | "upload";
}

/** The request as the caller may see it, or 404 when they may not see it at all. */
async function loadRequest(db: Db, firmId: string, actor: Actor, requestId: string): Promise<Loaded> {
  const who = await portalActorOf(db, firmId, actor);
  const hidden = () => notFound("file request", requestId);
  if (who.requestOnly !== null && who.requestOnly !== requestId) throw hidden();
  const request = await findRequest(db, firmId, requestId);
  if (!request) throw hidden();
  const client = await findClient(db, firmId, request.clientId);
  if (!client) throw hidden();
  const recipients = await selectRecipientIds(db, firmId, request.id);
  if (sideOf(who.rights) === "staff") {
    if (!staffRunsRequests(who.rights, client.id)) throw hidden();
    return { who, request, client, recipients, standing: "staff" };
  }
  const standing = contactOnRequest(who.rights, client.id, recipients.includes(who.rights.contactId!));
  if (standing === "none") throw hidden();
  return { who, request, client, recipients, standing };
}

async function viewOf(db: Db, firmId: string, loaded: Loaded): Promise<RequestView> {
  const { request, client, standing } = loaded;
  const items = await selectItems(db, firmId, request.id);
  const itemIds = items.map((item) => item.id);
  const [uploads, comments] = await Promise.all([
    selectItemVersions(db, firmId, itemIds),
    selectComments(db, firmId, itemIds),
  ]);
  const attached = new Map<string, string>();
  for (const item of items) {
    if (!item.fileId) continue;
    const file = await findEntityFile(db, firmId, item.fileId);
    if (file) attached.set(file.id, file.name);
  }
  const authorIds = [
    request.createdBy,
    ...uploads.map((u) => u.uploadedBy),
    ...comments.map((c) => c.authorId),
  ];
  const names = await selectUserNames(db, firmId, authorIds);
  const sides = await userSides(db, firmId, authorIds);
  const person = (id: string): PersonRef => ({ id, name: names.get(id) ?? "a former user" });
  const contactNames = await contactNamesOf(db, firmId, loaded.recipients);
  const open = !isClosed(request.status);
  return {
    id: request.id,
    client: { id: client.id, code: client.code, name: client.name },
    subject: request.subject,
    description: request.description,
    emailMessage: request.emailMessage,
    status: request.status,
    createdBy: person(request.createdBy),
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    respondedAt: request.respondedAt,
    closedAt: request.closedAt,
    reminders: {
      everyDays: request.remindEveryDays,
      max: request.remindMax,
      sent: request.remindersSent,
      nextAt: request.nextReminderAt,
    },
    recipients: loaded.recipients.map((contactId) => ({
      contactId,
      name: contactNames.get(contactId) ?? "",
    })),
    items: items.map((item) => ({
      id: item.id,
      position: item.position,
      title: item.title,
      dueDate: item.dueDate,
      action: item.action,
      status: item.status,
      updatedAt: item.updatedAt,
      respondedAt: item.respondedAt,
      closedAt: item.closedAt,
      file: item.fileId ? { id: item.fileId, name: attached.get(item.fileId) ?? "" } : null,
      uploads: uploads
        .filter((upload) => upload.requestItemId === item.id)
        .map((upload) => ({
          fileId: upload.fileId,
          versionId: upload.id,
          version: upload.version,
          fileName: upload.fileName,
          mediaType: upload.mediaType,
          size: upload.size,
          sha256: upload.sha256,
          uploadedBy: person(upload.uploadedBy),
          uploadedAt: upload.uploadedAt,
        })),
      comments: comments
        .filter((comment) => comment.itemId === item.id)
        .map((comment) => ({
          id: comment.id,
          author: { ...person(comment.authorId), side: sides.get(comment.authorId) ?? "staff" },
          body: comment.body,
          createdAt: comment.createdAt,
        })),
    })),
    you: {
      side: standing === "staff" ? "staff" : "contact",
      mayUpload: open && (standing === "upload" || (standing === "staff" && mayStaffUpload(loaded))),
      mayComment: open,
      mayManage: open && standing === "staff",
    },
  };
}

const mayStaffUpload = (loaded: Loaded) => mayOnFile(loaded.who.rights, "upload", loaded.client.id, "shared");

async function userSides(
  db: Db,
  firmId: string,
  userIds: readonly string[],
): Promise<Map<string, PortalSide>> {
  const sides = new Map<string, PortalSide>();
  if (userIds.length === 0) return sides;
  const rows = await db
    .selectFrom("user_account")
    .select(["id", "contact_id"])
    .where("firm_id", "=", firmId)
    .where("id", "in", [...new Set(userIds)])
    .execute();
  for (const row of rows) sides.set(row.id, row.contact_id ? "contact" : "staff");
  return sides;
}

async function contactNamesOf(
  db: Db,
  firmId: string,
  contactIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (contactIds.length === 0) return names;
  const rows = await db
    .selectFrom("contact")
    .select(["id", "first_name", "last_name", "email"])
    .where("firm_id", "=", firmId)
    .where("id", "in", [...contactIds])
    .execute();
  for (const row of rows) names.set(row.id, `${row.first_name} ${row.last_name}`.trim() || (row.email ?? ""));
  return names;
}

/** One request, as the caller may see it; opening it marks its news as seen. */
export async function getRequest(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  requestId: string,
): Promise<RequestView> {
  const loaded = await loadRequest(db, scope.firm.id, actor, requestId);
  await markRequestSeen(db, scope.firm.id, loaded.who.userId, requestId, scope.clock.now().toISOString());
  return viewOf(db, scope.firm.id, loaded);
}

export interface RequestListFilter {
  clientId?: string;
  status?: readonly RequestStatus[];
}

/** Requests the caller may see: staff, of the entities they run requests on; a contact, those sent to them. */
export async function listRequests(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  filter: RequestListFilter,
  page: PageRequest<RequestSort>,
): Promise<RowPage<RequestSummary & { clientName: string; clientCode: string }>> {
  const firmId = scope.firm.id;
  const who = await portalActorOf(db, firmId, actor);
  const side = sideOf(who.rights);
  const reach = reachableClients(who, side);
  if (filter.clientId) {
    const client = await findClient(db, firmId, filter.clientId);
    if (!client || client.id !== filter.clientId || (reach !== "all" && !reach.has(client.id)))
      throw notFound("client", filter.clientId);
  }
  const narrowing = {
    ...(filter.clientId ? { clientId: filter.clientId } : {}),
    ...(filter.status?.length ? { status: filter.status } : {}),
    // A session opened by a request's link sees that request only.
    ...(who.requestOnly ? { requestId: who.requestOnly } : {}),
  };
  const result = await selectRequestPage(
    db,
    firmId,
    side === "contact"
      ? {
          clientIds: "all",
          recipient: { contactId: who.rights.contactId!, clientIds: reach as Set<string> },
          ...narrowing,
        }
      : { clientIds: reach, ...narrowing },
    page,
  );
  const clients = new Map<string, Client>();
  for (const item of result.items) {
    if (!clients.has(item.clientId)) {
      const client = await findClient(db, firmId, item.clientId);
      if (client) clients.set(client.id, client);
    }
  }
  return {
    total: result.total,
    items: result.items.map((item) => ({
      ...item,
      clientName: clients.get(item.clientId)?.name ?? "",
      clientCode: clients.get(item.clientId)?.code ?? "",
    })),
  };
}

/** The entities whose requests the caller sees: by their rights, evaluated now. */
function reachableClients(who: PortalActor, side: PortalSide): "all" | Set<string> {
  const { rights } = who;
  if (rights.unrestricted) return "all";
  const object = side === "staff" ? "activities" : "entities";
  const hasSystem = rights.assignments.some(
    (a) => a.scope === "system" && (a.grants[object] ?? "").includes("R"),
  );
  if (hasSystem && side === "staff") return "all";
  const ids = new Set<string>();
  for (const a of rights.assignments)
    if (a.scope === "entity" && a.entityId && (a.grants[object] ?? "").includes("R")) ids.add(a.entityId);
  if (side === "staff") for (const id of rights.managedEntityIds) ids.add(id);
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Creating

function checkInput(input: RequestInput): void {
  if (!input.subject.trim()) throw invalid("a request needs a subject", { field: "subject" });
  if (input.items.length === 0) throw invalid("a request needs at least one item", { field: "items" });
  if (input.items.length > MAX_ITEMS)
    throw invalid(`a request has at most ${MAX_ITEMS} items`, { field: "items" });
  if (input.recipients.length === 0) throw invalid("choose at least one recipient", { field: "recipients" });
  if (new Set(input.recipients).size !== input.recipients.length)
    throw invalid("a recipient is listed twice", { field: "recipients" });
  input.items.forEach((item, index) => {
    const field = `items.${index}`;
    if (!item.title.trim()) throw invalid(`item ${index + 1} needs a title`, { field: `${field}.title` });
    if (item.dueDate !== null && !isIsoDate(item.dueDate))
      throw invalid(`item ${index + 1}'s due date is not a date (YYYY-MM-DD)`, { field: `${field}.dueDate` });
    if (item.action !== "upload" && !item.fileId)
      throw invalid(`item ${index + 1} asks to ${item.action} a file: attach the file`, {
        field: `${field}.fileId`,
      });
  });
}

export async function createRequest(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  actor: Actor,
  clientId: string,
  input: RequestInput,
): Promise<RequestView> {
  const firmId = scope.firm.id;
  const who = await portalActorOf(db, firmId, actor);
  const client = await findClient(db, firmId, clientId);
  if (!client || client.id !== clientId) throw notFound("client", clientId);
  if (!staffRunsRequests(who.rights, client.id)) {
    // Whoever may not even see the client learns nothing of it.
    if (!allows(who.rights, "R", { object: "entities", entityId: client.id }))
      throw notFound("client", clientId);
    throw new AppError("FORBIDDEN", "asking a client for documents needs Viewer rights on the client", {
      permission: "activities:R",
    });
  }
  checkInput(input);
  const reaching = await contactsReaching(db, firmId, client.id);
  const byContact = new Map(reaching.map((contact) => [contact.contactId, contact]));
  input.recipients.forEach((contactId, index) => {
    if (!byContact.has(contactId))
      throw invalid(
        `recipient ${index + 1} is not a contact with portal access to ${client.code}: share the client with them first`,
        { field: "recipients", contactId },
      );
  });
  for (const [index, item] of input.items.entries()) {
    if (!item.fileId) continue;
    const file = await findEntityFile(db, firmId, item.fileId);
    if (!file || file.clientId !== client.id)
      throw invalid(`item ${index + 1}'s file is not a file of ${client.code}`, {
        field: `items.${index}.fileId`,
      });
    if (file.kind === "firm")
      throw invalid(`item ${index + 1}'s file ${file.name} is firm-only: share it with the client first`, {
        field: `items.${index}.fileId`,
      });
  }
  const now = scope.clock.now();
  const plan = input.reminders
    ? { everyDays: input.reminders.everyDays, max: input.reminders.max, sent: 0 }
    : null;
  const requestId = await inTransaction(db, async (tx) => {
    const id = await insertRequest(
      tx,
      firmId,
      {
        clientId: client.id,
        subject: input.subject.trim(),
        description: input.description.trim(),
        emailMessage: input.emailMessage.trim(),
        createdBy: who.userId,
        remindEveryDays: plan?.everyDays ?? null,
        remindMax: plan?.max ?? 0,
        nextReminderAt: plan ? nextReminderAt(plan, "open", now) : null,
        recipients: input.recipients,
        items: input.items.map((item) => ({ ...item, title: item.title.trim() })),
      },
      now.toISOString(),
    );
    const eventId = await recordEvent(tx, scope, who, {
      clientId: client.id,
      kind: "request.created",
      audience: "request",
      requestId: id,
      summary: `${who.name} asked for documents: ${input.subject.trim()}`,
      details: { items: input.items.length, recipients: input.recipients.length },
    });
    const request = (await findRequest(tx, firmId, id))!;
    await mailRecipients(tx, scope, deps, {
      request,
      client,
      eventId,
      recipients: input.recipients.map((contactId) => byContact.get(contactId)!),
      replyTo: await replyToOf(tx, firmId, who.userId),
      kind: "created",
      askedBy: who.name,
    });
    await scheduleReminder(tx, scope, request);
    return id;
  });
  return getRequest(db, scope, actor, requestId);
}

async function replyToOf(db: Db, firmId: string, userId: string): Promise<string | null> {
  return (await userContact(db, firmId, userId))?.email ?? null;
}

// ---------------------------------------------------------------------------------------------
// Emails to the recipients (asks carry a link that signs them straight into the request)

type RecipientMailKind = "created" | "reminder" | "returned" | "commented" | "completed" | "cancelled";

async function mailRecipients(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  input: {
    request: FileRequestRecord;
    client: Client;
    eventId: string;
    recipients: readonly Notified[];
    replyTo: string | null;
    kind: RecipientMailKind;
    askedBy: string;
    note?: string;
  },
): Promise<void> {
  const settings = await readPortalSettings(db, scope.firm.id);
  const items = await selectItems(db, scope.firm.id, input.request.id);
  const asks = input.kind === "created" || input.kind === "reminder" || input.kind === "returned";
  await notify(db, scope, {
    eventId: input.eventId,
    recipients: input.recipients,
    replyTo: input.replyTo,
    immediate: asks,
    compose: async (recipient) => {
      const user = await findUserById(db, scope.firm.id, recipient.userId);
      const link = user ? await issueRequestLink(db, deps, scope.firm, user, input.request.id) : undefined;
      return recipientMail(scope.firm, settings.detailedNotifications, input, items, recipient, link);
    },
  });
}

const SUBJECTS: Record<RecipientMailKind, (firm: string, subject: string) => string> = {
  created: (firm, subject) => `${firm} asks you for documents: ${subject}`,
  reminder: (firm, subject) => `Reminder from ${firm}: ${subject}`,
  returned: (firm, subject) => `${firm} needs another look: ${subject}`,
  commented: (firm, subject) => `New comment from ${firm}: ${subject}`,
  completed: (firm, subject) => `${firm} has everything it asked for: ${subject}`,
  cancelled: (firm, subject) => `${firm} no longer needs: ${subject}`,
};

function recipientMail(
  firm: Firm,
  detailed: boolean,
  input: { request: FileRequestRecord; kind: RecipientMailKind; askedBy: string; note?: string },
  items: readonly RequestItemRecord[],
  recipient: Notified,
  link: { url: string; expiresAt: string } | undefined,
): PortalMail {
  const { request, kind } = input;
  const hello = `Hello ${recipient.name},`;
  const lead: Record<RecipientMailKind, string> = {
    created: `${input.askedBy} at ${firm.name} asks you for documents.`,
    reminder: `${firm.name} is still waiting for documents from you.`,
    returned: `${input.askedBy} at ${firm.name} looked at what you sent and needs another look at an item.`,
    commented: `${input.askedBy} at ${firm.name} added a comment.`,
    completed: `${firm.name} has received everything it asked for. Thank you.`,
    cancelled: `${firm.name} cancelled this request: there is nothing more to do.`,
  };
  const paragraphs = [hello, lead[kind]];
  if (detailed) {
    paragraphs.push(`Request: ${request.subject}`);
    if (request.description) paragraphs.push(request.description);
    if (kind === "created" && request.emailMessage) paragraphs.push(request.emailMessage);
    if (input.note) paragraphs.push(input.note);
    const waiting = items.filter((item) => item.status === "open");
    if (waiting.length && kind !== "completed" && kind !== "cancelled")
      paragraphs.push(
        [
          "Still to send:",
          ...waiting.map((item) => `- ${item.title}${item.dueDate ? ` (by ${item.dueDate})` : ""}`),
        ].join("\n"),
      );
  } else {
    paragraphs.push("Open the request to see the details.");
  }
  const closed = kind === "completed" || kind === "cancelled";
  return {
    subject: detailed ? SUBJECTS[kind](firm.name, request.subject) : SUBJECTS[kind](firm.name, "a request"),
    paragraphs,
    ...(link && !closed ? { action: { label: "Open the request", url: link.url } } : {}),
    footer: [
      link && !closed
        ? `The button signs you in to this request only. It works once, until ${link.expiresAt.slice(0, 16).replace("T", " ")} UTC; after that, sign in with your password.`
        : "",
      `You receive this because ${firm.name} shares documents with you through firmtime.`,
    ].filter(Boolean),
  };
}

/** The staff member who asked: told when a contact answers or comments. */
async function mailRequester(
  db: Db,
  scope: FirmScope,
  input: { request: FileRequestRecord; client: Client; eventId: string; what: string; by: string },
  publicUrl: string,
): Promise<void> {
  const requester = await userContact(db, scope.firm.id, input.request.createdBy);
  if (!requester || requester.status !== "active") return;
  const names = await selectUserNames(db, scope.firm.id, [requester.userId]);
  const url = `${publicUrl.replace(/\/+$/, "")}/f/${encodeURIComponent(scope.firm.slug ?? "")}/requests/${input.request.id}`;
  await notify(db, scope, {
    eventId: input.eventId,
    recipients: [
      { userId: requester.userId, email: requester.email, name: names.get(requester.userId) ?? "" },
    ],
    compose: () => ({
      subject: `${input.client.name}: ${input.what} (${input.request.subject})`,
      paragraphs: [`${input.by} ${input.what} on "${input.request.subject}" for ${input.client.name}.`],
      action: { label: "Open the request", url },
    }),
  });
}

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
async function followItems(
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

/** The request's recipients who still reach the entity (revoked access: no more emails). */
async function recipientsNow(
  db: Db,
  firmId: string,
  loaded: { client: Client; recipients: string[] },
): Promise<Notified[]> {
  const reaching = await contactsReaching(db, firmId, loaded.client.id);
  return reaching.filter((contact) => loaded.recipients.includes(contact.contactId));
}

// ---------------------------------------------------------------------------------------------
// Staff: accepting, returning, cancelling items; closing the request; reminders

function requireStaff(loaded: Loaded): void {
  if (loaded.standing !== "staff")
    throw new AppError("FORBIDDEN", "only the firm's staff complete, return or cancel a request's items", {
      permission: "activities:R",
    });
}

export async function moveRequestItem(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  actor: Actor,
  requestId: string,
  itemId: string,
  move: Exclude<ItemMove, "respond">,
  comment: string | undefined,
): Promise<RequestView> {
  const firmId = scope.firm.id;
  const note = comment?.trim() ?? "";
  if (move === "return" && !note)
    throw invalid("say what is missing: a returned item needs a comment", { field: "comment" });
  await inTransaction(db, async (tx) => {
    const loaded = await loadRequest(tx, firmId, actor, requestId);
    requireStaff(loaded);
    const items = await selectItems(tx, firmId, requestId);
    const item = items.find((candidate) => candidate.id === itemId);
    if (!item) throw notFound("request item", itemId);
    const status = moveItem(loaded.request.status, item, move);
    const now = scope.clock.now().toISOString();
    await updateItemStatus(
      tx,
      firmId,
      item.id,
      { status, closedAt: status === "completed" || status === "cancelled" ? now : null },
      now,
    );
    if (note) await insertComment(tx, firmId, { itemId, authorId: loaded.who.userId, body: note }, now);
    const kind =
      move === "complete" ? "item.completed" : move === "return" ? "item.returned" : "item.cancelled";
    const words = move === "complete" ? "accepted" : move === "return" ? "returned" : "cancelled";
    const eventId = await recordEvent(tx, scope, loaded.who, {
      clientId: loaded.client.id,
      kind,
      audience: "request",
      requestId,
      summary: `${loaded.who.name} ${words} "${item.title}"`,
      details: { itemId, ...(note ? { comment: note } : {}) },
    });
    const after = items.map((other) => (other.id === item.id ? { ...other, status } : other));
    const requestStatus = await followItems(tx, scope, loaded, after, loaded.who);
    const mailKind: RecipientMailKind | null =
      move === "return" ? "returned" : requestStatus === "completed" ? "completed" : null;
    if (mailKind)
      await mailRecipients(tx, scope, deps, {
        request: (await findRequest(tx, firmId, requestId))!,
        client: loaded.client,
        eventId,
        recipients: await recipientsNow(tx, firmId, loaded),
        replyTo: await replyToOf(tx, firmId, loaded.who.userId),
        kind: mailKind,
        askedBy: loaded.who.name,
        ...(move === "return" ? { note: `"${item.title}": ${note}` } : {}),
      });
  });
  return getRequest(db, scope, actor, requestId);
}

/**
 * Completes the whole request (every item not cancelled becomes completed) or cancels it.
 * Either closes it: no more answers, comments or reminders.
 */
export async function closeRequest(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  actor: Actor,
  requestId: string,
  how: "complete" | "cancel",
): Promise<RequestView> {
  const firmId = scope.firm.id;
  await inTransaction(db, async (tx) => {
    const loaded = await loadRequest(tx, firmId, actor, requestId);
    requireStaff(loaded);
    const { request } = loaded;
    if (isClosed(request.status))
      throw new AppError("STATUS_TRANSITION", `the request is already ${request.status}`, {
        status: request.status,
      });
    const now = scope.clock.now().toISOString();
    const target: RequestStatus = how === "complete" ? "completed" : "cancelled";
    for (const item of await selectItems(tx, firmId, requestId)) {
      if (isClosed(item.status)) continue;
      await updateItemStatus(tx, firmId, item.id, { status: target, closedAt: now }, now);
    }
    await updateRequest(tx, firmId, requestId, { status: target, closedAt: now, nextReminderAt: null }, now);
    const eventId = await recordEvent(tx, scope, loaded.who, {
      clientId: loaded.client.id,
      kind: how === "complete" ? "request.completed" : "request.cancelled",
      audience: "request",
      requestId,
      summary: `${loaded.who.name} ${how === "complete" ? "completed" : "cancelled"} "${request.subject}"`,
    });
    await mailRecipients(tx, scope, deps, {
      request: (await findRequest(tx, firmId, requestId))!,
      client: loaded.client,
      eventId,
      recipients: await recipientsNow(tx, firmId, loaded),
      replyTo: await replyToOf(tx, firmId, loaded.who.userId),
      kind: how === "complete" ? "completed" : "cancelled",
      askedBy: loaded.who.name,
    });
  });
  return getRequest(db, scope, actor, requestId);
}

/** "Remind now": a reminder outside the schedule (it does not use up the scheduled ones). */
export async function remindNow(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  actor: Actor,
  requestId: string,
): Promise<RequestView> {
  const firmId = scope.firm.id;
  await inTransaction(db, async (tx) => {
    const loaded = await loadRequest(tx, firmId, actor, requestId);
    requireStaff(loaded);
    if (loaded.request.status !== "open")
      throw new AppError(
        "STATUS_TRANSITION",
        `the request is ${loaded.request.status}: reminders go only while the client still owes an answer`,
        { status: loaded.request.status },
      );
    await sendReminder(tx, scope, deps, loaded.request, loaded.who, loaded.client);
  });
  return getRequest(db, scope, actor, requestId);
}

async function sendReminder(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  request: FileRequestRecord,
  author: EventAuthor,
  client: Client,
): Promise<void> {
  const recipients = await recipientsNow(db, scope.firm.id, {
    client,
    recipients: await selectRecipientIds(db, scope.firm.id, request.id),
  });
  const eventId = await recordEvent(db, scope, author, {
    clientId: client.id,
    kind: "request.reminded",
    audience: "request",
    requestId: request.id,
    summary:
      author.userId === null
        ? `A reminder went to ${recipients.length} recipient${recipients.length === 1 ? "" : "s"}`
        : `${author.name} sent a reminder`,
  });
  await mailRecipients(db, scope, deps, {
    request,
    client,
    eventId,
    recipients,
    replyTo: await replyToOf(db, scope.firm.id, request.createdBy),
    kind: "reminder",
    askedBy: author.name,
  });
}

/**
 * Queues the job for the request's next planned reminder, if one is planned. The job's key names
 * the reminder's number and due time, so a request rescheduled later gets a new job and an old
 * job finds the plan moved on and does nothing (sendScheduledReminder).
 */
function scheduleReminder(db: Db, scope: FirmScope, request: FileRequestRecord): Promise<void> {
  // Wired to the durable job table once it lands (src/jobs); until then reminders go by "remind now".
  void db;
  void scope;
  void request;
  return Promise.resolve();
}

/**
 * Sends the scheduled reminder number `n` due at `dueAt`, if it is still the one planned: a
 * request that was answered, closed, rescheduled or already reminded has moved on, and the job
 * does nothing. Then plans the next one.
 */
export async function sendScheduledReminder(
  db: Db,
  scope: FirmScope,
  deps: RequestDeps,
  requestId: string,
  n: number,
  dueAt: string,
): Promise<boolean> {
  const request = await findRequest(db, scope.firm.id, requestId);
  if (!request || request.status !== "open") return false;
  if (request.remindersSent !== n - 1 || request.nextReminderAt !== dueAt) return false;
  const client = await findClient(db, scope.firm.id, request.clientId);
  if (!client) return false;
  await sendReminder(db, scope, deps, request, SYSTEM_AUTHOR, client);
  const now = scope.clock.now();
  const plan = { everyDays: request.remindEveryDays, max: request.remindMax, sent: n };
  const next = nextReminderAt(plan, "open", now);
  await updateRequest(
    db,
    scope.firm.id,
    requestId,
    { remindersSent: n, nextReminderAt: next },
    now.toISOString(),
  );
  await scheduleReminder(db, scope, { ...request, remindersSent: n, nextReminderAt: next });
  return true;
}
