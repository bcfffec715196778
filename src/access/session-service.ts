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
import type { ActorCache, CachedSession } from "./actor-cache.js";
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

/** A server's remembered callers and the firm's access version read for this request. */
export interface KnownActors {
  cache: ActorCache;
  version: number;
}

/** Whether a session is still within its absolute and idle timeouts at `now`. */
const sessionLive = (session: CachedSession, policy: SessionPolicy, now: Date): boolean =>
  now.toISOString() < session.expiresAt &&
  now.getTime() - Date.parse(session.lastSeenAt) <= policy.idleMinutes * 60_000;

/** Touch at most once a minute: an idle timeout needs minutes, not a write per request. */
async function touchIfDue(db: Db, id: string, session: CachedSession, now: Date): Promise<void> {
  if (now.getTime() - Date.parse(session.lastSeenAt) <= 60_000) return;
  await touchSession(db, id, now.toISOString());
  session.lastSeenAt = now.toISOString();
}

/** The actor behind a session cookie, or undefined when the session is unknown, ended or of another firm. */
export async function actorFromSession(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  firmId: string,
  token: string,
  known?: KnownActors,
): Promise<{ actor: Actor; csrfToken: string } | undefined> {
  const id = sha256(token);
  const now = clock.now();
  const hit = known?.cache.get(id, firmId, known.version);
  // A session that looks ended by what this server remembers is read again: another server
  // may have seen it since.
  if (hit?.session && hit.csrfToken && sessionLive(hit.session, policy, now)) {
    await touchIfDue(db, id, hit.session, now);
    return { actor: hit.actor, csrfToken: hit.csrfToken };
  }
  const session = await findSession(db, id);
  if (!session || session.revokedAt || session.firmId !== firmId) return undefined;
  const times: CachedSession = { expiresAt: session.expiresAt, lastSeenAt: session.lastSeenAt };
  if (!sessionLive(times, policy, now)) return undefined;
  const actor = await activeUserActor(db, firmId, session.userId, {
    sessionId: session.id,
    requestId: session.requestId ?? null,
  });
  if (!actor) return undefined;
  await touchIfDue(db, id, times, now);
  known?.cache.set(id, {
    firmId,
    version: known.version,
    actor,
    csrfToken: session.csrfToken,
    session: times,
    lastUsedAt: null,
  });
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
  known?: KnownActors,
): Promise<Actor | undefined> {
  const hash = sha256(token);
  const now = clock.now();
  const hit = known?.cache.get(hash, firmId, known.version);
  if (hit && !hit.session) {
    hit.lastUsedAt = await touchTokenIfDue(db, hit.actor, hit.lastUsedAt, now);
    return hit.actor;
  }
  const row = await findApiTokenByHash(db, hash);
  if (!row || row.revokedAt || row.firmId !== firmId) return undefined;
  const actor = await activeUserActor(db, firmId, row.userId, { tokenId: row.id });
  if (!actor) return undefined;
  const lastUsedAt = await touchTokenIfDue(db, actor, row.lastUsedAt, now);
  known?.cache.set(hash, {
    firmId,
    version: known.version,
    actor,
    csrfToken: null,
    session: null,
    lastUsedAt,
  });
  return actor;
}

/** As sessions: "last used" to the minute, not a write on every request (a read included). */
async function touchTokenIfDue(
  db: Db,
  actor: Actor,
  lastUsedAt: string | null,
  now: Date,
): Promise<string | null> {
  const usedAgo = lastUsedAt ? now.getTime() - Date.parse(lastUsedAt) : Infinity;
  if (actor.kind !== "user" || !actor.tokenId || usedAgo <= 60_000) return lastUsedAt;
  await touchApiToken(db, actor.tokenId, now.toISOString());
  return now.toISOString();
}
