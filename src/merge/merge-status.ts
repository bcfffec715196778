/**
 * A desktop's merge state (merge.md, "Online and offline"): Offline, Online, Merge
 * notification (data waits in either direction) or Merge conflicts (the last merge recorded
 * conflicts or refusals), with the counts behind it. A file not integrated, or whose
 * integration was interrupted, is Offline and says what to run.
 */
import type { Db } from "../store/database.js";
import {
  countLog,
  countUnsent,
  integrationOf,
  listConflicts,
  readSyncState,
  unsentChanges,
} from "./journal-store.js";
import type { IntegrationProgress } from "./journal-store.js";
import { finishIntegrationCommand, type MergeSummary } from "./desktop-merge.js";
import { countHeldRecords } from "./held-records.js";
import type { CloudSyncState } from "./sync-client.js";

export type MergeStateName = "Offline" | "Online" | "Merge notification" | "Merge conflicts";

export interface MergeStatus {
  state: MergeStateName;
  /** Why the desktop is offline (and, not integrated or unfinished, what to run). */
  reason: string | null;
  integration: IntegrationProgress;
  cloudUrl: string | null;
  /** Changes waiting to go up; null for a file not integrated (nothing goes anywhere). */
  waitingUp: number | null;
  /** Unknown while offline. */
  waitingDown: number | null;
  /** Negative entries kept on this desktop (merge.md, "Held records"), one open warning each. */
  held: number;
  conflicts: number;
  refusals: number;
  lastMergeAt: string | null;
}

/**
 * `reachCloud` asks the cloud for its state; it throws (unreachable, not signed in…) when offline.
 * `file` names the firm file in the commands the status suggests.
 */
export async function mergeStatus(
  db: Db,
  firmId: string,
  reachCloud:
    | ((
        cursor: number,
        replica: string,
        fileId: string,
        claim: { acked: string | null; next: string | null },
      ) => Promise<CloudSyncState>)
    | null,
  file = "FILE",
): Promise<MergeStatus> {
  const state = await readSyncState(db, firmId);
  const conflicts = (await listConflicts(db, firmId, "open")).length;
  const refusals = await countLog(db, firmId, "error");
  const integration = integrationOf(state);
  const base = {
    integration,
    cloudUrl: state.cloudUrl,
    waitingUp: await countUnsent(db, state),
    held: await countHeldRecords(db, firmId),
    conflicts,
    refusals,
    lastMergeAt: state.lastMergeAt,
  };
  if (!state.cloudUrl) {
    return {
      ...base,
      state: "Offline",
      reason: `this file is not integrated with a cloud; to merge it with one, run: firmtime integrate ${file} --cloud URL --as EMAIL`,
      waitingUp: null,
      waitingDown: null,
    };
  }
  if (integration === "unfinished") {
    return {
      ...base,
      state: "Offline",
      reason: `the integration with ${state.cloudUrl} is unfinished; run \`${finishIntegrationCommand(state, file)}\` to finish it`,
      waitingDown: null,
    };
  }
  if (!reachCloud) return { ...base, state: "Offline", reason: "working offline", waitingDown: null };
  let cloud: CloudSyncState;
  try {
    const next = (await unsentChanges(db, state, 1))[0]?.hlc ?? null;
    cloud = await reachCloud(state.cursor, state.replicaId, state.fileId, { acked: state.ackedHlc, next });
  } catch (error) {
    return { ...base, state: "Offline", reason: offlineReason(error), waitingDown: null };
  }
  if (cloud.copy) {
    return {
      ...base,
      state: "Merge notification",
      reason:
        "this file is a copy of another desktop file of the firm: the next merge (firmtime merge FILE) makes it a desktop of its own and fetches the firm again",
      waitingDown: cloud.waiting,
    };
  }
  const last = state.lastMerge ? (JSON.parse(state.lastMerge) as MergeSummary) : null;
  const name: MergeStateName =
    last && (last.conflicts > 0 || last.refused > 0) && conflicts + refusals > 0
      ? "Merge conflicts"
      : base.waitingUp > 0 || (cloud.waiting ?? 0) > 0
        ? "Merge notification"
        : "Online";
  return { ...base, state: name, reason: null, waitingDown: cloud.waiting };
}

export function offlineReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "UNAUTHENTICATED") {
    return `not signed in to the cloud (an account not yet activated cannot sign in; use the activation email, then firmtime login): ${message}`;
  }
  if (code === "FORBIDDEN") return `your cloud account lacks the Merge permission: ${message}`;
  return message;
}
