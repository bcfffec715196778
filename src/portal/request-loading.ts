/**
 * Loading a file request as the caller may see it — or 404 — with what every step needs: the
 * caller, the client, the recipients and the caller's standing on the request.
 */
import type { Actor } from "../access/authorize.js";
import type { LinkDeps } from "../access/link-service.js";
import { notFound } from "../domain/errors.js";
import { findClient, type Client } from "../firm-setup/client-store.js";
import type { Db } from "../store/database.js";
import { findRequest, selectRecipientIds, type FileRequestRecord } from "./file-request-store.js";
import type { Notified } from "./notifications.js";
import { contactOnRequest, mayOnFile, sideOf, staffRunsRequests } from "./portal-access.js";
import { portalActorOf, type PortalActor } from "./portal-actor.js";
import { contactsReaching, userContact } from "./portal-people.js";

/** What request services need besides the database: the clock and how to make links. */
export type RequestDeps = LinkDeps;

export interface Loaded {
  who: PortalActor;
  request: FileRequestRecord;
  client: Client;
  recipients: string[];
  standing: "staff" | "comment" | "upload";
}

/** The request as the caller may see it, or 404 when they may not see it at all. */
export async function loadRequest(db: Db, firmId: string, actor: Actor, requestId: string): Promise<Loaded> {
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

export const mayStaffUpload = (loaded: Loaded) =>
  mayOnFile(loaded.who.rights, "upload", loaded.client.id, "shared");

export async function replyToOf(db: Db, firmId: string, userId: string): Promise<string | null> {
  return (await userContact(db, firmId, userId))?.email ?? null;
}

/** The request's recipients who still reach the entity (revoked access: no more emails). */
export async function recipientsNow(
  db: Db,
  firmId: string,
  loaded: { client: Client; recipients: string[] },
): Promise<Notified[]> {
  const reaching = await contactsReaching(db, firmId, loaded.client.id);
  return reaching.filter((contact) => loaded.recipients.includes(contact.contactId));
}
