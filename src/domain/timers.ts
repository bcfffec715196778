/**
 * Rules for running timers. Pure: the service passes the clock's now.
 *
 * A timer's entry is dated on the calendar day it started, in the time zone its user started it
 * in (firms keep no time zone of their own; the web app sends the browser's). A timer is
 * **forgotten** when it has run past midnight of that day or longer than FORGOTTEN_AFTER_MINUTES:
 * the person most likely left it running, so stopping it asks for the real duration.
 */
import type { IsoDate } from "./dates.js";
import { invalid } from "./errors.js";

/** Past this, a running timer is taken as forgotten: nobody works 10 hours on one thing unbroken. */
export const FORGOTTEN_AFTER_MINUTES = 10 * 60;

export type ForgottenReason = "past_midnight" | "over_limit";

export const DEFAULT_TIME_ZONE = "UTC";

/** An IANA time zone name this runtime knows ("Europe/London", "America/New_York", "UTC"). */
export function parseTimeZone(text: string): string {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    throw invalid(`time zone ${JSON.stringify(text)} is not an IANA time zone (e.g. Europe/London)`);
  }
}

/** The calendar date of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Whole minutes run so far, rounded up: a timer stopped after 20 seconds recorded a minute. */
export function elapsedMinutes(startedAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((now.getTime() - startedAt.getTime()) / 60_000));
}

export interface TimerState {
  /** The date its entry gets: the day it started, where it started. */
  date: IsoDate;
  elapsedMinutes: number;
  forgotten: ForgottenReason | null;
}

export function timerState(timer: { startedAt: string; timeZone: string }, now: Date): TimerState {
  const started = new Date(timer.startedAt);
  const date = localDate(started, timer.timeZone);
  const minutes = elapsedMinutes(started, now);
  const forgotten: ForgottenReason | null =
    localDate(now, timer.timeZone) > date
      ? "past_midnight"
      : minutes > FORGOTTEN_AFTER_MINUTES
        ? "over_limit"
        : null;
  return { date, elapsedMinutes: minutes, forgotten };
}
