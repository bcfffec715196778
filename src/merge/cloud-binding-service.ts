/**
 * The cloud's side of integration: binding a cloud firm to one desktop file.
 *
 * A new cloud firm already has a staff record for its Admin, and the file has one for the same
 * person: two records with one email. Binding settles it openly before the upload: a cloud
 * staff record that shares an email or staff number with a staff member of the file, and that
 * nothing refers to but user accounts, makes way (its users wait without a staff record until
 * the upload brings the file's); one that carries entries, rates or clients refuses the binding
 * (the firm's data would fork: integrate into a new cloud firm). After the upload, `finish`
 * gives each waiting user the file's staff record with their email.
 */
import { AppError } from "../domain/errors.js";
import type { Firm } from "../firm-setup/firm-store.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { appendLog, lockSyncState, updateSyncState, type SyncState } from "./journal-store.js";

export interface FileStaff {
  id: string;
  email: string | null;
  staffNumber: string;
}

export interface BindRequest {
  fileId: string;
  staff: FileStaff[];
  /** After the upload: link waiting users to the file's staff records. */
  finish: boolean;
}

export async function bindToFile(db: Db, firm: Firm, request: BindRequest, clock: Clock): Promise<SyncState> {
  return inTransaction(db, async (tx) => {
    const state = await lockSyncState(tx, firm.id);
    if (state.boundFileId && state.boundFileId !== request.fileId) {
      throw new AppError(
        "ALREADY_INTEGRATED",
        `the cloud firm ${firm.slug ?? firm.name} is already bound to another firm file; integrate into a new cloud firm`,
      );
    }
    const at = clock.now().toISOString();
    if (request.finish) await linkWaitingUsers(tx, firm.id);
    else await makeWayForFileStaff(tx, firm.id, request.staff, at);
    // Until `finish`, what the file pushes is its history (see revalidate.ts).
    const integratedAt = request.finish ? (state.integratedAt ?? at) : state.integratedAt;
    await updateSyncState(tx, firm.id, { boundFileId: request.fileId, integratedAt });
    return { ...state, boundFileId: request.fileId, integratedAt };
  });
}

async function makeWayForFileStaff(db: Db, firmId: string, staff: readonly FileStaff[], at: string) {
  const fileIds = new Set(staff.map((s) => s.id));
  const emails = new Set(staff.flatMap((s) => (s.email ? [s.email.toLowerCase()] : [])));
  const numbers = new Set(staff.map((s) => s.staffNumber.toUpperCase()));
  const cloudStaff = await db
    .selectFrom("staff")
    .select(["id", "email", "staff_number"])
    .where("firm_id", "=", firmId)
    .execute();
  for (const member of cloudStaff) {
    if (fileIds.has(member.id)) continue;
    if (!(member.email && emails.has(member.email)) && !numbers.has(member.staff_number)) continue;
    const uses = await usesOfStaff(db, firmId, member.id);
    if (uses.length > 0) {
      throw new AppError(
        "ALREADY_INTEGRATED",
        `the cloud firm already has ${uses.join(", ")} for staff member ${member.staff_number}, who is also in the file; integrate into a new cloud firm`,
      );
    }
    await db
      .updateTable("user_account")
      .set({ staff_id: null })
      .where("firm_id", "=", firmId)
      .where("staff_id", "=", member.id)
      .execute();
    await db.deleteFrom("staff").where("firm_id", "=", firmId).where("id", "=", member.id).execute();
    await appendLog(db, firmId, {
      at,
      level: "warning",
      code: "STAFF_REPLACED_BY_FILE",
      tbl: "staff",
      rowId: member.id,
      hlc: null,
      message: `the cloud's staff record ${member.staff_number} (${member.email ?? "no email"}) makes way for the file's record of the same person`,
      data: { staff_number: member.staff_number, email: member.email },
    });
  }
}

async function usesOfStaff(db: Db, firmId: string, staffId: string): Promise<string[]> {
  const count = async (what: string, query: Promise<{ n: number | string | bigint } | undefined>) =>
    Number((await query)?.n ?? 0) > 0 ? [what] : [];
  return [
    ...(await count(
      "time entries",
      db
        .selectFrom("time_entry")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("firm_id", "=", firmId)
        .where("staff_id", "=", staffId)
        .executeTakeFirst(),
    )),
    ...(await count(
      "expense entries",
      db
        .selectFrom("expense_entry")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("firm_id", "=", firmId)
        .where("staff_id", "=", staffId)
        .executeTakeFirst(),
    )),
    ...(await count(
      "rates",
      db
        .selectFrom("rate")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("firm_id", "=", firmId)
        .where("staff_id", "=", staffId)
        .executeTakeFirst(),
    )),
    ...(await count(
      "clients",
      db
        .selectFrom("client")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("firm_id", "=", firmId)
        .where((eb) => eb.or([eb("partner_id", "=", staffId), eb("manager_id", "=", staffId)]))
        .executeTakeFirst(),
    )),
    ...(await count(
      "staff groups",
      db
        .selectFrom("staff_group_member")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("firm_id", "=", firmId)
        .where("staff_id", "=", staffId)
        .executeTakeFirst(),
    )),
  ];
}

/** Users left without a staff record by makeWayForFileStaff get the file's record with their email. */
async function linkWaitingUsers(db: Db, firmId: string) {
  const waiting = await db
    .selectFrom("user_account")
    .select(["id", "email"])
    .where("firm_id", "=", firmId)
    .where("staff_id", "is", null)
    .where("contact_id", "is", null)
    .execute();
  for (const user of waiting) {
    const staff = await db
      .selectFrom("staff")
      .select("id")
      .where("firm_id", "=", firmId)
      .where("email", "=", user.email)
      .executeTakeFirst();
    if (staff)
      await db.updateTable("user_account").set({ staff_id: staff.id }).where("id", "=", user.id).execute();
  }
}
