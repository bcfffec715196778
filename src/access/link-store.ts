/**
 * Queries for one-time links (account activation, password reset). Only the SHA-256 of a
 * link's secret is stored. A link is spent by setting used_at, whether it was redeemed or
 * replaced by a newer one: either way it never works again.
 */
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import type { OneTimeLinkTable } from "../store/tables.js";

export type LinkPurpose = OneTimeLinkTable["purpose"];

export interface OneTimeLink {
  id: string;
  userId: string;
  purpose: LinkPurpose;
  expiresAt: string;
  /** What the link opens (a request link's file request); null for the others. */
  subjectId: string | null;
}

export async function insertLink(
  db: Db,
  link: {
    firmId: string;
    userId: string;
    purpose: LinkPurpose;
    tokenHash: string;
    expiresAt: string;
    subjectId?: string | null;
  },
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("one_time_link")
    .values({
      id,
      firm_id: link.firmId,
      user_id: link.userId,
      purpose: link.purpose,
      token_hash: link.tokenHash,
      created_at: now,
      expires_at: link.expiresAt,
      used_at: null,
      // Written only when set: a store at an older schema (before 0010) has no such column.
      ...(link.subjectId ? { subject_id: link.subjectId } : {}),
    })
    .execute();
  return id;
}

interface LinkKey {
  firmId: string;
  purpose: LinkPurpose;
  tokenHash: string;
}

/** A link that still works now: of this firm and purpose, unspent and unexpired. */
export async function findUsableLink(db: Db, key: LinkKey, now: string): Promise<OneTimeLink | undefined> {
  const row = await db
    .selectFrom("one_time_link")
    .select(["id", "user_id", "purpose", "expires_at", "subject_id"])
    .where("firm_id", "=", key.firmId)
    .where("purpose", "=", key.purpose)
    .where("token_hash", "=", key.tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        userId: row.user_id,
        purpose: row.purpose,
        expiresAt: row.expires_at,
        subjectId: row.subject_id,
      }
    : undefined;
}

/**
 * Spends a usable link and says whether this call spent it: a compare-and-set on used_at, so
 * two requests racing with the same link cannot both redeem it.
 */
export async function spendLink(db: Db, key: LinkKey, now: string): Promise<boolean> {
  const result = await db
    .updateTable("one_time_link")
    .set({ used_at: now })
    .where("firm_id", "=", key.firmId)
    .where("purpose", "=", key.purpose)
    .where("token_hash", "=", key.tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Spends every outstanding link of a user (of one purpose, or all): replaced or no longer wanted. */
export async function spendLinksOf(
  db: Db,
  firmId: string,
  userId: string,
  purpose: LinkPurpose | undefined,
  now: string,
): Promise<void> {
  let query = db
    .updateTable("one_time_link")
    .set({ used_at: now })
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .where("used_at", "is", null);
  if (purpose) query = query.where("purpose", "=", purpose);
  await query.execute();
}

/** How many links of a purpose a user was sent since a moment, spent or not. */
export async function countLinksSince(
  db: Db,
  firmId: string,
  userId: string,
  purpose: LinkPurpose,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom("one_time_link")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("firm_id", "=", firmId)
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("created_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
