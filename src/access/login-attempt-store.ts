/** Queries for sign-in attempts: the record the login rate limits count. */
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";

export interface LoginAttempt {
  firmId: string;
  /** As typed (normalised), whether or not an account has it: unknown emails are limited too. */
  email: string;
  address: string;
  at: string;
  succeeded: boolean;
}

export async function insertLoginAttempt(db: Db, attempt: LoginAttempt): Promise<void> {
  await db
    .insertInto("login_attempt")
    .values({
      id: newId(),
      firm_id: attempt.firmId,
      email: attempt.email,
      address: attempt.address,
      at: attempt.at,
      succeeded: attempt.succeeded ? 1 : 0,
    })
    .execute();
}

/** Failed attempts since a moment, on one account of a firm or from one address (any firm). */
export async function countFailedAttempts(
  db: Db,
  on: { firmId: string; email: string } | { address: string },
  since: string,
): Promise<number> {
  let query = db
    .selectFrom("login_attempt")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("succeeded", "=", 0)
    .where("at", ">=", since);
  query =
    "address" in on
      ? query.where("address", "=", on.address)
      : query.where("firm_id", "=", on.firmId).where("email", "=", on.email);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
