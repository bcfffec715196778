/**
 * The cloud's side of merging: push (apply a desktop's batch once, atomically, answering each
 * change) and pull (the changes after a cursor, in server-sequence order).
 */
import { authorize, can, type Actor } from "../access/authorize.js";
import { AppError } from "../domain/errors.js";
import type { Firm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { isoReadings, type Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import { inTransaction } from "../store/transaction.js";
import { applyBatch } from "./apply-batch.js";
import { prefetchBatch } from "./apply-changes.js";
import type { ApplyContext, Row } from "./apply-context.js";
import { assertSameReplica } from "./replica-copy.js";
import { revalidateEntry, revalidateMembership } from "./revalidate.js";
import { replicaOf } from "./change.js";
import { createHlcClock, formatHlc, parseHlc } from "./hlc.js";
import {
  changesAfter,
  findBatchAnswer,
  headSeq,
  appendLog,
  findRefusals,
  lockSyncState,
  recordRefusal,
  recordReplicaAck,
  readSyncState,
  saveBatchAnswer,
  updateSyncState,
} from "./journal-store.js";
import type { PullAnswer, PullQuery, PushAnswer, PushRequest, PushResult } from "./sync-protocol.js";
import type { LookupField, SyncedTable } from "./synced-tables.js";

export function assertSchema(theirs: string): void {
  if (theirs === SCHEMA_VERSION) return;
  const newer = theirs > SCHEMA_VERSION ? "the cloud" : "this desktop";
  throw new AppError(
    "UPGRADE_REQUIRED",
    `the desktop file is at schema ${theirs} and the cloud at ${SCHEMA_VERSION}: upgrade firmtime on ${newer} before merging`,
    { theirs, ours: SCHEMA_VERSION },
  );
}

type PushResultKey = Pick<PushResult, "hlc" | "tbl" | "rowId">;

export async function pushChanges(
  db: Db,
  firm: Firm,
  actor: Actor,
  request: PushRequest,
  clock: Clock,
  /** The machine's real clock: HLCs follow the wall clock the journal triggers read too. */
  wallClock: () => number = Date.now,
): Promise<PushAnswer> {
  assertSchema(request.schema);
  return inTransaction(db, async (tx) => {
    const state = await lockSyncState(tx, firm.id);
    const stored = await findBatchAnswer(tx, firm.id, request.batchId);
    if (stored) return { ...(JSON.parse(stored) as PushAnswer), head: await headSeq(tx, firm.id) };
    if (request.acked !== undefined) {
      const next = request.changes.find((c) => parseHlc(c.hlc).replica === request.replica)?.hlc ?? null;
      await assertSameReplica(tx, firm.id, { replica: request.replica, acked: request.acked || null, next });
    }

    const hlcClock = createHlcClock(state.replicaId, wallClock, { last: state.clock });
    // The skew guard runs before anything is applied: one far-future clock refuses the batch.
    // Every HLC parsed here, so a malformed one refuses the batch; after this they are read as text.
    for (const change of request.changes) hlcClock.receive(parseHlc(change.hlc));
    const now = isoReadings(clock);
    // The integration upload of the file this firm is bound to: the firm's past, as the file has it.
    const history = state.boundFileId !== null && state.integratedAt === null;
    const scope: FirmScope = { firm, clock, actor: actor.kind === "user" ? actor.user.email : "merge" };
    await updateSyncState(tx, firm.id, { applying: true });
    const results: PushResult[] = [];
    const followUps: PushAnswer["followUps"] = [];
    const context: ApplyContext = {
      firmId: firm.id,
      side: "cloud",
      ownReplica: state.replicaId,
      cloudReplica: state.replicaId,
      minorDigits: firm.minorDigits,
      now,
      tick: () => formatHlc(hlcClock.tick()),
      check: (table, before, after, lookup) =>
        checkAsAuthor(tx, scope, actor, table, before, after, lookup, history),
      mayResolve: (conflict, author) => {
        if (can(actor, "E", { object: "merge" })) return;
        if (conflict && author !== null && conflict.lostAuthor === author) return;
        throw new AppError(
          "FORBIDDEN",
          "closing a conflict takes the Merge permission, unless the value that lost was yours",
          { permission: "merge:E" },
        );
      },
    };
    // A change keeps its author; one without is the pusher's. Only the Merge permission sends
    // changes others made (a shared desktop file's), so nobody acts in a colleague's name.
    const pusher = actor.kind === "user" ? actor.user.email : null;
    const forOthers = can(actor, "E", { object: "merge" });
    // Object.assign, not a spread: see valuesWithDefaults (synced-tables.ts).
    const incoming = request.changes.map((change) =>
      Object.assign({}, change, { author: change.author ?? pusher, cloudSeq: null }),
    );
    const byOthers = (change: { author: string | null }) => !forOthers && change.author !== pusher;
    // Refused once, refused for good: the desktop has dropped it (merge.md).
    const refusedBefore = await findRefusals(tx, firm.id, incoming);
    const refusal = (change: { hlc: string; tbl: string; rowId: string }) =>
      refusedBefore.get(`${change.hlc}|${change.tbl}|${change.rowId}`);
    const own = incoming.filter(
      (change) => replicaOf(change.hlc) === request.replica && !byOthers(change) && !refusal(change),
    );
    const cache = await prefetchBatch(tx, context, own);
    const applied = await applyBatch(tx, context, own, cache);
    let next = 0;
    // Each answer a literal, not `{ ...base, ... }`: see valuesWithDefaults (synced-tables.ts).
    const refuse = (change: PushResultKey, reason: { code: string; message: string }): PushResult => ({
      hlc: change.hlc,
      tbl: change.tbl,
      rowId: change.rowId,
      status: "refused",
      seq: null,
      code: reason.code,
      message: reason.message,
    });
    for (const change of incoming) {
      if (replicaOf(change.hlc) !== request.replica) {
        results.push(
          refuse(change, { code: "BAD_CHANGE", message: "a replica pushes only its own changes" }),
        );
        continue;
      }
      const before = refusal(change);
      if (before) {
        results.push(refuse(change, before));
        continue;
      }
      if (byOthers(change)) {
        const reason = {
          code: "FORBIDDEN",
          message: `a change ${change.author ?? "someone"} made is merged by them or by a user with the Merge permission`,
        };
        await recordRefusal(tx, firm.id, change, reason);
        results.push(refuse(change, reason));
        continue;
      }
      const result = applied[next++]!;
      if (result.status === "refused") {
        await recordRefusal(tx, firm.id, change, result);
        // The error log on this side too (merge.md): what the cloud refused, from whom, why.
        await appendLog(tx, firm.id, {
          at: now(),
          level: "error",
          code: result.code,
          tbl: change.tbl,
          rowId: change.rowId,
          hlc: change.hlc,
          message: `${change.author ?? "a desktop"}: ${result.message}`,
          data: change.data,
        });
        results.push(refuse(change, result));
        continue;
      }
      results.push({
        hlc: change.hlc,
        tbl: change.tbl,
        rowId: change.rowId,
        status: "accepted",
        seq: result.seq,
        code: null,
        message: null,
      });
      for (const { cloudSeq, ...followUp } of result.followUps)
        followUps.push({ ...followUp, seq: cloudSeq ?? 0 });
    }
    await updateSyncState(tx, firm.id, { applying: false, clock: hlcClock.last() });
    // Every change of the pushing replica now has its answer: the mark a copy would be behind.
    const answered = results
      .filter((r) => replicaOf(r.hlc) === request.replica)
      .map((r) => r.hlc)
      .sort()
      .at(-1);
    if (answered) await recordReplicaAck(tx, firm.id, request.replica, answered, now());
    const answer: PushAnswer = {
      epoch: state.epoch,
      schema: SCHEMA_VERSION,
      cloudReplica: state.replicaId,
      head: await headSeq(tx, firm.id),
      results,
      followUps,
    };
    await saveBatchAnswer(tx, firm.id, request.batchId, now(), JSON.stringify(answer));
    return answer;
  });
}

/**
 * Re-validation and re-authorization of a pushed change, as if its author made it here: the
 * access rule of the record before and after, then the rules its service applies (revalidate.ts).
 */
async function checkAsAuthor(
  db: Db,
  scope: FirmScope,
  actor: Actor,
  table: SyncedTable,
  before: Row | undefined,
  after: Row | undefined,
  lookup: LookupField,
  history: boolean,
): Promise<void> {
  if (before && after) {
    const was = await table.access(before, "E", lookup);
    authorize(actor, was.action, was.target);
    const now = await table.access(after, "E", lookup);
    // Moving a record (an entry to another client or staff member) is placing it anew.
    if (JSON.stringify(now.target) !== JSON.stringify(was.target)) {
      const placed = await table.access(after, "C", lookup);
      authorize(actor, placed.action, placed.target);
    }
  } else if (after) {
    const rule = await table.access(after, "C", lookup);
    authorize(actor, rule.action, rule.target);
  } else if (before) {
    const rule = await table.access(before, "D", lookup);
    authorize(actor, rule.action, rule.target);
  }
  if (table.derived) await revalidateEntry(scope, actor, table, before, after, lookup, history);
  if (table.name === "staff_group_member" || table.name === "contact_group_member")
    await revalidateMembership(db, scope, actor, table, (after ?? before)!, lookup);
}

export async function pullChanges(db: Db, firm: Firm, query: PullQuery): Promise<PullAnswer> {
  assertSchema(query.schema);
  // The desktop pushes before it pulls, so it has every answer: behind is a copy.
  if (query.acked !== undefined)
    await assertSameReplica(db, firm.id, { replica: query.replica, acked: query.acked || null, next: null });
  const state = await readSyncState(db, firm.id);
  // Read the head first: every change at or below it has committed (a firm's writers take
  // sequence numbers in commit order), so a cursor moved to it can never skip one.
  const head = await headSeq(db, firm.id);
  const changes = await changesAfter(db, firm.id, query.after, head, query.replica, query.limit);
  const more = changes.length === query.limit;
  return {
    epoch: state.epoch,
    schema: SCHEMA_VERSION,
    cloudReplica: state.replicaId,
    head,
    changes: changes.map((c) => ({
      hlc: c.hlc,
      tbl: c.tbl,
      rowId: c.rowId,
      op: c.op,
      data: c.data,
      seen: c.seen,
      author: c.author ?? null,
      seq: c.seq,
    })),
    next: more ? changes.at(-1)!.seq : Math.max(head, query.after),
    more,
  };
}
