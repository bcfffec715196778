/**
 * A desktop's merge with the cloud: push every change not yet acknowledged, in batches, then
 * pull the cloud's changes after the cursor. Each step commits on its own, so an interrupted
 * merge resumes where it stopped and a retried step is answered, never applied twice:
 *
 * - a batch's id is derived from the changes in it, so a batch whose answer was lost is sent
 *   again under the same id and the cloud answers it from its batch log;
 * - a pulled page is applied in one transaction with the new cursor;
 * - a page is applied only while nothing local waits to go up (checked under the write lock),
 *   so the desktop is exactly the cloud's state plus its own unsent changes when it applies;
 * - negative entries never go up: each batch is checked as it is read (held-records.ts).
 *
 * A file whose integration was interrupted is not merged: finishing it takes the integrating
 * Admin's cloud rights (invitations, permissions), so `firmtime integrate` run again finishes
 * it, and until then a merge is refused with the command to run.
 */
import { createHash } from "node:crypto";
import { AppError } from "../domain/errors.js";
import { findFirm, type Firm } from "../firm-setup/firm-store.js";
import { isoReadings, type Clock } from "../store/clock.js";
import { isUniqueViolation, type Db } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import { inTransaction } from "../store/transaction.js";
import { applyChange, applyPage, rebuildUntilStuck } from "./apply-changes.js";
import type { ApplyContext } from "./apply-context.js";
import type { HeldChange } from "./change.js";
import {
  holdNegativeEntries,
  readBatchEntries,
  releaseHeldRecords,
  type BatchEntries,
} from "./held-records.js";
import { createHlcClock, parseHlc } from "./hlc.js";
import { becomeOwnReplica } from "./replica-copy.js";
import { recordNoun } from "./record-nouns.js";
import {
  addPending,
  appendLog,
  countUnsent,
  headSeq,
  integrationOf,
  lockSyncState,
  readSyncState,
  removeChange,
  setCloudSeqs,
  unsentAuthors,
  unsentChanges,
  updateSyncState,
  type SyncState,
} from "./journal-store.js";
import {
  MAX_PUSH_CHANGES,
  type PullAnswer,
  type PullQuery,
  type PushAnswer,
  type PushRequest,
} from "./sync-protocol.js";

/** How a desktop reaches its cloud: HTTP in the product, anything faithful in tests. */
export interface SyncTransport {
  /** Who the cloud knows this desktop as, and whether they may merge others' changes. */
  whoAmI?(): Promise<{ email: string | null; mayMergeForOthers: boolean }>;
  push(request: PushRequest): Promise<PushAnswer>;
  pull(query: PullQuery, options?: { signal?: AbortSignal }): Promise<PullAnswer>;
}

export interface MergeProgress {
  phase: "push" | "pull";
  done: number;
  /** Known total for the push phase; for the pull phase, the cloud's remaining count is unknown. */
  total: number | null;
}

export interface MergeSummary {
  pushed: number;
  refused: number;
  pulled: number;
  conflicts: number;
  epochChanged: boolean;
  /** Set when the cloud found this file to be a copy and it became a desktop of its own (its new id). */
  ownReplica?: string;
}

export interface MergeOptions {
  clock: Clock;
  /** The machine's real clock, for HLCs (the journal triggers read it too); tests may skew it. */
  wallClock?: () => number;
  batchSize?: number;
  pageSize?: number;
  /**
   * Changes journaled after the merge began wait for the next merge: it sends those waiting
   * when it began, pulls, and ends. The background merge runs again within its poll, so a
   * change still goes up within about a second; without this, a steady stream of local writes
   * (someone working quickly, the web app saving as they type) is chased one small push at a
   * time, each push competing with the very requests that make the changes. A person's "Merge
   * now" and `firmtime merge` leave nothing behind.
   */
  leaveLaterChanges?: boolean;
  onProgress?: (progress: MergeProgress) => void;
}

/** Merges a file whose integration is finished (or a copy made from the cloud). */
export async function mergeNow(db: Db, firmId: string, transport: SyncTransport, options: MergeOptions) {
  const state = await readSyncState(db, firmId);
  if (!state.cloudUrl) {
    throw new AppError(
      "NOT_INTEGRATED",
      "this file is not integrated with a cloud (run: firmtime integrate FILE --cloud URL)",
    );
  }
  if (integrationOf(state) === "unfinished") throw integrationUnfinished(state);
  return mergeDuringIntegration(db, firmId, transport, options);
}

/** The exact command that finishes an interrupted integration. */
export const finishIntegrationCommand = (
  state: Pick<SyncState, "cloudUrl" | "integratingAs">,
  file = "FILE",
): string => `firmtime integrate ${file} --cloud ${state.cloudUrl} --as ${state.integratingAs || "EMAIL"}`;

export const integrationUnfinished = (state: SyncState, file?: string): AppError =>
  new AppError(
    "INTEGRATION_UNFINISHED",
    `the integration of this file with ${state.cloudUrl} is unfinished; finish it first: ${finishIntegrationCommand(state, file)}`,
    { cloudUrl: state.cloudUrl, integratingAs: state.integratingAs },
  );

/** The merge itself: integration runs it before its own last steps are done. */
export async function mergeDuringIntegration(
  db: Db,
  firmId: string,
  transport: SyncTransport,
  options: MergeOptions,
): Promise<MergeSummary> {
  // Every count is of what this merge did (conflicts as it logs them, never by counting the
  // log): a merge with nothing to do reads nothing that grows with the file.
  const summary: MergeSummary = { pushed: 0, refused: 0, pulled: 0, conflicts: 0, epochChanged: false };
  // Pushing and pulling alternate until the queue is empty and the cloud has nothing newer:
  // a page is refused while local changes wait, so a fresh local write sends us back to push.
  let copyRefusals = 0;
  const upTo = options.leaveLaterChanges ? await headSeq(db, firmId) : undefined;
  for (let round = 0; round < 1000; round++) {
    try {
      await pushAll(db, firmId, transport, options, summary, upTo);
      const pulled = await pullAll(db, firmId, transport, options, summary);
      if (pulled === "done") break;
      // Refused a page because changes wait: if all of them came after the merge began, they are
      // the next merge's (a restored cloud's epoch leaves earlier ones to send again, now).
      if (upTo !== undefined && (await countUnsent(db, await readSyncState(db, firmId), upTo)) === 0) break;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "REPLICA_COPY" || summary.ownReplica) throw error;
      // Asked once more first: another merge of this very file may have moved the mark meanwhile.
      if (++copyRefusals === 1) continue;
      summary.ownReplica = await becomeOwnReplica(db, firmId, options.clock.now().toISOString());
    }
  }
  await updateSyncState(db, firmId, {
    lastMergeAt: options.clock.now().toISOString(),
    lastMerge: JSON.stringify(summary),
  });
  return summary;
}

async function applyContext(
  db: Db,
  state: SyncState,
  cloudReplica: string | null,
  clock: Clock,
  summary: MergeSummary,
): Promise<ApplyContext> {
  const firm: Firm = await findFirm(db, state.firmId);
  return {
    firmId: state.firmId,
    side: "desktop",
    ownReplica: state.replicaId,
    cloudReplica,
    minorDigits: firm.minorDigits,
    now: isoReadings(clock),
    onConflict: () => void summary.conflicts++,
  };
}

/** The batch id: the same changes always travel under the same id. */
const batchIdOf = (replica: string, changes: readonly HeldChange[]): string =>
  `${replica}-${createHash("sha256")
    .update(changes.map((c) => `${c.hlc}|${c.tbl}|${c.rowId}`).join("\n"))
    .digest("hex")
    .slice(0, 32)}`;

async function pushAll(
  db: Db,
  firmId: string,
  transport: SyncTransport,
  options: MergeOptions,
  summary: MergeSummary,
  upTo: number | undefined,
): Promise<void> {
  // The most the cloud takes in one push: fewer round trips, and fewer per-batch lookups.
  const batchSize = options.batchSize ?? MAX_PUSH_CHANGES;
  // Held entries that are no longer negative join the changes to send.
  await inTransaction(db, async (tx) => {
    await lockSyncState(tx, firmId);
    await releaseHeldRecords(tx, firmId, options.clock.now().toISOString());
  });
  let state = await readSyncState(db, firmId);
  await assertMayMergeAll(db, state, transport);
  const total = await countUnsent(db, state);
  let done = 0;
  const toRebuild = new Map<string, { tbl: string; rowId: string }>();
  // The next batch is read while the cloud applies the last one (reading it is most of the
  // desktop's share of a push, the cloud's share being the larger): the changes after the last
  // batch and their entries as they are, with the journal's head. It stands in for the read
  // after the answer only if that answer was plain (every change accepted, nothing to apply) and
  // the head has not moved since (nothing written meanwhile: every write to a synced record is
  // journaled); then it is exactly what that read would find. The holding itself (writes) waits
  // for the answer, under the lock.
  let ahead: Promise<BatchAhead> | undefined;
  for (;;) {
    const read = state;
    const early = ahead ? await ahead : undefined;
    ahead = undefined;
    const { unsent, lastSeq, batch } = await inTransaction(db, async (tx) => {
      await lockSyncState(tx, firmId);
      const current = early && (await headSeq(tx, firmId)) === early.head ? early : undefined;
      const unsent = current?.unsent ?? (await unsentChanges(tx, read, batchSize, upTo));
      const now = options.clock.now().toISOString();
      return {
        unsent: unsent.length,
        lastSeq: unsent.at(-1)?.seq,
        batch: await holdNegativeEntries(tx, firmId, unsent, now, current?.entries),
      };
    });
    if (unsent === 0) break;
    if (batch.length === 0) continue; // all held: they are no longer unsent
    const pushing = transport.push({
      schema: SCHEMA_VERSION,
      replica: state.replicaId,
      batchId: batchIdOf(state.replicaId, batch),
      acked: state.ackedHlc ?? "",
      changes: batch.map(({ hlc, tbl, rowId, op, data, seen, author }) => ({
        hlc,
        tbl,
        rowId,
        op,
        data,
        seen,
        author: author ?? null,
      })),
    });
    const next = readAhead(db, { ...read, pushedUpto: lastSeq! }, batchSize, upTo);
    // Settled before the loop goes on or leaves (a failed push may close the file next), and
    // never rejecting unobserved.
    const nextRead = next.then(
      () => true,
      () => false,
    );
    let answer: Awaited<typeof pushing>;
    try {
      answer = await pushing;
    } finally {
      await nextRead;
    }
    const plain =
      answer.followUps.length === 0 &&
      answer.results.length === batch.length &&
      answer.results.every((result) => result.status === "accepted");
    if (plain) ahead = next;
    if (await epochChanged(db, state, answer, summary)) {
      ahead = undefined;
      state = await readSyncState(db, firmId);
      continue;
    }
    state = await inTransaction(db, async (tx) => {
      const locked = await lockSyncState(tx, firmId);
      const context = await applyContext(tx, state, answer.cloudReplica, options.clock, summary);
      await updateSyncState(tx, firmId, { applying: true, cloudReplicaId: answer.cloudReplica });
      const bySeq = new Map(batch.map((c) => [`${c.hlc}|${c.tbl}|${c.rowId}`, c]));
      const acks: { seq: number; cloudSeq: number }[] = [];
      const answered = new Set<number>();
      for (const result of answer.results) {
        const local = bySeq.get(`${result.hlc}|${result.tbl}|${result.rowId}`);
        if (!local) continue;
        answered.add(local.seq);
        if (result.status === "accepted") {
          acks.push({ seq: local.seq, cloudSeq: result.seq! });
          summary.pushed++;
          continue;
        }
        // Refused for good: the value leaves the journal (the cloud's stands), stays in the log.
        summary.refused++;
        await removeChange(tx, firmId, local);
        await appendLog(tx, firmId, {
          at: context.now(),
          level: "error",
          code: result.code ?? "REFUSED",
          tbl: local.tbl,
          rowId: local.rowId,
          hlc: local.hlc,
          message: result.message ?? "the cloud refused this change",
          data: local.data,
        });
        toRebuild.set(`${local.tbl}|${local.rowId}`, { tbl: local.tbl, rowId: local.rowId });
      }
      await receiveClock(
        tx,
        firmId,
        answer.followUps.map((c) => c.hlc),
        options,
      );
      for (const followUp of answer.followUps) {
        try {
          await applyChange(tx, context, { ...followUp, cloudSeq: followUp.seq });
        } catch (error) {
          // The new key may still be held here by a record the cloud has changed since (not
          // pulled yet): the rename comes down with the pull, with the change that freed it.
          if (!isUniqueViolation(error)) throw error;
        }
      }
      await setCloudSeqs(tx, firmId, acks);
      // Rows that cannot return yet (their key is held here by a row the cloud changed since)
      // wait for the pull that frees it.
      await addPending(tx, firmId, await rebuildUntilStuck(tx, context, [...toRebuild.values()]));
      toRebuild.clear();
      // Settled up to the first change without an answer (every one has one, unless the cloud erred).
      const unanswered = batch.find((c) => !answered.has(c.seq));
      const settled = unanswered ? unanswered.seq - 1 : batch.at(-1)!.seq;
      const pushedUpto = Math.max(locked.pushedUpto, settled);
      // The newest change with an answer: what the cloud checks a copy against (replica-copy.ts).
      const ackedHlc = [locked.ackedHlc ?? "", ...answer.results.map((r) => r.hlc)]
        .filter((hlc) => hlc === "" || parseHlc(hlc).replica === locked.replicaId)
        .sort()
        .at(-1)!;
      await updateSyncState(tx, firmId, { applying: false, pushedUpto, ackedHlc: ackedHlc || null });
      return { ...locked, pushedUpto, ackedHlc: ackedHlc || null };
    });
    done += batch.length;
    options.onProgress?.({ phase: "push", done, total: Math.max(total, done) });
  }
}

interface BatchAhead {
  unsent: (HeldChange & { seq: number })[];
  entries: BatchEntries;
  /** The journal's head when they were read. */
  head: number;
}

/** The changes waiting after `after`'s mark and their entries, read in one snapshot; no writes. */
function readAhead(
  db: Db,
  after: SyncState,
  batchSize: number,
  upTo: number | undefined,
): Promise<BatchAhead> {
  return inTransaction(db, async (tx) => {
    const head = await headSeq(tx, after.firmId);
    const unsent = await unsentChanges(tx, after, batchSize, upTo);
    return { unsent, entries: await readBatchEntries(tx, after.firmId, unsent), head };
  });
}

/**
 * Merging sends every change in the file: changes other people made on this desktop go up
 * only with the Merge permission (merge.md), never half of them; so a user without it merges
 * once the others' changes are merged, by them or by someone who has it.
 */
async function assertMayMergeAll(db: Db, state: SyncState, transport: SyncTransport): Promise<void> {
  if (!transport.whoAmI) return;
  const me = await transport.whoAmI();
  if (me.mayMergeForOthers) return;
  const others = await unsentAuthors(db, state, me.email);
  if (others.size === 0) return;
  const who = [...others].map(([author, n]) => `${n} by ${author}`).join(", ");
  throw new AppError(
    "FORBIDDEN",
    `changes other people made on this desktop wait to be merged (${who}); they merge them, or a user with the Merge permission does`,
    { permission: "merge:E" },
  );
}

/** Pulls pages until the cloud has nothing newer ("done") or local changes wait to go up ("push"). */
async function pullAll(
  db: Db,
  firmId: string,
  transport: SyncTransport,
  options: MergeOptions,
  summary: MergeSummary,
): Promise<"done" | "push"> {
  let pageSize = options.pageSize ?? 1000;
  for (;;) {
    const state = await readSyncState(db, firmId);
    const answer = await transport.pull({
      schema: SCHEMA_VERSION,
      replica: state.replicaId,
      after: state.cursor,
      fileId: state.fileId,
      limit: pageSize,
      wait: 0,
      acked: state.ackedHlc ?? "",
    });
    if (await epochChanged(db, state, answer, summary)) return "push";
    const outcome = await inTransaction(db, async (tx) => {
      const locked = await lockSyncState(tx, firmId);
      if (locked.cursor !== state.cursor) return "again" as const; // another merge moved on
      if ((await countUnsent(tx, locked)) > 0) return "push" as const;
      const context = await applyContext(tx, locked, answer.cloudReplica, options.clock, summary);
      await receiveClock(
        tx,
        firmId,
        answer.changes.map((c) => c.hlc),
        options,
      );
      await updateSyncState(tx, firmId, { applying: true, cloudReplicaId: answer.cloudReplica });
      const waiting = await applyPage(
        tx,
        context,
        answer.changes.map((change) => ({ ...change, cloudSeq: change.seq })),
      );
      if (waiting.length > 0 && !answer.more) {
        throw new AppError(
          "VALIDATION",
          `the cloud's ${recordNoun(waiting[0]!.tbl)} ${waiting[0]!.rowId} cannot be written on this desktop`,
        );
      }
      // A row still waiting for a later change: read again from just before it, with what follows.
      const next = waiting.length > 0 ? waiting[0]!.firstSeq - 1 : answer.next;
      // Nothing of ours waited when the page began (checked under the write lock), so the pushed
      // mark moves past the pulled changes: finding unsent changes never rescans them.
      await updateSyncState(tx, firmId, {
        applying: false,
        cursor: next,
        pushedUpto: await headSeq(tx, firmId),
      });
      if (waiting.length > 0) pageSize = Math.min(pageSize * 2, 5000);
      return answer.more ? ("again" as const) : ("done" as const);
    });
    summary.pulled += answer.changes.length;
    options.onProgress?.({ phase: "pull", done: summary.pulled, total: null });
    if (outcome !== "again") return outcome;
  }
}

/** Folds remote timestamps into the local clock; refuses those too far ahead of this machine's. */
async function receiveClock(
  db: Db,
  firmId: string,
  hlcs: readonly string[],
  options: MergeOptions,
): Promise<void> {
  if (hlcs.length === 0) return;
  const state = await readSyncState(db, firmId);
  const hlcClock = createHlcClock(state.replicaId, options.wallClock ?? Date.now, { last: state.clock });
  for (const hlc of hlcs) hlcClock.receive(parseHlc(hlc));
  await updateSyncState(db, firmId, { clock: hlcClock.last() });
}

/**
 * A cloud answering with another epoch (or a head behind our cursor) was restored from a
 * backup and may lack changes it had acknowledged: everything this desktop made goes up again
 * (the cloud keeps what it already has) and everything comes down again from the start.
 */
async function epochChanged(
  db: Db,
  state: SyncState,
  answer: { epoch: string; head: number },
  summary: MergeSummary,
): Promise<boolean> {
  if (answer.epoch === state.epoch && answer.head >= state.cursor) return false;
  summary.epochChanged = true;
  await inTransaction(db, async (tx) => {
    await lockSyncState(tx, state.firmId);
    await tx
      .updateTable("sync_change")
      .set({ cloud_seq: null })
      .where("firm_id", "=", state.firmId)
      .where("replica", "=", state.replicaId)
      .where("cloud_seq", ">", 0) // held-back records stay held
      .execute();
    await updateSyncState(tx, state.firmId, { epoch: answer.epoch, cursor: 0, pushedUpto: 0 });
  });
  return true;
}
