/**
 * The portal around requests and files: who an entity's requests can go to, the entity's
 * history as the reader may see it, what waits for the signed-in person, and the firm's
 * portal settings.
 */
import { authorize, type Actor } from "../access/authorize.js";
import { allows } from "../access/permissions.js";
import { AppError, notFound } from "../domain/errors.js";
import { findClient, type Client } from "../firm-setup/client-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { selectEventPage, type EventPage } from "./entity-event-store.js";
import { selectItems, selectRequestPage } from "./file-request-store.js";
import { contactReaches, sideOf, staffRunsRequests } from "./portal-access.js";
import { portalActorOf } from "./portal-actor.js";
import { contactsReaching, type PortalContact } from "./portal-people.js";
import { readPortalSettings, writePortalSettings, type PortalSettings } from "./portal-settings.js";

async function clientSeenBy(db: Db, firmId: string, actor: Actor, clientId: string): Promise<Client> {
  const client = await findClient(db, firmId, clientId);
  if (!client || client.id !== clientId) throw notFound("client", clientId);
  if (actor.kind === "anonymous" || !allows(actor.rights, "R", { object: "entities", entityId: client.id }))
    throw notFound("client", clientId);
  return client;
}

/** The contacts a request on the client may go to: staff who run its requests ask. */
export async function listPortalContacts(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  clientId: string,
): Promise<PortalContact[]> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const client = await clientSeenBy(db, scope.firm.id, actor, clientId);
  if (!staffRunsRequests(who.rights, client.id))
    throw new AppError("FORBIDDEN", "seeing whom to ask needs Viewer rights on the client", {
      permission: "activities:R",
    });
  return contactsReaching(db, scope.firm.id, client.id);
}

/**
 * The entity's history: all of it for staff who see its content (activities:R), a contact's
 * part for a contact who reaches it; 404 for everyone else.
 */
export async function entityHistory(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  clientId: string,
  page: { limit: number; offset: number; newestFirst: boolean; requestId?: string; fileId?: string },
): Promise<EventPage> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  const client = await findClient(db, scope.firm.id, clientId);
  if (!client || client.id !== clientId) throw notFound("client", clientId);
  if (who.requestOnly !== null) throw notFound("client", clientId);
  if (sideOf(who.rights) === "contact") {
    if (!contactReaches(who.rights, client.id)) throw notFound("client", clientId);
    return selectEventPage(
      db,
      scope.firm.id,
      client.id,
      { kind: "contact", contactId: who.rights.contactId! },
      page,
    );
  }
  if (!staffRunsRequests(who.rights, client.id)) {
    await clientSeenBy(db, scope.firm.id, actor, clientId);
    throw new AppError("FORBIDDEN", "an entity's history needs Viewer rights on it", {
      permission: "activities:R",
    });
  }
  return selectEventPage(db, scope.firm.id, client.id, { kind: "staff" }, page);
}

export interface WaitingRequest {
  id: string;
  clientId: string;
  clientName: string;
  subject: string;
  status: "open" | "responded";
  mayUpload: boolean;
  /** A contact: the items still to answer. Staff: the items answered and waiting for review. */
  items: { id: string; title: string; dueDate: string | null }[];
}

export interface WaitingApproval {
  id: string;
  clientId: string;
  clientName: string;
  fileId: string;
  fileName: string;
  requestedAt: string;
  message: string;
}

/** A contact's approvals still to decide, on clients they still reach; oldest first. */
export async function approvalsWaitingFor(
  db: Db,
  scope: FirmScope,
  actor: Actor,
): Promise<WaitingApproval[]> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  if (sideOf(who.rights) !== "contact" || who.requestOnly !== null) return [];
  const rows = await db
    .selectFrom("approval as a")
    .innerJoin("entity_file as f", (join) =>
      join.onRef("f.id", "=", "a.file_id").onRef("f.firm_id", "=", "a.firm_id"),
    )
    .innerJoin("client as c", (join) =>
      join.onRef("c.id", "=", "a.client_id").onRef("c.firm_id", "=", "a.firm_id"),
    )
    .select([
      "a.id",
      "a.client_id",
      "c.name as client_name",
      "a.file_id",
      "f.name as file_name",
      "a.requested_at",
      "a.message",
    ])
    .where("a.firm_id", "=", scope.firm.id)
    .where("a.contact_id", "=", who.rights.contactId!)
    .where("a.status", "=", "pending")
    .orderBy("a.requested_at")
    .limit(50)
    .execute();
  return rows
    .filter((row) => contactReaches(who.rights, row.client_id))
    .map((row) => ({
      id: row.id,
      clientId: row.client_id,
      clientName: row.client_name,
      fileId: row.file_id,
      fileName: row.file_name,
      requestedAt: row.requested_at,
      message: row.message,
    }));
}

/**
 * What waits for the signed-in person: a contact's open requests with the items still to
 * answer; for staff, the requests of theirs with answers to review. At most 50, oldest first.
 */
export async function waitingFor(db: Db, scope: FirmScope, actor: Actor): Promise<WaitingRequest[]> {
  const firmId = scope.firm.id;
  const who = await portalActorOf(db, firmId, actor);
  const contact = sideOf(who.rights) === "contact";
  const reach = new Set<string>();
  for (const a of who.rights.assignments)
    if (a.scope === "entity" && a.entityId && contactReaches(who.rights, a.entityId)) reach.add(a.entityId);
  const page = await selectRequestPage(
    db,
    firmId,
    contact
      ? {
          clientIds: "all",
          recipient: { contactId: who.rights.contactId!, clientIds: reach },
          status: ["open"],
          ...(who.requestOnly ? { requestId: who.requestOnly } : {}),
        }
      : { clientIds: "all", createdBy: who.userId, status: ["open", "responded"] },
    { limit: 50, offset: 0, sort: "createdAt" },
  );
  const waiting: WaitingRequest[] = [];
  for (const request of page.items) {
    const items = await selectItems(db, firmId, request.id);
    const pending = items.filter((item) => item.status === (contact ? "open" : "responded"));
    if (pending.length === 0) continue;
    const client = await findClient(db, firmId, request.clientId);
    waiting.push({
      id: request.id,
      clientId: request.clientId,
      clientName: client?.name ?? "",
      subject: request.subject,
      status: request.status as "open" | "responded",
      mayUpload: contact && allows(who.rights, "C", { object: "files", entityId: request.clientId }),
      items: pending.map((item) => ({ id: item.id, title: item.title, dueDate: item.dueDate })),
    });
  }
  return waiting;
}

/** Staff read the firm's portal settings (they decide what the emails say); contacts do not. */
export async function getPortalSettings(db: Db, scope: FirmScope, actor: Actor): Promise<PortalSettings> {
  const who = await portalActorOf(db, scope.firm.id, actor);
  if (sideOf(who.rights) === "contact")
    throw new AppError("FORBIDDEN", "the portal's settings are the firm's", { permission: "settings:R" });
  return readPortalSettings(db, scope.firm.id);
}

export async function setPortalSettings(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  settings: PortalSettings,
): Promise<PortalSettings> {
  authorize(actor, "E", { object: "settings" });
  await writePortalSettings(db, scope.firm.id, settings, scope.clock.now().toISOString());
  return readPortalSettings(db, scope.firm.id);
}
