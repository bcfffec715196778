/**
 * Reviewing the conflict log: restore a lost value (a new change, so every replica receives
 * it through the journal like any edit) or dismiss the entry, keeping the value that won.
 * Either way the resolution is journaled too, so the conflict closes in every replica's log
 * (conflict-resolution.ts).
 *
 * Restoring an edit that met a delete brings the record back as a new record (a new id): a
 * tombstone is final for its id (merge.md: deleted records never come back, unless a user
 * restores them), and the new record carries the last values plus the lost edit.
 */
import { sql } from "kysely";
import { AppError, notFound } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { inTransaction } from "../store/transaction.js";
import { isUniqueViolation } from "../store/database.js";
import { foldRecord, recordValues, type FieldValue } from "./change.js";
import { changesOfRows, getConflict, readRecord, resolveConflict, type Conflict } from "./journal-store.js";
import { derivedAmount, hasUpdatedAt } from "./apply-changes.js";
import { journalResolution } from "./conflict-resolution.js";
import { syncedTable, type SyncedTable } from "./synced-tables.js";

async function openConflict(db: Db, firmId: string, id: string): Promise<Conflict> {
  const conflict = await getConflict(db, firmId, id);
  if (!conflict) throw notFound("conflict", id);
  if (conflict.status !== "open") {
    throw new AppError("VALIDATION", `conflict ${id} was already ${conflict.status}`);
  }
  return conflict;
}

export async function dismissConflict(db: Db, firmId: string, id: string, clock: Clock): Promise<Conflict> {
  return inTransaction(db, async (tx) => {
    const conflict = await openConflict(tx, firmId, id);
    const now = clock.now().toISOString();
    await resolveConflict(tx, firmId, id, "dismissed", now);
    await journalResolution(tx, firmId, conflict, "dismissed", now);
    return (await getConflict(tx, firmId, id))!;
  });
}

export async function restoreConflict(db: Db, firmId: string, id: string, clock: Clock): Promise<Conflict> {
  return inTransaction(db, async (tx) => {
    const conflict = await openConflict(tx, firmId, id);
    const table = syncedTable(conflict.tbl);
    if (!table) throw new AppError("VALIDATION", `conflicts in ${conflict.tbl} cannot be restored`);
    const now = clock.now().toISOString();
    try {
      if (conflict.kind === "deleted") await restoreDeleted(tx, firmId, table, conflict, now);
      else await restoreField(tx, firmId, table, conflict, now);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError(
          "DUPLICATE",
          `restoring would repeat a unique value of another ${table.name.replaceAll("_", " ")}; change that one first`,
        );
      }
      throw error;
    }
    await resolveConflict(tx, firmId, id, "restored", now);
    await journalResolution(tx, firmId, conflict, "restored", now);
    return (await getConflict(tx, firmId, id))!;
  });
}

async function restoreField(db: Db, firmId: string, table: SyncedTable, conflict: Conflict, now: string) {
  const current = await readRecord(db, firmId, table, conflict.rowId);
  if (!current)
    throw new AppError(
      "NOT_FOUND",
      `the ${table.name.replaceAll("_", " ")} was deleted since; nothing to restore into`,
    );
  const row: Record<string, FieldValue> = { ...current, [conflict.field]: conflict.lostValue };
  const set: Record<string, FieldValue> = { [conflict.field]: conflict.lostValue };
  if (hasUpdatedAt(table)) set.updated_at = now;
  const firm = await db
    .selectFrom("firm")
    .select("minor_digits")
    .where("firm_id", "=", firmId)
    .executeTakeFirstOrThrow();
  const amount = derivedAmount(table, row, firm.minor_digits);
  if (amount !== undefined) set.amount = amount;
  const parts = conflict.rowId.split(":");
  const where = sql.join(
    [sql`firm_id = ${firmId}`, ...table.idColumns.map((c, i) => sql`${sql.ref(c)} = ${parts[i] ?? ""}`)],
    sql` AND `,
  );
  await sql`UPDATE ${sql.table(table.name)} SET ${sql.join(
    Object.entries(set).map(([field, value]) => sql`${sql.ref(field)} = ${value}`),
  )} WHERE ${where}`.execute(db);
}

async function restoreDeleted(db: Db, firmId: string, table: SyncedTable, conflict: Conflict, now: string) {
  if (table.idColumns.length !== 1) {
    throw new AppError(
      "VALIDATION",
      `a deleted ${table.name.replaceAll("_", " ")} link is restored by making it again`,
    );
  }
  const history = (await changesOfRows(db, firmId, table.name, [conflict.rowId])).get(conflict.rowId) ?? [];
  const last = recordValues(foldRecord(history.filter((c) => c.op === "put")));
  const lost =
    typeof conflict.lostValue === "string"
      ? (JSON.parse(conflict.lostValue) as Record<string, FieldValue>)
      : {};
  const row: Record<string, FieldValue> = { ...last, ...lost, id: newId(), created_at: now, updated_at: now };
  const firm = await db
    .selectFrom("firm")
    .select("minor_digits")
    .where("firm_id", "=", firmId)
    .executeTakeFirstOrThrow();
  const amount = derivedAmount(table, row, firm.minor_digits);
  if (amount !== undefined) row.amount = amount;
  const columns = ["firm_id", ...Object.keys(row)];
  await sql`INSERT INTO ${sql.table(table.name)} (${sql.join(columns.map((c) => sql.ref(c)))})
    VALUES (${sql.join([firmId, ...Object.values(row)])})`.execute(db);
}
