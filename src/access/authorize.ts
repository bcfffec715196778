/**
 * The one authorization check every path uses: `authorize(actor, action, target)`.
 * Anonymous callers get 401; a user who may not even read the object gets 404 (its existence
 * is not theirs to learn); a user who may read it but not do this gets 403.
 */
import { AppError, notFound } from "../domain/errors.js";
import type { UserAccount } from "./account-store.js";
import {
  allows,
  reachableEntities,
  reachableItems,
  type AccessObject,
  type AccessTarget,
  type Action,
  type Rights,
} from "./permissions.js";

export type Actor =
  | { kind: "anonymous" }
  /** The built-in supervisor of an unprotected desktop file. */
  | { kind: "supervisor"; rights: Rights }
  | {
      kind: "user";
      user: UserAccount;
      rights: Rights;
      sessionId: string | null;
      tokenId: string | null;
      /** A session opened by a request email's link reaches that file request only. */
      requestOnly?: string | null;
    };

export const ANONYMOUS: Actor = { kind: "anonymous" };

export const SUPERVISOR: Actor = {
  kind: "supervisor",
  rights: {
    unrestricted: true,
    staffId: null,
    contactId: null,
    assignments: [],
    managedEntityIds: new Set(),
  },
};

export function rightsOf(actor: Actor): Rights {
  if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "sign in first");
  return actor.rights;
}

export function can(actor: Actor, action: Action, target: AccessTarget): boolean {
  return actor.kind !== "anonymous" && allows(actor.rights, action, target);
}

export function authorize(
  actor: Actor,
  action: Action,
  target: AccessTarget,
  hidden?: { what: string; key: string },
): void {
  const rights = rightsOf(actor);
  if (allows(rights, action, target)) return;
  // A caller who may not read the object learns nothing about it, not even that it exists.
  if (hidden && (action === "R" || !allows(rights, "R", target))) throw notFound(hidden.what, hidden.key);
  throw new AppError(
    "FORBIDDEN",
    `you may not ${ACTION_WORDS[action]} ${target.object.replaceAll("_", " ")}`,
    {
      permission: `${target.object}:${action}`,
    },
  );
}

const ACTION_WORDS: Record<Action, string> = {
  C: "create",
  R: "read",
  E: "edit",
  D: "delete",
  A: "share",
  S: "share",
};

/** For lists: every row ("all") or only rows of these entities. */
export function readableEntities(actor: Actor, object: AccessObject): "all" | Set<string> {
  return reachableEntities(rightsOf(actor), "R", object);
}

/** For lists of entity content that roles may also reach item by item (projects). */
export function readableContent(
  actor: Actor,
  object: AccessObject,
): "all" | { entityIds: Set<string>; itemIds: Set<string> } {
  const entityIds = readableEntities(actor, object);
  if (entityIds === "all") return "all";
  return { entityIds, itemIds: reachableItems(rightsOf(actor), "R", object) };
}

/** The staff id of a user actor, for "own entries" lists. */
export const actorStaffId = (actor: Actor): string | null =>
  actor.kind === "user" ? actor.user.staffId : null;
