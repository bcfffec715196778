/**
 * The change journal's triggers (merge.md, "Changes"), shared by the migrations that install
 * them: 0003 wrote the first version, 0004 the per-firm sequence. A migration passes the
 * version it installs, so an older migration keeps writing exactly what it always wrote.
 *
 * Every write to a synced table journals itself in the same transaction, whatever code path
 * made it. A trigger ticks the firm's clock (a row in sync_state) for each row it journals: the
 * clock row is written in the writing transaction, so the clock persists with the data, stays
 * monotonic across restarts and processes, and (on PostgreSQL, where the row is locked until
 * commit) serialises a firm's writers, which is what keeps sequence numbers in commit order.
 *
 * With `perFirmSequence`, the same tick also takes the firm's next sequence number
 * (sync_state.last_seq): a firm's journal is numbered 1, 2, 3… on its own, so no firm's numbers
 * say anything about another firm's writes.
 *
 * A change records only the fields that changed (all of them for an insert), minus the columns
 * that are local (firm_id, updated_at, the cloud slug and protection flag) or derived (amount).
 * While `applying` is set, the merge itself is writing rows it journals on its own.
 */
import { sql, type Kysely } from "kysely";

type AnyDb = Kysely<unknown>;

export interface SyncedSpec {
  table: string;
  id: string[];
  local: string[];
}

/** Synced tables as of migration 0003: their row id columns and the columns never journaled. */
export const SYNCED_AT_0003: readonly SyncedSpec[] = [
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

export interface TriggerVersion {
  /** 0004 on: each journaled change takes the firm's next sequence number from sync_state. */
  perFirmSequence: boolean;
  /**
   * 0019 on, PostgreSQL: a table's trigger is not called at all while its transaction's merge
   * applies (QUIET_WHILE_APPLYING). sync_journal() would only lock the firm's state row, which
   * the merge already holds, and return.
   */
  quietWhileApplying?: boolean;
}

/**
 * The transaction-local setting a PostgreSQL merge turns on beside sync_state.applying and off
 * with it (merge/journal-store.ts): a trigger condition reads it without calling a function,
 * where reading sync_state takes a function call and a row lock for each row written. About
 * 22 us a row, 6 % of the PostgreSQL upload's time per entry (bench/README.md). The function
 * still checks `applying` itself, so a flag set by other means still quiets the journal.
 */
const QUIET_WHILE_APPLYING = "current_setting('ftm.applying', true) IS DISTINCT FROM 'on'";

export async function syncedColumns(db: AnyDb, spec: Pick<SyncedSpec, "table" | "local">, postgres: boolean) {
  const result = postgres
    ? await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${spec.table} ORDER BY ordinal_position`.execute(
        db,
      )
    : await sql<{ name: string }>`SELECT name FROM pragma_table_info(${spec.table})`.execute(db);
  const local = new Set([...ALWAYS_LOCAL, ...spec.local]);
  return result.rows.map((r) => r.name).filter((name) => !local.has(name));
}

export async function installJournalTriggers(
  db: AnyDb,
  postgres: boolean,
  version: TriggerVersion,
  specs: readonly SyncedSpec[] = SYNCED_AT_0003,
): Promise<void> {
  if (postgres) await installPostgresTriggers(db, version, specs);
  else await installSqliteTriggers(db, version, specs);
}

export async function dropJournalTriggers(
  db: AnyDb,
  postgres: boolean,
  specs: readonly SyncedSpec[] = SYNCED_AT_0003,
): Promise<void> {
  for (const spec of specs) {
    if (postgres) await sql.raw(`DROP TRIGGER IF EXISTS sync_${spec.table} ON ${spec.table}`).execute(db);
    else
      for (const op of ["insert", "update", "delete"])
        await sql.raw(`DROP TRIGGER IF EXISTS sync_${spec.table}_${op}`).execute(db);
  }
  if (postgres) await sql`DROP FUNCTION IF EXISTS sync_journal()`.execute(db);
}

// --- SQLite: one trigger per table and operation, generated from the table's columns ---

const SQLITE_NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
// The clock tick: later wall clock resets the counter; otherwise the counter advances, and on
// overflow borrows the next millisecond rather than failing the write.
const SQLITE_TICK = (firm: string, version: TriggerVersion) => `
  UPDATE sync_state SET
    millis = CASE WHEN ${SQLITE_NOW_MS} > millis THEN ${SQLITE_NOW_MS} WHEN counter >= 65535 THEN millis + 1 ELSE millis END,
    counter = CASE WHEN ${SQLITE_NOW_MS} > millis THEN 0 WHEN counter >= 65535 THEN 0 ELSE counter + 1 END${
      version.perFirmSequence ? ",\n    last_seq = last_seq + 1" : ""
    }
  WHERE firm_id = ${firm};`;
const SQLITE_HLC = "printf('%015d-%04x-%s', s.millis, s.counter, s.replica_id)";

async function installSqliteTriggers(db: AnyDb, version: TriggerVersion, specs: readonly SyncedSpec[]) {
  const seqColumn = version.perFirmSequence ? "seq, " : "";
  const seqValue = version.perFirmSequence ? "s.last_seq, " : "";
  for (const spec of specs) {
    const columns = await syncedColumns(db, spec, false);
    const rowId = (ref: "NEW" | "OLD") =>
      spec.id.length === 0 ? "'firm'" : spec.id.map((c) => `${ref}.${c}`).join(" || ':' || ");
    const journal = (ref: "NEW" | "OLD", op: string, data: string) => `
      SELECT RAISE(ABORT, 'firm has no sync state') WHERE NOT EXISTS (SELECT 1 FROM sync_state WHERE firm_id = ${ref}.firm_id);
      ${SQLITE_TICK(`${ref}.firm_id`, version)}
      INSERT INTO sync_change (${seqColumn}firm_id, hlc, replica, tbl, row_id, op, data, seen, author)
        SELECT ${seqValue}s.firm_id, ${SQLITE_HLC}, s.replica_id, '${spec.table}', ${rowId(ref)}, '${op}', ${data}, s.cursor, ftm_author()
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

async function installPostgresTriggers(db: AnyDb, version: TriggerVersion, specs: readonly SyncedSpec[]) {
  const perFirm = version.perFirmSequence;
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
  ${perFirm ? "state.last_seq := state.last_seq + 1;" : ""}
  UPDATE sync_state SET millis = state.millis, counter = state.counter${perFirm ? ", last_seq = state.last_seq" : ""}
    WHERE firm_id = state.firm_id;
  IF array_length(id_columns, 1) IS NULL THEN
    row_key := 'firm';
  ELSE
    SELECT string_agg(rec->>c, ':' ORDER BY ord) INTO row_key FROM unnest(id_columns) WITH ORDINALITY AS u(c, ord);
  END IF;
  INSERT INTO sync_change (${perFirm ? "seq, " : ""}firm_id, hlc, replica, tbl, row_id, op, data, seen, author)
  VALUES (${perFirm ? "state.last_seq, " : ""}state.firm_id,
          lpad(state.millis::text, 15, '0') || '-' || lpad(to_hex(state.counter), 4, '0') || '-' || state.replica_id,
          state.replica_id, TG_TABLE_NAME, row_key,
          CASE WHEN TG_OP = 'DELETE' THEN 'delete' ELSE 'put' END, data::text, state.cursor,
          NULLIF(current_setting('ftm.author', true), ''));
  RETURN result;
END
$fn$`,
    )
    .execute(db);
  for (const spec of specs) await createPostgresTableTrigger(db, version, spec);
}

async function createPostgresTableTrigger(db: AnyDb, version: TriggerVersion, spec: SyncedSpec) {
  const local = [...ALWAYS_LOCAL, ...spec.local].join(",");
  // The firm's own trigger always runs: inserting a firm makes its sync state.
  const when = version.quietWhileApplying && spec.table !== "firm" ? `WHEN (${QUIET_WHILE_APPLYING})` : "";
  // BEFORE: the state row is locked before the written row, so two writers cannot deadlock.
  await sql
    .raw(
      `CREATE TRIGGER sync_${spec.table} BEFORE INSERT OR UPDATE OR DELETE ON ${spec.table}
       FOR EACH ROW ${when} EXECUTE FUNCTION sync_journal('${spec.id.join(",")}', '${local}')`,
    )
    .execute(db);
}

/** PostgreSQL: the tables' triggers made anew as `version` has them (sync_journal() unchanged). */
export async function replacePostgresTableTriggers(
  db: AnyDb,
  version: TriggerVersion,
  specs: readonly SyncedSpec[] = SYNCED_AT_0003,
): Promise<void> {
  for (const spec of specs) {
    await sql.raw(`DROP TRIGGER sync_${spec.table} ON ${spec.table}`).execute(db);
    await createPostgresTableTrigger(db, version, spec);
  }
}
