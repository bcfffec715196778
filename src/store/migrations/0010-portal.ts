/**
 * The client portal (shared/design/portal.md): an entity's files and folders, file requests
 * with their items and comments, approvals, the entity's activity history, the notifications
 * it sends, and the firm's portal settings.
 *
 * None of these tables is synced: the portal lives on the cloud (the merge protocol carries the
 * firm's records, not its files and conversations). Every reference is composite
 * (firm_id, column) as since 0004, so no row can name another firm's record whatever code
 * writes it.
 *
 * - entity_folder / entity_file / entity_file_version: a file belongs to one entity (a client)
 *   and has a kind that never changes: `firm` (firm-only: never shown to contacts), `shared`
 *   (shared by the firm: contacts of the entity read it and cannot delete it) or `client`
 *   (uploaded by a contact). Each upload is a version; the bytes are in the file store under
 *   `file_key`, and a trigger queues them for removal when the version row goes (file_deletion,
 *   as receipts do since 0007).
 * - file_request / file_request_recipient / file_request_item / file_request_comment: a
 *   request for documents sent to contacts with access, with a checklist of items. Requests
 *   are cancelled, never deleted: they are the entity's record of what was asked.
 * - approval: a contact's approval of one version of a shared file, keyed by its SHA-256. Once
 *   decided it cannot change: triggers refuse any update or delete of a decided row.
 * - entity_event: the activity history, in order (`at`, then the UUIDv7 id). `audience` says
 *   who among the contacts may see it: nobody (`staff`), every contact of the entity
 *   (`entity`), the request's recipients (`request`), or one contact (`contact`). Events name
 *   files and requests without a foreign key, so the history outlives a deleted file.
 * - portal_notification: one row per event and recipient user, for the emails (one per event,
 *   or a digest) and for "what the contact already saw in the app".
 * - portal_setting: per firm, whether emails carry the details (the request's message) and
 *   whether they go one per event or as a digest after a few minutes.
 * - one_time_link.subject_id: what a link opens (the file request of a request email's link);
 *   session.request_id: a session opened by such a link reaches that request only.
 * - mail_outbox.body_html, reply_to, sender_name: an HTML part beside the plain text, the address
 *   a reply goes to (the staff member who asked), and the name the email comes from (the firm).
 */
import { sql, type CreateTableBuilder, type Kysely } from "kysely";
import { PostgresAdapter } from "kysely";

type AnyDb = Kysely<unknown>;
type Builder = CreateTableBuilder<string, string>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

/** A composite reference (firm_id, column) → parent (firm_id, id). */
function ref(table: Builder, name: string, column: string, parent: string, cascade = false): Builder {
  return table.addForeignKeyConstraint(
    `${name}_${column}_firm_fk`,
    ["firm_id", column],
    parent,
    ["firm_id", "id"],
    (fk) => (cascade ? fk.onDelete("cascade") : fk),
  );
}

/** Every table here is a parent of another by (firm_id, id). */
const firmKey = (table: Builder, name: string): Builder =>
  table.addUniqueConstraint(`${name}_firm_id_id_unique`, ["firm_id", "id"]);

const base = (db: AnyDb, name: string): Builder =>
  db.schema
    .createTable(name)
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"));

export async function up(db: AnyDb): Promise<void> {
  const postgres = isPostgres(db);

  let folder = base(db, "entity_folder")
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("parent_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());
  folder = firmKey(folder, "entity_folder");
  folder = ref(folder, "entity_folder", "client_id", "client");
  folder = ref(folder, "entity_folder", "parent_id", "entity_folder");
  folder = ref(folder, "entity_folder", "created_by", "user_account");
  await folder.execute();
  // Names are unique among siblings, ignoring case (a root folder has no parent).
  await sql`CREATE UNIQUE INDEX entity_folder_name ON entity_folder
    (firm_id, client_id, coalesce(parent_id, ''), lower(name))`.execute(db);

  let file = base(db, "entity_file")
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("folder_id", "text")
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('firm', 'shared', 'client')`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("versions", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull());
  file = firmKey(file, "entity_file");
  file = ref(file, "entity_file", "client_id", "client");
  file = ref(file, "entity_file", "folder_id", "entity_folder");
  file = ref(file, "entity_file", "created_by", "user_account");
  await file.execute();
  await db.schema
    .createIndex("entity_file_client")
    .on("entity_file")
    .columns(["firm_id", "client_id", "folder_id"])
    .execute();

  let request = base(db, "file_request")
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("email_message", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status IN ('open', 'responded', 'completed', 'cancelled')`),
    )
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("responded_at", "text")
    .addColumn("closed_at", "text")
    // Reminders: every N days, at most M times; next_reminder_at is null when none is due.
    .addColumn("remind_every_days", "integer")
    .addColumn("remind_max", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reminders_sent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_reminder_at", "text");
  request = firmKey(request, "file_request");
  request = ref(request, "file_request", "client_id", "client");
  request = ref(request, "file_request", "created_by", "user_account");
  await request.execute();
  await db.schema
    .createIndex("file_request_client")
    .on("file_request")
    .columns(["firm_id", "client_id", "status"])
    .execute();

  let recipient = db.schema
    .createTable("file_request_recipient")
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.firm_id"))
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("file_request_recipient_pk", ["firm_id", "request_id", "contact_id"]);
  recipient = ref(recipient, "file_request_recipient", "request_id", "file_request", true);
  recipient = ref(recipient, "file_request_recipient", "contact_id", "contact");
  await recipient.execute();
  await db.schema
    .createIndex("file_request_recipient_contact")
    .on("file_request_recipient")
    .columns(["firm_id", "contact_id"])
    .execute();

  let item = base(db, "file_request_item")
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_date", "text")
    // What the client does: upload a document, or update or sign the attached file.
    .addColumn("action", "text", (c) => c.notNull().check(sql`action IN ('upload', 'update', 'sign')`))
    .addColumn("file_id", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status IN ('open', 'responded', 'completed', 'cancelled')`),
    )
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("responded_at", "text")
    .addColumn("closed_at", "text");
  item = firmKey(item, "file_request_item");
  item = ref(item, "file_request_item", "request_id", "file_request", true);
  item = ref(item, "file_request_item", "file_id", "entity_file");
  await item.execute();
  await db.schema
    .createIndex("file_request_item_request")
    .on("file_request_item")
    .columns(["firm_id", "request_id", "position"])
    .unique()
    .execute();

  let version = base(db, "entity_file_version")
    .addColumn("file_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("file_key", "text", (c) => c.notNull().unique())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "bigint", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    // The request item this upload answered, if any.
    .addColumn("request_item_id", "text");
  version = firmKey(version, "entity_file_version");
  version = ref(version, "entity_file_version", "file_id", "entity_file", true);
  version = ref(version, "entity_file_version", "uploaded_by", "user_account");
  version = ref(version, "entity_file_version", "request_item_id", "file_request_item");
  await version.execute();
  await db.schema
    .createIndex("entity_file_version_number")
    .on("entity_file_version")
    .columns(["firm_id", "file_id", "version"])
    .unique()
    .execute();
  await db.schema
    .createIndex("entity_file_version_item")
    .on("entity_file_version")
    .columns(["firm_id", "request_item_id"])
    .execute();

  let comment = base(db, "file_request_comment")
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull());
  comment = ref(comment, "file_request_comment", "item_id", "file_request_item", true);
  comment = ref(comment, "file_request_comment", "author_id", "user_account");
  await comment.execute();
  await db.schema
    .createIndex("file_request_comment_item")
    .on("file_request_comment")
    .columns(["firm_id", "item_id", "created_at"])
    .execute();

  let approval = base(db, "approval")
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("file_id", "text", (c) => c.notNull())
    .addColumn("version_id", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status IN ('pending', 'approved', 'declined', 'cancelled')`),
    )
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_comment", "text")
    .addColumn("decided_from", "text");
  approval = firmKey(approval, "approval");
  approval = ref(approval, "approval", "client_id", "client");
  approval = ref(approval, "approval", "file_id", "entity_file");
  approval = ref(approval, "approval", "version_id", "entity_file_version");
  approval = ref(approval, "approval", "contact_id", "contact");
  approval = ref(approval, "approval", "requested_by", "user_account");
  approval = ref(approval, "approval", "decided_by", "user_account");
  await approval.execute();
  await db.schema
    .createIndex("approval_client")
    .on("approval")
    .columns(["firm_id", "client_id", "status"])
    .execute();
  await db.schema
    .createIndex("approval_contact")
    .on("approval")
    .columns(["firm_id", "contact_id", "status"])
    .execute();

  let event = base(db, "entity_event")
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) =>
      c.notNull().check(sql`audience IN ('staff', 'entity', 'request', 'contact')`),
    )
    .addColumn("request_id", "text")
    .addColumn("file_id", "text")
    .addColumn("contact_id", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull());
  event = firmKey(event, "entity_event");
  // The history goes with its entity (an entity may be deleted only while it holds no files,
  // requests or approvals: client-service's usage check).
  event = ref(event, "entity_event", "client_id", "client", true);
  await event.execute();
  await db.schema
    .createIndex("entity_event_client")
    .on("entity_event")
    .columns(["firm_id", "client_id", "at", "id"])
    .execute();

  let notification = base(db, "portal_notification")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("seen_at", "text")
    .addColumn("mailed_at", "text");
  notification = ref(notification, "portal_notification", "user_id", "user_account", true);
  notification = ref(notification, "portal_notification", "event_id", "entity_event", true);
  await notification.execute();
  await db.schema
    .createIndex("portal_notification_user")
    .on("portal_notification")
    .columns(["firm_id", "user_id", "event_id"])
    .unique()
    .execute();

  await db.schema
    .createTable("portal_setting")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.firm_id"))
    .addColumn("detailed_notifications", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("notification_mode", "text", (c) =>
      c
        .notNull()
        .defaultTo("each")
        .check(sql`notification_mode IN ('each', 'digest')`),
    )
    .addColumn("digest_minutes", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema.alterTable("one_time_link").addColumn("subject_id", "text").execute();
  await db.schema.alterTable("session").addColumn("request_id", "text").execute();
  await db.schema.alterTable("mail_outbox").addColumn("body_html", "text").execute();
  await db.schema.alterTable("mail_outbox").addColumn("reply_to", "text").execute();
  await db.schema.alterTable("mail_outbox").addColumn("sender_name", "text").execute();

  // A version's bytes are removed after its row goes (any path: the file's deletion cascades).
  if (postgres) {
    await sql`CREATE FUNCTION entity_file_version_gone() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO file_deletion (file_key, firm_id) VALUES (OLD.file_key, OLD.firm_id)
          ON CONFLICT DO NOTHING;
        RETURN OLD;
      END $fn$`.execute(db);
    await sql`CREATE TRIGGER entity_file_version_gone AFTER DELETE ON entity_file_version
      FOR EACH ROW EXECUTE FUNCTION entity_file_version_gone()`.execute(db);
    // A decided approval is a record: nothing changes or removes it.
    await sql`CREATE FUNCTION approval_decided() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF OLD.status <> 'pending' THEN
          RAISE EXCEPTION 'a decided approval cannot change' USING ERRCODE = 'P0001';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $fn$`.execute(db);
    await sql`CREATE TRIGGER approval_decided BEFORE UPDATE OR DELETE ON approval
      FOR EACH ROW EXECUTE FUNCTION approval_decided()`.execute(db);
  } else {
    await sql`CREATE TRIGGER entity_file_version_gone AFTER DELETE ON entity_file_version BEGIN
      INSERT OR IGNORE INTO file_deletion (file_key, firm_id) VALUES (OLD.file_key, OLD.firm_id);
    END`.execute(db);
    await sql`CREATE TRIGGER approval_decided_update BEFORE UPDATE ON approval
      WHEN OLD.status <> 'pending' BEGIN
        SELECT RAISE(ABORT, 'a decided approval cannot change');
      END`.execute(db);
    await sql`CREATE TRIGGER approval_decided_delete BEFORE DELETE ON approval
      WHEN OLD.status <> 'pending' BEGIN
        SELECT RAISE(ABORT, 'a decided approval cannot change');
      END`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  const postgres = isPostgres(db);
  for (const column of ["body_html", "reply_to", "sender_name"])
    await db.schema.alterTable("mail_outbox").dropColumn(column).execute();
  await db.schema.alterTable("session").dropColumn("request_id").execute();
  await db.schema.alterTable("one_time_link").dropColumn("subject_id").execute();
  for (const table of [
    "portal_setting",
    "portal_notification",
    "entity_event",
    "approval",
    "file_request_comment",
    "entity_file_version",
    "file_request_item",
    "file_request_recipient",
    "file_request",
    "entity_file",
    "entity_folder",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (postgres) {
    await sql`DROP FUNCTION entity_file_version_gone()`.execute(db);
    await sql`DROP FUNCTION approval_decided()`.execute(db);
  }
}
