/**
 * Days and months as pages walk them: today in the person's own time zone, a month ("2026-12"),
 * the month before or after, and a month's first and last day. Pure; dates as YYYY-MM-DD text.
 */

/** Today in the person's own time zone, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** The month of `date` in the person's own time zone: "2026-12". */
export const monthOf = (date: Date = new Date()): string => localToday(date).slice(0, 7);

export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function monthBounds(month: string): { from: string; to: string } {
  const next = shiftMonth(month, 1);
  const last = new Date(Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}
