/**
 * Firms isolated by the database itself.
 *
 * 1. Every reference column becomes part of a composite foreign key `(firm_id, x_id) →
 *    parent (firm_id, id)`, with a unique `(firm_id, id)` on each referenced table: a row of
 *    one firm can no longer name another firm's record, whatever code path writes it.
 * 2. The change journal is numbered per firm (sync_state.last_seq): a firm's server sequence,
 *    head and cursors count its own changes only. Existing numbers are kept (each firm
 *    continues from its highest), so every desktop's cursor stays valid.
 *
 * Rows that already broke the rule (a reference to another firm's record, which only a forged
 * push could write) cannot be kept as they are: a nullable reference is cleared, a row that
 * needs its reference is removed. Both are ordinary journaled writes, so every replica of the
 * firm follows. Every other row is kept as it is.
 *
 * 3. A replica is one file (merge.md): the cloud records, per replica, the newest of its changes
 *    it has answered (sync_replica), and a desktop the newest it has received an answer for
 *    (sync_state.acked_hlc). A second file pushing or pulling as the same replica shows itself
 *    by being behind what the cloud answered that replica (replica-copy.ts).
 *
 * SQLite cannot change a table's foreign keys in place: each referring table is rebuilt (the
 * documented create-copy-drop-rename procedure) with foreign keys off, inside one transaction
 * that checks every key (PRAGMA foreign_key_check) before it commits.
 */
import { sql, type Kysely } from "kysely";
import { PostgresAdapter } from "kysely";
import { dropJournalTriggers, installJournalTriggers } from "./journal-triggers.js";

type AnyDb = Kysely<unknown>;

/**
 * Every reference column as of this migration. `broken`: what happens to an existing row whose
 * reference names no record of its own firm.
 */
export const REFERENCES_AT_0004: readonly {
  table: string;
  column: string;
  parent: string;
  cascade: boolean;
  broken: "clear" | "remove";
}[] = [
  { table: "staff_group_member", column: "group_id", parent: "staff_group", cascade: true, broken: "remove" },
  { table: "staff_group_member", column: "staff_id", parent: "staff", cascade: true, broken: "remove" },
  {
    table: "client",
    column: "contact_company_id",
    parent: "contact_company",
    cascade: false,
    broken: "clear",
  },
  { table: "client", column: "partner_id", parent: "staff", cascade: false, broken: "clear" },
  { table: "client", column: "manager_id", parent: "staff", cascade: false, broken: "clear" },
  { table: "project", column: "client_id", parent: "client", cascade: false, broken: "remove" },
  {
    table: "contact",
    column: "contact_company_id",
    parent: "contact_company",
    cascade: false,
    broken: "clear",
  },
  { table: "contact_client", column: "contact_id", parent: "contact", cascade: true, broken: "remove" },
  { table: "contact_client", column: "client_id", parent: "client", cascade: true, broken: "remove" },
  { table: "rate", column: "staff_id", parent: "staff", cascade: false, broken: "remove" },
  { table: "rate", column: "client_id", parent: "client", cascade: false, broken: "remove" },
  { table: "rate", column: "project_id", parent: "project", cascade: false, broken: "remove" },
  { table: "rate", column: "work_code_id", parent: "work_code", cascade: false, broken: "remove" },
  ...["time_entry", "expense_entry"].flatMap((table) => [
    { table, column: "staff_id", parent: "staff", cascade: false, broken: "remove" as const },
    { table, column: "client_id", parent: "client", cascade: false, broken: "remove" as const },
    { table, column: "project_id", parent: "project", cascade: false, broken: "clear" as const },
    { table, column: "work_code_id", parent: "work_code", cascade: false, broken: "remove" as const },
  ]),
  { table: "user_account", column: "staff_id", parent: "staff", cascade: false, broken: "clear" },
  { table: "user_account", column: "contact_id", parent: "contact", cascade: false, broken: "clear" },
  { table: "role_assignment", column: "role_id", parent: "role", cascade: false, broken: "remove" },
  { table: "role_assignment", column: "entity_id", parent: "client", cascade: false, broken: "remove" },
  {
    table: "contact_group_member",
    column: "group_id",
    parent: "contact_group",
    cascade: true,
    broken: "remove",
  },
  { table: "contact_group_member", column: "contact_id", parent: "contact", cascade: true, broken: "remove" },
  { table: "session", column: "user_id", parent: "user_account", cascade: false, broken: "remove" },
  { table: "api_token", column: "user_id", parent: "user_account", cascade: false, broken: "remove" },
  { table: "one_time_link", column: "user_id", parent: "user_account", cascade: false, broken: "remove" },
];

const PARENTS = [...new Set(REFERENCES_AT_0004.map((r) => r.parent))];
const CHILDREN = [...new Set(REFERENCES_AT_0004.map((r) => r.table))];

const constraintName = (table: string, column: string) => `${table}_${column}_firm_fk`;
const parentKeyName = (table: string) => `${table}_firm_id_id_unique`;

export async function up(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) await upPostgres(db);
  else await upSqlite(db);
}

async function upPostgres(db: AnyDb): Promise<void> {
  await addLastSeq(db);
  await addReplicaRecords(db);
  await sql`ALTER TABLE sync_change ALTER COLUMN seq DROP DEFAULT`.execute(db);
  await sql`DROP SEQUENCE IF EXISTS sync_change_seq_seq`.execute(db);
  await sql`ALTER TABLE sync_change DROP CONSTRAINT sync_change_pkey`.execute(db);
  await sql`ALTER TABLE sync_change ADD CONSTRAINT sync_change_pkey PRIMARY KEY (firm_id, seq)`.execute(db);
  // The primary key now serves the firm's journal in sequence order.
  await sql`DROP INDEX sync_change_sequence`.execute(db);
  await dropJournalTriggers(db, true);
  await installJournalTriggers(db, true, { perFirmSequence: true });

  for (const { table, column } of REFERENCES_AT_0004) {
    const found = await sql<{ name: string }>`
      SELECT con.conname AS name FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = con.conkey[1]
      WHERE con.contype = 'f' AND c.relname = ${table} AND a.attname = ${column}
        AND array_length(con.conkey, 1) = 1`.execute(db);
    for (const { name } of found.rows)
      await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.ref(name)}`.execute(db);
  }
  for (const parent of PARENTS) {
    await sql`ALTER TABLE ${sql.table(parent)} ADD CONSTRAINT ${sql.ref(parentKeyName(parent))}
      UNIQUE (firm_id, id)`.execute(db);
  }
  await repairBrokenReferences(db);
  for (const { table, column, parent, cascade } of REFERENCES_AT_0004) {
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.ref(constraintName(table, column))}
      FOREIGN KEY (firm_id, ${sql.ref(column)}) REFERENCES ${sql.table(parent)} (firm_id, id)
      ${cascade ? sql`ON DELETE CASCADE` : sql``}`.execute(db);
  }
}

/**
 * Runs, as every SQLite migration does (migrate.ts), inside one transaction with foreign keys
 * off, so the rebuilt tables' drops do not cascade and the whole rebuild lands or none of it;
 * the runner checks every key (PRAGMA foreign_key_check) before it commits.
 */
async function upSqlite(db: AnyDb): Promise<void> {
  await addLastSeq(db);
  await addReplicaRecords(db);
  await dropJournalTriggers(db, false);
  await rebuildSqliteJournal(db);
  for (const parent of PARENTS) {
    await sql`CREATE UNIQUE INDEX ${sql.ref(parentKeyName(parent))}
      ON ${sql.table(parent)} (firm_id, id)`.execute(db);
  }
  for (const table of CHILDREN) await rebuildSqliteTable(db, table);
  await installJournalTriggers(db, false, { perFirmSequence: true });
  await repairBrokenReferences(db);
}

/** Each firm's journal continues from its highest sequence number so far. */
async function addLastSeq(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("sync_state")
    .addColumn("last_seq", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE sync_state SET last_seq = coalesce(
    (SELECT max(c.seq) FROM sync_change c WHERE c.firm_id = sync_state.firm_id), 0)`.execute(db);
}

/** Copy detection: what each side knows was answered, per replica. */
async function addReplicaRecords(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("sync_replica")
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("replica_id", "text", (c) => c.notNull())
    .addColumn("acked_hlc", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("sync_replica_pk", ["firm_id", "replica_id"])
    .execute();
  await db.schema.alterTable("sync_state").addColumn("acked_hlc", "text").execute();
}

/** SQLite: the journal's sequence stops being the table's rowid, so each firm can number its own. */
async function rebuildSqliteJournal(db: AnyDb): Promise<void> {
  await sql`CREATE TABLE sync_change_next (
    seq integer NOT NULL, firm_id text NOT NULL, hlc text NOT NULL, replica text NOT NULL,
    tbl text NOT NULL, row_id text NOT NULL, op text NOT NULL, data text NOT NULL,
    seen bigint, author text, cloud_seq bigint,
    CONSTRAINT sync_change_pk PRIMARY KEY (firm_id, seq))`.execute(db);
  await sql`INSERT INTO sync_change_next (seq, firm_id, hlc, replica, tbl, row_id, op, data, seen, author, cloud_seq)
    SELECT seq, firm_id, hlc, replica, tbl, row_id, op, data, seen, author, cloud_seq FROM sync_change
    ORDER BY seq`.execute(db);
  await sql`DROP TABLE sync_change`.execute(db);
  await sql`ALTER TABLE sync_change_next RENAME TO sync_change`.execute(db);
  await sql`CREATE UNIQUE INDEX sync_change_identity ON sync_change (firm_id, hlc, tbl, row_id)`.execute(db);
  await sql`CREATE INDEX sync_change_row ON sync_change (firm_id, tbl, row_id)`.execute(db);
}

/**
 * SQLite: a referring table, made anew with its reference columns' foreign keys composite. The
 * table's own definition is rewritten (every column, constraint and later addition kept), its
 * rows copied, its indexes made again.
 */
async function rebuildSqliteTable(db: AnyDb, table: string): Promise<void> {
  const definition = await sql<{ sql: string }>`SELECT sql FROM sqlite_master
    WHERE type = 'table' AND name = ${table}`.execute(db);
  const indexes = await sql<{ sql: string }>`SELECT sql FROM sqlite_master
    WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`.execute(db);
  let create = definition.rows[0]?.sql;
  if (!create) throw new Error(`firm isolation: table ${table} not found`);
  const keys: string[] = [];
  for (const { column, parent, cascade } of REFERENCES_AT_0004.filter((r) => r.table === table)) {
    const inline = new RegExp(`("${column}" [^,]*?) references "${parent}" \\("id"\\)( on delete cascade)?`);
    if (!inline.test(create))
      throw new Error(`firm isolation: ${table}.${column} has no reference to rewrite`);
    create = create.replace(inline, "$1");
    keys.push(
      `constraint "${constraintName(table, column)}" foreign key ("firm_id", "${column}") references "${parent}" ("firm_id", "id")${cascade ? " on delete cascade" : ""}`,
    );
  }
  const prefix = `CREATE TABLE "${table}" (`;
  if (!create.startsWith(prefix) || !create.endsWith(")"))
    throw new Error(`firm isolation: unexpected definition of ${table}`);
  const next = `${table}_next`;
  create = `CREATE TABLE "${next}" (${create.slice(prefix.length, -1)}, ${keys.join(", ")})`;
  await sql.raw(create).execute(db);
  await sql.raw(`INSERT INTO "${next}" SELECT * FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${next}" RENAME TO "${table}"`).execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}

/**
 * Rows whose reference names no record of their own firm: clear the reference, or remove the
 * row when it cannot stand without it. Removing a row may break others (a project's entries),
 * so this repeats until nothing is left to repair.
 */
async function repairBrokenReferences(db: AnyDb): Promise<void> {
  for (let round = 0; round < 10; round++) {
    let repaired = 0;
    for (const { table, column, parent, broken } of REFERENCES_AT_0004) {
      const orphan = sql`${sql.ref(`${table}.${column}`)} IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM ${sql.table(parent)} p
        WHERE p.firm_id = ${sql.ref(`${table}.firm_id`)} AND p.id = ${sql.ref(`${table}.${column}`)})`;
      const result =
        broken === "clear"
          ? await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = NULL WHERE ${orphan}`.execute(db)
          : await sql`DELETE FROM ${sql.table(table)} WHERE ${orphan}`.execute(db);
      repaired += Number(result.numAffectedRows ?? 0);
    }
    if (repaired === 0) return;
  }
  throw new Error("firm isolation: broken references keep appearing; the database needs a manual check");
}

export function down(): Promise<void> {
  // Composite keys only forbid what was never valid; there is nothing to undo safely.
  return Promise.reject(new Error("migration 0004-firm-isolation cannot be reverted"));
}
