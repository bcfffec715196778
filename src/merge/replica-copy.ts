/**
 * A replica is one file (merge.md). A copy of an integrated file (`cp my.firm copy.firm`, a
 * backup put back) carries the same replica id, and would push and pull as the same replica:
 * pulls leave out that replica's own changes, so neither copy would ever receive the other's,
 * while both say "Online, 0 waiting". Never diverge silently.
 *
 * How a copy shows itself: the cloud records, per replica, the newest of its changes it has
 * answered; the desktop records the newest it has received an answer for, and sends it with
 * every push and pull. A file that is behind the cloud's record either lost an answer (it then
 * sends those very changes again, oldest first: its next change is the cloud's oldest after its
 * mark) or is not the file that pushed them: a copy. The cloud refuses a copy (REPLICA_COPY).
 *
 * What the copy does about it: it becomes a desktop of its own, automatically (the next merge
 * does it and says so in the warning log): a new replica id, its changes not yet sent relabelled
 * with it (nothing else has them), and the firm fetched again from the start, which brings the
 * other copy's changes. Its changes the cloud already had stay as they are. Both converge.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { AppError } from "../domain/errors.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import {
  appendLog,
  firstAnsweredAfter,
  lockSyncState,
  readReplicaAck,
  updateSyncState,
} from "./journal-store.js";

/** What a desktop says of itself with a push, a pull or a state request. */
export interface ReplicaClaim {
  replica: string;
  /** The newest of its own changes it has an answer for (null: none yet). */
  acked: string | null;
  /** The oldest of its own changes it is sending now (a push's first), if any. */
  next: string | null;
}

/** Cloud: refuses a file that pushes or pulls as a replica it is not (REPLICA_COPY). */
export async function assertSameReplica(db: Db, firmId: string, claim: ReplicaClaim): Promise<void> {
  if (await isCopy(db, firmId, claim)) {
    throw new AppError(
      "REPLICA_COPY",
      `this file is a copy of another desktop file of the firm (both merge as desktop ${claim.replica}, and the other has sent changes this one has not): ` +
        "run firmtime merge FILE to make it a desktop of its own, which fetches the firm again",
      { replica: claim.replica },
    );
  }
}

export async function isCopy(db: Db, firmId: string, claim: ReplicaClaim): Promise<boolean> {
  const answered = await readReplicaAck(db, firmId, claim.replica);
  if (answered === null || (claim.acked ?? "") >= answered) return false;
  // Behind: a lost answer is resent from the oldest change the cloud answered after the mark.
  const oldest = await firstAnsweredAfter(db, firmId, claim.replica, claim.acked ?? "");
  return claim.next === null || oldest === null || claim.next !== oldest;
}

/**
 * Desktop: this file becomes a desktop of its own (after the cloud said it is a copy). Returns
 * the new replica id. The file's own changes not yet sent take the new id; everything comes
 * down again from the start, the other copy's changes with it.
 */
export async function becomeOwnReplica(db: Db, firmId: string, at: string): Promise<string> {
  return inTransaction(db, async (tx) => {
    const state = await lockSyncState(tx, firmId);
    const replica = randomBytes(8).toString("hex");
    // An HLC is "<15 digits of millis>-<4 hex of counter>-<replica>": keep the time, change the replica.
    const relabelled = await sql`UPDATE sync_change
      SET hlc = substr(hlc, 1, 21) || ${replica}, replica = ${replica}
      WHERE firm_id = ${firmId} AND replica = ${state.replicaId} AND (cloud_seq IS NULL OR cloud_seq < 0)`.execute(
      tx,
    );
    await tx.updateTable("sync_state").set({ replica_id: replica }).where("firm_id", "=", firmId).execute();
    await updateSyncState(tx, firmId, {
      clock: { ...state.clock, replica },
      cursor: 0,
      ackedHlc: null,
    });
    await appendLog(tx, firmId, {
      at,
      level: "warning",
      code: "REPLICA_COPY",
      tbl: "firm",
      rowId: "firm",
      hlc: null,
      message:
        `this file was a copy of another desktop file of the firm (both merged as desktop ${state.replicaId}); ` +
        `it is now a desktop of its own (${replica}), and fetched the firm again from the cloud`,
      data: { was: state.replicaId, now: replica, relabelled: Number(relabelled.numAffectedRows ?? 0) },
    });
    return replica;
  });
}
