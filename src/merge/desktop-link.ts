/**
 * Binding a desktop file to its cloud firm: the link a merge follows, and a new desktop copy
 * made from the cloud (a second desktop of an integrated firm).
 */
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { lockSyncState, updateSyncState } from "./journal-store.js";

export interface CloudLink {
  /** The firm's base URL on the cloud, e.g. https://cloud.example/f/smith */
  cloudUrl: string;
  cloudSlug: string;
  cloudReplica: string;
  epoch: string;
}

export async function linkDesktop(db: Db, firmId: string, link: CloudLink): Promise<void> {
  await updateSyncState(db, firmId, {
    cloudUrl: link.cloudUrl,
    cloudSlug: link.cloudSlug,
    cloudReplicaId: link.cloudReplica,
    epoch: link.epoch,
  });
}

/**
 * A new, empty desktop file becomes a copy of the cloud firm: the journal entry of its own
 * placeholder profile is dropped (the cloud's profile is the firm's), and the next merge pulls
 * everything from the start.
 */
export async function prepareCopyOfCloud(db: Db, firmId: string, link: CloudLink): Promise<void> {
  await inTransaction(db, async (tx) => {
    const state = await lockSyncState(tx, firmId);
    await tx
      .deleteFrom("sync_change")
      .where("firm_id", "=", firmId)
      .where("replica", "=", state.replicaId)
      .execute();
    await linkDesktop(tx, firmId, link);
    await updateSyncState(tx, firmId, { cursor: 0 });
  });
}
