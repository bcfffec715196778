/**
 * The week grid's arithmetic, pure and tested alone: the days of a week, the rows (client,
 * project, work code) and cells (a day of a row) made from entries, totals per row and per day,
 * and what a cell's save must do. Durations are integer minutes; the server rounds each entry up
 * to the firm's increment and its answer is what the grid then shows.
 */

export interface GridEntry {
  id: string;
  clientId: string;
  projectId: string | null;
  workCodeId: string;
  date: string;
  minutes: number;
  status: string;
  /** Why a reviewer returned the entry (the server's; null once submitted again). */
  reviewComment?: string | null;
}

export interface RowKey {
  clientId: string;
  projectId: string | null;
  workCodeId: string;
}

export const rowKeyOf = (row: RowKey) => `${row.clientId}|${row.projectId ?? ""}|${row.workCodeId}`;

/** YYYY-MM-DD of a calendar date, with no time zone involved. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday of the week holding `isoDate`. */
export function weekStart(isoDate: string): string {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay(); // 0 Sunday
  return addDays(isoDate, -((weekday + 6) % 7));
}

export const weekDays = (monday: string): string[] =>
  Array.from({ length: 7 }, (_, day) => addDays(monday, day));

export interface GridRow extends RowKey {
  key: string;
  /** The entries of each day of the week, by date. */
  cells: Map<string, GridEntry[]>;
}

/** Rows in first-seen order, plus `extraRows` (added by the person, still empty) after them. */
export function buildRows(entries: readonly GridEntry[], extraRows: readonly RowKey[] = []): GridRow[] {
  const rows = new Map<string, GridRow>();
  const rowFor = (key: RowKey) => {
    const id = rowKeyOf(key);
    let row = rows.get(id);
    if (!row) {
      row = {
        key: id,
        clientId: key.clientId,
        projectId: key.projectId,
        workCodeId: key.workCodeId,
        cells: new Map(),
      };
      rows.set(id, row);
    }
    return row;
  };
  for (const entry of entries) {
    const row = rowFor(entry);
    row.cells.set(entry.date, [...(row.cells.get(entry.date) ?? []), entry]);
  }
  for (const extra of extraRows) rowFor(extra);
  return [...rows.values()];
}

export const cellMinutes = (entries: readonly GridEntry[] | undefined) =>
  (entries ?? []).reduce((sum, entry) => sum + entry.minutes, 0);

export const rowTotal = (row: GridRow) =>
  [...row.cells.values()].reduce((sum, entries) => sum + cellMinutes(entries), 0);

export const dayTotal = (rows: readonly GridRow[], date: string) =>
  rows.reduce((sum, row) => sum + cellMinutes(row.cells.get(date)), 0);

/**
 * What saving a cell means. A cell holds one entry, none, or several (recorded in the day view
 * or by a timer): only the first two are edited in the grid.
 */
export type CellSave =
  | { kind: "none" }
  | { kind: "create"; minutes: number }
  | { kind: "update"; id: string; minutes: number }
  | { kind: "delete"; id: string }
  | { kind: "refuse"; reason: string };

export function planCellSave(entries: readonly GridEntry[] | undefined, minutes: number | null): CellSave {
  const current = entries ?? [];
  if (current.length > 1)
    return { kind: "refuse", reason: "this day has several entries: change them in the day view" };
  const only = current[0];
  if (only && only.status !== "draft") return { kind: "refuse", reason: `this entry is ${only.status}` };
  if (minutes === null || minutes === 0) return only ? { kind: "delete", id: only.id } : { kind: "none" };
  if (!only) return { kind: "create", minutes };
  return only.minutes === minutes ? { kind: "none" } : { kind: "update", id: only.id, minutes };
}

/** Whether a date is locked: on or before the firm's lock date. */
export const isLocked = (date: string, lockDate: string | null) => lockDate !== null && date <= lockDate;
