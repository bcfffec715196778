/**
 * Password reset by emailed link and password change. Both end the user's other sessions:
 * whoever knew the old password (or held a stolen cookie) is signed out.
 */
import { AppError, invalid } from "../domain/errors.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { enqueueMail } from "../mail/enqueue.js";
import { appendAudit } from "../store/audit.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { findUserByEmail, revokeSessions, updateUser } from "./account-store.js";
import type { Actor } from "./authorize.js";
import { issueLink, redeemLink, userOfLink, type IssuedLink, type LinkDeps } from "./link-service.js";
import { countLinksSince } from "./link-store.js";
import { assertLoginAllowed, recordLoginAttempt } from "./login-limits.js";
import { checkNewPassword, hashPassword, verifyPassword } from "./passwords.js";

/** Enough for a lost email or two, too few to flood someone's inbox through the public route. */
const RESET_LINKS_PER_HOUR = 3;

function resetText(firm: Firm, link: IssuedLink): string {
  return [
    "Hello,",
    "",
    `Someone asked to reset the password of your firmtime account at ${firm.name}.`,
    "To choose a new password, open:",
    "",
    link.url,
    "",
    `The link works once, until ${link.expiresAt.slice(0, 16).replace("T", " ")} UTC.`,
    "If it was not you, ignore this email: your password stays as it is.",
  ].join("\n");
}

/**
 * Queues a reset email when the email belongs to an active account. The caller answers the
 * same whatever happened here, so the route never tells which emails have accounts.
 */
export async function requestPasswordReset(db: Db, deps: LinkDeps, firm: Firm, email: string): Promise<void> {
  const user = await findUserByEmail(db, firm.id, email);
  if (!user || user.status !== "active") return;
  await inTransaction(db, async (tx) => {
    const hourAgo = new Date(deps.clock.now().getTime() - 3_600_000).toISOString();
    if ((await countLinksSince(tx, firm.id, user.id, "reset", hourAgo)) >= RESET_LINKS_PER_HOUR) return;
    const link = await issueLink(tx, deps, firm, user, "reset");
    await enqueueMail(tx, deps.clock, {
      firmId: firm.id,
      eventKey: `reset:${link.id}`,
      to: user.email,
      subject: `Reset your firmtime password at ${firm.name}`,
      text: resetText(firm, link),
    });
  });
}

export async function confirmPasswordReset(
  db: Db,
  clock: Clock,
  firmId: string,
  input: { token: string; password: string },
): Promise<void> {
  await userOfLink(db, clock, firmId, "reset", input.token);
  const passwordHash = await hashPassword(checkNewPassword(input.password));
  await inTransaction(db, async (tx) => {
    const user = await redeemLink(tx, clock, firmId, "reset", input.token);
    const now = clock.now().toISOString();
    await updateUser(tx, firmId, user.id, { passwordHash }, now);
    await revokeSessions(tx, { userId: user.id }, now);
    await appendAudit(tx, {
      firmId,
      at: now,
      actor: user.email,
      action: "user.password-reset",
      subject: user.id,
      details: {},
    });
  });
}

/**
 * Changes the caller's password after checking the current one. Wrong guesses count against
 * the login rate limit, so a stolen session cannot brute-force the password either.
 */
export async function changePassword(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; address: string },
): Promise<void> {
  if (actor.kind !== "user") throw new AppError("UNAUTHENTICATED", "sign in as a user first");
  const { user } = actor;
  const attempt = { firmId: user.firmId, email: user.email, address: input.address };
  await assertLoginAllowed(db, clock, attempt);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordLoginAttempt(db, clock, attempt, false);
    throw invalid("the current password is wrong", { field: "currentPassword" });
  }
  if (input.newPassword === input.currentPassword)
    throw invalid("choose a password other than the current one");
  const passwordHash = await hashPassword(checkNewPassword(input.newPassword));
  await inTransaction(db, async (tx) => {
    const now = clock.now().toISOString();
    await updateUser(tx, user.firmId, user.id, { passwordHash }, now);
    // The session making the change stays; a token-authenticated change ends every session.
    await revokeSessions(tx, { userId: user.id, exceptId: actor.sessionId }, now);
    await appendAudit(tx, {
      firmId: user.firmId,
      at: now,
      actor: user.email,
      action: "user.password-change",
      subject: user.id,
      details: {},
    });
  });
}
