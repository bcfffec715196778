/**
 * Factories for service tests: records made through the real services (never inserted behind
 * their back), and a snapshot of every table to prove a refused operation wrote nothing.
 */
import { expect } from "vitest";
import { addClient } from "../firm-setup/client-service.js";
import { editFirm } from "../firm-setup/firm-service.js";
import { addProject } from "../firm-setup/project-service.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import type { Db } from "../store/database.js";
import type { Database } from "../store/tables.js";
import type { TestFirm } from "./stores.js";

/** Every table with a column set that orders its rows stably. */
const TABLE_ORDER: { [T in keyof Database]: (keyof Database[T] & string)[] } = {
  firm: ["firm_id"],
  staff: ["id"],
  staff_group: ["id"],
  staff_group_member: ["group_id", "staff_id"],
  rate: ["id"],
  client: ["id"],
  project: ["id"],
  contact_company: ["id"],
  contact: ["id"],
  contact_client: ["contact_id", "client_id"],
  work_code: ["id"],
  time_entry: ["id"],
  expense_entry: ["id"],
  expense_receipt: ["id"],
  file_deletion: ["file_key"],
  timer: ["id"],
  audit_log: ["id"],
  user_account: ["id"],
  role: ["id"],
  contact_group: ["id"],
  contact_group_member: ["group_id", "contact_id"],
  role_assignment: ["id"],
  session: ["id"],
  api_token: ["id"],
  one_time_link: ["id"],
  login_attempt: ["id"],
  mail_outbox: ["id"],
  sync_state: ["firm_id"],
  sync_change: ["seq"],
  sync_conflict: ["id"],
  sync_log: ["id"],
  sync_batch: ["firm_id", "batch_id"],
  sync_refusal: ["firm_id", "hlc", "tbl", "row_id"],
  sync_pending: ["firm_id", "tbl", "row_id"],
  sync_replica: ["firm_id", "replica_id"],
  entity_folder: ["id"],
  entity_file: ["id"],
  entity_file_version: ["id"],
  file_request: ["id"],
  file_request_recipient: ["request_id", "contact_id"],
  file_request_item: ["id"],
  file_request_comment: ["id"],
  approval: ["id"],
  entity_event: ["id"],
  portal_notification: ["id"],
  portal_setting: ["firm_id"],
  job: ["id"],
  two_factor: ["user_id"],
  two_factor_recovery_code: ["id"],
  two_factor_challenge: ["id"],
  two_factor_setting: ["firm_id"],
  accounting_setting: ["firm_id"],
  accounting_worker: ["firm_id", "staff_id"],
  accounting_expense_account: ["firm_id", "work_code_id"],
  accounting_connection: ["firm_id"],
  accounting_link: ["firm_id", "target", "local_kind", "local_id"],
  accounting_run: ["id"],
  accounting_run_item: ["id"],
  accounting_batch: ["id"],
  accounting_posting: ["firm_id", "target", "entry_kind", "entry_id"],
  accounting_export: ["firm_id", "format", "entry_kind", "entry_id"],
  accounting_firm_lease: ["firm_id"],
  accounting_books_read: ["firm_id"],
  accounting_books_record: ["firm_id", "kind", "external_id"],
  access_version: ["firm_id"],
};

export type StoreSnapshot = Record<string, unknown[]>;

/** Every row of every table: equal snapshots mean the store did not change at all. */
export async function snapshotStore(db: Db): Promise<StoreSnapshot> {
  const snapshot: StoreSnapshot = {};
  for (const [table, order] of Object.entries(TABLE_ORDER) as [keyof Database, string[]][]) {
    let query = db.selectFrom(table).selectAll();
    for (const column of order) query = query.orderBy(column as never);
    snapshot[table] = await query.execute();
  }
  return snapshot;
}

/**
 * Runs an operation that must fail, checks its error code and message, and checks that the
 * store is exactly as it was before.
 */
export async function expectRefusedUnchanged(
  db: Db,
  operation: () => Promise<unknown>,
  expected: { code: string; message?: string | RegExp },
): Promise<void> {
  const before = await snapshotStore(db);
  const error = await operation().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, "the operation should have been refused").toBeDefined();
  expect(error).toMatchObject({ name: "AppError", code: expected.code });
  if (expected.message !== undefined) expect((error as Error).message).toMatch(expected.message);
  expect(await snapshotStore(db)).toEqual(before);
}

export const exactly = (text: string): RegExp =>
  new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

/** The firm's lock date, changed through the firm service and refreshed in the test scope. */
export async function setLockDate(t: TestFirm, lockDate: string | null): Promise<void> {
  t.scope.firm = await editFirm(t.store.db, t.scope.clock, t.scope.firm.id, { lockDate });
}

/**
 * A small practice: two staff, a client with a project, time work codes TAX (150.00/h, B) and
 * ADMIN (NB, no rate), expense work codes MILE (0.58/unit) and PRINT (0.25/unit + 15 %).
 */
export async function seedPractice(t: TestFirm): Promise<void> {
  const { db } = t.store;
  await addStaff(db, t.scope, {
    staffNumber: "JD",
    firstName: "Jane",
    lastName: "Doe",
    email: "jane@firm.test",
  });
  await addStaff(db, t.scope, {
    staffNumber: "AB",
    firstName: "Al",
    lastName: "Bell",
    email: "al@firm.test",
  });
  await addClient(db, t.scope, { code: "ACME", name: "Acme Ltd", partner: "JD" });
  await addProject(db, t.scope, { client: "ACME", code: "AUDIT", name: "Year-end audit" });
  await addWorkCode(db, t.scope, { code: "TAX", kind: "time", name: "Tax preparation", rate: 1_500_000 });
  await addWorkCode(db, t.scope, { code: "ADMIN", kind: "time", billable: false, name: "Administration" });
  await addWorkCode(db, t.scope, { code: "MILE", kind: "expense", name: "Mileage", rate: 5_800 });
  await addWorkCode(db, t.scope, {
    code: "PRINT",
    kind: "expense",
    name: "Printing",
    rate: 2_500,
    surchargeBp: 1_500,
  });
}
