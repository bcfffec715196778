/**
 * What merges: each synced table's fields and their types, its unique keys and how a collision
 * between records made offline on two replicas is resolved, and the access rule a pushed change
 * is authorized against. The journal triggers (migration 0003) write the same fields.
 *
 * A field list is also the whitelist of column names a pushed change may name, so nothing a
 * client sends becomes SQL beyond these names.
 */
import type { AccessTarget, Action } from "../access/permissions.js";
import type { FieldValue } from "./change.js";

export type FieldType = "text" | "text?" | "int" | "int?" | readonly string[];

/** A unique key and what the cloud does when a record made elsewhere collides with it. */
export interface UniqueKey {
  columns: readonly string[];
  /** The column to make unique: suffix it ("-2", "-3"…), clear it (emails), or refuse the record. */
  resolve: { suffix: string } | { clear: string } | "refuse";
}

/** Reads another record's field, for access rules that follow a reference (a project's client). */
export type LookupField = (table: string, rowId: string, field: string) => Promise<FieldValue | undefined>;

export interface SyncedTable {
  name: string;
  /** Columns forming the row id ("a:b" for link tables); none for the firm's one profile row. */
  idColumns: readonly string[];
  fields: Readonly<Record<string, FieldType>>;
  /**
   * Fields added after records were already journaled, with the value a record's history that
   * predates them stands for (what the migration that added the column gave existing rows).
   * Without it such a record would never look complete again, and its next merged change would
   * be dropped (or, when rebuilt, the record removed).
   */
  addedLater?: Readonly<Record<string, FieldValue>>;
  unique: readonly UniqueKey[];
  /**
   * Reference columns and the table each names. A pushed record may only name records of its
   * own firm (the store enforces it too, with composite foreign keys; migration 0004).
   */
  references?: Readonly<Record<string, string>>;
  /** Entries: the amount is derived from these inputs and recomputed wherever they change. */
  derived?: "time_amount" | "expense_amount";
  access(
    row: Record<string, FieldValue>,
    action: Action,
    lookup: LookupField,
  ): Promise<{ action: Action; target: AccessTarget }>;
}

const ENTRY_STATUS = ["draft", "submitted", "approved", "billed", "transferred"] as const;
const text = (v: FieldValue | undefined): string | null => (typeof v === "string" ? v : null);

const fixed =
  (target: AccessTarget, actions?: Partial<Record<Action, Action>>): SyncedTable["access"] =>
  (_row, action) =>
    Promise.resolve({ action: actions?.[action] ?? action, target });

const ENTRY_FIELDS = {
  id: "text",
  staff_id: "text",
  client_id: "text",
  project_id: "text?",
  work_code_id: "text",
  entry_date: "text",
  billable: "int",
  description: "text",
  status: ENTRY_STATUS,
  created_at: "text",
  // Migration 0006: a reviewer's reason for returning the entry.
  review_comment: "text?",
} as const;

const ENTRY_ADDED_LATER = { review_comment: null } as const;

const ENTRY_REFERENCES = {
  staff_id: "staff",
  client_id: "client",
  project_id: "project",
  work_code_id: "work_code",
} as const;
const RATE_REFERENCES = ENTRY_REFERENCES;

const entryAccess =
  (object: "time_entries" | "expense_entries"): SyncedTable["access"] =>
  (row, action) =>
    Promise.resolve({
      action,
      target: { object, entityId: text(row.client_id), ownerStaffId: text(row.staff_id) },
    });

export const SYNCED_TABLES: readonly SyncedTable[] = [
  {
    name: "firm",
    idColumns: [],
    fields: {
      name: "text",
      currency: "text",
      minor_digits: "int",
      time_increment: "int",
      lock_date: "text?",
      fiscal_year_start_month: "int",
      created_at: "text",
    },
    unique: [],
    access: fixed({ object: "settings" }, { C: "E", D: "E" }),
  },
  {
    name: "staff",
    idColumns: ["id"],
    fields: {
      id: "text",
      staff_number: "text",
      first_name: "text",
      last_name: "text",
      email: "text?",
      status: ["active", "inactive"],
      inactive_date: "text?",
      created_at: "text",
    },
    unique: [
      { columns: ["staff_number"], resolve: { suffix: "staff_number" } },
      { columns: ["email"], resolve: { clear: "email" } },
    ],
    access: (row, action) =>
      Promise.resolve({ action, target: { object: "staff", selfStaffId: text(row.id) } }),
  },
  {
    name: "staff_group",
    idColumns: ["id"],
    fields: { id: "text", name: "text", created_at: "text" },
    unique: [{ columns: ["name"], resolve: { suffix: "name" } }],
    access: fixed({ object: "staff_groups" }),
  },
  {
    name: "staff_group_member",
    idColumns: ["group_id", "staff_id"],
    fields: { group_id: "text", staff_id: "text", created_at: "text" },
    unique: [],
    references: { group_id: "staff_group", staff_id: "staff" },
    access: fixed({ object: "staff_groups" }, { C: "E", D: "E" }),
  },
  {
    name: "contact_company",
    idColumns: ["id"],
    fields: { id: "text", name: "text", address: "text", created_at: "text" },
    unique: [{ columns: ["name"], resolve: { suffix: "name" } }],
    access: fixed({ object: "contacts" }),
  },
  {
    name: "client",
    idColumns: ["id"],
    fields: {
      id: "text",
      code: "text",
      name: "text",
      status: ["active", "inactive"],
      contact_company_id: "text?",
      partner_id: "text?",
      manager_id: "text?",
      address: "text",
      notes: "text",
      created_at: "text",
    },
    unique: [{ columns: ["code"], resolve: { suffix: "code" } }],
    references: { contact_company_id: "contact_company", partner_id: "staff", manager_id: "staff" },
    access: (row, action) =>
      Promise.resolve({
        action,
        target: action === "C" ? { object: "entities" } : { object: "entities", entityId: text(row.id) },
      }),
  },
  {
    name: "project",
    idColumns: ["id"],
    fields: {
      id: "text",
      client_id: "text",
      code: "text",
      name: "text",
      status: ["open", "closed"],
      budget_minutes: "int?",
      budget_fee: "int?",
      created_at: "text",
    },
    unique: [{ columns: ["client_id", "code"], resolve: { suffix: "code" } }],
    references: { client_id: "client" },
    access: (row, action) =>
      Promise.resolve({ action, target: { object: "projects", entityId: text(row.client_id) } }),
  },
  {
    name: "contact",
    idColumns: ["id"],
    fields: {
      id: "text",
      first_name: "text",
      last_name: "text",
      email: "text?",
      work_phone: "text",
      mobile_phone: "text",
      contact_company_id: "text?",
      created_at: "text",
    },
    unique: [{ columns: ["email"], resolve: { clear: "email" } }],
    references: { contact_company_id: "contact_company" },
    access: fixed({ object: "contacts" }),
  },
  {
    name: "contact_client",
    idColumns: ["contact_id", "client_id"],
    fields: { contact_id: "text", client_id: "text", created_at: "text" },
    unique: [],
    references: { contact_id: "contact", client_id: "client" },
    access: (row) =>
      Promise.resolve({ action: "E", target: { object: "entities", entityId: text(row.client_id) } }),
  },
  {
    name: "contact_group",
    idColumns: ["id"],
    fields: { id: "text", name: "text", created_at: "text" },
    unique: [{ columns: ["name"], resolve: { suffix: "name" } }],
    access: fixed({ object: "contact_groups" }),
  },
  {
    name: "contact_group_member",
    idColumns: ["group_id", "contact_id"],
    fields: { group_id: "text", contact_id: "text", created_at: "text" },
    unique: [],
    references: { group_id: "contact_group", contact_id: "contact" },
    access: fixed({ object: "contact_groups" }, { C: "E", D: "E" }),
  },
  {
    name: "work_code",
    idColumns: ["id"],
    fields: {
      id: "text",
      code: "text",
      kind: ["time", "expense"],
      billable: "int",
      name: "text",
      surcharge_bp: "int",
      internal_note: "text",
      active: "int",
      created_at: "text",
    },
    unique: [{ columns: ["code"], resolve: { suffix: "code" } }],
    access: fixed({ object: "work_codes" }),
  },
  {
    name: "rate",
    idColumns: ["id"],
    fields: {
      id: "text",
      scope: ["project", "client", "staff", "work_code"],
      staff_id: "text?",
      client_id: "text?",
      project_id: "text?",
      work_code_id: "text?",
      target_key: "text",
      effective_date: "text",
      rate: "int",
      created_at: "text",
    },
    // Two rates for one target and date cannot both hold; neither can be renamed.
    unique: [{ columns: ["target_key", "effective_date"], resolve: "refuse" }],
    references: RATE_REFERENCES,
    // The same rules as the rate routes: staff rates by their own object, client and project
    // rates as an edit of the client, work-code rates as an edit of the work code.
    access: async (row, action, lookup) => {
      if (row.scope === "staff") return { action, target: { object: "staff_rates" } };
      if (row.scope === "client")
        return { action: "E", target: { object: "entities", entityId: text(row.client_id) } };
      if (row.scope === "project") {
        const projectId = text(row.project_id);
        const clientId = projectId ? text((await lookup("project", projectId, "client_id")) ?? null) : null;
        return { action: "E", target: { object: "entities", entityId: clientId } };
      }
      return { action: "E", target: { object: "work_codes" } };
    },
  },
  {
    name: "time_entry",
    idColumns: ["id"],
    fields: { ...ENTRY_FIELDS, minutes: "int", rate: "int", rate_source: "text" },
    addedLater: ENTRY_ADDED_LATER,
    unique: [],
    references: ENTRY_REFERENCES,
    derived: "time_amount",
    access: entryAccess("time_entries"),
  },
  {
    name: "expense_entry",
    idColumns: ["id"],
    fields: {
      ...ENTRY_FIELDS,
      quantity: "int",
      unit_rate: "int",
      rate_source: "text",
      surcharge_bp: "int",
      receipt_file: "text?",
    },
    addedLater: ENTRY_ADDED_LATER,
    unique: [],
    references: ENTRY_REFERENCES,
    derived: "expense_amount",
    access: entryAccess("expense_entries"),
  },
];

const BY_NAME = new Map(SYNCED_TABLES.map((table) => [table.name, table]));

export const syncedTable = (name: string): SyncedTable | undefined => BY_NAME.get(name);

/**
 * A record's values as its history sets them, with the fields added after that history began
 * taking their default: what decides whether a record is complete.
 */
export const valuesWithDefaults = (
  table: SyncedTable,
  values: Record<string, FieldValue>,
): Record<string, FieldValue> =>
  // Not `{ ...table.addedLater, ...values }`: on Node 20 an object spread into a literal (or one
  // given properties after) takes ~20-60 µs and leaves hidden classes for the collector, paid on
  // every change a batch applies. Object.assign copies alike (field names are whitelisted) in ~1 µs.
  Object.assign({}, table.addedLater, values);

/** The row id a record has in the journal. */
export const rowIdOf = (table: SyncedTable, row: Record<string, unknown>): string =>
  table.idColumns.length === 0 ? "firm" : table.idColumns.map((c) => String(row[c])).join(":");

/** Why a value does not fit its field, or null when it does. */
export function fieldProblem(type: FieldType, value: FieldValue): string | null {
  if (typeof type !== "string") {
    return typeof value === "string" && type.includes(value) ? null : `must be one of ${type.join(", ")}`;
  }
  if (value === null) return type.endsWith("?") ? null : "is required";
  if (type.startsWith("text")) return typeof value === "string" ? null : "must be text";
  return Number.isSafeInteger(value) ? null : "must be a whole number";
}
