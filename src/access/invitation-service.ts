/**
 * Inviting staff members and contacts as users, and activating an account by its emailed
 * link. The account's email is taken from the staff or contact record once, at invitation;
 * later edits of the record never redirect an outstanding invitation (which could carry roles
 * an Admin assigned meanwhile) to another mailbox.
 */
import { AppError, invalid, notFound } from "../domain/errors.js";
import { findContact } from "../firm-setup/contact-store.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { findStaff } from "../firm-setup/staff-store.js";
import { enqueueMail } from "../mail/enqueue.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction } from "../store/transaction.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import {
  findUserByEmail,
  findUserById,
  findUserOfPerson,
  insertUser,
  updateUser,
  type UserAccount,
} from "./account-store.js";
import { authorize, can, type Actor } from "./authorize.js";
import { issueLink, redeemLink, userOfLink, type IssuedLink, type LinkDeps } from "./link-service.js";
import { checkNewPassword, hashPassword } from "./passwords.js";

export type InviteTarget = { staffId: string } | { contactId: string };
type PersonObject = "staff" | "contacts";

/**
 * Who may invite: whoever may create users (Admin), and for their own records whoever may
 * edit staff (Staff Admin) or contacts (Entities Admin). Staff Admins activate contacts as
 * portal users too (shared/design/portal.md): they look after the firm's people. Inviting grants
 * no role: what a contact reaches is shared by an entity's Owner.
 */
const mayInvite = (actor: Actor, object: PersonObject): boolean =>
  can(actor, "C", { object: "users" }) ||
  can(actor, "E", { object }) ||
  (object === "contacts" && can(actor, "E", { object: "staff" }));

function assertMayInviteAnyone(actor: Actor): void {
  if (!mayInvite(actor, "staff") && !mayInvite(actor, "contacts")) authorize(actor, "C", { object: "users" });
}

const actorName = (actor: Actor): string => (actor.kind === "user" ? actor.user.email : actor.kind);

async function personToInvite(db: Db, firmId: string, target: InviteTarget) {
  if ("staffId" in target) {
    const staff = await findStaff(db, firmId, target.staffId);
    if (!staff || staff.id !== target.staffId) throw notFound("staff", target.staffId);
    if (staff.status !== "active")
      throw new AppError("INACTIVE", `staff ${staff.staffNumber} is inactive and cannot be invited`);
    return { object: "staff" as const, email: staff.email, staffId: staff.id, contactId: null };
  }
  const contact = await findContact(db, firmId, target.contactId);
  if (!contact || contact.id !== target.contactId) throw notFound("contact", target.contactId);
  return { object: "contacts" as const, email: contact.email, staffId: null, contactId: contact.id };
}

function activationText(firm: Firm, link: IssuedLink): string {
  return [
    "Hello,",
    "",
    `${firm.name} invites you to firmtime. Choose your password to activate your account:`,
    "",
    link.url,
    "",
    `The link works once, until ${link.expiresAt.slice(0, 16).replace("T", " ")} UTC.`,
    "If you did not expect this email, you can ignore it.",
  ].join("\n");
}

/** A fresh activation link (older ones stop working), optionally queued as an email. */
async function issueActivation(
  db: Db,
  deps: LinkDeps,
  firm: Firm,
  user: UserAccount,
  queueEmail: boolean,
): Promise<IssuedLink> {
  const link = await issueLink(db, deps, firm, user, "activation");
  if (queueEmail)
    await enqueueMail(db, deps.clock, {
      firmId: firm.id,
      eventKey: `activation:${link.id}`,
      to: user.email,
      subject: `Your firmtime account at ${firm.name}`,
      text: activationText(firm, link),
    });
  return link;
}

type Person = Awaited<ReturnType<typeof personToInvite>>;

/** The invited account of a person with an email, who has none yet. */
async function insertInvitedUser(tx: Db, firm: Firm, person: Person, now: string): Promise<UserAccount> {
  if (!person.email) throw invalid("add an email address to the record before inviting");
  const email = person.email.trim().toLowerCase();
  const existing = await findUserOfPerson(
    tx,
    firm.id,
    person.staffId ? { staffId: person.staffId } : { contactId: person.contactId! },
  );
  if (existing)
    throw new AppError("DUPLICATE", "already a user; resend the invitation instead", { userId: existing.id });
  const taken = `another user already has the email ${email}`;
  if (await findUserByEmail(tx, firm.id, email)) throw new AppError("DUPLICATE", taken);
  const account = { firmId: firm.id, email, status: "invited" as const, passwordHash: null };
  const id = await uniqueOrDuplicate(
    () => insertUser(tx, { ...account, staffId: person.staffId, contactId: person.contactId }, now),
    taken,
  );
  return (await findUserById(tx, firm.id, id))!;
}

export async function inviteUser(
  db: Db,
  deps: LinkDeps,
  actor: Actor,
  firm: Firm,
  target: InviteTarget,
): Promise<UserAccount> {
  assertMayInviteAnyone(actor);
  return inTransaction(db, async (tx) => {
    const person = await personToInvite(tx, firm.id, target);
    if (!mayInvite(actor, person.object)) authorize(actor, "C", { object: "users" });
    const now = deps.clock.now().toISOString();
    const user = await insertInvitedUser(tx, firm, person, now);
    await issueActivation(tx, deps, firm, user, true);
    const event = { firmId: firm.id, at: now, actor: actorName(actor), subject: user.id, details: {} };
    await appendAudit(tx, { ...event, action: "user.invite" });
    return user;
  });
}

/** A new activation email for an invited user; the links sent before stop working. */
export async function resendInvitation(
  db: Db,
  deps: LinkDeps,
  actor: Actor,
  firm: Firm,
  userId: string,
): Promise<UserAccount> {
  assertMayInviteAnyone(actor);
  return inTransaction(db, async (tx) => {
    const user = await findUserById(tx, firm.id, userId);
    if (!user) throw notFound("user", userId);
    if (!mayInvite(actor, user.staffId ? "staff" : "contacts"))
      authorize(actor, "C", { object: "users" }, { what: "user", key: userId });
    if (user.status !== "invited")
      throw new AppError(
        "STATUS_TRANSITION",
        `the user is ${user.status}; only invited users get invitations`,
      );
    await issueActivation(tx, deps, firm, user, true);
    return user;
  });
}

/**
 * The activation link of a firm's first Admin, created without a password: for the console of
 * `firmtime firm create` and first-run setup to print, and queued as an email if asked.
 */
export async function issueAdminActivation(
  db: Db,
  deps: LinkDeps,
  firm: Firm,
  admin: UserAccount,
  options: { queueEmail: boolean },
): Promise<IssuedLink> {
  return inTransaction(db, async (tx) => {
    const current = await findUserById(tx, firm.id, admin.id);
    if (!current) throw notFound("user", admin.id);
    if (current.status !== "invited")
      throw new AppError("STATUS_TRANSITION", `the Admin ${current.email} is already ${current.status}`);
    return issueActivation(tx, deps, firm, current, options.queueEmail);
  });
}

/** Sets the first password of an invited user and activates the account. */
export async function activateAccount(
  db: Db,
  clock: Clock,
  firmId: string,
  input: { token: string; password: string },
): Promise<UserAccount> {
  // The link is checked before the (deliberately slow) hash, so junk tokens cost nothing.
  await userOfLink(db, clock, firmId, "activation", input.token);
  const passwordHash = await hashPassword(checkNewPassword(input.password));
  return inTransaction(db, async (tx) => {
    const user = await redeemLink(tx, clock, firmId, "activation", input.token);
    const now = clock.now().toISOString();
    await updateUser(tx, firmId, user.id, { status: "active", passwordHash }, now);
    await appendAudit(tx, {
      firmId,
      at: now,
      actor: user.email,
      action: "user.activate",
      subject: user.id,
      details: {},
    });
    return (await findUserById(tx, firmId, user.id))!;
  });
}
