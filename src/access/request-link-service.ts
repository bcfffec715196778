/**
 * The link in a file request's email: it signs its contact straight into that one request.
 * Single-use and expiring like every one-time link, but unlike them a new request link does not
 * spend the contact's other ones (each request's email keeps working for its own request). The
 * session it opens reaches that request only and can never change a password (auth-plugin.ts):
 * for anything else the contact signs in with their password.
 */
import type { Firm } from "../firm-setup/firm-store.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { findUserById, type UserAccount } from "./account-store.js";
import { linkInvalid, linkUrl, type IssuedLink, type LinkDeps } from "./link-service.js";
import { findUsableLink, insertLink, spendLink } from "./link-store.js";
import { newSecret, sha256 } from "./secrets.js";

/** A week: a request's email is often opened days later; each reminder carries a fresh link. */
export const REQUEST_LINK_VALID_HOURS = 7 * 24;

export async function issueRequestLink(
  db: Db,
  deps: LinkDeps,
  firm: Firm,
  user: UserAccount,
  requestId: string,
): Promise<IssuedLink> {
  const now = deps.clock.now();
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + REQUEST_LINK_VALID_HOURS * 3_600_000).toISOString();
  const id = await insertLink(
    db,
    {
      firmId: firm.id,
      userId: user.id,
      purpose: "request",
      tokenHash: sha256(token),
      expiresAt,
      subjectId: requestId,
    },
    now.toISOString(),
  );
  return { id, url: linkUrl(deps.links.publicUrl, firm, "request", token), expiresAt };
}

/**
 * Spends a request link inside the caller's transaction: the contact (invited or active, never
 * disabled) and the request it opens. Unknown, spent, expired or raced: LINK_INVALID.
 */
export async function redeemRequestLink(
  db: Db,
  clock: Clock,
  firmId: string,
  token: string,
): Promise<{ user: UserAccount; requestId: string }> {
  const key = { firmId, purpose: "request" as const, tokenHash: sha256(token) };
  const now = clock.now().toISOString();
  const link = await findUsableLink(db, key, now);
  const user = link ? await findUserById(db, firmId, link.userId) : undefined;
  if (!link?.subjectId || !user || user.status === "disabled" || user.contactId === null) throw linkInvalid();
  if (!(await spendLink(db, key, now))) throw linkInvalid();
  return { user, requestId: link.subjectId };
}
