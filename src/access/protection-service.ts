/**
 * Protection on a desktop firm file. Unprotected, the file's built-in supervisor may do
 * everything. Turning protection on names a staff member as the first Admin (with a password)
 * and from then on every command acts as a signed-in user, through the same routes and the same
 * authorize() as the cloud. Turning it off takes an Admin's credentials.
 */
import { AppError, invalid } from "../domain/errors.js";
import { findOnlyFirm, type Firm } from "../firm-setup/firm-store.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { findStaff, selectStaff } from "../firm-setup/staff-store.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { appendAudit } from "../store/audit.js";
import { inTransaction } from "../store/transaction.js";
import { ensureBuiltInRoles, findRoleByName, insertAssignment, loadRights } from "./access-store.js";
import { findUserByEmail, insertUser, updateUser } from "./account-store.js";
import { checkCredentials } from "./login-service.js";
import { checkNewPassword, hashPassword } from "./passwords.js";
import { allows } from "./permissions.js";

/** The URL name a desktop file's firm answers to in its in-process API. */
export const DESKTOP_SLUG = "desktop";

export async function turnProtectionOn(
  db: Db,
  clock: Clock,
  admin: { staff: string; password: string },
): Promise<Firm> {
  const passwordHash = await hashPassword(checkNewPassword(admin.password));
  return inTransaction(db, async (tx) => {
    const firm = await findOnlyFirm(tx);
    if (firm.protection) throw new AppError("STATUS_TRANSITION", "protection is already on");
    const staff = await findStaff(tx, firm.id, admin.staff);
    if (!staff) throw invalid(`staff ${JSON.stringify(admin.staff)} does not exist`);
    if (!staff.email)
      throw invalid(
        `staff ${staff.staffNumber} needs an email to sign in with (firmtime staff edit ${staff.staffNumber} --email ...)`,
      );
    if (staff.status !== "active") throw invalid(`staff ${staff.staffNumber} is inactive`);
    const now = clock.now().toISOString();
    await ensureBuiltInRoles(tx, firm.id, now);
    const existing = await findUserByEmail(tx, firm.id, staff.email);
    const userId =
      existing?.id ??
      (await insertUser(
        tx,
        {
          firmId: firm.id,
          email: staff.email,
          status: "active",
          staffId: staff.id,
          contactId: null,
          passwordHash,
        },
        now,
      ));
    if (existing) await updateUser(tx, firm.id, existing.id, { status: "active", passwordHash }, now);
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
    await tx
      .updateTable("firm")
      .set({ protection: 1, slug: firm.slug ?? DESKTOP_SLUG, updated_at: now })
      .where("firm_id", "=", firm.id)
      .execute();
    await appendAudit(tx, {
      firmId: firm.id,
      at: now,
      actor: staff.email,
      action: "protection.on",
      subject: firm.id,
      details: { admin: staff.staffNumber },
    });
    return findOnlyFirm(tx);
  });
}

export async function turnProtectionOff(
  db: Db,
  clock: Clock,
  credentials: { email: string; password: string },
): Promise<Firm> {
  const firm = await findOnlyFirm(db);
  if (!firm.protection) throw new AppError("STATUS_TRANSITION", "protection is already off");
  const user = await checkCredentials(db, firm.id, credentials.email, credentials.password);
  const rights = await loadRights(db, firm.id, user);
  if (!allows(rights, "A", { object: "roles" }))
    throw new AppError("FORBIDDEN", "only an Admin may turn protection off");
  const now = clock.now().toISOString();
  return inTransaction(db, async (tx) => {
    await tx
      .updateTable("firm")
      .set({ protection: 0, updated_at: now })
      .where("firm_id", "=", firm.id)
      .execute();
    await appendAudit(tx, {
      firmId: firm.id,
      at: now,
      actor: user.email,
      action: "protection.off",
      subject: firm.id,
      details: {},
    });
    return findOnlyFirm(tx);
  });
}

/**
 * `firmtime desktop` on an unprotected file: the file's firm answers at /f/desktop/ (the address
 * protection would give it), so the local app's first-run page can reach its API.
 */
export async function giveDesktopAddress(db: Db, clock: Clock): Promise<Firm> {
  const firm = await findOnlyFirm(db);
  if (firm.slug) return firm;
  await db
    .updateTable("firm")
    .set({ slug: DESKTOP_SLUG, updated_at: clock.now().toISOString() })
    .where("firm_id", "=", firm.id)
    .execute();
  return findOnlyFirm(db);
}

export type FirstAdmin =
  | { staffId: string; password: string }
  | {
      newStaff: { staffNumber: string; firstName: string; lastName: string; email: string };
      password: string;
    };

/**
 * The local app's first run: protection on, with one of the file's staff as the first Admin, or,
 * on a file with no staff yet, a first staff member made for it. All or nothing.
 */
export async function protectWithFirstAdmin(
  db: Db,
  clock: Clock,
  admin: FirstAdmin,
): Promise<{ firm: Firm; adminEmail: string }> {
  checkNewPassword(admin.password);
  return inTransaction(db, async (tx) => {
    const firm = await findOnlyFirm(tx);
    if (firm.protection) throw new AppError("STATUS_TRANSITION", "protection is already on");
    let staff: string;
    if ("newStaff" in admin) {
      if ((await selectStaff(tx, firm.id)).length > 0)
        throw invalid("this file has staff already: choose its Admin among them", { field: "staffId" });
      staff = (await addStaff(tx, { firm, clock, actor: "first run" }, admin.newStaff)).id;
    } else {
      staff = admin.staffId;
    }
    const protectedFirm = await turnProtectionOn(tx, clock, { staff, password: admin.password });
    // turnProtectionOn refuses a staff member without an email.
    const email = (await findStaff(tx, firm.id, staff))!.email!;
    return { firm: protectedFirm, adminEmail: email };
  });
}
