/**
 * Hybrid logical clock (shared/design/merge.md, "Changes"): wall-clock milliseconds, a counter
 * for events within one millisecond, and the replica id that breaks the last tie. Serialised so
 * that string order is time order, which lets the store compare and index timestamps as text.
 * Pure: the caller supplies the wall clock and persists the last timestamp it issued.
 *
 * Invariants:
 * - every timestamp a clock issues is greater than every timestamp it issued or received before
 *   (also across restarts, when started from the last persisted one);
 * - a received timestamp more than `maxDriftMs` ahead of the local wall clock is refused, so one
 *   replica with a wrong clock cannot drag every other replica's clock into the future.
 */
import { AppError } from "../domain/errors.js";

export interface Hlc {
  millis: number;
  counter: number;
  replica: string;
}

const MILLIS_DIGITS = 15; // Date.now() has 13 digits until the year 2286; 15 leaves room.
const COUNTER_DIGITS = 4; // hex: 65,536 events per millisecond per replica
const MAX_COUNTER = 16 ** COUNTER_DIGITS - 1;
const REPLICA = /^[0-9a-z-]{1,40}$/;
/** Where the replica starts in a serialised HLC: after the millis, the counter and two dashes. */
export const REPLICA_OFFSET = MILLIS_DIGITS + 1 + COUNTER_DIGITS + 1;

export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

export function formatHlc(hlc: Hlc): string {
  if (!Number.isSafeInteger(hlc.millis) || hlc.millis < 0)
    throw new RangeError(`bad HLC millis ${hlc.millis}`);
  if (!Number.isInteger(hlc.counter) || hlc.counter < 0 || hlc.counter > MAX_COUNTER) {
    throw new RangeError(`bad HLC counter ${hlc.counter}`);
  }
  if (!REPLICA.test(hlc.replica)) throw new RangeError(`bad replica id ${JSON.stringify(hlc.replica)}`);
  return `${String(hlc.millis).padStart(MILLIS_DIGITS, "0")}-${hlc.counter.toString(16).padStart(COUNTER_DIGITS, "0")}-${hlc.replica}`;
}

const SERIAL = new RegExp(`^(\\d{${MILLIS_DIGITS}})-([0-9a-f]{${COUNTER_DIGITS}})-([0-9a-z-]{1,40})$`);

export function parseHlc(text: string): Hlc {
  const match = SERIAL.exec(text);
  if (!match)
    throw new AppError("VALIDATION", `${JSON.stringify(text)} is not a hybrid logical clock timestamp`);
  return { millis: Number(match[1]), counter: parseInt(match[2]!, 16), replica: match[3]! };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return (
    a.millis - b.millis ||
    a.counter - b.counter ||
    (a.replica < b.replica ? -1 : a.replica > b.replica ? 1 : 0)
  );
}

export interface HlcClock {
  /** A timestamp for a local change. */
  tick(): Hlc;
  /** Folds a remote timestamp in; throws CLOCK_SKEW if it is too far ahead of the wall clock. */
  receive(remote: Hlc): void;
  /** The last timestamp issued or received: what the caller persists. */
  last(): Hlc;
}

export function createHlcClock(
  replica: string,
  wallClock: () => number,
  options: { last?: Hlc; maxDriftMs?: number } = {},
): HlcClock {
  let last: Hlc = options.last ?? { millis: 0, counter: 0, replica };
  const maxDrift = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  formatHlc({ ...last, replica }); // validates the replica id up front

  const advance = (millis: number, counter: number): Hlc => {
    if (counter > MAX_COUNTER) {
      throw new AppError(
        "CLOCK_SKEW",
        "too many changes within one millisecond; the clock counter overflowed",
      );
    }
    last = { millis, counter, replica };
    return last;
  };

  return {
    tick() {
      const now = wallClock();
      return now > last.millis ? advance(now, 0) : advance(last.millis, last.counter + 1);
    },
    receive(remote) {
      const now = wallClock();
      if (remote.millis - now > maxDrift) {
        throw new AppError(
          "CLOCK_SKEW",
          `a change is timed ${Math.round((remote.millis - now) / 1000)} s ahead of this clock; check the clocks of both machines`,
          { aheadMs: remote.millis - now },
        );
      }
      const millis = Math.max(now, last.millis, remote.millis);
      const counter =
        millis === last.millis && millis === remote.millis
          ? Math.max(last.counter, remote.counter) + 1
          : millis === last.millis
            ? last.counter + 1
            : millis === remote.millis
              ? remote.counter + 1
              : 0;
      advance(millis, counter);
    },
    last: () => last,
  };
}
