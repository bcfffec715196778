/**
 * Running timers, kept in the store so a timer survives a reload, a second device and a server
 * restart. A staff member has at most one (the table's key says so). Stopping a timer makes a
 * time entry through the time-entry service, so rates, validation, rounding to the firm's
 * increment and the lock date apply exactly as to an entry typed in; the timer goes in the same
 * transaction, so a refused entry leaves the timer running.
 *
 * Timers are not synced (merge.md): a timer belongs to the server (or firm file) its user works
 * on. Two replicas could each hold a running timer for one person, and no merge rule makes one
 * of them right; the entry a timer becomes is synced like any other.
 */
import { parseIsoDate } from "../domain/dates.js";
import { AppError } from "../domain/errors.js";
import { optionalText } from "../domain/fields.js";
import {
  DEFAULT_TIME_ZONE,
  FORGOTTEN_AFTER_MINUTES,
  localDate,
  parseTimeZone,
  timerState,
  type TimerState,
} from "../domain/timers.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import { isUniqueViolation, type Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { inTransaction } from "../store/transaction.js";
import { createEntryReferences } from "./entry-references.js";
import type { EntryVisibility, TimeEntry } from "./entry-store.js";
import { addTimeEntry, resolveEntryParties } from "./time-entry-service.js";
import { deleteTimer, findTimerOfStaff, insertTimer, selectTimers, type Timer } from "./timer-store.js";

export interface TimerInput {
  staff: string;
  client: string;
  project?: string | null;
  workCode: string;
  description?: string;
  billable?: boolean;
  /** IANA zone of the person starting it; default UTC. */
  timeZone?: string;
}

export interface StopOptions {
  /** The real duration, in whole minutes; required for a forgotten timer. Default: the time run. */
  minutes?: number;
  /** Replaces the timer's description on the entry. */
  description?: string;
}

/** A timer as answered: with the date its entry gets, the minutes run, and whether it is forgotten. */
export type TimerView = Timer & TimerState;

export const viewTimer = (timer: Timer, now: Date): TimerView => ({ ...timer, ...timerState(timer, now) });

/** Checks the caller's right to act on a staff member's running timer; throws to refuse. */
export type TimerCheck = (timer: Timer) => void;

const noTimer = (staffId: string) =>
  new AppError("NOT_FOUND", `no timer is running for staff member ${staffId}`, {
    what: "timer",
    key: staffId,
  });

export async function startTimer(db: Db, scope: FirmScope, input: TimerInput): Promise<TimerView> {
  return inTransaction(db, async (tx) => {
    const now = scope.clock.now();
    const timeZone = parseTimeZone(input.timeZone ?? DEFAULT_TIME_ZONE);
    // The parties are checked as for an entry dated today: what would refuse the entry at
    // stop (an inactive client, a closed project, an expense code, the lock date) refuses now.
    const refs = createEntryReferences(tx, scope.firm.id);
    const date = parseIsoDate(localDate(now, timeZone));
    const parties = await resolveEntryParties(refs, scope, { ...input, date }, "time");
    if (await findTimerOfStaff(tx, scope.firm.id, parties.staff.id)) throw timerRunning(parties.staff);
    const stamp = nowIso(scope);
    const timer: Timer = {
      id: newId(),
      staffId: parties.staff.id,
      clientId: parties.client.id,
      projectId: parties.project?.id ?? null,
      workCodeId: parties.workCode.id,
      description: optionalText(input.description, "description", 4000),
      billable: input.billable ?? null,
      timeZone,
      startedAt: stamp,
      createdAt: stamp,
      updatedAt: stamp,
    };
    try {
      await insertTimer(tx, scope.firm.id, timer);
    } catch (error) {
      // Another device started one between the check and the insert: the key refused it.
      if (isUniqueViolation(error)) throw timerRunning(parties.staff);
      throw error;
    }
    return viewTimer(timer, now);
  });
}

const timerRunning = (staff: { id: string; staffNumber: string }) =>
  new AppError(
    "TIMER_RUNNING",
    `staff member ${staff.staffNumber} already has a timer running; stop it or switch to the new work`,
    { staffId: staff.id },
  );

export async function getRunningTimer(db: Db, scope: FirmScope, staffId: string): Promise<TimerView | null> {
  const timer = await findTimerOfStaff(db, scope.firm.id, staffId);
  return timer ? viewTimer(timer, scope.clock.now()) : null;
}

/** The staff member's running timer, checked by `check`; "not found" when there is none. */
async function runningTimer(db: Db, scope: FirmScope, staffId: string, check?: TimerCheck): Promise<Timer> {
  const timer = await findTimerOfStaff(db, scope.firm.id, staffId);
  if (!timer) throw noTimer(staffId);
  check?.(timer);
  return timer;
}

/** Stops the timer into a time entry; the timer is gone only if the entry was made. */
export async function stopTimer(
  db: Db,
  scope: FirmScope,
  staffId: string,
  options: StopOptions = {},
  check?: TimerCheck,
): Promise<{ entry: TimeEntry; timer: TimerView }> {
  return inTransaction(db, async (tx) => {
    const timer = viewTimer(await runningTimer(tx, scope, staffId, check), scope.clock.now());
    if (timer.forgotten && options.minutes === undefined) {
      const why =
        timer.forgotten === "past_midnight"
          ? `has run past midnight of ${timer.date}`
          : `has run over ${FORGOTTEN_AFTER_MINUTES / 60} hours`;
      throw new AppError(
        "TIMER_FORGOTTEN",
        `the timer started at ${timer.startedAt} ${why} (${timer.elapsedMinutes} minutes); give the real duration in minutes`,
        { field: "minutes", forgotten: timer.forgotten, elapsedMinutes: timer.elapsedMinutes },
      );
    }
    const entry = await addTimeEntry(tx, scope, {
      staff: timer.staffId,
      client: timer.clientId,
      project: timer.projectId,
      workCode: timer.workCodeId,
      date: timer.date,
      minutes: options.minutes ?? timer.elapsedMinutes,
      billable: timer.billable ?? undefined,
      description: options.description ?? timer.description,
    });
    await deleteTimer(tx, scope.firm.id, timer.id);
    return { entry, timer };
  });
}

/** Throws the running timer away: no entry is made. */
export async function discardTimer(
  db: Db,
  scope: FirmScope,
  staffId: string,
  check?: TimerCheck,
): Promise<TimerView> {
  return inTransaction(db, async (tx) => {
    const timer = await runningTimer(tx, scope, staffId, check);
    await deleteTimer(tx, scope.firm.id, timer.id);
    return viewTimer(timer, scope.clock.now());
  });
}

/**
 * Stops the running timer (if any) into an entry and starts the next, in one transaction: if
 * either half is refused, the running timer keeps running and nothing is recorded.
 */
export async function switchTimer(
  db: Db,
  scope: FirmScope,
  input: TimerInput,
  options: StopOptions = {},
  check?: TimerCheck,
): Promise<{ stopped: TimeEntry | null; timer: TimerView }> {
  return inTransaction(db, async (tx) => {
    const running = await findTimerOfStaff(tx, scope.firm.id, input.staff);
    const stopped = running ? (await stopTimer(tx, scope, input.staff, options, check)).entry : null;
    return { stopped, timer: await startTimer(tx, scope, input) };
  });
}

export async function listRunningTimers(
  db: Db,
  scope: FirmScope,
  visibility: EntryVisibility,
  page: { limit: number; offset: number },
): Promise<{ items: TimerView[]; total: number }> {
  const { items, total } = await selectTimers(db, scope.firm.id, visibility, page);
  const now = scope.clock.now();
  return { items: items.map((timer) => viewTimer(timer, now)), total };
}
