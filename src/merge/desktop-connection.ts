/**
 * A desktop's connection to its cloud as the local app shows it: the merge state with its
 * counts (merge-status.ts), kept current by the background merge and pushed to whoever watches
 * (the app's server-sent events), "merge now", and working offline by choice.
 *
 * `firmtime desktop` makes one per server and passes it to the routes through ServerDeps; the
 * cloud has none. The state is computed again only when the background merge says something
 * may have changed and someone is watching, and sent only when it differs from the last.
 */
import { AppError } from "../domain/errors.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { startBackgroundMerge, type BackgroundMerge, type BackgroundMergeLog } from "./background-merge.js";
import { integrationUnfinished, type MergeSummary, type SyncTransport } from "./desktop-merge.js";
import { integrationOf, readSyncState, updateSyncState } from "./journal-store.js";
import { mergeStatus, offlineReason, type MergeStatus } from "./merge-status.js";
import type { CloudSyncState } from "./sync-client.js";

export interface ConnectionStatus extends MergeStatus {
  /** Merging is stopped by choice until turned back on. */
  workingOffline: boolean;
}

export type ConnectionListener = (status: ConnectionStatus) => void;

export interface DesktopConnection {
  /** The state now (computed if nobody has been watching). */
  status(): Promise<ConnectionStatus>;
  /** Hears every new state; returns the function that stops listening. */
  subscribe(listener: ConnectionListener): () => void;
  /** Merge with the cloud now; rejects with why it could not. */
  mergeNow(): Promise<MergeSummary>;
  setWorkingOffline(offline: boolean): Promise<ConnectionStatus>;
  stop(): Promise<void>;
}

export interface DesktopConnectionOptions {
  db: Db;
  firmId: string;
  clock: Clock;
  /** The firm file's path, for the commands the state suggests. */
  file: string;
  /** The cloud, signed in; throws while that is impossible. */
  connect: () => Promise<SyncTransport>;
  /** The cloud's sync state for the status (waiting changes, copies); throws when unreachable. */
  reachCloud: (
    cursor: number,
    replica: string,
    fileId: string,
    claim: { acked: string | null; next: string | null },
  ) => Promise<CloudSyncState>;
  /**
   * Work offline for this run (`firmtime desktop --offline`), whatever the file remembers; the
   * choice made in the app (setWorkingOffline) is kept in the file across restarts.
   */
  workingOffline?: boolean;
  log: BackgroundMergeLog;
  localPollMs?: number;
  longPollSeconds?: number;
}

export async function startDesktopConnection(options: DesktopConnectionOptions): Promise<DesktopConnection> {
  const { db, firmId } = options;
  const state = await readSyncState(db, firmId);
  let workingOffline = state.workingOffline || options.workingOffline === true;
  const listeners = new Set<ConnectionListener>();
  let last: ConnectionStatus | null = null;
  let lastText = "";
  let refreshing: Promise<ConnectionStatus> = Promise.resolve(null as never);

  const compute = async (): Promise<ConnectionStatus> => {
    const status = await mergeStatus(db, firmId, workingOffline ? null : options.reachCloud, options.file);
    return {
      ...status,
      workingOffline,
      reason:
        workingOffline && status.reason === "working offline" ? "working offline by choice" : status.reason,
    };
  };

  /** One computation at a time; listeners hear a state only when it differs from the last. */
  const refresh = (): Promise<ConnectionStatus> => {
    refreshing = refreshing
      .catch(() => null)
      .then(async () => {
        const status = await compute();
        const text = JSON.stringify(status);
        last = status;
        if (text !== lastText) {
          lastText = text;
          for (const listener of [...listeners]) listener(status);
        }
        return status;
      });
    return refreshing;
  };

  const onChange = async () => {
    if (listeners.size === 0) {
      last = null;
      return;
    }
    await refresh();
  };

  // An interrupted integration is finished by `firmtime integrate`, never by merging.
  const merging = state.cloudUrl !== null && integrationOf(state) !== "unfinished";
  const background: BackgroundMerge | null = merging
    ? startBackgroundMerge({
        db,
        firmId,
        connect: options.connect,
        clock: options.clock,
        log: options.log,
        paused: workingOffline,
        onChange,
        ...(options.localPollMs !== undefined && { localPollMs: options.localPollMs }),
        ...(options.longPollSeconds !== undefined && { longPollSeconds: options.longPollSeconds }),
      })
    : null;

  const whyNotMerging = async (): Promise<AppError> => {
    const now = await readSyncState(db, firmId);
    if (!now.cloudUrl)
      return new AppError(
        "NOT_INTEGRATED",
        `this file is not integrated with a cloud; to merge it with one, run: firmtime integrate ${options.file} --cloud URL --as EMAIL`,
      );
    return integrationUnfinished(now, options.file);
  };

  return {
    status: () => (last ? Promise.resolve(last) : refresh()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async mergeNow() {
      if (!background) throw await whyNotMerging();
      if (workingOffline)
        throw new AppError(
          "WORKING_OFFLINE",
          "this desktop is working offline by choice: turn working offline off to merge",
        );
      try {
        return await background.mergeNow();
      } catch (error) {
        // Why the cloud could not be reached, or refused this desktop's credentials.
        if (error instanceof AppError && ["NOT_INTEGRATED", "INTEGRATION_UNFINISHED"].includes(error.code))
          throw error;
        throw new AppError("OFFLINE", `could not merge: ${offlineReason(error)}`);
      }
    },
    async setWorkingOffline(offline) {
      if (offline !== workingOffline) {
        await updateSyncState(db, firmId, { workingOffline: offline });
        workingOffline = offline;
        background?.setPaused(offline);
      }
      return refresh();
    },
    async stop() {
      listeners.clear();
      await background?.stop();
      await refreshing.catch(() => undefined);
    },
  };
}
