/**
 * Signing in. An unknown email and a wrong password get the same answer after the same work
 * (a password hash is verified either way), so the answer never tells which emails exist.
 */
import { AppError } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { findUserByEmail, type UserAccount } from "./account-store.js";
import { dummyPasswordHash, verifyPassword } from "./passwords.js";
import { startSession, type NewSession, type SessionPolicy } from "./session-service.js";

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

export async function logIn(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  firmId: string,
  credentials: { email: string; password: string },
): Promise<{ user: UserAccount; session: NewSession }> {
  const user = await checkCredentials(db, firmId, credentials.email, credentials.password);
  // A new session id at every login: a session fixed before login is never promoted.
  const session = await startSession(db, clock, policy, user);
  return { user, session };
}
