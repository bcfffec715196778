/**
 * Signing in. An unknown email and a wrong password get the same answer after the same work
 * (a password hash is verified either way), so the answer never tells which emails exist.
 * Rate limits: login-limits.ts. After the password, a user with two-factor sign-in (or one the
 * firm requires to have it) gets a challenge instead of a session (two-factor-login-service.ts).
 */
import { AppError } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { findUserByEmail, type UserAccount } from "./account-store.js";
import { assertLoginAllowed, recordLoginAttempt } from "./login-limits.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { startSession, type NewSession, type SessionPolicy } from "./session-service.js";
import { secondStepFor, type IssuedChallenge } from "./two-factor-login-service.js";

export const LOGIN_FAILED = "the email or the password is wrong";

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

export type LogInResult =
  | { user: UserAccount; session: NewSession; challenge?: undefined }
  | { user: UserAccount; challenge: IssuedChallenge; session?: undefined };

export async function logIn(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  firmId: string,
  credentials: { email: string; password: string; address: string },
): Promise<LogInResult> {
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
  const challenge = await secondStepFor(db, clock, user);
  if (challenge) return { user, challenge };
  // A new session id at every login: a session fixed before login is never promoted.
  const session = await startSession(db, clock, policy, user);
  return { user, session };
}
