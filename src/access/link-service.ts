/**
 * One-time links for activating an account and resetting a password: a random 256-bit secret
 * in the URL, its SHA-256 in the database, single-use, expiring after linkValidHours. A new
 * link of a purpose spends the user's older ones, so only the latest email works.
 */
import { AppError, invalid } from "../domain/errors.js";
import type { Firm } from "../firm-setup/firm-store.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { findUserById, type UserAccount } from "./account-store.js";
import { findUsableLink, insertLink, spendLink, spendLinksOf, type LinkPurpose } from "./link-store.js";
import { newSecret, sha256 } from "./secrets.js";

export interface LinkSettings {
  /** The address people reach the server at (ServerConfig.publicUrl). */
  publicUrl: string;
  linkValidHours: number;
}

export interface LinkDeps {
  clock: Clock;
  links: LinkSettings;
}

/** The page of the web app each purpose opens; it posts the token to the matching API route. */
const PAGE: Record<LinkPurpose, string> = {
  activation: "activate",
  reset: "reset-password",
  request: "open-request",
};

export function linkUrl(publicUrl: string, firm: Firm, purpose: LinkPurpose, token: string): string {
  if (!firm.slug) throw invalid(`firm ${firm.name} has no URL name; put it online first`);
  const base = publicUrl.replace(/\/+$/, "");
  return `${base}/f/${encodeURIComponent(firm.slug)}/${PAGE[purpose]}?token=${encodeURIComponent(token)}`;
}

export interface IssuedLink {
  id: string;
  url: string;
  expiresAt: string;
}

export async function issueLink(
  db: Db,
  deps: LinkDeps,
  firm: Firm,
  user: UserAccount,
  purpose: LinkPurpose,
): Promise<IssuedLink> {
  const now = deps.clock.now();
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + deps.links.linkValidHours * 3_600_000).toISOString();
  await spendLinksOf(db, firm.id, user.id, purpose, now.toISOString());
  const id = await insertLink(
    db,
    { firmId: firm.id, userId: user.id, purpose, tokenHash: sha256(token), expiresAt },
    now.toISOString(),
  );
  return { id, url: linkUrl(deps.links.publicUrl, firm, purpose, token), expiresAt };
}

/** Unknown, spent, expired, of another purpose or firm: one answer, which tells nothing. */
export const linkInvalid = (): AppError =>
  new AppError("LINK_INVALID", "this link is invalid, expired or already used; ask for a new one");

/**
 * The user a link is for, if it works now and the account is in the state the purpose needs
 * (invited for activation, active for reset). Cheap, so callers check before hashing a password.
 */
export async function userOfLink(
  db: Db,
  clock: Clock,
  firmId: string,
  purpose: LinkPurpose,
  token: string,
): Promise<UserAccount> {
  const link = await findUsableLink(
    db,
    { firmId, purpose, tokenHash: sha256(token) },
    clock.now().toISOString(),
  );
  const user = link ? await findUserById(db, firmId, link.userId) : undefined;
  const wanted: UserAccount["status"] = purpose === "activation" ? "invited" : "active";
  if (!user || user.status !== wanted) throw linkInvalid();
  return user;
}

/** Spends the link inside the caller's transaction; a lost race is the same LINK_INVALID. */
export async function redeemLink(
  db: Db,
  clock: Clock,
  firmId: string,
  purpose: LinkPurpose,
  token: string,
): Promise<UserAccount> {
  const user = await userOfLink(db, clock, firmId, purpose, token);
  const now = clock.now().toISOString();
  if (!(await spendLink(db, { firmId, purpose, tokenHash: sha256(token) }, now))) throw linkInvalid();
  await spendLinksOf(db, firmId, user.id, purpose, now);
  return user;
}
