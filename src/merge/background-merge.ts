/**
 * The desktop's background merge while online (merge.md, "Online and offline"):
 * - local changes: the journal is checked every 200 ms (a change made by any process on the
 *   file shows up there), and a merge starts at once, so a change reaches the cloud within
 *   about a second; changes made while a merge runs go with the next one, so someone working
 *   quickly is merged in batches, not chased change by change;
 * - cloud changes: a long poll waits on the cloud, which answers as soon as another replica's
 *   change is sequenced, and a merge fetches it;
 * - offline (no network, cloud down, not signed in): everything keeps working locally; the
 *   merge retries with a growing pause (1 s doubling to 30 s) and says when it is back;
 * - paused (working offline by choice): the journal is still watched, so the count of changes
 *   waiting stays true, but nothing is merged until it resumes.
 * Merges never overlap: each waits for the one before. `onChange` hears of every moment the
 * desktop's connection state may have changed (changes waiting in either direction, a merge
 * done or failed), before the merge that follows, so a watcher can show what waited.
 */
import { AppError } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import { mergeNow, type MergeSummary, type SyncTransport } from "./desktop-merge.js";
import { countUnsent, readSyncState } from "./journal-store.js";

export interface BackgroundMergeLog {
  online(): void;
  offline(reason: string): void;
  merged(summary: MergeSummary): void;
}

export interface BackgroundMergeOptions {
  db: Db;
  firmId: string;
  /** The cloud, signed in; throws while that is impossible (no credentials yet). */
  connect: () => Promise<SyncTransport>;
  clock: Clock;
  log: BackgroundMergeLog;
  /** Start paused (working offline by choice). */
  paused?: boolean;
  /** Awaited whenever the connection state may have changed; its failures are ignored. */
  onChange?: () => Promise<void> | void;
  localPollMs?: number;
  longPollSeconds?: number;
}

export interface BackgroundMerge {
  /** Merge now (a local change was just made). */
  kick(): void;
  /**
   * Merges now, after any merge under way, even during an offline pause; resolves with what it
   * did, or rejects with why it could not (the cloud unreachable, not signed in...).
   */
  mergeNow(): Promise<MergeSummary>;
  readonly paused: boolean;
  /** Stop merging (working offline by choice) or start again. */
  setPaused(paused: boolean): void;
  stop(): Promise<void>;
}

const MAX_PAUSE_MS = 30_000;

export function startBackgroundMerge(options: BackgroundMergeOptions): BackgroundMerge {
  const { db, firmId, log } = options;
  let stopped = false;
  let paused = options.paused ?? false;
  let online: boolean | null = null;
  let pauseMs = 1_000;
  let retryAt = 0;
  let kicked = true;
  let lastUnsent: number | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  const timers = new Set<NodeJS.Timeout>();
  let longPoll = new AbortController();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => (timers.delete(timer), resolve()), ms);
      timers.add(timer);
    });

  const notify = async () => {
    try {
      await options.onChange?.();
    } catch {
      // A watcher's trouble never stops the merge.
    }
  };

  const setOnline = () => {
    pauseMs = 1_000;
    retryAt = 0;
    if (online !== true) {
      log.online();
      void notify();
    }
    online = true;
  };
  const setOffline = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    if (online !== false) {
      log.offline(reason);
      void notify();
    }
    online = false;
    retryAt = Date.now() + pauseMs;
    pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
  };

  /**
   * One merge at a time. `forced` (a person asked) runs even while paused or waiting to retry,
   * and rejects with the reason it failed; otherwise failures mean offline until the pause is over.
   */
  const attempt = (forced: boolean): Promise<MergeSummary | null> => {
    const run = chain.then(async () => {
      if (stopped) {
        if (forced) throw new AppError("OFFLINE", "the desktop is stopping");
        return null;
      }
      if (!forced && (paused || Date.now() < retryAt)) return null;
      await notify();
      try {
        // In the background, changes made during a merge go with the next one (desktop-merge.ts).
        const summary = await mergeNow(db, firmId, await options.connect(), {
          clock: options.clock,
          leaveLaterChanges: !forced,
        });
        if (!paused) setOnline();
        if (summary.pushed + summary.pulled + summary.refused > 0) log.merged(summary);
        return summary;
      } catch (error) {
        if (!stopped && !paused) setOffline(error);
        throw error;
      } finally {
        await notify();
      }
    });
    chain = run.catch(() => undefined);
    return run;
  };
  const merge = () => attempt(false).catch(() => null);

  const localLoop = async () => {
    while (!stopped) {
      try {
        const state = await readSyncState(db, firmId);
        const unsent = await countUnsent(db, state);
        if (unsent !== lastUnsent) {
          lastUnsent = unsent;
          await notify();
        }
        // Offline, a merge now and then (after the growing pause) finds out when the cloud is back.
        const retry = online === false && Date.now() >= retryAt;
        if (!paused && (kicked || unsent > 0 || retry)) {
          kicked = false;
          await merge();
        }
      } catch (error) {
        if (!stopped && !paused) setOffline(error);
      }
      await sleep(options.localPollMs ?? 200);
    }
  };

  const cloudLoop = async () => {
    // The cloud answers a long poll as soon as its head passes `after`, and its head also moves
    // with this desktop's own pushes, which a pull leaves out. An empty answer says no other
    // replica's change lies up to its `next`, so the next poll waits after that; from the
    // cursor alone it would be answered at once, again and again, until a merge's pull moved it.
    let quietUpTo: { epoch: string; next: number } | null = null;
    while (!stopped) {
      if (paused || online !== true || Date.now() < retryAt) {
        await sleep(Math.max(200, retryAt - Date.now()));
        continue;
      }
      try {
        const state = await readSyncState(db, firmId);
        const transport = await options.connect();
        const after =
          quietUpTo?.epoch === state.epoch ? Math.max(state.cursor, quietUpTo.next) : state.cursor;
        const answer = await transport.pull(
          {
            schema: SCHEMA_VERSION,
            replica: state.replicaId,
            after,
            fileId: state.fileId,
            limit: 1,
            wait: options.longPollSeconds ?? 20,
          },
          { signal: longPoll.signal },
        );
        quietUpTo = answer.changes.length === 0 ? { epoch: answer.epoch, next: answer.next } : null;
        if (!stopped && !paused && (answer.changes.length > 0 || answer.epoch !== state.epoch)) await merge();
      } catch (error) {
        if (!stopped && !paused) setOffline(error);
      }
    }
  };

  const loops = [localLoop(), cloudLoop()];
  return {
    kick: () => void (kicked = true),
    mergeNow: async () => {
      const summary = await attempt(true);
      if (!summary) throw new AppError("OFFLINE", "the desktop is stopping");
      return summary;
    },
    get paused() {
      return paused;
    },
    setPaused(value) {
      if (value === paused) return;
      paused = value;
      online = null;
      pauseMs = 1_000;
      retryAt = 0;
      kicked = !value;
      // A long poll under way ends now; the cloud loop waits while paused.
      longPoll.abort();
      longPoll = new AbortController();
      void notify();
    },
    async stop() {
      stopped = true;
      longPoll.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await chain;
      void Promise.allSettled(loops);
    },
  };
}
