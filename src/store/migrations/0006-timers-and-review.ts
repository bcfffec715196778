/**
 * Timers and review comments.
 *
 * 1. `timer`: the running timer of a staff member, kept on the server so it survives a reload,
 *    a second device and a restart. At most one per staff member, enforced by the primary key
 *    (firm_id, staff_id), not only by code. A timer is not synced (merge.md): it lives on the
 *    server (or firm file) its user works on; the time entry it becomes is an ordinary, synced
 *    entry. Its references are composite, as every reference is since 0004, and cascade: a
 *    timer is work in progress, never history, so it goes with the record it names.
 * 2. `review_comment` on time and expense entries: why a reviewer returned the entry to its
 *    staff member (submitted → draft). A synced field: the SQLite journal triggers list their
 *    columns, so the two entry tables' triggers are made again to journal it (PostgreSQL's
 *    trigger reads the whole row and needs nothing).
 */
import { PostgresAdapter, type Kysely } from "kysely";
import { dropJournalTriggers, installJournalTriggers, type SyncedSpec } from "./journal-triggers.js";

type AnyDb = Kysely<unknown>;

const ENTRY_SPECS: readonly SyncedSpec[] = [
  { table: "time_entry", id: ["id"], local: ["amount"] },
  { table: "expense_entry", id: ["id"], local: ["amount"] },
];

const TIMER_REFERENCES = [
  ["staff_id", "staff"],
  ["client_id", "client"],
  ["project_id", "project"],
  ["work_code_id", "work_code"],
] as const;

export async function up(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let timer = db.schema
    .createTable("timer")
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("staff_id", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text")
    .addColumn("work_code_id", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("billable", "integer")
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // One running timer per staff member: the key itself, so two devices starting at once
    // cannot both succeed.
    .addPrimaryKeyConstraint("timer_pk", ["firm_id", "staff_id"])
    .addUniqueConstraint("timer_id_unique", ["id"]);
  for (const [column, parent] of TIMER_REFERENCES) {
    timer = timer.addForeignKeyConstraint(
      `timer_${column}_firm_fk`,
      ["firm_id", column],
      parent,
      ["firm_id", "id"],
      (c) => c.onDelete("cascade"),
    );
  }
  await timer.execute();

  for (const table of ["time_entry", "expense_entry"]) {
    await db.schema.alterTable(table).addColumn("review_comment", "text").execute();
  }
  if (!postgres) {
    await dropJournalTriggers(db, false, ENTRY_SPECS);
    await installJournalTriggers(db, false, { perFirmSequence: true }, ENTRY_SPECS);
  }
}

export async function down(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!postgres) await dropJournalTriggers(db, false, ENTRY_SPECS);
  for (const table of ["time_entry", "expense_entry"]) {
    await db.schema.alterTable(table).dropColumn("review_comment").execute();
  }
  if (!postgres) await installJournalTriggers(db, false, { perFirmSequence: true }, ENTRY_SPECS);
  await db.schema.dropTable("timer").execute();
}
