/**
 * Recording what happens to an entity, in the same transaction as the change itself, so the
 * history never misses a committed change nor shows one that rolled back.
 */
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { insertEvent, type EventAudience } from "./entity-event-store.js";

/** Everything the history records. */
export const EVENT_KINDS = [
  "file.uploaded",
  "file.version",
  "file.downloaded",
  "file.renamed",
  "file.moved",
  "file.shared",
  "file.unshared",
  "file.deleted",
  "folder.created",
  "folder.renamed",
  "folder.moved",
  "folder.deleted",
  "request.created",
  "request.responded",
  "request.completed",
  "request.cancelled",
  "request.reminded",
  "item.uploaded",
  "item.responded",
  "item.completed",
  "item.returned",
  "item.cancelled",
  "item.commented",
  "approval.requested",
  "approval.approved",
  "approval.declined",
  "approval.cancelled",
  "share.added",
  "share.removed",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EventInput {
  clientId: string;
  kind: EventKind;
  audience: EventAudience;
  /** A sentence for people, in the past tense, naming what it concerns ("uploaded W-2.pdf"). */
  summary: string;
  requestId?: string | null;
  fileId?: string | null;
  contactId?: string | null;
  details?: Record<string, unknown>;
}

/** Who did it; null with a name for what the system does itself (a scheduled reminder). */
export interface EventAuthor {
  userId: string | null;
  name: string;
}

export const SYSTEM_AUTHOR: EventAuthor = { userId: null, name: "firmtime" };

export async function recordEvent(
  db: Db,
  scope: FirmScope,
  author: EventAuthor,
  event: EventInput,
): Promise<string> {
  return insertEvent(db, scope.firm.id, {
    clientId: event.clientId,
    at: scope.clock.now().toISOString(),
    actorId: author.userId,
    actorName: author.name,
    kind: event.kind,
    audience: event.audience,
    requestId: event.requestId ?? null,
    fileId: event.fileId ?? null,
    contactId: event.contactId ?? null,
    summary: event.summary,
    details: event.details ?? {},
  });
}
