/**
 * Who may do what with time and expense entries (shared/design/access.md, "Own vs all"):
 * a staff user's own entries (staff = theirs); entries of the clients a role or a partner /
 * manager post reaches; every entry with a system-scope role. Get, change and delete check one
 * entry with `authorize`; lists and reports apply the same rule in SQL (EntryVisibility).
 */
import { authorize, readableEntities, rightsOf, type Actor } from "../access/authorize.js";
import type { AccessTarget, Action } from "../access/permissions.js";
import type { EntryStatus } from "../domain/entries.js";
import { AppError, invalid } from "../domain/errors.js";
import type { EntryKind, EntryVisibility } from "./entry-store.js";

export type EntryObject = "time_entries" | "expense_entries";

export const entryObject = (kind: EntryKind): EntryObject =>
  kind === "time" ? "time_entries" : "expense_entries";

const entryNoun = (kind: EntryKind): string => `${kind} entry`;

/** Where an entry sits, as authorization sees it: its client and its staff member. */
export interface EntryPlacement {
  staffId: string;
  clientId: string;
}

const targetOf = (kind: EntryKind, entry: EntryPlacement): AccessTarget => ({
  object: entryObject(kind),
  entityId: entry.clientId,
  ownerStaffId: entry.staffId,
});

/** Read, edit or delete one entry: 404 when the caller may not read it, 403 when only read. */
export function authorizeEntry(
  actor: Actor,
  action: Action,
  kind: EntryKind,
  entry: EntryPlacement & { id: string },
): void {
  authorize(actor, action, targetOf(kind, entry), { what: entryNoun(kind), key: entry.id });
}

/**
 * Putting an entry somewhere (create, or move it to another staff member or client): anyone's
 * own entries on any client; another staff member's only with a role's (or a partner /
 * manager's) create right on that client. This is what stops a staff user assigning work to a
 * colleague through the body's staffId.
 */
export function authorizePlacement(actor: Actor, kind: EntryKind, placement: EntryPlacement): void {
  authorize(actor, "C", targetOf(kind, placement));
}

/** The staff member a new entry is for: the body's, else the caller's own. */
export function staffIdFor(actor: Actor, given: string | undefined): string {
  const staffId = given ?? rightsOf(actor).staffId;
  // Only staff record time and expenses; a contact (no staff record) may not, whatever the body says.
  if (!staffId)
    throw new AppError("FORBIDDEN", "only staff members record time and expenses", {
      permission: "time_entries:C",
    });
  return staffId;
}

/** Statuses a reviewer sets or takes back; moving an entry into or out of them is reviewing. */
const REVIEWED: ReadonlySet<EntryStatus> = new Set(["approved", "billed", "transferred"]);

/**
 * Submitting (or recalling) one's own entry is an edit of it. Approving, billing, transferring
 * or un-approving is a review: it needs the edit right on the client's entries through a role
 * or a partner / manager post, never through ownership, so nobody approves their own time
 * unless a role makes them a reviewer there.
 */
export function authorizeStatusChange(
  actor: Actor,
  kind: EntryKind,
  entry: EntryPlacement & { id: string; status: EntryStatus },
  status: EntryStatus,
): void {
  authorizeEntry(actor, "R", kind, entry);
  const review = REVIEWED.has(status) || REVIEWED.has(entry.status);
  authorize(
    actor,
    "E",
    review ? { object: entryObject(kind), entityId: entry.clientId } : targetOf(kind, entry),
  );
}

/**
 * A reviewer who sends a submitted entry back to its staff member (submitted → draft) says why;
 * staff recalling their own entry need not. A comment only ever goes with that move.
 */
export function assertReturnComment(
  actor: Actor,
  entry: { id: string; staffId: string; status: EntryStatus },
  status: EntryStatus,
  comment: string | undefined,
): void {
  if (comment !== undefined && status !== "draft")
    throw invalid("a comment goes only with returning entries to their staff member (status draft)", {
      field: "comment",
    });
  const returning = status === "draft" && entry.status === "submitted";
  if (returning && !comment && entry.staffId !== rightsOf(actor).staffId)
    throw invalid("returning another's submitted entry to its staff member needs a comment saying why", {
      field: "comment",
    });
}

/** The entries a caller may read, for lists and reports to filter in SQL. */
export function entryVisibility(actor: Actor, kind: EntryKind): EntryVisibility {
  const reach = readableEntities(actor, entryObject(kind));
  if (reach === "all") return "all";
  return { ownStaffId: rightsOf(actor).staffId, clientIds: [...reach] };
}

/** A caller who can read no entry at all: lists answer empty without looking anything up. */
export const seesNothing = (visibility: EntryVisibility): boolean =>
  visibility !== "all" && !visibility.ownStaffId && visibility.clientIds.length === 0;

/** Changing entries in bulk across the firm (reprice): both kinds' edit right at system scope. */
export function authorizeFirmWideEdit(actor: Actor): void {
  authorize(actor, "E", { object: "time_entries" });
  authorize(actor, "E", { object: "expense_entries" });
}
