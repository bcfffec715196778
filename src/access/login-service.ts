/**
 * Signing in. An unknown email and a wrong password get the same answer after the same work
 * (a password hash is verified either way), so the answer never tells which emails exist.
 *
 * Rate limits, counted in login_attempt over a sliding window: failures per email of a firm
 * (whether or not an account has that email, so the limit tells nothing either), and a higher
 * limit per client address across all firms, against one address spraying many accounts.
 */
import { AppError } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { findUserByEmail, type UserAccount } from "./account-store.js";
import { countFailedAttempts, insertLoginAttempt } from "./login-attempt-store.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { startSession, type NewSession, type SessionPolicy } from "./session-service.js";

export const LOGIN_FAILED = "the email or the password is wrong";

export const LOGIN_LIMITS = {
  windowMinutes: 15,
  /** The 11th failure within the window is refused, even with the right password. */
  failuresPerAccount: 10,
  failuresPerAddress: 100,
};

/** Attempts count per email as typed, trimmed and lower-cased, never validated: typos count too. */
const attemptEmail = (email: string): string => email.trim().toLowerCase();

/** Refuses with RATE_LIMITED while the account or the address has too many recent failures. */
export async function assertLoginAllowed(
  db: Db,
  clock: Clock,
  attempt: { firmId: string; email: string; address: string },
): Promise<void> {
  const since = new Date(clock.now().getTime() - LOGIN_LIMITS.windowMinutes * 60_000).toISOString();
  const email = attemptEmail(attempt.email);
  const limited =
    (await countFailedAttempts(db, { firmId: attempt.firmId, email }, since)) >=
      LOGIN_LIMITS.failuresPerAccount ||
    (await countFailedAttempts(db, { address: attempt.address }, since)) >= LOGIN_LIMITS.failuresPerAddress;
  if (limited)
    throw new AppError(
      "RATE_LIMITED",
      `too many failed sign-ins; try again in ${LOGIN_LIMITS.windowMinutes} minutes`,
    );
}

export const recordLoginAttempt = (
  db: Db,
  clock: Clock,
  attempt: { firmId: string; email: string; address: string },
  succeeded: boolean,
): Promise<void> =>
  insertLoginAttempt(db, {
    firmId: attempt.firmId,
    email: attemptEmail(attempt.email),
    address: attempt.address,
    at: clock.now().toISOString(),
    succeeded,
  });

export async function checkCredentials(
  db: Db,
  firmId: string,
  email: string,
  password: string,
): Promise<UserAccount> {
  const user = await findUserByEmail(db, firmId, email);
  const hash = user?.passwordHash ?? (await dummyPasswordHash());
  const matches = await verifyPassword(hash, password);
  if (!user || !user.passwordHash || !matches || user.status !== "active")
    throw new AppError("UNAUTHENTICATED", LOGIN_FAILED);
  return user;
}

export async function logIn(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  firmId: string,
  credentials: { email: string; password: string; address: string },
): Promise<{ user: UserAccount; session: NewSession }> {
  const attempt = { firmId, email: credentials.email, address: credentials.address };
  await assertLoginAllowed(db, clock, attempt);
  let user: UserAccount;
  try {
    user = await checkCredentials(db, firmId, credentials.email, credentials.password);
  } catch (error) {
    await recordLoginAttempt(db, clock, attempt, false);
    throw error;
  }
  await recordLoginAttempt(db, clock, attempt, true);
  // A new session id at every login: a session fixed before login is never promoted.
  const session = await startSession(db, clock, policy, user);
  return { user, session };
}
