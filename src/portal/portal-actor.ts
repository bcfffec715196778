/**
 * The person behind a portal action: the signed-in user (files and requests record who did
 * what by user id) with their rights and the name the history shows.
 */
import type { Actor } from "../access/authorize.js";
import type { Rights } from "../access/permissions.js";
import { AppError } from "../domain/errors.js";
import type { Db } from "../store/database.js";
import { selectUserNames } from "./entity-event-store.js";

export interface PortalActor {
  userId: string;
  name: string;
  rights: Rights;
  /** Set for a session opened by a request email's link: it reaches that request only. */
  requestOnly: string | null;
}

/**
 * The portal records who uploaded, asked, commented and approved: it needs a user. The
 * supervisor of an unprotected desktop file is nobody in particular, and contacts cannot sign in
 * to such a file anyway.
 */
export async function portalActorOf(db: Db, firmId: string, actor: Actor): Promise<PortalActor> {
  if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "sign in first");
  if (actor.kind !== "user")
    throw new AppError("PREREQUISITES", "the client portal needs signed-in users: turn protection on first");
  const names = await selectUserNames(db, firmId, [actor.user.id]);
  return {
    userId: actor.user.id,
    name: names.get(actor.user.id) ?? actor.user.email,
    rights: actor.rights,
    requestOnly: actor.requestOnly ?? null,
  };
}
