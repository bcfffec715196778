/**
 * A new cloud firm: the firm (protection on, a URL name), its built-in roles, and its first
 * Admin as a staff member with a user account. Everything or nothing.
 */
import { createFirm } from "../firm-setup/firm-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { addStaff } from "../firm-setup/staff-service.js";
import type { Staff } from "../firm-setup/staff-store.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { ensureBuiltInRoles, findRoleByName, insertAssignment } from "./access-store.js";
import { findUserById, insertUser, type UserAccount } from "./account-store.js";
import { issueAdminActivation } from "./invitation-service.js";
import type { IssuedLink, LinkDeps } from "./link-service.js";
import { checkNewPassword, hashPassword } from "./passwords.js";

export interface CloudFirmInput {
  name: string;
  slug: string;
  currency?: string;
  admin: {
    email: string;
    firstName: string;
    lastName: string;
    staffNumber?: string;
    /** With a password the Admin is active at once; without, they activate by emailed link. */
    password?: string;
  };
}

export async function createCloudFirm(
  db: Db,
  clock: Clock,
  input: CloudFirmInput,
): Promise<{ firm: Firm; admin: UserAccount; staff: Staff }> {
  const passwordHash = input.admin.password
    ? await hashPassword(checkNewPassword(input.admin.password))
    : null;
  return inTransaction(db, async (tx) => {
    const firm = await createFirm(tx, clock, {
      name: input.name,
      slug: input.slug,
      currency: input.currency,
      protection: true,
    });
    const now = clock.now().toISOString();
    await ensureBuiltInRoles(tx, firm.id, now);
    const scope = { firm, clock, actor: "setup" };
    const staffNumber =
      input.admin.staffNumber ??
      `${input.admin.firstName.trim()[0] ?? "A"}${input.admin.lastName.trim()[0] ?? "D"}`;
    const staff = await addStaff(tx, scope, {
      staffNumber,
      firstName: input.admin.firstName,
      lastName: input.admin.lastName,
      email: input.admin.email,
    });
    const userId = await insertUser(
      tx,
      {
        firmId: firm.id,
        email: staff.email!,
        status: passwordHash ? "active" : "invited",
        staffId: staff.id,
        contactId: null,
        passwordHash,
      },
      now,
    );
    const adminRole = (await findRoleByName(tx, firm.id, "Admin"))!;
    await insertAssignment(tx, firm.id, {
      roleId: adminRole.id,
      principalKind: "user",
      principalId: userId,
      scope: "system",
      entityId: null,
      itemId: null,
      createdAt: now,
    });
    return { firm, admin: (await findUserById(tx, firm.id, userId))!, staff };
  });
}

/**
 * The activation link of the first Admin of a firm created without a password, for
 * `firmtime firm create` and first-run setup to print; with queueEmail it is also emailed
 * (the outbox of the store; a running server's deliverer sends it). Each call issues a new
 * link and spends the earlier ones. Refused once the Admin is active.
 *
 *   const created = await createCloudFirm(db, clock, input);  // input.admin without password
 *   const { url, expiresAt } = await firstAdminActivationLink(db, { clock, links: config }, created);
 */
export function firstAdminActivationLink(
  db: Db,
  deps: LinkDeps,
  created: { firm: Firm; admin: UserAccount },
  options: { queueEmail: boolean } = { queueEmail: false },
): Promise<IssuedLink> {
  return issueAdminActivation(db, deps, created.firm, created.admin, options);
}
