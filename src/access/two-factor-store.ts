/** Queries for two-factor sign-in: enrolments, recovery codes, challenges and the firm's requirement. */
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";

export interface TwoFactorEnrolment {
  userId: string;
  firmId: string;
  secret: string;
  confirmedAt: string | null;
  lastStep: number | null;
}

export interface TwoFactorChallenge {
  id: string;
  firmId: string;
  userId: string;
  purpose: "code" | "enrol";
  expiresAt: string;
  usedAt: string | null;
  /** The file request a request link's session is limited to; null for a sign-in. */
  requestId: string | null;
}

export interface TwoFactorRequirement {
  staff: boolean;
  contacts: boolean;
}

export async function findEnrolment(
  db: Db,
  firmId: string,
  userId: string,
): Promise<TwoFactorEnrolment | undefined> {
  const row = await db
    .selectFrom("two_factor")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return (
    row && {
      userId: row.user_id,
      firmId: row.firm_id,
      secret: row.secret,
      confirmedAt: row.confirmed_at,
      lastStep: row.last_step === null ? null : Number(row.last_step),
    }
  );
}

/** Starts (or starts again) a pending enrolment with a new secret. */
export async function upsertPendingEnrolment(
  db: Db,
  enrolment: { firmId: string; userId: string; secret: string },
  now: string,
): Promise<void> {
  await db
    .insertInto("two_factor")
    .values({
      user_id: enrolment.userId,
      firm_id: enrolment.firmId,
      secret: enrolment.secret,
      confirmed_at: null,
      last_step: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column("user_id")
        .doUpdateSet({ secret: enrolment.secret, confirmed_at: null, last_step: null, updated_at: now }),
    )
    .execute();
}

/**
 * Records that `step` was accepted, only if it is later than the last one: false when another
 * request accepted this step (or a later one) first, so a code works once even under a race.
 */
export async function claimStep(
  db: Db,
  firmId: string,
  userId: string,
  step: number,
  now: string,
  confirm: boolean,
): Promise<boolean> {
  let query = db
    .updateTable("two_factor")
    .set({ last_step: step, updated_at: now, ...(confirm ? { confirmed_at: now } : {}) })
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", step)]));
  query = confirm ? query.where("confirmed_at", "is", null) : query.where("confirmed_at", "is not", null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes a user's enrolment and recovery codes; true when there was an enrolment. */
export async function deleteEnrolment(db: Db, firmId: string, userId: string): Promise<boolean> {
  await db
    .deleteFrom("two_factor_recovery_code")
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .execute();
  const result = await db
    .deleteFrom("two_factor")
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function replaceRecoveryCodes(
  db: Db,
  firmId: string,
  userId: string,
  codeHashes: readonly string[],
  now: string,
): Promise<void> {
  await db
    .deleteFrom("two_factor_recovery_code")
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .execute();
  await db
    .insertInto("two_factor_recovery_code")
    .values(
      codeHashes.map((codeHash) => ({
        id: newId(),
        firm_id: firmId,
        user_id: userId,
        code_hash: codeHash,
        created_at: now,
        used_at: null,
      })),
    )
    .execute();
}

/** Spends an unused recovery code of the user with this hash; false when there is none. */
export async function spendRecoveryCode(
  db: Db,
  firmId: string,
  userId: string,
  codeHash: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("two_factor_recovery_code")
    .set({ used_at: now })
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Db, firmId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom("two_factor_recovery_code")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(db: Db, challenge: TwoFactorChallenge, now: string): Promise<void> {
  await db
    .insertInto("two_factor_challenge")
    .values({
      id: challenge.id,
      firm_id: challenge.firmId,
      user_id: challenge.userId,
      purpose: challenge.purpose,
      created_at: now,
      expires_at: challenge.expiresAt,
      used_at: null,
      request_id: challenge.requestId,
    })
    .execute();
}

export async function findChallenge(
  db: Db,
  firmId: string,
  id: string,
): Promise<TwoFactorChallenge | undefined> {
  const row = await db
    .selectFrom("two_factor_challenge")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      firmId: row.firm_id,
      userId: row.user_id,
      purpose: row.purpose,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
      requestId: row.request_id,
    }
  );
}

/** Uses a challenge once; false when it was already used. */
export async function spendChallenge(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("two_factor_challenge")
    .set({ used_at: now })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findRequirement(db: Db, firmId: string): Promise<TwoFactorRequirement> {
  const row = await db
    .selectFrom("two_factor_setting")
    .selectAll()
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return { staff: row?.required_for_staff === 1, contacts: row?.required_for_contacts === 1 };
}

export async function saveRequirement(
  db: Db,
  firmId: string,
  requirement: TwoFactorRequirement,
  now: string,
): Promise<void> {
  const values = {
    required_for_staff: requirement.staff ? 1 : 0,
    required_for_contacts: requirement.contacts ? 1 : 0,
    updated_at: now,
  };
  await db
    .insertInto("two_factor_setting")
    .values({ firm_id: firmId, ...values })
    .onConflict((oc) => oc.column("firm_id").doUpdateSet(values))
    .execute();
}
