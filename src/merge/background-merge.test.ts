/**
 * The desktop's background merge under a stream of local writes: it sends in batches instead of
 * chasing each change, and its long poll waits for other replicas' changes instead of being
 * woken, again and again, by the cloud's head moving with this desktop's own pushes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editClient, getClient } from "../firm-setup/client-service.js";
import {
  directTransport,
  merge,
  openCloud,
  openDesktopCopy,
  steppingClock,
  type Replica,
} from "../test-support/merge.js";
import { seedPractice } from "../test-support/seed.js";
import { ENGINES } from "../test-support/stores.js";
import { startBackgroundMerge } from "./background-merge.js";
import { mergeNow, type SyncTransport } from "./desktop-merge.js";
import { countUnsent, headSeq, readSyncState } from "./journal-store.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)("the background merge on %s", (engine) => {
  const clock = steppingClock();
  let cloud: Replica;
  let desktop: Replica & { dispose(): Promise<void> };
  const unsent = async () =>
    countUnsent(desktop.store.db, await readSyncState(desktop.store.db, desktop.scope.firm.id));

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    await seedPractice({ store: cloud.store, scope: cloud.scope });
    desktop = await openDesktopCopy(cloud, clock);
    await merge(desktop, directTransport(cloud.store, cloud.scope.firm.id, clock));
  });
  afterAll(async () => {
    await desktop.dispose();
    await cloud.store.close();
  });

  /** The cloud's transport; `duringPush` runs once, inside the first push, as a change made meanwhile. */
  const transportWith = (duringPush: () => Promise<void>): SyncTransport & { pushes: number } => {
    const direct = directTransport(cloud.store, cloud.scope.firm.id, clock);
    let pending: (() => Promise<void>) | null = duringPush;
    const transport = {
      pushes: 0,
      async push(request: Parameters<SyncTransport["push"]>[0]) {
        transport.pushes++;
        const later = pending;
        pending = null;
        if (later) await later();
        return direct.push(request);
      },
      pull: (query: Parameters<SyncTransport["pull"]>[0]) => direct.pull(query),
    };
    return transport;
  };

  it("leaves a change made during a background merge to the next one, and a forced merge sends it", async () => {
    await editClient(desktop.store.db, desktop.scope, "ACME", { notes: "before the merge" });
    const transport = transportWith(() =>
      editClient(desktop.store.db, desktop.scope, "ACME", { address: "2 Quay St" }).then(() => undefined),
    );
    const summary = await mergeNow(desktop.store.db, desktop.scope.firm.id, transport, {
      clock,
      leaveLaterChanges: true,
    });
    expect(summary.pushed).toBe(1);
    expect(transport.pushes).toBe(1);
    expect(await unsent()).toBe(1);
    expect((await getClient(cloud.store.db, cloud.scope, "ACME")).notes).toBe("before the merge");
    expect((await getClient(cloud.store.db, cloud.scope, "ACME")).address).not.toBe("2 Quay St");

    // The next merge takes it; one that leaves nothing behind chases a change made meanwhile.
    const chasing = transportWith(() =>
      editClient(desktop.store.db, desktop.scope, "ACME", { notes: "made while merging" }).then(
        () => undefined,
      ),
    );
    await mergeNow(desktop.store.db, desktop.scope.firm.id, chasing, { clock });
    expect(chasing.pushes).toBe(2);
    expect(await unsent()).toBe(0);
    expect(await getClient(cloud.store.db, cloud.scope, "ACME")).toMatchObject({
      address: "2 Quay St",
      notes: "made while merging",
    });
  });

  it("waits on the cloud instead of asking again and again after its own pushes", async () => {
    const direct = directTransport(cloud.store, cloud.scope.firm.id, clock);
    let pushes = 0;
    let longPolls = 0;
    let typing = true;
    let typed = 0;
    const transport: SyncTransport = {
      push: (request) => (pushes++, direct.push(request)),
      async pull(query, options) {
        if (!query.wait) {
          // Someone keeps working: each merge's pull finds a new local change waiting, so its
          // page is refused and the desktop's cursor stays behind the cloud's head.
          if (typing)
            await editClient(desktop.store.db, desktop.scope, "ACME", { notes: `typed ${typed++}` });
          return direct.pull(query);
        }
        // As the cloud's /sync/pull answers `wait`, over a network: as soon as the firm's head
        // passes `after`.
        longPolls++;
        await new Promise((resolve) => setImmediate(resolve));
        const deadline = Date.now() + query.wait * 1000;
        while (Date.now() < deadline && !options?.signal?.aborted) {
          if ((await headSeq(cloud.store.db, cloud.scope.firm.id)) > query.after) break;
          await sleep(20);
        }
        return direct.pull(query);
      },
    };
    await editClient(desktop.store.db, desktop.scope, "ACME", { notes: "typed" });
    const background = startBackgroundMerge({
      db: desktop.store.db,
      firmId: desktop.scope.firm.id,
      connect: () => Promise.resolve(transport),
      clock,
      log: { online: () => {}, offline: () => {}, merged: () => {} },
      localPollMs: 50,
      longPollSeconds: 1,
    });
    try {
      await sleep(600);
      // One poll answered per push of ours at most, never one answered at once, again and again.
      expect(pushes).toBeGreaterThan(2);
      expect(longPolls).toBeLessThanOrEqual(pushes + 2);
      typing = false;
      await expect.poll(unsent, { timeout: 2000, interval: 20 }).toBe(0);
      expect((await getClient(cloud.store.db, cloud.scope, "ACME")).notes).toBe(`typed ${typed - 1}`);

      // Another replica's change still wakes it and comes down.
      await editClient(cloud.store.db, cloud.scope, "ACME", { notes: "from the cloud" });
      await expect
        .poll(async () => (await getClient(desktop.store.db, desktop.scope, "ACME")).notes, {
          timeout: 2000,
          interval: 20,
        })
        .toBe("from the cloud");
    } finally {
      await background.stop();
    }
  });
});
