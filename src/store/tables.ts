/**
 * The database shape, as Kysely sees it. Row types stay inside the store layer: services and
 * callers get domain records from each capability's store file.
 *
 * Conventions (both engines): ids are UUIDv7 text; every table carries firm_id; dates are
 * "YYYY-MM-DD" text; timestamps are ISO-8601 UTC text; money, rates, minutes and quantities
 * are 64-bit integers; booleans are 0/1 integers.
 */
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

export interface AuditLogTable {
  id: string;
  firm_id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
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
  audit_log: AuditLogTable;
}
