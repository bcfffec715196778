/**
 * Migration 0015: a firm's access version, so a server may keep a signed-in caller's rights
 * between requests (src/access/actor-cache.ts) and still see every change on the very next one.
 *
 * - access_version: per firm, a number that triggers raise in the same transaction as any write
 *   that can change who a caller is or what they may do: a role's grants, a role assignment, a
 *   staff or contact group's members, a user account (status, password, links), a client's
 *   partner or manager (who inherit rights on it), a session or an API token revoked or
 *   removed. Triggers, not the services, raise it: no code path (an import, a merge, the CLI,
 *   a statement typed by hand) can change access without it. A server checks the number on
 *   every request (one primary-key read, joined to the firm it reads anyway); a cached caller
 *   made under an older number is read again. Several servers on one PostgreSQL database see
 *   each other's changes the same way.
 * - Indexes for reading rights when the cache misses: the clients a staff member is partner or
 *   manager of (they were found by reading every client of the firm).
 *
 * Not synced: each store keeps its own number; the rows whose writes raise it are synced or
 * local as before.
 */
import { PostgresAdapter, sql, type Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

/** A trigger: the table, the operation, the row it reads firm_id from, and when it fires. */
interface AccessTrigger {
  table: string;
  op: "INSERT" | "UPDATE" | "DELETE";
  /** Columns an UPDATE trigger watches; every column when absent. */
  columns?: string[];
  /** A condition on NEW and OLD (SQL both engines read), or none. */
  when?: string;
}

const changed = (columns: string[]) => columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(" OR ");

const ACCESS_TRIGGERS: readonly AccessTrigger[] = [
  // A new role holds no assignment yet: only its grants changing or its removal matter.
  { table: "role", op: "UPDATE" },
  { table: "role", op: "DELETE" },
  ...(["role_assignment", "staff_group_member", "contact_group_member"] as const).flatMap((table) =>
    (["INSERT", "UPDATE", "DELETE"] as const).map((op) => ({ table, op })),
  ),
  // A new account has no session or token yet.
  { table: "user_account", op: "UPDATE" },
  { table: "user_account", op: "DELETE" },
  // Partners and managers inherit rights on their clients (access.md, "Inherited roles").
  { table: "client", op: "INSERT", when: "NEW.partner_id IS NOT NULL OR NEW.manager_id IS NOT NULL" },
  {
    table: "client",
    op: "UPDATE",
    columns: ["partner_id", "manager_id", "firm_id"],
    when: changed(["partner_id", "manager_id", "firm_id"]),
  },
  { table: "client", op: "DELETE", when: "OLD.partner_id IS NOT NULL OR OLD.manager_id IS NOT NULL" },
  // A session or token seen again ("last seen", "last used") changes nothing here.
  ...(["session", "api_token"] as const).flatMap((table): AccessTrigger[] => {
    const watched = ["revoked_at", "expires_at", "user_id", "firm_id"].filter(
      (c) => !(table === "api_token" && c === "expires_at"),
    );
    return [
      { table, op: "UPDATE", columns: watched, when: changed(watched) },
      { table, op: "DELETE" },
    ];
  }),
];

const triggerName = (t: AccessTrigger) => `access_${t.table}_${t.op.toLowerCase()}`;

/** The row whose firm the write belongs to. */
const rowOf = (t: AccessTrigger) => (t.op === "DELETE" ? "OLD" : "NEW");

// The upsert both engines read: the first change of a firm creates its row.
const bump = (firm: string) =>
  `INSERT INTO access_version (firm_id, version) VALUES (${firm}, 1)
   ON CONFLICT (firm_id) DO UPDATE SET version = access_version.version + 1`;

const INDEXES: Record<string, [table: string, columns: string]> = {
  client_partner: ["client", "firm_id, partner_id"],
  client_manager: ["client", "firm_id, manager_id"],
};

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("access_version")
    .addColumn("firm_id", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql
      .raw(
        `CREATE FUNCTION access_version_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    ${bump("OLD.firm_id")};
    RETURN OLD;
  END IF;
  ${bump("NEW.firm_id")};
  RETURN NEW;
END
$fn$`,
      )
      .execute(db);
  }
  for (const t of ACCESS_TRIGGERS) {
    const event = t.op === "UPDATE" && t.columns ? `UPDATE OF ${t.columns.join(", ")}` : t.op;
    if (postgres) {
      const when = t.when ? `WHEN (${t.when})` : "";
      await sql
        .raw(
          `CREATE TRIGGER ${triggerName(t)} AFTER ${event} ON ${t.table} FOR EACH ROW ${when}
           EXECUTE FUNCTION access_version_bump()`,
        )
        .execute(db);
    } else {
      // SQLite spells IS DISTINCT FROM as IS NOT.
      const when = t.when ? `WHEN ${t.when.replaceAll("IS DISTINCT FROM", "IS NOT")}` : "";
      await sql
        .raw(
          `CREATE TRIGGER ${triggerName(t)} AFTER ${event} ON ${t.table} ${when}
           BEGIN ${bump(`${rowOf(t)}.firm_id`)}; END`,
        )
        .execute(db);
    }
  }
  for (const [name, [table, columns]] of Object.entries(INDEXES))
    await sql`CREATE INDEX ${sql.id(name)} ON ${sql.id(table)} (${sql.raw(columns)})`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const name of Object.keys(INDEXES)) await sql`DROP INDEX ${sql.id(name)}`.execute(db);
  for (const t of ACCESS_TRIGGERS)
    await sql
      .raw(postgres ? `DROP TRIGGER ${triggerName(t)} ON ${t.table}` : `DROP TRIGGER ${triggerName(t)}`)
      .execute(db);
  if (postgres) await sql`DROP FUNCTION access_version_bump()`.execute(db);
  await db.schema.dropTable("access_version").execute();
}
