/**
 * Two-factor sign-in for one's own account (enrol, confirm, new recovery codes, turn off), an
 * Admin's reset of someone else's, and the firm's requirement. A code typed to change
 * something counts against the sign-in rate limit when wrong, as a wrong password does, and
 * is accepted once: its time step must be later than the last one accepted.
 */
import { randomBytes } from "node:crypto";
import { AppError, invalid, notFound } from "../domain/errors.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { appendAudit } from "../store/audit.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { findUserById, revokeSessions, type UserAccount } from "./account-store.js";
import { authorize, can, type Actor } from "./authorize.js";
import { assertLoginAllowed, recordLoginAttempt } from "./login-limits.js";
import { sha256 } from "./secrets.js";
import { matchTotp, newTotpSecret, otpauthUri } from "./totp.js";
import {
  claimStep,
  countUnusedRecoveryCodes,
  deleteEnrolment,
  findEnrolment,
  findRequirement,
  replaceRecoveryCodes,
  saveRequirement,
  spendRecoveryCode,
  upsertPendingEnrolment,
  type TwoFactorRequirement,
} from "./two-factor-store.js";

export const RECOVERY_CODE_COUNT = 10;

/** Lower-case base32 without look-alikes' trouble: each code is 10 characters, 50 random bits. */
const RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((byte) => RECOVERY_ALPHABET[byte & 31]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** As typed: any case, with or without the dash and spaces. */
export const recoveryCodeHash = (code: string): string => sha256(code.toLowerCase().replace(/[\s-]/g, ""));

export type PersonKind = "staff" | "contact";

/** A contact user is one with a contact and no staff record; every other user counts as staff. */
export const personKind = (user: UserAccount): PersonKind =>
  user.contactId && !user.staffId ? "contact" : "staff";

export const requiredFor = (requirement: TwoFactorRequirement, user: UserAccount): boolean =>
  personKind(user) === "contact" ? requirement.contacts : requirement.staff;

export interface TwoFactorStatus {
  enabled: boolean;
  /** Enrolment started and not yet confirmed with a code. */
  pending: boolean;
  recoveryCodesLeft: number;
  /** The firm requires it for this kind of user. */
  required: boolean;
}

function userOf(actor: Actor): UserAccount {
  if (actor.kind !== "user") throw new AppError("UNAUTHENTICATED", "sign in as a user first");
  return actor.user;
}

export async function twoFactorStatus(db: Db, actor: Actor): Promise<TwoFactorStatus> {
  const user = userOf(actor);
  const enrolment = await findEnrolment(db, user.firmId, user.id);
  const enabled = Boolean(enrolment?.confirmedAt);
  return {
    enabled,
    pending: Boolean(enrolment && !enrolment.confirmedAt),
    recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(db, user.firmId, user.id) : 0,
    required: requiredFor(await findRequirement(db, user.firmId), user),
  };
}

export interface StartedEnrolment {
  /** For the QR code. */
  otpauthUri: string;
  /** Base32, to type into an app by hand. */
  secret: string;
}

/** Starts enrolment with a new secret (again, if one was pending); refused once it is on. */
export async function startEnrolment(
  db: Db,
  clock: Clock,
  firm: Firm,
  user: UserAccount,
): Promise<StartedEnrolment> {
  const existing = await findEnrolment(db, firm.id, user.id);
  if (existing?.confirmedAt) throw new AppError("STATUS_TRANSITION", ALREADY_ON);
  const secret = newTotpSecret();
  await upsertPendingEnrolment(db, { firmId: firm.id, userId: user.id, secret }, clock.now().toISOString());
  return { secret, otpauthUri: otpauthUri({ issuer: firm.name, account: user.email, secret }) };
}

export const startOwnEnrolment = (
  db: Db,
  clock: Clock,
  firm: Firm,
  actor: Actor,
): Promise<StartedEnrolment> => startEnrolment(db, clock, firm, userOf(actor));

const ALREADY_ON = "two-factor sign-in is already on; turn it off first";
const NOT_ON = "two-factor sign-in is not on for your account";
const WRONG_CODE = "the code is wrong or was already used; enter the code your app shows now";

/**
 * Accepts a current code of the user's enrolment (pending when `confirming`, else confirmed),
 * marking its step used; a wrong one counts as a failed sign-in. Runs outside any transaction:
 * the failure must be recorded even though the operation is refused.
 */
async function acceptCode(
  db: Db,
  clock: Clock,
  user: UserAccount,
  input: { code: string; address: string },
  confirming: boolean,
): Promise<void> {
  const attempt = { firmId: user.firmId, email: user.email, address: input.address };
  await assertLoginAllowed(db, clock, attempt);
  const enrolment = await findEnrolment(db, user.firmId, user.id);
  if (!enrolment) throw new AppError("STATUS_TRANSITION", confirming ? "start enrolment first" : NOT_ON);
  if (Boolean(enrolment.confirmedAt) === confirming)
    throw new AppError("STATUS_TRANSITION", confirming ? ALREADY_ON : NOT_ON);
  const now = clock.now();
  const step = matchTotp(enrolment.secret, input.code, now.getTime(), enrolment.lastStep);
  if (
    step === undefined ||
    !(await claimStep(db, user.firmId, user.id, step, now.toISOString(), confirming))
  ) {
    await recordLoginAttempt(db, clock, attempt, false);
    throw invalid(WRONG_CODE, { field: "code" });
  }
}

/** New recovery codes replace the old ones; the plain codes exist only in this answer. */
async function issueRecoveryCodes(db: Db, user: UserAccount, now: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(db, user.firmId, user.id, codes.map(recoveryCodeHash), now);
  return codes;
}

/** Confirms a pending enrolment with a code (the user's own, or an enrol challenge's user). */
export async function confirmEnrolmentOf(
  db: Db,
  clock: Clock,
  user: UserAccount,
  input: { code: string; address: string },
): Promise<string[]> {
  await acceptCode(db, clock, user, input, true);
  return inTransaction(db, async (tx) => {
    const now = clock.now().toISOString();
    const codes = await issueRecoveryCodes(tx, user, now);
    await appendAudit(tx, {
      firmId: user.firmId,
      at: now,
      actor: user.email,
      action: "user.two-factor-on",
      subject: user.id,
      details: {},
    });
    return codes;
  });
}

export const confirmEnrolment = (
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { code: string; address: string },
): Promise<string[]> => confirmEnrolmentOf(db, clock, userOf(actor), input);

export async function regenerateRecoveryCodes(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { code: string; address: string },
): Promise<string[]> {
  const user = userOf(actor);
  await acceptCode(db, clock, user, input, false);
  return inTransaction(db, async (tx) => {
    const now = clock.now().toISOString();
    const codes = await issueRecoveryCodes(tx, user, now);
    await appendAudit(tx, {
      firmId: user.firmId,
      at: now,
      actor: user.email,
      action: "user.two-factor-recovery-codes",
      subject: user.id,
      details: {},
    });
    return codes;
  });
}

/** Turns one's own two-factor sign-in off with a current code; ends one's other sessions. */
export async function turnOffTwoFactor(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { code: string; address: string },
): Promise<void> {
  const user = userOf(actor);
  if (requiredFor(await findRequirement(db, user.firmId), user))
    throw new AppError(
      "TWO_FACTOR_REQUIRED",
      `the firm requires two-factor sign-in for ${personKind(user) === "contact" ? "contacts" : "staff"}; it cannot be turned off`,
    );
  await acceptCode(db, clock, user, input, false);
  await inTransaction(db, async (tx) => {
    const now = clock.now().toISOString();
    await deleteEnrolment(tx, user.firmId, user.id);
    const sessionId = actor.kind === "user" ? actor.sessionId : null;
    await revokeSessions(tx, { userId: user.id, exceptId: sessionId }, now);
    await appendAudit(tx, {
      firmId: user.firmId,
      at: now,
      actor: user.email,
      action: "user.two-factor-off",
      subject: user.id,
      details: {},
    });
  });
}

/**
 * An Admin (users:E) removes another user's two-factor sign-in (a lost phone and lost codes):
 * the user signs in with the password alone, or enrols again if the firm requires it. Ends
 * every session of theirs. Nobody resets their own: they turn it off with a code.
 */
export async function resetTwoFactor(
  db: Db,
  clock: Clock,
  actor: Actor,
  firmId: string,
  userId: string,
): Promise<void> {
  const self = actor.kind === "user" ? actor.user.id : null;
  const user = await findUserById(db, firmId, userId);
  if (!user || (self !== userId && !can(actor, "R", { object: "users" }))) throw notFound("user", userId);
  if (self === userId)
    throw new AppError("FORBIDDEN", "you cannot reset your own two-factor sign-in; turn it off with a code");
  authorize(actor, "E", { object: "users" });
  await inTransaction(db, async (tx) => {
    const now = clock.now().toISOString();
    if (!(await deleteEnrolment(tx, firmId, userId))) return;
    await revokeSessions(tx, { userId }, now);
    await appendAudit(tx, {
      firmId,
      at: now,
      actor: actor.kind === "user" ? actor.user.email : actor.kind,
      action: "user.two-factor-reset",
      subject: userId,
      details: {},
    });
  });
}

export const twoFactorRequirement = (db: Db, firmId: string): Promise<TwoFactorRequirement> =>
  findRequirement(db, firmId);

/** The firm's requirement (settings:E); users without two-factor enrol at their next sign-in. */
export async function setTwoFactorRequirement(
  db: Db,
  clock: Clock,
  actor: Actor,
  firmId: string,
  requirement: TwoFactorRequirement,
): Promise<TwoFactorRequirement> {
  authorize(actor, "E", { object: "settings" });
  return inTransaction(db, async (tx) => {
    const before = await findRequirement(tx, firmId);
    if (before.staff === requirement.staff && before.contacts === requirement.contacts) return before;
    const now = clock.now().toISOString();
    await saveRequirement(tx, firmId, requirement, now);
    await appendAudit(tx, {
      firmId,
      at: now,
      actor: actor.kind === "user" ? actor.user.email : actor.kind,
      action: "firm.two-factor-requirement",
      subject: firmId,
      details: { before, after: requirement },
    });
    return requirement;
  });
}

/** Spends one of the user's recovery codes; false when it is not one of their unused codes. */
export async function spendRecoveryCodeOf(
  db: Db,
  clock: Clock,
  user: UserAccount,
  code: string,
): Promise<boolean> {
  const enrolment = await findEnrolment(db, user.firmId, user.id);
  if (!enrolment?.confirmedAt) return false;
  return spendRecoveryCode(db, user.firmId, user.id, recoveryCodeHash(code), clock.now().toISOString());
}

/** Accepts a current code at sign-in; false when wrong or already used. */
export async function acceptSignInCode(
  db: Db,
  clock: Clock,
  user: UserAccount,
  code: string,
): Promise<boolean> {
  const enrolment = await findEnrolment(db, user.firmId, user.id);
  if (!enrolment?.confirmedAt) return false;
  const now = clock.now();
  const step = matchTotp(enrolment.secret, code, now.getTime(), enrolment.lastStep);
  return step !== undefined && claimStep(db, user.firmId, user.id, step, now.toISOString(), false);
}
