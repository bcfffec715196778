/**
 * The sign-in rate limits, counted in login_attempt over a sliding window: failures per email
 * of a firm (whether or not an account has that email, so the limit tells nothing either), and
 * a higher limit per client address across all firms, against one address spraying many
 * accounts. A wrong password and a wrong second-factor code count alike.
 */
import { AppError } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { countFailedAttempts, insertLoginAttempt } from "./login-attempt-store.js";

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
