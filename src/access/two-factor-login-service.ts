/**
 * The second step of signing in. A right password answers a challenge instead of a session
 * when the user has two-factor sign-in (`code`: send a code or a recovery code) or when the
 * firm requires it and the user has none (`enrol`: enrol, confirm with a code, then the
 * session). A challenge is a random secret (only its SHA-256 is stored), short-lived and used
 * once.
 *
 * Every failure of the second step answers exactly the same (TWO_FACTOR_FAILED): a wrong
 * code, a replayed one, a spent recovery code, an expired, used or unknown challenge. Each
 * counts against the sign-in rate limits, per account (when the challenge names one) and per
 * address, as a wrong password does.
 */
import { AppError } from "../domain/errors.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { appendAudit } from "../store/audit.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { findUserById, type UserAccount } from "./account-store.js";
import { assertLoginAllowed, recordLoginAttempt } from "./login-limits.js";
import { newSecret, sha256 } from "./secrets.js";
import { startSession, type NewSession, type SessionPolicy } from "./session-service.js";
import {
  acceptSignInCode,
  confirmEnrolmentOf,
  requiredFor,
  spendRecoveryCodeOf,
  startEnrolment,
  type StartedEnrolment,
} from "./two-factor-service.js";
import {
  findChallenge,
  findEnrolment,
  findRequirement,
  insertChallenge,
  spendChallenge,
} from "./two-factor-store.js";

export const TWO_FACTOR_FAILED = "the code is wrong or already used, or this sign-in has expired";

/** Minutes a challenge lasts: a code is typed at once; enrolling means installing an app first. */
export const CHALLENGE_MINUTES = { code: 5, enrol: 15 } as const;

export interface IssuedChallenge {
  /** The secret to send back with the second step. */
  challenge: string;
  purpose: "code" | "enrol";
  expiresAt: string;
}

/**
 * After a right password, or a request email's link (`requestId`: the session it opens reaches
 * that request only): the challenge the user must answer, or undefined for a session now. A link
 * proves the mailbox, not the person: a user with two-factor sign-in answers it there too.
 */
export async function secondStepFor(
  db: Db,
  clock: Clock,
  user: UserAccount,
  requestId: string | null = null,
): Promise<IssuedChallenge | undefined> {
  const enrolment = await findEnrolment(db, user.firmId, user.id);
  const purpose = enrolment?.confirmedAt
    ? "code"
    : requiredFor(await findRequirement(db, user.firmId), user)
      ? "enrol"
      : undefined;
  if (!purpose) return undefined;
  const challenge = newSecret();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES[purpose] * 60_000).toISOString();
  await insertChallenge(
    db,
    {
      id: sha256(challenge),
      firmId: user.firmId,
      userId: user.id,
      purpose,
      expiresAt,
      usedAt: null,
      requestId,
    },
    now.toISOString(),
  );
  return { challenge, purpose, expiresAt };
}

interface OpenChallenge {
  id: string;
  user: UserAccount;
  requestId: string | null;
  attempt: { firmId: string; email: string; address: string };
}

async function failed(db: Db, clock: Clock, attempt: OpenChallenge["attempt"]): Promise<never> {
  await recordLoginAttempt(db, clock, attempt, false);
  throw new AppError("UNAUTHENTICATED", TWO_FACTOR_FAILED);
}

/** The challenge's user, if the challenge is live and of this purpose; else the one failure. */
async function openChallenge(
  db: Db,
  clock: Clock,
  firmId: string,
  input: { challenge: string; address: string },
  purpose: "code" | "enrol",
): Promise<OpenChallenge> {
  const challenge = await findChallenge(db, firmId, sha256(input.challenge));
  const user = challenge ? await findUserById(db, firmId, challenge.userId) : undefined;
  // An unknown challenge names no account: it counts against the address only.
  const attempt = { firmId, email: user?.email ?? "", address: input.address };
  await assertLoginAllowed(db, clock, attempt);
  const live =
    challenge &&
    !challenge.usedAt &&
    challenge.purpose === purpose &&
    clock.now().toISOString() < challenge.expiresAt &&
    // An invited contact may open a request's link (session-service.ts), so may answer its challenge.
    (user?.status === "active" || (user?.status === "invited" && challenge.requestId !== null));
  if (!live || !user) return failed(db, clock, attempt);
  return { id: challenge.id, user, attempt, requestId: challenge.requestId };
}

/** Spends the challenge and opens the session: the last step of every successful sign-in. */
async function finish(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  open: OpenChallenge,
): Promise<{ user: UserAccount; session: NewSession }> {
  if (!(await spendChallenge(db, open.id, clock.now().toISOString()))) return failed(db, clock, open.attempt);
  await recordLoginAttempt(db, clock, open.attempt, true);
  return { user: open.user, session: await startSession(db, clock, policy, open.user, open.requestId) };
}

/** The second step with a code from the app, or a recovery code (used up by this). */
export async function signInWithSecondFactor(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  firmId: string,
  input: { challenge: string; address: string } & ({ code: string } | { recoveryCode: string }),
): Promise<{ user: UserAccount; session: NewSession }> {
  const open = await openChallenge(db, clock, firmId, input, "code");
  const accepted =
    "code" in input
      ? await acceptSignInCode(db, clock, open.user, input.code)
      : await spendRecoveryCodeOf(db, clock, open.user, input.recoveryCode);
  if (!accepted) return failed(db, clock, open.attempt);
  if ("recoveryCode" in input)
    await appendAudit(db, {
      firmId,
      at: clock.now().toISOString(),
      actor: open.user.email,
      action: "user.two-factor-recovery-code-used",
      subject: open.user.id,
      details: {},
    });
  return finish(db, clock, policy, open);
}

/** An enrol challenge's first step: a new secret for the user's app. */
export async function startEnrolmentByChallenge(
  db: Db,
  clock: Clock,
  firm: Firm,
  input: { challenge: string; address: string },
): Promise<StartedEnrolment> {
  const open = await openChallenge(db, clock, firm.id, input, "enrol");
  return startEnrolment(db, clock, firm, open.user);
}

/** An enrol challenge's last step: the code confirms enrolment, then the session opens. */
export async function confirmEnrolmentByChallenge(
  db: Db,
  clock: Clock,
  policy: SessionPolicy,
  firmId: string,
  input: { challenge: string; code: string; address: string },
): Promise<{ user: UserAccount; session: NewSession; recoveryCodes: string[] }> {
  const open = await openChallenge(db, clock, firmId, input, "enrol");
  let recoveryCodes: string[];
  try {
    recoveryCodes = await confirmEnrolmentOf(db, clock, open.user, input);
  } catch (error) {
    // A wrong code was counted already; a missing enrolment was not. Either way: the one answer.
    if (error instanceof AppError && error.code === "RATE_LIMITED") throw error;
    if (error instanceof AppError && error.code === "STATUS_TRANSITION")
      return failed(db, clock, open.attempt);
    if (error instanceof AppError) throw new AppError("UNAUTHENTICATED", TWO_FACTOR_FAILED);
    throw error;
  }
  return { ...(await finish(db, clock, policy, open)), recoveryCodes };
}
