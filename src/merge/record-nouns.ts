/**
 * What people call the records of each synced table, one and many: the words of the merge's
 * summaries and logs ("2 time entries", "4 staff members"), never a table name with an "s".
 */
const NOUNS: Readonly<Record<string, readonly [one: string, many: string]>> = {
  firm: ["firm profile", "firm profiles"],
  staff: ["staff member", "staff members"],
  staff_group: ["staff group", "staff groups"],
  staff_group_member: ["staff group membership", "staff group memberships"],
  contact_company: ["contact company", "contact companies"],
  client: ["client", "clients"],
  project: ["project", "projects"],
  contact: ["contact", "contacts"],
  contact_client: ["contact's client", "contacts' clients"],
  contact_group: ["contact group", "contact groups"],
  contact_group_member: ["contact group membership", "contact group memberships"],
  work_code: ["work code", "work codes"],
  rate: ["rate", "rates"],
  time_entry: ["time entry", "time entries"],
  expense_entry: ["expense entry", "expense entries"],
  permissions: ["permission", "permissions"],
};

/** The noun for one record of a table (an unknown table reads as its name, in words). */
export const recordNoun = (table: string): string => NOUNS[table]?.[0] ?? table.replaceAll("_", " ");

/** "1 time entry", "3 time entries". */
export function countRecords(table: string, n: number): string {
  const [one, many] = NOUNS[table] ?? [table.replaceAll("_", " "), `${table.replaceAll("_", " ")} records`];
  return `${n} ${n === 1 ? one : many}`;
}

/** Whether every synced table has its words (a test keeps the table complete). */
export const hasNoun = (table: string): boolean => table in NOUNS;
