/**
 * The desktop's background merge while online (merge.md, "Online and offline"):
 * - local changes: the journal is checked every 200 ms (a change made by any process on the
 *   file shows up there), and a merge starts at once, so a change reaches the cloud within
 *   about a second;
 * - cloud changes: a long poll waits on the cloud, which answers as soon as another replica's
 *   change is sequenced, and a merge fetches it;
 * - offline (no network, cloud down, not signed in): everything keeps working locally; the
 *   merge retries with a growing pause (1 s doubling to 30 s) and says when it is back.
 * Merges never overlap: each waits for the one before.
 */
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
  localPollMs?: number;
  longPollSeconds?: number;
}

export interface BackgroundMerge {
  /** Merge now (a local change was just made). */
  kick(): void;
  stop(): Promise<void>;
}

const MAX_PAUSE_MS = 30_000;

export function startBackgroundMerge(options: BackgroundMergeOptions): BackgroundMerge {
  const { db, firmId, log } = options;
  let stopped = false;
  let online: boolean | null = null;
  let pauseMs = 1_000;
  let retryAt = 0;
  let kicked = true;
  let chain: Promise<void> = Promise.resolve();
  const timers = new Set<NodeJS.Timeout>();
  const longPoll = new AbortController();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => (timers.delete(timer), resolve()), ms);
      timers.add(timer);
    });

  const setOnline = () => {
    pauseMs = 1_000;
    retryAt = 0;
    if (online !== true) log.online();
    online = true;
  };
  const setOffline = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    if (online !== false) log.offline(reason);
    online = false;
    retryAt = Date.now() + pauseMs;
    pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
  };

  /** One merge at a time; failures mean offline until the pause is over. */
  const merge = (): Promise<void> => {
    chain = chain.then(async () => {
      if (stopped || Date.now() < retryAt) return;
      try {
        const summary = await mergeNow(db, firmId, await options.connect(), { clock: options.clock });
        setOnline();
        if (summary.pushed + summary.pulled + summary.refused > 0) log.merged(summary);
      } catch (error) {
        if (!stopped) setOffline(error);
      }
    });
    return chain;
  };

  const localLoop = async () => {
    while (!stopped) {
      try {
        const state = await readSyncState(db, firmId);
        if (kicked || (await countUnsent(db, state)) > 0) {
          kicked = false;
          await merge();
        }
      } catch (error) {
        if (!stopped) setOffline(error);
      }
      await sleep(options.localPollMs ?? 200);
    }
  };

  const cloudLoop = async () => {
    while (!stopped) {
      if (online !== true || Date.now() < retryAt) {
        await sleep(Math.max(200, retryAt - Date.now()));
        continue;
      }
      try {
        const state = await readSyncState(db, firmId);
        const transport = await options.connect();
        const answer = await transport.pull(
          {
            schema: SCHEMA_VERSION,
            replica: state.replicaId,
            after: state.cursor,
            fileId: state.fileId,
            limit: 1,
            wait: options.longPollSeconds ?? 20,
          },
          { signal: longPoll.signal },
        );
        if (!stopped && (answer.changes.length > 0 || answer.epoch !== state.epoch)) await merge();
      } catch (error) {
        if (!stopped) setOffline(error);
      }
    }
  };

  const loops = [localLoop(), cloudLoop()];
  return {
    kick: () => void (kicked = true),
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
