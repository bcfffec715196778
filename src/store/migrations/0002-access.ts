/**
 * Protection and the cloud: user accounts, roles and their assignments, contact groups,
 * server-side sessions, API tokens, one-time links, login attempts and the mail outbox.
 */
import type { CreateTableBuilder, Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

const stamped = <T extends string, C extends string>(table: CreateTableBuilder<T, C>) =>
  table
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());

export async function up(db: AnyDb): Promise<void> {
  // The firm's URL name on a cloud (/f/<slug>/...), and whether protection is on.
  await db.schema.alterTable("firm").addColumn("slug", "text").execute();
  await db.schema
    .alterTable("firm")
    .addColumn("protection", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("firm_slug_unique").unique().on("firm").column("slug").execute();

  await db.schema
    .createTable("user_account")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("staff_id", "text", (c) => c.references("staff.id"))
    .addColumn("contact_id", "text", (c) => c.references("contact.id"))
    .addColumn("password_changed_at", "text")
    .$call(stamped)
    .addUniqueConstraint("user_account_email_unique", ["firm_id", "email"])
    .execute();

  await db.schema
    .createTable("role")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("built_in", "integer", (c) => c.notNull())
    .addColumn("grants", "text", (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint("role_name_unique", ["firm_id", "name"])
    .execute();

  await db.schema
    .createTable("contact_group")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("name", "text", (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint("contact_group_name_unique", ["firm_id", "name"])
    .execute();
  await db.schema
    .createTable("contact_group_member")
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("group_id", "text", (c) => c.notNull().references("contact_group.id").onDelete("cascade"))
    .addColumn("contact_id", "text", (c) => c.notNull().references("contact.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_group_member_pk", ["group_id", "contact_id"])
    .execute();

  await db.schema
    .createTable("role_assignment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("role_id", "text", (c) => c.notNull().references("role.id"))
    .addColumn("principal_kind", "text", (c) => c.notNull())
    .addColumn("principal_id", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.references("client.id"))
    .addColumn("item_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("role_assignment_principal")
    .on("role_assignment")
    .columns(["firm_id", "principal_id"])
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user_account.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("session_user").on("session").columns(["user_id"]).execute();

  await db.schema
    .createTable("api_token")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user_account.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("one_time_link")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user_account.id"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("login_attempt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempt_email")
    .on("login_attempt")
    .columns(["firm_id", "email", "at"])
    .execute();
  await db.schema
    .createIndex("login_attempt_address")
    .on("login_attempt")
    .columns(["address", "at"])
    .execute();

  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("event_key", "text", (c) => c.notNull().unique())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("last_error", "text")
    .addColumn("message_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("mail_outbox_due")
    .on("mail_outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "mail_outbox",
    "login_attempt",
    "one_time_link",
    "api_token",
    "session",
    "role_assignment",
    "contact_group_member",
    "contact_group",
    "role",
    "user_account",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex("firm_slug_unique").execute();
  await db.schema.alterTable("firm").dropColumn("protection").execute();
  await db.schema.alterTable("firm").dropColumn("slug").execute();
}
