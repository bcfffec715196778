/**
 * Server-side sessions and API tokens. A session id is a random secret held only by the
 * cookie; the database keeps its SHA-256. Sessions end at an idle timeout, an absolute
 * timeout, logout, a password change or when the user is disabled; tokens when revoked.
 */
import { AppError } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { loadRights } from "./access-store.js";
import {
  findApiTokenByHash,
  findSession,
  findUserById,
  insertApiToken,
  insertSession,
  touchApiToken,
  touchSession,
  type UserAccount,
} from "./account-store.js";
import type { Actor } from "./authorize.js";
import { newSecret, sha256 } from "./secrets.js";

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface NewSession {
  /** The cookie value. */
  token: string;
  csrfToken: string;
  expiresAt: string;
  /** A request link's session: the one file request it reaches. */
  requestId: string | null;
}

export async function startSession(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  user: UserAccount,
  /** A request email's link: the session reaches that file request only. */
  requestId: string | null = null,
): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret(24);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString();
  await insertSession(db, {
    id: sha256(token),
    firmId: user.firmId,
    userId: user.id,
    csrfToken,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt,
    revokedAt: null,
    requestId,
  });
  return { token, csrfToken, expiresAt, requestId };
}

async function activeUserActor(
  db: Db,
  firmId: string,
  userId: string,
  via: { sessionId?: string; tokenId?: string; requestId?: string | null },
): Promise<Actor | undefined> {
  const user = await findUserById(db, firmId, userId);
  // A request link lets an invited contact in (to that request only): the emailed link proves
  // the mailbox as the activation link does. Nothing lets a disabled user in.
  const usable = user?.status === "active" || (user?.status === "invited" && Boolean(via.requestId));
  if (!user || !usable) return undefined;
  const rights = await loadRights(db, firmId, user);
  return {
    kind: "user",
    user,
    rights,
    sessionId: via.sessionId ?? null,
    tokenId: via.tokenId ?? null,
    requestOnly: via.requestId ?? null,
  };
}

/** The actor behind a session cookie, or undefined when the session is unknown, ended or of another firm. */
export async function actorFromSession(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  firmId: string,
  token: string,
): Promise<{ actor: Actor; csrfToken: string } | undefined> {
  const session = await findSession(db, sha256(token));
  if (!session || session.revokedAt || session.firmId !== firmId) return undefined;
  const now = clock.now();
  const idleSince = now.getTime() - Date.parse(session.lastSeenAt);
  if (now.toISOString() >= session.expiresAt || idleSince > policy.idleMinutes * 60_000) return undefined;
  const actor = await activeUserActor(db, firmId, session.userId, {
    sessionId: session.id,
    requestId: session.requestId ?? null,
  });
  if (!actor) return undefined;
  // Touch at most once a minute: an idle timeout needs minutes, not a write per request.
  if (idleSince > 60_000) await touchSession(db, session.id, now.toISOString());
  return { actor, csrfToken: session.csrfToken };
}

export const TOKEN_PREFIX = "ftk_";

export async function createApiToken(
  db: Db,
  clock: Clock,
  user: UserAccount,
  name: string,
): Promise<{ id: string; token: string }> {
  const label = name.trim();
  if (!label || label.length > 100)
    throw new AppError("VALIDATION", "a token needs a name of 1 to 100 characters");
  const token = TOKEN_PREFIX + newSecret();
  const id = newId();
  await insertApiToken(db, {
    id,
    firmId: user.firmId,
    userId: user.id,
    name: label,
    tokenHash: sha256(token),
    createdAt: clock.now().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  });
  return { id, token };
}

export async function actorFromToken(
  db: Db,
  clock: Clock,
  firmId: string,
  token: string,
): Promise<Actor | undefined> {
  const row = await findApiTokenByHash(db, sha256(token));
  if (!row || row.revokedAt || row.firmId !== firmId) return undefined;
  const actor = await activeUserActor(db, firmId, row.userId, { tokenId: row.id });
  // As sessions: "last used" to the minute, not a write on every request (a read included).
  const now = clock.now();
  const usedAgo = row.lastUsedAt ? now.getTime() - Date.parse(row.lastUsedAt) : Infinity;
  if (actor && usedAgo > 60_000) await touchApiToken(db, row.id, now.toISOString());
  return actor;
}
