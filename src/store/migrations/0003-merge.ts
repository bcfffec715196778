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

type AnyDb = Kysely<unknown>;

/** Synced tables as of this migration: their row id columns and the columns never journaled. */
const SYNCED: { table: string; id: string[]; local: string[] }[] = [
  { table: "firm", id: [], local: ["slug", "protection"] },
  { table: "staff", id: ["id"], local: [] },
  { table: "staff_group", id: ["id"], local: [] },
  { table: "staff_group_member", id: ["group_id", "staff_id"], local: [] },
  { table: "contact_company", id: ["id"], local: [] },
  { table: "client", id: ["id"], local: [] },
  { table: "project", id: ["id"], local: [] },
  { table: "contact", id: ["id"], local: [] },
  { table: "contact_client", id: ["contact_id", "client_id"], local: [] },
  { table: "contact_group", id: ["id"], local: [] },
  { table: "contact_group_member", id: ["group_id", "contact_id"], local: [] },
  { table: "work_code", id: ["id"], local: [] },
  { table: "rate", id: ["id"], local: [] },
  { table: "time_entry", id: ["id"], local: ["amount"] },
  { table: "expense_entry", id: ["id"], local: ["amount"] },
];
const ALWAYS_LOCAL = ["firm_id", "updated_at"];

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

  if (postgres) await installPostgresTriggers(db);
  else await installSqliteTriggers(db);
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
  for (const spec of SYNCED) {
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

async function syncedColumns(db: AnyDb, spec: { table: string; local: string[] }, postgres: boolean) {
  const result = postgres
    ? await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${spec.table} ORDER BY ordinal_position`.execute(
        db,
      )
    : await sql<{ name: string }>`SELECT name FROM pragma_table_info(${spec.table})`.execute(db);
  const local = new Set([...ALWAYS_LOCAL, ...spec.local]);
  return result.rows.map((r) => r.name).filter((name) => !local.has(name));
}

// --- SQLite: one trigger per table and operation, generated from the table's columns ---

const SQLITE_NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
// The clock tick: later wall clock resets the counter; otherwise the counter advances, and on
// overflow borrows the next millisecond rather than failing the write.
const SQLITE_TICK = (firm: string) => `
  UPDATE sync_state SET
    millis = CASE WHEN ${SQLITE_NOW_MS} > millis THEN ${SQLITE_NOW_MS} WHEN counter >= 65535 THEN millis + 1 ELSE millis END,
    counter = CASE WHEN ${SQLITE_NOW_MS} > millis THEN 0 WHEN counter >= 65535 THEN 0 ELSE counter + 1 END
  WHERE firm_id = ${firm};`;
const SQLITE_HLC = "printf('%015d-%04x-%s', s.millis, s.counter, s.replica_id)";

async function installSqliteTriggers(db: AnyDb): Promise<void> {
  for (const spec of SYNCED) {
    const columns = await syncedColumns(db, spec, false);
    const rowId = (ref: "NEW" | "OLD") =>
      spec.id.length === 0 ? "'firm'" : spec.id.map((c) => `${ref}.${c}`).join(" || ':' || ");
    const journal = (ref: "NEW" | "OLD", op: string, data: string) => `
      SELECT RAISE(ABORT, 'firm has no sync state') WHERE NOT EXISTS (SELECT 1 FROM sync_state WHERE firm_id = ${ref}.firm_id);
      ${SQLITE_TICK(`${ref}.firm_id`)}
      INSERT INTO sync_change (firm_id, hlc, replica, tbl, row_id, op, data, seen, author)
        SELECT s.firm_id, ${SQLITE_HLC}, s.replica_id, '${spec.table}', ${rowId(ref)}, '${op}', ${data}, s.cursor, ftm_author()
        FROM sync_state s WHERE s.firm_id = ${ref}.firm_id;`;
    const notApplying = (ref: "NEW" | "OLD") =>
      `(SELECT applying FROM sync_state WHERE firm_id = ${ref}.firm_id) IS NOT 1`;
    const all = `json_object(${columns.map((c) => `'${c}', NEW.${c}`).join(", ")})`;
    const changed = `(SELECT json_group_object(k, v) FROM (${columns
      .map((c) => `SELECT '${c}' AS k, NEW.${c} AS v WHERE NEW.${c} IS NOT OLD.${c}`)
      .join(" UNION ALL ")}))`;
    const anyChanged = columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(" OR ");
    const t = spec.table;
    // Every firm gets its state (a fresh replica id, epoch and file id) as it is created.
    const firmState =
      t === "firm"
        ? `INSERT INTO sync_state (firm_id, replica_id, millis, counter, epoch, file_id)
           VALUES (NEW.firm_id, lower(hex(randomblob(8))), 0, 0, lower(hex(randomblob(8))), lower(hex(randomblob(16))));`
        : "";
    await sql
      .raw(
        `CREATE TRIGGER sync_${t}_insert AFTER INSERT ON ${t} WHEN ${t === "firm" ? "1" : notApplying("NEW")}
         BEGIN ${firmState} ${journal("NEW", "put", all)} END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER sync_${t}_update AFTER UPDATE ON ${t} WHEN ${notApplying("NEW")} AND (${anyChanged}) BEGIN ${journal("NEW", "put", changed)} END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER sync_${t}_delete AFTER DELETE ON ${t} WHEN ${notApplying("OLD")} BEGIN ${journal("OLD", "delete", "'{}'")} END`,
      )
      .execute(db);
  }
}

// --- PostgreSQL: one generic trigger function; each table passes its id and local columns ---

async function installPostgresTriggers(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION sync_journal() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  rec jsonb;
  old_rec jsonb;
  local_columns text[] := string_to_array(TG_ARGV[1], ',');
  id_columns text[] := string_to_array(TG_ARGV[0], ',');
  state sync_state%ROWTYPE;
  now_ms bigint := (extract(epoch from clock_timestamp()) * 1000)::bigint;
  data jsonb;
  row_key text;
  result record;
BEGIN
  IF TG_OP = 'DELETE' THEN rec := to_jsonb(OLD); result := OLD; ELSE rec := to_jsonb(NEW); result := NEW; END IF;
  IF TG_TABLE_NAME = 'firm' AND TG_OP = 'INSERT' THEN
    INSERT INTO sync_state (firm_id, replica_id, millis, counter, epoch, file_id)
    VALUES (rec->>'firm_id', substr(md5(random()::text), 1, 16), 0, 0,
            substr(md5(random()::text), 1, 16), md5(gen_random_uuid()::text));
  END IF;
  -- Locked until commit: a firm's writers take sequence numbers in commit order.
  SELECT * INTO state FROM sync_state WHERE firm_id = rec->>'firm_id' FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'firm % has no sync state', rec->>'firm_id'; END IF;
  IF state.applying = 1 THEN RETURN result; END IF;
  IF TG_OP = 'INSERT' THEN
    data := rec - local_columns;
  ELSIF TG_OP = 'UPDATE' THEN
    old_rec := to_jsonb(OLD);
    SELECT coalesce(jsonb_object_agg(n.key, n.value), '{}'::jsonb) INTO data
      FROM jsonb_each(rec - local_columns) n WHERE n.value IS DISTINCT FROM old_rec->n.key;
    IF data = '{}'::jsonb THEN RETURN result; END IF;
  ELSE
    data := '{}'::jsonb;
  END IF;
  IF now_ms > state.millis THEN
    state.millis := now_ms; state.counter := 0;
  ELSIF state.counter >= 65535 THEN
    state.millis := state.millis + 1; state.counter := 0;
  ELSE
    state.counter := state.counter + 1;
  END IF;
  UPDATE sync_state SET millis = state.millis, counter = state.counter WHERE firm_id = state.firm_id;
  IF array_length(id_columns, 1) IS NULL THEN
    row_key := 'firm';
  ELSE
    SELECT string_agg(rec->>c, ':' ORDER BY ord) INTO row_key FROM unnest(id_columns) WITH ORDINALITY AS u(c, ord);
  END IF;
  INSERT INTO sync_change (firm_id, hlc, replica, tbl, row_id, op, data, seen, author)
  VALUES (state.firm_id,
          lpad(state.millis::text, 15, '0') || '-' || lpad(to_hex(state.counter), 4, '0') || '-' || state.replica_id,
          state.replica_id, TG_TABLE_NAME, row_key,
          CASE WHEN TG_OP = 'DELETE' THEN 'delete' ELSE 'put' END, data::text, state.cursor,
          NULLIF(current_setting('ftm.author', true), ''));
  RETURN result;
END
$fn$`,
    )
    .execute(db);
  for (const spec of SYNCED) {
    const local = [...ALWAYS_LOCAL, ...spec.local].join(",");
    // BEFORE: the state row is locked before the written row, so two writers cannot deadlock.
    await sql
      .raw(
        `CREATE TRIGGER sync_${spec.table} BEFORE INSERT OR UPDATE OR DELETE ON ${spec.table}
         FOR EACH ROW EXECUTE FUNCTION sync_journal('${spec.id.join(",")}', '${local}')`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const spec of SYNCED) {
    if (postgres) await sql.raw(`DROP TRIGGER sync_${spec.table} ON ${spec.table}`).execute(db);
    else
      for (const op of ["insert", "update", "delete"])
        await sql.raw(`DROP TRIGGER sync_${spec.table}_${op}`).execute(db);
  }
  if (postgres) await sql`DROP FUNCTION sync_journal()`.execute(db);
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
