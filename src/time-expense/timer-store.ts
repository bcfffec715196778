/** Queries for running timers. Row types stay here; callers get Timer. */
import type { Selectable } from "kysely";
import type { Db } from "../store/database.js";
import type { TimerTable } from "../store/tables.js";
import { visibleEntries, type EntryVisibility } from "./entry-store.js";

export interface Timer {
  id: string;
  staffId: string;
  clientId: string;
  projectId: string | null;
  workCodeId: string;
  description: string;
  /** null: the work code's default, decided when the entry is made. */
  billable: boolean | null;
  timeZone: string;
  startedAt: string;
  createdAt: string;
  updatedAt: string;
}

const rowToTimer = (row: Selectable<TimerTable>): Timer => ({
  id: row.id,
  staffId: row.staff_id,
  clientId: row.client_id,
  projectId: row.project_id,
  workCodeId: row.work_code_id,
  description: row.description,
  billable: row.billable === null ? null : row.billable === 1,
  timeZone: row.time_zone,
  startedAt: row.started_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Fails with the store's unique violation when the staff member already has a timer. */
export async function insertTimer(db: Db, firmId: string, timer: Timer): Promise<void> {
  await db
    .insertInto("timer")
    .values({
      id: timer.id,
      firm_id: firmId,
      staff_id: timer.staffId,
      client_id: timer.clientId,
      project_id: timer.projectId,
      work_code_id: timer.workCodeId,
      description: timer.description,
      billable: timer.billable === null ? null : timer.billable ? 1 : 0,
      time_zone: timer.timeZone,
      started_at: timer.startedAt,
      created_at: timer.createdAt,
      updated_at: timer.updatedAt,
    })
    .execute();
}

export async function findTimerOfStaff(db: Db, firmId: string, staffId: string): Promise<Timer | undefined> {
  const row = await db
    .selectFrom("timer")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("staff_id", "=", staffId)
    .executeTakeFirst();
  return row ? rowToTimer(row) : undefined;
}

export async function deleteTimer(db: Db, firmId: string, timerId: string): Promise<void> {
  await db.deleteFrom("timer").where("firm_id", "=", firmId).where("id", "=", timerId).execute();
}

function visibleTimers(db: Db, firmId: string, visibility: EntryVisibility) {
  let query = db.selectFrom("timer").where("firm_id", "=", firmId);
  if (visibility !== "all")
    query = query.where((eb) =>
      visibleEntries(eb, visibility, { staffId: "staff_id", clientId: "client_id" }),
    );
  return query;
}

/** Running timers the visibility reaches, longest running first. */
export async function selectTimers(
  db: Db,
  firmId: string,
  visibility: EntryVisibility,
  page: { limit: number; offset: number },
): Promise<{ items: Timer[]; total: number }> {
  const rows = await visibleTimers(db, firmId, visibility)
    .selectAll()
    .orderBy("started_at")
    .orderBy("id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await visibleTimers(db, firmId, visibility)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return { items: rows.map(rowToTimer), total: Number(count.n) };
}
