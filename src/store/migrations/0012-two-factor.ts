/**
 * Two-factor sign-in (RFC 6238 TOTP with recovery codes) for staff and contact users.
 *
 * None of these tables is synced: two-factor sign-in guards the server a person signs in to
 * (the cloud, or `firmtime desktop` on a file), and its secrets never travel in a merge. Every
 * reference is composite (firm_id, column) as since 0004.
 *
 * - two_factor: one row per user who started enrolment. `secret` is the TOTP key (base32): it
 *   is shown while enrolment is pending and never returned once `confirmed_at` is set.
 *   `last_step` is the newest TOTP time step accepted: a code is accepted only for a later
 *   step, so a code that just worked cannot be replayed.
 * - two_factor_recovery_code: ten single-use codes per user, stored as SHA-256 only; a new set
 *   replaces the old one whole.
 * - two_factor_challenge: the short-lived answer to a right password when a second step is
 *   needed: `code` (enter a code) or `enrol` (the firm requires two-factor and the user has
 *   none: enrol, then get a session). Only its SHA-256 is stored; used once. `request_id`: the
 *   challenge answers a file request email's link, and its session reaches that request only.
 * - two_factor_setting: per firm, whether staff users and contact users must have it.
 */
import type { CreateTableBuilder, Kysely } from "kysely";
import { sql } from "kysely";

type AnyDb = Kysely<unknown>;
type Builder = CreateTableBuilder<string, string>;

const userRef = (table: Builder, name: string): Builder =>
  table.addForeignKeyConstraint(`${name}_user_firm_fk`, ["firm_id", "user_id"], "user_account", [
    "firm_id",
    "id",
  ]);

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("two_factor")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .$call((table) => userRef(table, "two_factor"))
    .execute();

  await db.schema
    .createTable("two_factor_recovery_code")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .$call((table) => userRef(table, "two_factor_recovery_code"))
    .execute();
  await db.schema
    .createIndex("two_factor_recovery_code_user")
    .on("two_factor_recovery_code")
    .columns(["firm_id", "user_id"])
    .execute();

  await db.schema
    .createTable("two_factor_challenge")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose IN ('code', 'enrol')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("request_id", "text")
    .$call((table) => userRef(table, "two_factor_challenge"))
    .addForeignKeyConstraint("two_factor_challenge_request_fk", ["firm_id", "request_id"], "file_request", [
      "firm_id",
      "id",
    ])
    .execute();

  await db.schema
    .createTable("two_factor_setting")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.firm_id"))
    .addColumn("required_for_staff", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("required_for_contacts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "two_factor_setting",
    "two_factor_challenge",
    "two_factor_recovery_code",
    "two_factor",
  ])
    await db.schema.dropTable(table).execute();
}
