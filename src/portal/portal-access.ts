/**
 * Who may do what in an entity's portal: its files and its file requests. Pure rules over a
 * user's rights (permissions.ts), so the routes, the services and the lists all decide alike.
 *
 * Two sides, kept apart whatever roles a firm assigns:
 * - Staff (and the supervisor of an unprotected file) act through the object permissions on the
 *   entity: files C/R/E/D for files, and activities:R (Viewer, "view content and comment") to
 *   see, ask for, follow up and close file requests.
 * - A contact never sees a firm-only file or a request they were not sent, even if a firm gave
 *   them a staff role by mistake. They reach an entity through `entities:R` on it (Contact –
 *   Entity Access); they read the files the firm shared and those the client uploaded; they may
 *   upload (`files:C`, Contact – Entity Collaborator); they never delete, rename or move.
 * Rights are read on every request, so a revoked role stops working on the next one.
 */
import type { EntityFileKind } from "../store/tables.js";
import { allows, type Rights } from "../access/permissions.js";

export type PortalSide = "staff" | "contact";

export const sideOf = (rights: Rights): PortalSide => (rights.contactId !== null ? "contact" : "staff");

/** A contact reaches the entity: they see its summary, shared files and requests sent to them. */
export const contactReaches = (rights: Rights, entityId: string): boolean =>
  rights.contactId !== null && allows(rights, "R", { object: "entities", entityId });

/** A contact may upload to the entity (Contact – Entity Collaborator). */
export const contactCollaborates = (rights: Rights, entityId: string): boolean =>
  contactReaches(rights, entityId) && allows(rights, "C", { object: "files", entityId });

/** The kinds of file a contact may see. */
export const CONTACT_VISIBLE_KINDS: readonly EntityFileKind[] = ["shared", "client"];

export type FileAction = "read" | "upload" | "version" | "edit" | "delete";

/**
 * Whether `rights` allow `action` on a file of `kind` in the entity (for "upload", the kind the
 * new file would have). "version" is a new version of an existing file; "edit" renames, moves
 * or changes between firm-only and shared.
 */
export function mayOnFile(
  rights: Rights,
  action: FileAction,
  entityId: string,
  kind: EntityFileKind,
): boolean {
  if (sideOf(rights) === "contact") {
    if (!contactReaches(rights, entityId) || !CONTACT_VISIBLE_KINDS.includes(kind)) return false;
    switch (action) {
      case "read":
        return true;
      case "upload":
      case "version":
        // A contact adds their own documents; a shared file changes only through a request item
        // that asks them to update or sign it (file-request-service.ts).
        return kind === "client" && contactCollaborates(rights, entityId);
      case "edit":
      case "delete":
        return false;
    }
  }
  const target = { object: "files" as const, entityId };
  switch (action) {
    case "read":
      return allows(rights, "R", target);
    case "upload":
      // Staff file firm-only and shared documents; "client" files come from contacts.
      return kind !== "client" && allows(rights, "C", target);
    case "version":
    case "edit":
      return allows(rights, "E", target);
    case "delete":
      return allows(rights, "D", target);
  }
}

/** Staff who may see, create, follow up and close an entity's file requests (Viewer and up). */
export const staffRunsRequests = (rights: Rights, entityId: string): boolean =>
  sideOf(rights) === "staff" && allows(rights, "R", { object: "activities", entityId });

/**
 * A contact's standing on one request: none (not a recipient, or no longer reaching the entity),
 * a reader who may comment, or a collaborator who may also upload.
 */
export function contactOnRequest(
  rights: Rights,
  entityId: string,
  isRecipient: boolean,
): "none" | "comment" | "upload" {
  if (!isRecipient || !contactReaches(rights, entityId)) return "none";
  return contactCollaborates(rights, entityId) ? "upload" : "comment";
}
