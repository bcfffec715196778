/**
 * Merge (shared/design/merge.md): the per-firm sync state with its hybrid logical clock, the
 * change journal, and the logs a merge writes (conflicts, warnings and errors, push batches).
 *
 * The journal is written by triggers, so every write to a synced table journals itself in the
 * same transaction, whatever code path made it (a service, an import, a future one). A trigger
 * ticks the firm's clock (a row in sync_state) for each row it journals: the clock row is
 * written in the writing transaction, so the clock persists with the data, stays monotonic
 * across restarts and processes, and (on PostgreSQL, where the row is locked until commit)
 * serialises a firm's writers, which is what keeps server sequence numbers in commit order.
 *
 * A change records only the fields that changed (all of them for an insert), minus the columns
 * that are local (firm_id, updated_at, the cloud slug and protection flag) or derived (amount).
 * While `applying` is set, the merge itself is writing rows it journals on its own.
 */
import { sql, type Kysely } from "kysely";
import { PostgresAdapter } from "kysely";
import {
  dropJournalTriggers,
  installJournalTriggers,
  SYNCED_AT_0003,
  syncedColumns,
} from "./journal-triggers.js";

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable("sync_state")
    .addColumn("firm_id", "text", (c) => c.primaryKey())
    .addColumn("replica_id", "text", (c) => c.notNull())
    // The clock: the last timestamp issued or received, as milliseconds and counter.
    .addColumn("millis", "bigint", (c) => c.notNull())
    .addColumn("counter", "integer", (c) => c.notNull())
    .addColumn("applying", "integer", (c) => c.notNull().defaultTo(0))
    // Desktop: the cloud sequence number pulled up to. Each local change records it as "seen".
    .addColumn("cursor", "bigint", (c) => c.notNull().defaultTo(0))
    // Desktop: its journal is sent up to this local sequence number (each batch is answered whole).
    .addColumn("pushed_upto", "bigint", (c) => c.notNull().defaultTo(0))
    // Cloud: its epoch, changed when it is restored from a backup. Desktop: the epoch it last saw.
    .addColumn("epoch", "text", (c) => c.notNull())
    // Desktop: the cloud it merges with. file_id: the file's identity (128 random bits, which
    // only the file and its cloud know: a pull that names it proves it comes from the file).
    .addColumn("cloud_url", "text")
    .addColumn("cloud_slug", "text")
    .addColumn("cloud_replica_id", "text")
    .addColumn("file_id", "text", (c) => c.notNull())
    .addColumn("integrated_at", "text")
    .addColumn("last_merge_at", "text")
    // Desktop: what the last merge did (JSON), for the status line.
    .addColumn("last_merge", "text")
    // Cloud: the file this firm was integrated from (a cloud firm is bound to one file).
    .addColumn("bound_file_id", "text")
    .execute();

  await db.schema
    .createTable("sync_change")
    .addColumn("seq", postgres ? "bigserial" : "integer", (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("hlc", "text", (c) => c.notNull())
    .addColumn("replica", "text", (c) => c.notNull())
    .addColumn("tbl", "text", (c) => c.notNull())
    .addColumn("row_id", "text", (c) => c.notNull())
    .addColumn("op", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    // The author's cursor when the change was made: the cloud changes it had seen.
    .addColumn("seen", "bigint")
    // Who made it (the signed-in user's email, or the desktop's OS user), when known.
    .addColumn("author", "text")
    // Desktop: the cloud's sequence number for this change, once the cloud has it.
    .addColumn("cloud_seq", "bigint")
    .execute();
  // A change's identity across replicas: pushing or pulling it again finds it.
  await db.schema
    .createIndex("sync_change_identity")
    .unique()
    .on("sync_change")
    .columns(["firm_id", "hlc", "tbl", "row_id"])
    .execute();
  await db.schema
    .createIndex("sync_change_row")
    .on("sync_change")
    .columns(["firm_id", "tbl", "row_id"])
    .execute();
  // Pulls, the head and the unsent changes all read a firm's journal in sequence order.
  await db.schema.createIndex("sync_change_sequence").on("sync_change").columns(["firm_id", "seq"]).execute();

  await db.schema
    .createTable("sync_conflict")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("tbl", "text", (c) => c.notNull())
    .addColumn("row_id", "text", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("lost_value", "text", (c) => c.notNull())
    .addColumn("lost_hlc", "text", (c) => c.notNull())
    .addColumn("lost_author", "text")
    .addColumn("kept_value", "text", (c) => c.notNull())
    .addColumn("kept_hlc", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addUniqueConstraint("sync_conflict_once", ["firm_id", "tbl", "row_id", "field", "lost_hlc"])
    .execute();

  await db.schema
    .createTable("sync_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("tbl", "text", (c) => c.notNull())
    .addColumn("row_id", "text", (c) => c.notNull())
    .addColumn("hlc", "text")
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sync_log_firm_at")
    .on("sync_log")
    .columns(["firm_id", "level", "at"])
    .execute();

  // Desktop: records to rebuild from their changes once they can be written (a refused change
  // was dropped, but the row it returns to clashes with another row until a pull frees it).
  await db.schema
    .createTable("sync_pending")
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("tbl", "text", (c) => c.notNull())
    .addColumn("row_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("sync_pending_pk", ["firm_id", "tbl", "row_id"])
    .execute();

  // Cloud: changes refused for good. A desktop drops a refused change, so it must stay refused
  // when an older request carrying it arrives late.
  await db.schema
    .createTable("sync_refusal")
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("hlc", "text", (c) => c.notNull())
    .addColumn("tbl", "text", (c) => c.notNull())
    .addColumn("row_id", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("sync_refusal_pk", ["firm_id", "hlc", "tbl", "row_id"])
    .execute();

  await db.schema
    .createTable("sync_batch")
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("batch_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("sync_batch_pk", ["firm_id", "batch_id"])
    .execute();

  await installJournalTriggers(db, postgres, { perFirmSequence: false });
  await backfill(db, postgres);
}

/** Firms and rows that existed before this migration: a state row each, and one insert change per row. */
async function backfill(db: AnyDb, postgres: boolean): Promise<void> {
  const random = postgres ? sql`substr(md5(random()::text), 1, 16)` : sql`lower(hex(randomblob(8)))`;
  const now = postgres
    ? sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`
    : sql`CAST(unixepoch('subsec') * 1000 AS INTEGER)`;
  const fileId = postgres ? sql`md5(gen_random_uuid()::text)` : sql`lower(hex(randomblob(16)))`;
  await sql`INSERT INTO sync_state (firm_id, replica_id, millis, counter, epoch, file_id)
    SELECT firm_id, ${random}, ${now}, 0, ${random}, ${fileId} FROM firm`.execute(db);
  for (const spec of SYNCED_AT_0003) {
    const columns = await syncedColumns(db, spec, postgres);
    const data = postgres
      ? sql`jsonb_build_object(${sql.join(columns.flatMap((c) => [sql.lit(c), sql.ref(`t.${c}`)]))})::text`
      : sql`json_object(${sql.join(columns.flatMap((c) => [sql.lit(c), sql.ref(`t.${c}`)]))})`;
    // Each backfilled row takes its own counter value under one millisecond: distinct, ordered.
    const counter = postgres ? sql`(row_number() over ())::int` : sql`row_number() over ()`;
    const hlc = postgres
      ? sql`lpad(s.millis::text, 15, '0') || '-' || lpad(to_hex(${counter}), 4, '0') || '-' || s.replica_id`
      : sql`printf('%015d-%04x-%s', s.millis, ${counter}, s.replica_id)`;
    await sql`INSERT INTO sync_change (firm_id, hlc, replica, tbl, row_id, op, data, seen)
      SELECT t.firm_id, ${hlc}, s.replica_id, ${spec.table}, ${rowIdSql(spec, "t")}, 'put', ${data}, 0
      FROM ${sql.table(spec.table)} t JOIN sync_state s ON s.firm_id = t.firm_id`.execute(db);
  }
  // The backfill may take up to 65,535 counter values per table; move every clock past them.
  await sql`UPDATE sync_state SET millis = millis + 1, counter = 0`.execute(db);
}

const rowIdSql = (spec: { id: string[] }, alias: string) =>
  spec.id.length === 0
    ? sql.lit("firm")
    : sql.join(
        spec.id.map((c) => sql.ref(`${alias}.${c}`)),
        sql` || ':' || `,
      );

export async function down(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await dropJournalTriggers(db, postgres);
  for (const table of [
    "sync_pending",
    "sync_refusal",
    "sync_batch",
    "sync_log",
    "sync_conflict",
    "sync_change",
    "sync_state",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
