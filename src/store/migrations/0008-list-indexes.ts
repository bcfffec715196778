/**
 * Indexes for the paged lists (src/store/list-query.ts): each list's filter leads (firm_id, then
 * a parent's id where a list is filtered by one) and each of its sorts follows, ending on the
 * list's tie-breaker (id), so a page is read from the index in order and the scan stops at the
 * page's end. Sorts by name use lower(name), as the lists do, on both engines (expression
 * indexes). Sorts by a unique code (client, work code, staff number, email) are served by the
 * unique keys of 0001 and 0002; the search ("contains") cannot use a b-tree and scans the
 * firm's rows of that list only.
 */
import { sql, type Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

/** name → table and its columns or expressions. */
const INDEXES: Record<string, [table: string, columns: string]> = {
  client_list_name: ["client", "firm_id, lower(name), id"],
  client_list_created: ["client", "firm_id, created_at, id"],
  client_list_status: ["client", "firm_id, status, code"],
  project_list_code: ["project", "firm_id, code, id"],
  project_list_name: ["project", "firm_id, lower(name), id"],
  project_list_created: ["project", "firm_id, created_at, id"],
  staff_list_last_name: ["staff", "firm_id, lower(last_name), lower(first_name), id"],
  staff_list_first_name: ["staff", "firm_id, lower(first_name), lower(last_name), id"],
  staff_list_created: ["staff", "firm_id, created_at, id"],
  staff_list_status: ["staff", "firm_id, status, staff_number"],
  work_code_list_name: ["work_code", "firm_id, lower(name), id"],
  work_code_list_created: ["work_code", "firm_id, created_at, id"],
  contact_list_name: ["contact", "firm_id, lower(last_name), lower(first_name), id"],
  contact_list_first_name: ["contact", "firm_id, lower(first_name), lower(last_name), id"],
  contact_list_created: ["contact", "firm_id, created_at, id"],
  contact_list_company: ["contact", "firm_id, contact_company_id"],
  contact_client_client: ["contact_client", "firm_id, client_id, contact_id"],
  contact_company_list_name: ["contact_company", "firm_id, lower(name), id"],
  staff_group_list_name: ["staff_group", "firm_id, lower(name), id"],
  contact_group_list_name: ["contact_group", "firm_id, lower(name), id"],
  user_account_list_created: ["user_account", "firm_id, created_at, id"],
  role_list_name: ["role", "firm_id, lower(name), id"],
  role_assignment_list_created: ["role_assignment", "firm_id, created_at, id"],
  role_assignment_entity: ["role_assignment", "firm_id, entity_id"],
  rate_list_date: ["rate", "firm_id, effective_date, id"],
};

export async function up(db: AnyDb): Promise<void> {
  for (const [name, [table, columns]] of Object.entries(INDEXES))
    await sql`CREATE INDEX ${sql.id(name)} ON ${sql.id(table)} (${sql.raw(columns)})`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  for (const name of Object.keys(INDEXES)) await sql`DROP INDEX ${sql.id(name)}`.execute(db);
}
