/**
 * Re-validation of a pushed change on the cloud (merge.md: "the cloud re-validates and
 * re-authorizes every pushed change with its author's rights"): the rules the services apply
 * when a record is written by hand, applied to the record before and after the change.
 *
 * A desktop ran the same services when the change was made, so a change refused here is one
 * the cloud's state no longer allows (the client was made inactive meanwhile, an approved entry
 * was edited offline, a lock date moved) or one a modified client made up. Each rule is the
 * service's own pure check, fed from the records the change names.
 *
 * The integration upload is different: it carries the firm's past as the file holds it, and
 * files journaled before merging existed list their records table by table (a client's
 * inactivity before its years of entries, the firm's lock date before the entries it closed).
 * So while a cloud firm is bound to a file and not yet integrated, entries are taken as the
 * file has them: the lock date and the parties' being inactive or closed are not checked.
 * Authorization, the work code's kind and the minutes still are.
 */
import { authorize, type Actor } from "../access/authorize.js";
import { authorizeMembershipChange } from "../access/sharing-service.js";
import { roundUpToIncrement } from "../domain/duration.js";
import {
  assertAfterLockDate,
  assertEditable,
  assertStaffCanRecord,
  assertTransition,
  isEntryStatus,
  type EntryStatus,
} from "../domain/entries.js";
import { AppError, invalid } from "../domain/errors.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { authorizeStatusChange } from "../time-expense/entry-access.js";
import { MAX_SURCHARGE_BP } from "../time-expense/expense-entry-service.js";
import { assertWorkCodeKind, MAX_MINUTES } from "../time-expense/time-entry-service.js";
import type { Db } from "../store/database.js";
import type { Row } from "./apply-context.js";
import type { FieldValue } from "./change.js";
import type { LookupField, SyncedTable } from "./synced-tables.js";

const text = (value: FieldValue | undefined): string => (typeof value === "string" ? value : "");
const PLACEMENT = ["staff_id", "client_id", "project_id", "work_code_id", "entry_date"] as const;
const REVIEW_FIELDS = new Set(["status", "review_comment", "updated_at"]);
const changed = (before: Row | undefined, after: Row, field: string) =>
  !before || before[field] !== after[field];

/** The rules an entry's service applies, for a created, edited, moved or deleted entry. */
export async function revalidateEntry(
  scope: FirmScope,
  actor: Actor,
  table: SyncedTable,
  before: Row | undefined,
  after: Row | undefined,
  lookup: LookupField,
  history = false,
): Promise<void> {
  const kind = table.name === "time_entry" ? "time" : "expense";
  const lockDate = history ? null : scope.firm.lockDate;
  if (after && !isEntryStatus(text(after.status))) throw invalid("unknown entry status");
  const placement = (row: Row) => ({
    id: text(row.id),
    staffId: text(row.staff_id),
    clientId: text(row.client_id),
  });

  if (!after) {
    // Deleting: as the service, only an unlocked entry after the lock date.
    assertEditable(
      { ...placement(before!), status: before!.status as EntryStatus, date: text(before!.entry_date) },
      lockDate,
    );
    return;
  }
  const status = after.status as EntryStatus;
  const statusChanged = before !== undefined && before.status !== status;
  // The review comment goes with the status: set when a reviewer returns the entry, cleared
  // when it is submitted again; never edited on its own.
  const contentChanged = Object.keys(after).some(
    (field) => !REVIEW_FIELDS.has(field) && changed(before, after, field),
  );
  if (before && !statusChanged && changed(before, after, "review_comment"))
    throw invalid("a review comment changes only when the entry is returned or submitted again");

  if (before && statusChanged) {
    // The status service: a permitted transition, by a reviewer where reviewing; past the lock
    // date only the closing step (approved → billed / transferred).
    const from = before.status as EntryStatus;
    assertTransition(from, status);
    authorizeStatusChange(actor, kind, { ...placement(before), status: from }, status);
    const closing = from === "approved" && (status === "billed" || status === "transferred");
    if (!closing) assertAfterLockDate(text(before.entry_date), lockDate);
  } else if (!before && status !== "draft") {
    // Made and moved on offline (submitted, or approved by a reviewer) before the merge.
    authorizeStatusChange(actor, kind, { ...placement(after), status: "draft" }, status);
  }
  if (!contentChanged) return;

  if (before)
    assertEditable(
      { ...placement(before), status: before.status as EntryStatus, date: text(before.entry_date) },
      lockDate,
    );
  assertAfterLockDate(text(after.entry_date), lockDate);
  if (PLACEMENT.some((field) => changed(before, after, field)))
    await checkParties(after, kind, lookup, history);
  if (kind === "time" && changed(before, after, "minutes"))
    checkMinutes(after.minutes, scope.firm.timeIncrement);
  if (kind === "expense") checkExpense(before, after);
  if (text(after.description).length > 4000) throw invalid("description must be at most 4000 characters");
}

/**
 * Where an entry is recorded, checked as the service checks a new entry: the staff member may
 * record on that date, the client is active, the project open and the client's, the work code
 * of the entry's kind and active. A record the cloud lacks is left to the database's reference
 * check, which refuses the change as not found.
 */
async function checkParties(
  row: Row,
  kind: "time" | "expense",
  lookup: LookupField,
  history: boolean,
): Promise<void> {
  const workCodeId = text(row.work_code_id);
  const workCodeKind = await lookup("work_code", workCodeId, "kind");
  if (workCodeKind !== undefined) {
    assertWorkCodeKind(
      {
        code: text(await lookup("work_code", workCodeId, "code")),
        kind: workCodeKind === "expense" ? "expense" : "time",
        // A work code retired since still names the entries made with it.
        active: history || (await lookup("work_code", workCodeId, "active")) === 1,
      },
      kind,
    );
  }
  const clientId = text(row.client_id);
  const projectId = typeof row.project_id === "string" ? row.project_id : null;
  if (projectId) {
    const projectClient = await lookup("project", projectId, "client_id");
    if (projectClient !== undefined && projectClient !== clientId)
      throw invalid("the entry's project belongs to another client");
  }
  if (history) return;
  const staffId = text(row.staff_id);
  const staffStatus = await lookup("staff", staffId, "status");
  if (staffStatus !== undefined) {
    assertStaffCanRecord(
      {
        staffNumber: text(await lookup("staff", staffId, "staff_number")),
        status: staffStatus === "inactive" ? "inactive" : "active",
        inactiveDate: ((await lookup("staff", staffId, "inactive_date")) as string | null) ?? null,
      },
      text(row.entry_date),
    );
  }
  const clientStatus = await lookup("client", clientId, "status");
  if (clientStatus !== undefined && clientStatus !== "active")
    throw new AppError("INACTIVE", `client ${text(await lookup("client", clientId, "code"))} is inactive`);
  if (projectId && (await lookup("project", projectId, "status")) === "closed")
    throw new AppError("INACTIVE", `project ${text(await lookup("project", projectId, "code"))} is closed`);
}

/** The time service's minutes: whole, non-zero, at most a day, in the firm's increment. */
function checkMinutes(value: FieldValue | undefined, increment: number): void {
  const minutes = Number(value);
  if (!Number.isSafeInteger(minutes) || minutes === 0) throw invalid("an entry needs a non-zero duration");
  if (Math.abs(minutes) > MAX_MINUTES)
    throw invalid(`an entry may not exceed 24 hours (${minutes} minutes given)`);
  if (roundUpToIncrement(minutes, increment) !== minutes)
    throw invalid(`${minutes} minutes is not a multiple of the firm's ${increment}-minute increment`);
}

/** The expense service's quantity and surcharge bounds. */
function checkExpense(before: Row | undefined, after: Row): void {
  if (changed(before, after, "quantity") && Number(after.quantity) === 0)
    throw invalid("quantity must be a non-zero number");
  const surcharge = Number(after.surcharge_bp);
  if (changed(before, after, "surcharge_bp") && (surcharge < -10_000 || surcharge > MAX_SURCHARGE_BP))
    throw invalid("surcharge must be whole basis points, between -100 % and 10,000 %");
}

/**
 * Group membership carries the group's roles, so it is sharing (the group routes' rule): nobody
 * puts themselves in or takes themselves out, and the author may share every role the group holds.
 */
export async function revalidateMembership(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  table: SyncedTable,
  row: Row,
  lookup: LookupField,
): Promise<void> {
  const staffGroup = table.name === "staff_group_member";
  const groupId = text(row.group_id);
  const memberId = text(staffGroup ? row.staff_id : row.contact_id);
  if (actor.kind === "user" && (staffGroup ? actor.user.staffId : actor.user.contactId) === memberId)
    throw new AppError("FORBIDDEN", "you may not change your own groups: they carry roles");
  const name = text(await lookup(table.name.replace("_member", ""), groupId, "name")) || groupId;
  await authorizeMembershipChange(db, scope, actor, { id: groupId, name });
  authorize(actor, "E", { object: staffGroup ? "staff_groups" : "contact_groups" });
}
