/**
 * The firm's user accounts: listing, reading, and enabling or disabling them. Disabling ends
 * the user's sessions, revokes their API tokens and spends their outstanding links, so every
 * way in stops on the very next request.
 */
import { AppError, notFound } from "../domain/errors.js";
import { appendAudit } from "../store/audit.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import { inTransaction } from "../store/transaction.js";
import { selectActiveAdminIds } from "./access-store.js";
import {
  findUserById,
  revokeApiTokensOf,
  revokeSessions,
  selectUserPage,
  type UserFilter,
  type UserSort,
  updateUser,
  type UserAccount,
} from "./account-store.js";
import { authorize, can, rightsOf, type Actor } from "./authorize.js";
import { spendLinksOf } from "./link-store.js";

const selfId = (actor: Actor): string | null => (actor.kind === "user" ? actor.user.id : null);

/** Everyone may read their own account; other accounts need users:R. */
const mayRead = (actor: Actor, userId: string): boolean =>
  selfId(actor) === userId || can(actor, "R", { object: "users" });

/** One page of the accounts a filter matches: all for whoever may read users, else their own. */
export function listUserPage(
  db: Db,
  actor: Actor,
  firmId: string,
  filter: Omit<UserFilter, "readable">,
  page: PageRequest<UserSort>,
): Promise<RowPage<UserAccount>> {
  rightsOf(actor); // anonymous callers: 401
  const self = selfId(actor);
  const readable = can(actor, "R", { object: "users" }) ? "all" : self ? [self] : [];
  return selectUserPage(db, firmId, { ...filter, readable }, page);
}

export async function getUser(db: Db, actor: Actor, firmId: string, userId: string): Promise<UserAccount> {
  const user = await findUserById(db, firmId, userId);
  if (!user || !mayRead(actor, userId)) throw notFound("user", userId);
  return user;
}

async function assertNotLastAdmin(db: Db, firmId: string, userId: string): Promise<void> {
  const admins = await selectActiveAdminIds(db, firmId);
  if (admins.has(userId) && admins.size === 1)
    throw new AppError("STATUS_TRANSITION", "this is the firm's last active Admin; make another Admin first");
}

/**
 * Enabling brings a disabled user back: active if they had set a password, else invited (to
 * be sent a new invitation). Nobody changes their own status: an Admin cannot lock themselves
 * out, and a disabled user has no session to re-enable themselves with anyway.
 */
export async function setUserStatus(
  db: Db,
  clock: Clock,
  actor: Actor,
  firmId: string,
  userId: string,
  status: "active" | "disabled",
): Promise<UserAccount> {
  if (selfId(actor) === userId)
    throw new AppError("FORBIDDEN", "you cannot change the status of your own account");
  return inTransaction(db, async (tx) => {
    const user = await findUserById(tx, firmId, userId);
    if (!user || !mayRead(actor, userId)) throw notFound("user", userId);
    authorize(actor, "E", { object: "users" });
    if (user.status === status) return user;
    const now = clock.now().toISOString();
    if (status === "disabled") {
      await assertNotLastAdmin(tx, firmId, userId);
      await updateUser(tx, firmId, userId, { status: "disabled" }, now);
      await revokeSessions(tx, { userId }, now);
      await revokeApiTokensOf(tx, firmId, userId, now);
      await spendLinksOf(tx, firmId, userId, undefined, now);
    } else {
      if (user.status === "invited")
        throw new AppError(
          "STATUS_TRANSITION",
          "an invited user activates by the emailed link; resend the invitation",
        );
      await updateUser(tx, firmId, userId, { status: user.passwordHash ? "active" : "invited" }, now);
    }
    const who = actor.kind === "user" ? actor.user.email : actor.kind;
    await appendAudit(tx, {
      firmId,
      at: now,
      actor: who,
      action: `user.${status === "active" ? "enable" : "disable"}`,
      subject: userId,
      details: {},
    });
    return (await findUserById(tx, firmId, userId))!;
  });
}
