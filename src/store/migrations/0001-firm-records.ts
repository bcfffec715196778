/**
 * The foundation schema: the firm's records. Written once; later changes are new migrations.
 * Each table leads its unique keys and indexes with firm_id (a cloud hosts many firms).
 */
import type { Kysely } from "kysely";
import type { CreateTableBuilder } from "kysely";

// Migrations see an untyped database: the schema they build is the schema of their day.
type AnyDb = Kysely<unknown>;

const stamped = <T extends string, C extends string>(table: CreateTableBuilder<T, C>) =>
  table
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("firm")
    .addColumn("firm_id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("minor_digits", "integer", (c) => c.notNull())
    .addColumn("time_increment", "integer", (c) => c.notNull())
    .addColumn("lock_date", "text")
    .addColumn("fiscal_year_start_month", "integer", (c) => c.notNull())
    .$call(stamped)
    .execute();

  await db.schema
    .createTable("staff")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("staff_number", "text", (c) => c.notNull())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("inactive_date", "text")
    .$call(stamped)
    .addUniqueConstraint("staff_number_unique", ["firm_id", "staff_number"])
    .addUniqueConstraint("staff_email_unique", ["firm_id", "email"])
    .execute();

  await db.schema
    .createTable("staff_group")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("name", "text", (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint("staff_group_name_unique", ["firm_id", "name"])
    .execute();

  await db.schema
    .createTable("staff_group_member")
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("group_id", "text", (c) => c.notNull().references("staff_group.id").onDelete("cascade"))
    .addColumn("staff_id", "text", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("staff_group_member_pk", ["group_id", "staff_id"])
    .execute();

  await db.schema
    .createTable("contact_company")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint("contact_company_name_unique", ["firm_id", "name"])
    .execute();

  await db.schema
    .createTable("client")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("contact_company_id", "text", (c) => c.references("contact_company.id"))
    .addColumn("partner_id", "text", (c) => c.references("staff.id"))
    .addColumn("manager_id", "text", (c) => c.references("staff.id"))
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint("client_code_unique", ["firm_id", "code"])
    .execute();

  await db.schema
    .createTable("project")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("budget_minutes", "bigint")
    .addColumn("budget_fee", "bigint")
    .$call(stamped)
    .addUniqueConstraint("project_code_unique", ["firm_id", "client_id", "code"])
    .execute();

  await db.schema
    .createTable("contact")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("work_phone", "text", (c) => c.notNull())
    .addColumn("mobile_phone", "text", (c) => c.notNull())
    .addColumn("contact_company_id", "text", (c) => c.references("contact_company.id"))
    .$call(stamped)
    .addUniqueConstraint("contact_email_unique", ["firm_id", "email"])
    .execute();

  await db.schema
    .createTable("contact_client")
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("contact_id", "text", (c) => c.notNull().references("contact.id").onDelete("cascade"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_client_pk", ["contact_id", "client_id"])
    .execute();

  await db.schema
    .createTable("work_code")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("billable", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("surcharge_bp", "integer", (c) => c.notNull())
    .addColumn("internal_note", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint("work_code_code_unique", ["firm_id", "code"])
    .execute();

  await db.schema
    .createTable("rate")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("staff_id", "text", (c) => c.references("staff.id"))
    .addColumn("client_id", "text", (c) => c.references("client.id"))
    .addColumn("project_id", "text", (c) => c.references("project.id"))
    .addColumn("work_code_id", "text", (c) => c.references("work_code.id"))
    .addColumn("target_key", "text", (c) => c.notNull())
    .addColumn("effective_date", "text", (c) => c.notNull())
    .addColumn("rate", "bigint", (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint("rate_target_date_unique", ["firm_id", "target_key", "effective_date"])
    .execute();

  for (const table of ["time_entry", "expense_entry"] as const) {
    let builder = db.schema
      .createTable(table)
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
      .addColumn("staff_id", "text", (c) => c.notNull().references("staff.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("project_id", "text", (c) => c.references("project.id"))
      .addColumn("work_code_id", "text", (c) => c.notNull().references("work_code.id"))
      .addColumn("entry_date", "text", (c) => c.notNull())
      .addColumn("billable", "integer", (c) => c.notNull())
      .addColumn("amount", "bigint", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull());
    builder =
      table === "time_entry"
        ? builder
            .addColumn("minutes", "bigint", (c) => c.notNull())
            .addColumn("rate", "bigint", (c) => c.notNull())
            .addColumn("rate_source", "text", (c) => c.notNull())
        : builder
            .addColumn("quantity", "bigint", (c) => c.notNull())
            .addColumn("unit_rate", "bigint", (c) => c.notNull())
            .addColumn("rate_source", "text", (c) => c.notNull())
            .addColumn("surcharge_bp", "integer", (c) => c.notNull())
            .addColumn("receipt_file", "text");
    await builder.$call(stamped).execute();
    await db.schema.createIndex(`${table}_date`).on(table).columns(["firm_id", "entry_date"]).execute();
    await db.schema
      .createIndex(`${table}_client_date`)
      .on(table)
      .columns(["firm_id", "client_id", "entry_date"])
      .execute();
    await db.schema
      .createIndex(`${table}_staff_date`)
      .on(table)
      .columns(["firm_id", "staff_id", "entry_date"])
      .execute();
    await db.schema.createIndex(`${table}_work_code`).on(table).columns(["work_code_id"]).execute();
  }

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_firm_at").on("audit_log").columns(["firm_id", "at"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "audit_log",
    "expense_entry",
    "time_entry",
    "rate",
    "work_code",
    "contact_client",
    "contact",
    "project",
    "client",
    "contact_company",
    "staff_group_member",
    "staff_group",
    "staff",
    "firm",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
