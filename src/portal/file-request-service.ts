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
import { AppError, invalid, notFound } from "../domain/errors.js";
import { isIsoDate } from "../domain/dates.js";
import { findClient, type Client } from "../firm-setup/client-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import { inTransaction } from "../store/transaction.js";
import { recordEvent } from "./entity-events.js";
import { selectUserNames } from "./entity-event-store.js";
import { findEntityFile, selectItemVersions } from "./entity-file-store.js";
import {
  findRequest,
  insertRequest,
  selectComments,
  selectItems,
  selectRequestPage,
  type ItemAction,
  type RequestItemRecord,
  type RequestSort,
  type RequestStatus,
  type RequestSummary,
} from "./file-request-store.js";
import { markRequestSeen } from "./notifications.js";
import { sideOf, staffRunsRequests, type PortalSide } from "./portal-access.js";
import { portalActorOf, type PortalActor } from "./portal-actor.js";
import { contactsReaching } from "./portal-people.js";
import { isClosed, nextReminderAt } from "./request-lifecycle.js";
import { loadRequest, mayStaffUpload, replyToOf, type Loaded, type RequestDeps } from "./request-loading.js";
import { mailRecipients } from "./request-mail.js";
import { scheduleReminder } from "./request-reminders.js";

export const MAX_ITEMS = 50;
export const MAX_RECIPIENTS = 20;

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
