/**
 * The accounting connector (shared/design/accounting.md, src/accounting/): a firm's settings,
 * its connection, the links between firmtime's records and the accounting system's, the record
 * of every run, and what was posted or exported, so nothing is sent twice.
 *
 * None of these tables is synced: the connector runs beside the cloud (a desktop file transfers
 * through the cloud it merges with). Every reference is composite (firm_id, column) as since 0004.
 *
 * - accounting_setting: one row per firm that set anything; a firm without one has the defaults
 *   (QuickBooks Online, projects as jobs, firmtime leads every list, nightly).
 * - accounting_worker: staff who are vendors (contractors) in the books; the rest are employees.
 * - accounting_expense_account: the expense account (the target's id) per expense work code.
 * - accounting_connection: the firm's OAuth tokens. The refresh token rotates: the connector
 *   writes the newest one before it uses it. `state` is `reconnect` once the target refused the
 *   grant for good; `oauth_state` holds a pending connect's anti-forgery value until it is used.
 * - accounting_link: one firmtime record ↔ one record of the target, both ways unique. Linked by
 *   name only the first time, by these ids after that. `local_name` / `external_name` are the
 *   names as of the last transfer, to see what changed since.
 * - accounting_run: every transfer, import, readiness check and export: who asked, when, how far
 *   it got, what it found. Runs are queued as jobs (job_id) for the connector.
 * - accounting_run_item: what moved, was refused, or waits, and why, one row each.
 * - accounting_batch / accounting_posting: a posting batch and its entries, written before the
 *   batch is sent (its id is the target's idempotency key), so a batch resent after a crash or a
 *   lost answer replays instead of posting twice. A posted entry keeps its external id.
 * - accounting_export: entries written to an IIF file or a journal; not written again unless a
 *   run asks for everything.
 * - accounting_firm_lease: the one connector process holding a firm's connection now.
 */
import type { CreateTableBuilder, Kysely } from "kysely";
import { sql } from "kysely";

type AnyDb = Kysely<unknown>;
type Builder = CreateTableBuilder<string, string>;

const firmRef = (table: Builder): Builder =>
  table.addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"));

const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((value) => `'${value}'`).join(", ")})`);

export const TARGETS = ["qbo", "iif", "hledger"] as const;
const LEADS = ["firmtime", "accounting"] as const;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("accounting_setting")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.firm_id"))
    .addColumn("target", "text", (c) => c.notNull().check(oneOf("target", TARGETS)))
    .addColumn("relationship", "text", (c) => c.notNull().check(oneOf("relationship", ["jobs", "items"])))
    .addColumn("employees_lead", "text", (c) => c.notNull().check(oneOf("employees_lead", LEADS)))
    .addColumn("customers_lead", "text", (c) => c.notNull().check(oneOf("customers_lead", LEADS)))
    .addColumn("vendors_lead", "text", (c) => c.notNull().check(oneOf("vendors_lead", LEADS)))
    .addColumn("expense_account_id", "text")
    .addColumn("schedule", "text", (c) => c.notNull().check(oneOf("schedule", ["off", "nightly"])))
    .addColumn("schedule_hour", "integer", (c) =>
      c.notNull().check(sql`schedule_hour >= 0 AND schedule_hour <= 23`),
    )
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await db.schema
    .createTable("accounting_worker")
    .$call(firmRef)
    .addColumn("staff_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(oneOf("kind", ["employee", "vendor"])))
    .addPrimaryKeyConstraint("accounting_worker_pk", ["firm_id", "staff_id"])
    .addForeignKeyConstraint("accounting_worker_staff_fk", ["firm_id", "staff_id"], "staff", [
      "firm_id",
      "id",
    ])
    .execute();

  await db.schema
    .createTable("accounting_expense_account")
    .$call(firmRef)
    .addColumn("work_code_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("accounting_expense_account_pk", ["firm_id", "work_code_id"])
    .addForeignKeyConstraint(
      "accounting_expense_account_work_code_fk",
      ["firm_id", "work_code_id"],
      "work_code",
      ["firm_id", "id"],
    )
    .execute();

  await db.schema
    .createTable("accounting_connection")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.firm_id"))
    .addColumn("target", "text", (c) => c.notNull().check(oneOf("target", ["qbo"])))
    .addColumn("state", "text", (c) =>
      c.notNull().check(oneOf("state", ["connecting", "connected", "reconnect"])),
    )
    .addColumn("realm_id", "text")
    .addColumn("access_token", "text")
    .addColumn("access_expires_at", "text")
    .addColumn("refresh_token", "text")
    .addColumn("refresh_expires_at", "text")
    .addColumn("oauth_state", "text")
    .addColumn("oauth_state_expires_at", "text")
    .addColumn("connected_by", "text")
    .addColumn("connected_at", "text")
    .addColumn("last_error", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("accounting_link")
    .$call(firmRef)
    .addColumn("target", "text", (c) => c.notNull().check(oneOf("target", TARGETS)))
    .addColumn("local_kind", "text", (c) =>
      c.notNull().check(oneOf("local_kind", ["staff", "client", "project", "work_code"])),
    )
    .addColumn("local_id", "text", (c) => c.notNull())
    .addColumn("external_kind", "text", (c) =>
      c.notNull().check(oneOf("external_kind", ["employee", "vendor", "customer", "item"])),
    )
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("external_version", "text")
    .addColumn("local_name", "text", (c) => c.notNull())
    .addColumn("external_name", "text", (c) => c.notNull())
    .addColumn("linked_at", "text", (c) => c.notNull())
    .addColumn("synced_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("accounting_link_pk", ["firm_id", "target", "local_kind", "local_id"])
    .addUniqueConstraint("accounting_link_external_unique", [
      "firm_id",
      "target",
      "external_kind",
      "external_id",
    ])
    .execute();

  await db.schema
    .createTable("accounting_run")
    .addColumn("id", "text", (c) => c.primaryKey())
    .$call(firmRef)
    .addColumn("kind", "text", (c) =>
      c.notNull().check(oneOf("kind", ["transfer", "import", "readiness", "export"])),
    )
    .addColumn("target", "text", (c) => c.notNull().check(oneOf("target", TARGETS)))
    .addColumn("requested_by", "text")
    .addColumn("scheduled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(oneOf("status", ["queued", "running", "done", "failed", "refused"])),
    )
    .addColumn("phase", "text")
    .addColumn("progress_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("options", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("error", "text")
    .addColumn("file_key", "text")
    .addColumn("file_name", "text")
    .addColumn("job_id", "text")
    .addUniqueConstraint("accounting_run_firm_id_unique", ["firm_id", "id"])
    .execute();
  await db.schema
    .createIndex("accounting_run_firm_requested")
    .on("accounting_run")
    .columns(["firm_id", "requested_at"])
    .execute();

  await db.schema
    .createTable("accounting_run_item")
    .addColumn("id", "text", (c) => c.primaryKey())
    .$call(firmRef)
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("local_kind", "text")
    .addColumn("local_id", "text")
    .addColumn("external_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addForeignKeyConstraint("accounting_run_item_run_fk", ["firm_id", "run_id"], "accounting_run", [
      "firm_id",
      "id",
    ])
    .execute();
  await db.schema
    .createIndex("accounting_run_item_run")
    .on("accounting_run_item")
    .columns(["firm_id", "run_id", "seq"])
    .execute();

  await db.schema
    .createTable("accounting_batch")
    .addColumn("id", "text", (c) => c.primaryKey())
    .$call(firmRef)
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("entry_kind", "text", (c) => c.notNull().check(oneOf("entry_kind", ["time", "expense"])))
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(oneOf("state", ["pending", "sent"])))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addUniqueConstraint("accounting_batch_firm_id_unique", ["firm_id", "id"])
    .execute();
  await db.schema
    .createIndex("accounting_batch_pending")
    .on("accounting_batch")
    .columns(["firm_id", "state"])
    .execute();

  await db.schema
    .createTable("accounting_posting")
    .$call(firmRef)
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("entry_kind", "text", (c) => c.notNull().check(oneOf("entry_kind", ["time", "expense"])))
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("batch_id", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(oneOf("state", ["pending", "posted", "refused"])))
    .addColumn("external_id", "text")
    .addColumn("message", "text")
    .addColumn("posted_at", "text")
    .addPrimaryKeyConstraint("accounting_posting_pk", ["firm_id", "target", "entry_kind", "entry_id"])
    .addForeignKeyConstraint("accounting_posting_batch_fk", ["firm_id", "batch_id"], "accounting_batch", [
      "firm_id",
      "id",
    ])
    .execute();
  await db.schema
    .createIndex("accounting_posting_batch")
    .on("accounting_posting")
    .columns(["firm_id", "batch_id"])
    .execute();

  await db.schema
    .createTable("accounting_export")
    .$call(firmRef)
    .addColumn("format", "text", (c) => c.notNull().check(oneOf("format", ["iif", "hledger"])))
    .addColumn("entry_kind", "text", (c) => c.notNull().check(oneOf("entry_kind", ["time", "expense"])))
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("exported_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("accounting_export_pk", ["firm_id", "format", "entry_kind", "entry_id"])
    .execute();

  await db.schema
    .createTable("accounting_firm_lease")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.firm_id"))
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("lease_until", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "accounting_firm_lease",
    "accounting_export",
    "accounting_posting",
    "accounting_batch",
    "accounting_run_item",
    "accounting_run",
    "accounting_link",
    "accounting_connection",
    "accounting_expense_account",
    "accounting_worker",
    "accounting_setting",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
