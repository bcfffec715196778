/**
 * The database shape, as Kysely sees it. Row types stay inside the store layer: services and
 * callers get domain records from each capability's store file.
 *
 * Conventions (both engines): ids are UUIDv7 text; every table carries firm_id; dates are
 * "YYYY-MM-DD" text; timestamps are ISO-8601 UTC text; money, rates, minutes and quantities
 * are 64-bit integers; booleans are 0/1 integers.
 */
import type { Generated } from "kysely";

interface Stamped {
  created_at: string;
  updated_at: string;
}

export interface FirmTable extends Stamped {
  firm_id: string;
  name: string;
  currency: string;
  minor_digits: number;
  time_increment: number;
  lock_date: string | null;
  fiscal_year_start_month: number;
  slug: string | null;
  protection: number;
}

export interface StaffTable extends Stamped {
  id: string;
  firm_id: string;
  staff_number: string;
  first_name: string;
  last_name: string;
  email: string | null;
  status: "active" | "inactive";
  inactive_date: string | null;
}

export interface StaffGroupTable extends Stamped {
  id: string;
  firm_id: string;
  name: string;
}

export interface StaffGroupMemberTable {
  firm_id: string;
  group_id: string;
  staff_id: string;
  created_at: string;
}

export interface RateTable extends Stamped {
  id: string;
  firm_id: string;
  scope: "project" | "client" | "staff" | "work_code";
  staff_id: string | null;
  client_id: string | null;
  project_id: string | null;
  work_code_id: string | null;
  /** scope:owner:workcode — one row per target and effective date. */
  target_key: string;
  effective_date: string;
  rate: number;
}

export interface ClientTable extends Stamped {
  id: string;
  firm_id: string;
  code: string;
  name: string;
  status: "active" | "inactive";
  contact_company_id: string | null;
  partner_id: string | null;
  manager_id: string | null;
  address: string;
  notes: string;
}

export interface ProjectTable extends Stamped {
  id: string;
  firm_id: string;
  client_id: string;
  code: string;
  name: string;
  status: "open" | "closed";
  budget_minutes: number | null;
  budget_fee: number | null;
}

export interface ContactCompanyTable extends Stamped {
  id: string;
  firm_id: string;
  name: string;
  address: string;
}

export interface ContactTable extends Stamped {
  id: string;
  firm_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  work_phone: string;
  mobile_phone: string;
  contact_company_id: string | null;
}

export interface ContactClientTable {
  firm_id: string;
  contact_id: string;
  client_id: string;
  created_at: string;
}

export interface WorkCodeTable extends Stamped {
  id: string;
  firm_id: string;
  code: string;
  kind: "time" | "expense";
  billable: number;
  name: string;
  surcharge_bp: number;
  internal_note: string;
  active: number;
}

interface EntryColumns extends Stamped {
  id: string;
  firm_id: string;
  staff_id: string;
  client_id: string;
  project_id: string | null;
  work_code_id: string;
  entry_date: string;
  billable: number;
  amount: number;
  description: string;
  status: "draft" | "submitted" | "approved" | "billed" | "transferred";
  /** Migration 0006: why a reviewer returned the entry; cleared when it is submitted again. */
  review_comment: string | null;
}

export interface TimeEntryTable extends EntryColumns {
  minutes: number;
  rate: number;
  rate_source: string;
}

export interface ExpenseEntryTable extends EntryColumns {
  quantity: number;
  unit_rate: number;
  /** Where the unit rate came from: a rate level, or "entered" when typed on the entry. */
  rate_source: string;
  surcharge_bp: number;
  receipt_file: string | null;
}

/** A file attached to an expense entry; its bytes are in the file store under file_key. */
export interface ExpenseReceiptTable {
  id: string;
  firm_id: string;
  entry_id: string;
  file_key: string;
  /** The uploader's name for the file, for display only: never a path. */
  file_name: string;
  /** Detected from the content, not the name or the declared type. */
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
}

/** A stored file whose record is gone, waiting for its bytes to be removed (filled by triggers). */
export interface FileDeletionTable {
  file_key: string;
  firm_id: string;
  attempts: Generated<number>;
}

/** Migration 0006: a staff member's running timer (one at most; not synced). */
export interface TimerTable {
  id: string;
  firm_id: string;
  staff_id: string;
  client_id: string;
  project_id: string | null;
  work_code_id: string;
  description: string;
  /** null: the work code's default. */
  billable: number | null;
  /** IANA zone whose calendar dates the timer's entry and "forgotten" follow. */
  time_zone: string;
  started_at: string;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  firm_id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
}

export interface UserAccountTable extends Stamped {
  id: string;
  firm_id: string;
  email: string;
  password_hash: string | null;
  status: "invited" | "active" | "disabled";
  staff_id: string | null;
  contact_id: string | null;
  password_changed_at: string | null;
}

export interface RoleTable extends Stamped {
  id: string;
  firm_id: string;
  name: string;
  built_in: number;
  /** JSON: { object: "CRED..." } */
  grants: string;
}

export interface ContactGroupTable extends Stamped {
  id: string;
  firm_id: string;
  name: string;
}

export interface ContactGroupMemberTable {
  firm_id: string;
  group_id: string;
  contact_id: string;
  created_at: string;
}

export interface RoleAssignmentTable {
  id: string;
  firm_id: string;
  role_id: string;
  principal_kind: "user" | "staff_group" | "contact_group";
  principal_id: string;
  scope: "system" | "entity" | "item";
  entity_id: string | null;
  item_id: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself lives only in the cookie. */
  id: string;
  firm_id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** Migration 0010: a session opened by a request email's link reaches that request only. */
  request_id: string | null;
}

export interface ApiTokenTable {
  id: string;
  firm_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface OneTimeLinkTable {
  id: string;
  firm_id: string;
  user_id: string;
  purpose: "activation" | "reset" | "request";
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Migration 0010: what the link opens (a request link's file request). */
  subject_id: string | null;
}

export interface LoginAttemptTable {
  id: string;
  firm_id: string;
  email: string;
  address: string;
  at: string;
  succeeded: number;
}

export interface MailOutboxTable {
  id: string;
  firm_id: string;
  /** One email per event: a second enqueue of the same event is a no-op. */
  event_key: string;
  recipient: string;
  subject: string;
  body_text: string;
  /** Migration 0010: the HTML part, when the email has one. */
  body_html: string | null;
  /** Migration 0010: where replies go (the staff member who asked), and the name it comes from. */
  reply_to: string | null;
  sender_name: string | null;
  status: "pending" | "sent" | "failed";
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

/** Merge (migration 0003): one row per firm; written by the journal triggers and the merge. */
export interface SyncStateTable {
  firm_id: string;
  replica_id: string;
  millis: number;
  counter: number;
  applying: Generated<number>;
  cursor: Generated<number>;
  pushed_upto: Generated<number>;
  /** The firm's last journal sequence number (each firm numbers its own changes). */
  last_seq: Generated<number>;
  /** How many times a merge has set `applying` (migration 0017): with last_seq, the firm's data version. */
  apply_round: Generated<number>;
  /** Desktop: the newest of its own changes the cloud has answered (copy detection). */
  acked_hlc: string | null;
  epoch: string;
  cloud_url: string | null;
  cloud_slug: string | null;
  cloud_replica_id: string | null;
  file_id: string;
  integrated_at: string | null;
  last_merge_at: string | null;
  last_merge: string | null;
  bound_file_id: string | null;
  /** Desktop (migration 0005): the Admin running an integration, from its start; see integrated_at. */
  integrating_as: string | null;
  /** Desktop (migration 0009): 1 while its user chose to work offline. */
  working_offline: Generated<number>;
}

/** Cloud: per replica, the newest of its changes the cloud has answered (accepted or refused). */
export interface SyncReplicaTable {
  firm_id: string;
  replica_id: string;
  acked_hlc: string;
  updated_at: string;
}

export interface SyncChangeTable {
  /** Per firm: the firm's changes are numbered 1, 2, 3… (sync_state.last_seq). */
  seq: number;
  firm_id: string;
  hlc: string;
  replica: string;
  tbl: string;
  row_id: string;
  op: "put" | "delete";
  /** JSON object of the fields the change sets ("{}" for a delete). */
  data: string;
  seen: number | null;
  cloud_seq: number | null;
  author: string | null;
}

export interface SyncConflictTable {
  id: string;
  firm_id: string;
  at: string;
  kind: "overwrite" | "deleted" | "unique";
  tbl: string;
  row_id: string;
  field: string;
  lost_value: string;
  lost_hlc: string;
  lost_author: string | null;
  kept_value: string;
  kept_hlc: string;
  status: "open" | "restored" | "dismissed";
  resolved_at: string | null;
}

export interface SyncLogTable {
  id: string;
  firm_id: string;
  at: string;
  level: "warning" | "error";
  code: string;
  tbl: string;
  row_id: string;
  hlc: string | null;
  message: string;
  data: string;
  /** Migration 0005: when a warning closed (a held entry went up); null while open. */
  closed_at: string | null;
}

export interface SyncPendingTable {
  firm_id: string;
  tbl: string;
  row_id: string;
}

export interface SyncRefusalTable {
  firm_id: string;
  hlc: string;
  tbl: string;
  row_id: string;
  code: string;
  message: string;
}

export interface SyncBatchTable {
  firm_id: string;
  batch_id: string;
  at: string;
  answer: string;
}

/** Portal (migration 0010): see its header for the rules these tables keep. */
export type EntityFileKind = "firm" | "shared" | "client";
export type RequestStatus = "open" | "responded" | "completed" | "cancelled";

export interface EntityFolderTable extends Stamped {
  id: string;
  firm_id: string;
  client_id: string;
  parent_id: string | null;
  name: string;
  created_by: string;
}

export interface EntityFileTable extends Stamped {
  id: string;
  firm_id: string;
  client_id: string;
  folder_id: string | null;
  kind: EntityFileKind;
  /** The file's name, for display only (never a path): the first upload's, until renamed. */
  name: string;
  /** How many versions it has (the latest's number). */
  versions: number;
  created_by: string;
}

export interface EntityFileVersionTable {
  id: string;
  firm_id: string;
  file_id: string;
  version: number;
  file_key: string;
  file_name: string;
  /** Detected from the content, not the name or the declared type. */
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
  request_item_id: string | null;
}

export interface FileRequestTable extends Stamped {
  id: string;
  firm_id: string;
  client_id: string;
  subject: string;
  description: string;
  email_message: string;
  status: RequestStatus;
  created_by: string;
  responded_at: string | null;
  closed_at: string | null;
  remind_every_days: number | null;
  remind_max: number;
  reminders_sent: number;
  next_reminder_at: string | null;
}

export interface FileRequestRecipientTable {
  firm_id: string;
  request_id: string;
  contact_id: string;
  created_at: string;
}

export interface FileRequestItemTable {
  id: string;
  firm_id: string;
  request_id: string;
  position: number;
  title: string;
  due_date: string | null;
  action: "upload" | "update" | "sign";
  file_id: string | null;
  status: RequestStatus;
  updated_at: string;
  responded_at: string | null;
  closed_at: string | null;
}

export interface FileRequestCommentTable {
  id: string;
  firm_id: string;
  item_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

export interface ApprovalTable {
  id: string;
  firm_id: string;
  client_id: string;
  file_id: string;
  version_id: string;
  sha256: string;
  contact_id: string;
  message: string;
  requested_by: string;
  requested_at: string;
  status: "pending" | "approved" | "declined" | "cancelled";
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  /** The address the decision came from. */
  decided_from: string | null;
}

export interface EntityEventTable {
  id: string;
  firm_id: string;
  client_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  kind: string;
  audience: "staff" | "entity" | "request" | "contact";
  request_id: string | null;
  file_id: string | null;
  contact_id: string | null;
  summary: string;
  /** JSON object. */
  details: string;
}

export interface PortalNotificationTable {
  id: string;
  firm_id: string;
  user_id: string;
  event_id: string;
  created_at: string;
  seen_at: string | null;
  mailed_at: string | null;
}

export interface PortalSettingTable {
  firm_id: string;
  detailed_notifications: number;
  notification_mode: "each" | "digest";
  digest_minutes: number;
  updated_at: string;
}

/** Migration 0011: the durable job table (src/jobs/; the rules are in the migration's header). */
export interface JobTable {
  id: string;
  firm_id: string;
  kind: string;
  /** Unique per firm: one job per event. */
  key: string;
  /** JSON text. */
  payload: string;
  status: "pending" | "running" | "done" | "failed" | "cancelled";
  run_at: string;
  attempts: number;
  max_attempts: number;
  lease_until: string | null;
  lease_token: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** Migration 0012: a user's TOTP enrolment; the secret is never returned once confirmed. */
export interface TwoFactorTable {
  user_id: string;
  firm_id: string;
  secret: string;
  confirmed_at: string | null;
  /** The newest TOTP time step accepted: later codes only (no replay). */
  last_step: number | null;
  created_at: string;
  updated_at: string;
}

export interface TwoFactorRecoveryCodeTable {
  id: string;
  firm_id: string;
  user_id: string;
  /** SHA-256 of the normalised code. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface TwoFactorChallengeTable {
  /** SHA-256 of the challenge token. */
  id: string;
  firm_id: string;
  user_id: string;
  purpose: "code" | "enrol";
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Set when the challenge answers a request email's link: the session reaches that request only. */
  request_id: string | null;
}

export interface TwoFactorSettingTable {
  firm_id: string;
  required_for_staff: number;
  required_for_contacts: number;
  updated_at: string;
}

/** Migration 0013: the accounting connector (src/accounting). */
export type AccountingTarget = "qbo" | "iif" | "hledger";
export type AccountingLead = "firmtime" | "accounting";

export interface AccountingSettingTable {
  firm_id: string;
  target: AccountingTarget;
  /** jobs: project → sub-customer job, work code → service item; items: project → item. */
  relationship: "jobs" | "items";
  employees_lead: AccountingLead;
  customers_lead: AccountingLead;
  vendors_lead: AccountingLead;
  expense_account_id: string | null;
  schedule: "off" | "nightly";
  schedule_hour: number;
  updated_at: string;
  updated_by: string | null;
}

export interface AccountingWorkerTable {
  firm_id: string;
  staff_id: string;
  kind: "employee" | "vendor";
}

export interface AccountingExpenseAccountTable {
  firm_id: string;
  work_code_id: string;
  account_id: string;
}

export interface AccountingConnectionTable {
  firm_id: string;
  target: "qbo";
  state: "connecting" | "connected" | "reconnect";
  realm_id: string | null;
  access_token: string | null;
  access_expires_at: string | null;
  refresh_token: string | null;
  refresh_expires_at: string | null;
  oauth_state: string | null;
  oauth_state_expires_at: string | null;
  connected_by: string | null;
  connected_at: string | null;
  last_error: string | null;
  updated_at: string;
}

export type AccountingLocalKind = "staff" | "client" | "project" | "work_code";
export type AccountingExternalKind = "employee" | "vendor" | "customer" | "item";

export interface AccountingLinkTable {
  firm_id: string;
  target: AccountingTarget;
  local_kind: AccountingLocalKind;
  local_id: string;
  external_kind: AccountingExternalKind;
  external_id: string;
  external_version: string | null;
  local_name: string;
  external_name: string;
  linked_at: string;
  synced_at: string;
}

export type AccountingRunKind = "transfer" | "import" | "readiness" | "export";
export type AccountingRunStatus = "queued" | "running" | "done" | "failed" | "refused";

export interface AccountingRunTable {
  id: string;
  firm_id: string;
  kind: AccountingRunKind;
  target: AccountingTarget;
  requested_by: string | null;
  scheduled: Generated<number>;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  status: AccountingRunStatus;
  phase: string | null;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  /** JSON text: what the run was asked to do (e.g. export everything again). */
  options: string;
  /** JSON text: counts per phase and outcome, once finished. */
  summary: string | null;
  error: string | null;
  file_key: string | null;
  file_name: string | null;
  job_id: string | null;
}

export interface AccountingRunItemTable {
  id: string;
  firm_id: string;
  run_id: string;
  seq: number;
  phase: string;
  outcome: string;
  local_kind: string | null;
  local_id: string | null;
  external_id: string | null;
  name: string;
  message: string;
  created_at: string;
}

export interface AccountingBatchTable {
  id: string;
  firm_id: string;
  target: string;
  entry_kind: "time" | "expense";
  run_id: string;
  state: "pending" | "sent";
  created_at: string;
  sent_at: string | null;
}

export interface AccountingPostingTable {
  firm_id: string;
  target: string;
  entry_kind: "time" | "expense";
  entry_id: string;
  batch_id: string;
  state: "pending" | "posted" | "refused";
  external_id: string | null;
  message: string | null;
  posted_at: string | null;
}

export interface AccountingExportTable {
  firm_id: string;
  format: "iif" | "hledger";
  entry_kind: "time" | "expense";
  entry_id: string;
  run_id: string;
  exported_at: string;
}

/** Migration 0014: the books as last read (src/accounting/books-mirror.ts). */
export interface AccountingBooksReadTable {
  firm_id: string;
  books_id: string;
  changes_from: string;
}

export interface AccountingBooksRecordTable {
  firm_id: string;
  kind: AccountingExternalKind;
  external_id: string;
  name: string;
  full_name: string;
  parent_external_id: string | null;
  active: number;
  version: string | null;
  updated_at: string;
}

/** Migration 0015: raised by triggers on every change to who may do what (src/access/actor-cache.ts). */
export interface AccessVersionTable {
  firm_id: string;
  version: number;
}

export interface AccountingFirmLeaseTable {
  firm_id: string;
  holder: string;
  lease_until: string;
  updated_at: string;
}

export interface Database {
  firm: FirmTable;
  staff: StaffTable;
  staff_group: StaffGroupTable;
  staff_group_member: StaffGroupMemberTable;
  rate: RateTable;
  client: ClientTable;
  project: ProjectTable;
  contact_company: ContactCompanyTable;
  contact: ContactTable;
  contact_client: ContactClientTable;
  work_code: WorkCodeTable;
  time_entry: TimeEntryTable;
  expense_entry: ExpenseEntryTable;
  expense_receipt: ExpenseReceiptTable;
  file_deletion: FileDeletionTable;
  timer: TimerTable;
  audit_log: AuditLogTable;
  user_account: UserAccountTable;
  role: RoleTable;
  contact_group: ContactGroupTable;
  contact_group_member: ContactGroupMemberTable;
  role_assignment: RoleAssignmentTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  one_time_link: OneTimeLinkTable;
  login_attempt: LoginAttemptTable;
  mail_outbox: MailOutboxTable;
  sync_state: SyncStateTable;
  sync_change: SyncChangeTable;
  sync_conflict: SyncConflictTable;
  sync_log: SyncLogTable;
  sync_batch: SyncBatchTable;
  sync_refusal: SyncRefusalTable;
  sync_pending: SyncPendingTable;
  sync_replica: SyncReplicaTable;
  entity_folder: EntityFolderTable;
  entity_file: EntityFileTable;
  entity_file_version: EntityFileVersionTable;
  file_request: FileRequestTable;
  file_request_recipient: FileRequestRecipientTable;
  file_request_item: FileRequestItemTable;
  file_request_comment: FileRequestCommentTable;
  approval: ApprovalTable;
  entity_event: EntityEventTable;
  portal_notification: PortalNotificationTable;
  portal_setting: PortalSettingTable;
  job: JobTable;
  accounting_setting: AccountingSettingTable;
  accounting_worker: AccountingWorkerTable;
  accounting_expense_account: AccountingExpenseAccountTable;
  accounting_connection: AccountingConnectionTable;
  accounting_link: AccountingLinkTable;
  accounting_run: AccountingRunTable;
  accounting_run_item: AccountingRunItemTable;
  accounting_batch: AccountingBatchTable;
  accounting_posting: AccountingPostingTable;
  accounting_export: AccountingExportTable;
  accounting_firm_lease: AccountingFirmLeaseTable;
  accounting_books_read: AccountingBooksReadTable;
  accounting_books_record: AccountingBooksRecordTable;
  access_version: AccessVersionTable;
  two_factor: TwoFactorTable;
  two_factor_recovery_code: TwoFactorRecoveryCodeTable;
  two_factor_challenge: TwoFactorChallengeTable;
  two_factor_setting: TwoFactorSettingTable;
}
