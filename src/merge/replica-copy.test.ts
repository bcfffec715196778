/**
 * A copied firm file (merge.md: a replica is one file). Two copies of one integrated file must
 * never both merge as the same replica and silently miss each other's changes: the cloud tells
 * the copy that is behind, which becomes a desktop of its own, and every replica converges. A
 * desktop that merely lost an answer is not mistaken for a copy.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addClient, editClient } from "../firm-setup/client-service.js";
import { findFirm } from "../firm-setup/firm-store.js";
import { openFirmFile } from "../store/database.js";
import {
  directTransport,
  firmRecords,
  merge,
  openCloud,
  openDesktopCopy,
  steppingClock,
  type Replica,
} from "../test-support/merge.js";
import { seedPractice } from "../test-support/seed.js";
import { ENGINES } from "../test-support/stores.js";
import type { SyncTransport } from "./desktop-merge.js";
import { listLog, readSyncState } from "./journal-store.js";
import { isCopy } from "./replica-copy.js";

const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe.each(ENGINES)("a copied desktop file, with a cloud on %s", (engine) => {
  const clock = steppingClock();
  let cloud: Replica;
  let desktop: Replica & { dispose(): Promise<void> };
  const dir = mkdtempSync(join(tmpdir(), "firmtime-copy-"));
  const transport = () => directTransport(cloud.store, cloud.scope.firm.id, clock);

  /** `cp my.firm copy.firm`, taken consistently from the open file. */
  async function copyOf(replica: Replica, name: string): Promise<Replica> {
    const path = join(dir, name);
    await sql`VACUUM INTO ${path}`.execute(replica.store.db);
    const store = await openFirmFile(path);
    const firm = await findFirm(store.db, replica.scope.firm.id);
    return { store, scope: { firm, clock, actor: "copy" } };
  }

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    desktop = await openDesktopCopy(cloud, clock);
    await merge(desktop, transport());
    await editClient(desktop.store.db, desktop.scope, "ACME", { notes: "Year-end in March" });
    expect((await merge(desktop, transport())).pushed).toBe(1);
  });
  afterAll(async () => {
    await desktop.dispose();
    await cloud.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("both copies edit offline: the one behind becomes a desktop of its own and all converge", async () => {
    const copy = await copyOf(desktop, "copy.firm");
    try {
      const before = await readSyncState(copy.store.db, copy.scope.firm.id);
      expect(before.replicaId).toBe((await readSyncState(desktop.store.db, desktop.scope.firm.id)).replicaId);

      await later();
      await addClient(desktop.store.db, desktop.scope, { code: "ORIG", name: "Made on the original" });
      expect((await merge(desktop, transport())).pushed).toBe(1);
      await later();
      await addClient(copy.store.db, copy.scope, { code: "COPY", name: "Made on the copy" });

      // The cloud knows the copy for what it is before it merges (firmtime status asks this).
      const state = await readSyncState(copy.store.db, copy.scope.firm.id);
      const firstUnsent = await sql<{ hlc: string }>`SELECT hlc FROM sync_change
        WHERE replica = ${state.replicaId} AND cloud_seq IS NULL ORDER BY seq LIMIT 1`.execute(copy.store.db);
      expect(
        await isCopy(cloud.store.db, cloud.scope.firm.id, {
          replica: state.replicaId,
          acked: state.ackedHlc,
          next: firstUnsent.rows[0]?.hlc ?? null,
        }),
      ).toBe(true);

      const summary = await merge(copy, transport());
      expect(summary.ownReplica).toBeDefined();
      expect(summary.ownReplica).not.toBe(before.replicaId);
      expect((await readSyncState(copy.store.db, copy.scope.firm.id)).replicaId).toBe(summary.ownReplica);
      const warnings = await listLog(copy.store.db, copy.scope.firm.id, "warning");
      expect(warnings.map((w) => w.code)).toContain("REPLICA_COPY");

      await merge(desktop, transport());
      const codes = async (replica: Replica) =>
        (await firmRecords(replica)).client!.map((c) => (c as { code: string }).code).sort();
      expect(await codes(copy)).toEqual(expect.arrayContaining(["COPY", "ORIG"]));
      expect(await firmRecords(copy)).toEqual(await firmRecords(cloud));
      expect(await firmRecords(desktop)).toEqual(await firmRecords(cloud));

      // From now on both are desktops of their own: edits on each reach the other.
      await later();
      await editClient(copy.store.db, copy.scope, "ORIG", { name: "Renamed on the copy" });
      await merge(copy, transport());
      await merge(desktop, transport());
      expect(await firmRecords(desktop)).toEqual(await firmRecords(copy));
      expect((await merge(desktop, transport())).ownReplica).toBeUndefined();
    } finally {
      await copy.store.close();
    }
  });

  it("a copy with nothing of its own to send still receives what the other copy sent", async () => {
    const copy = await copyOf(desktop, "reader.firm");
    try {
      await later();
      await addClient(desktop.store.db, desktop.scope, { code: "LATER", name: "After the copy" });
      await merge(desktop, transport());
      const summary = await merge(copy, transport());
      expect(summary.ownReplica).toBeDefined();
      expect(await firmRecords(copy)).toEqual(await firmRecords(cloud));
    } finally {
      await copy.store.close();
    }
  });

  it("a desktop that lost the answer to its push is not taken for a copy", async () => {
    const replicaBefore = (await readSyncState(desktop.store.db, desktop.scope.firm.id)).replicaId;
    await later();
    await editClient(desktop.store.db, desktop.scope, "ACME", { notes: "Answer lost" });
    await addClient(desktop.store.db, desktop.scope, { code: "LOST", name: "Answer lost too" });
    const real = transport();
    let lose = true;
    const lossy: SyncTransport = {
      async push(request) {
        const answer = await real.push(request);
        if (lose) {
          lose = false;
          throw new Error("connection reset");
        }
        return answer;
      },
      pull: (query) => real.pull(query),
    };
    await expect(merge(desktop, lossy)).rejects.toThrow("connection reset");
    const summary = await merge(desktop, lossy);
    expect(summary.ownReplica).toBeUndefined();
    expect((await readSyncState(desktop.store.db, desktop.scope.firm.id)).replicaId).toBe(replicaBefore);
    expect(await firmRecords(desktop)).toEqual(await firmRecords(cloud));
  });
});
