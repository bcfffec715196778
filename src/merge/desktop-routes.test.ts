/**
 * The desktop's own routes on a desktop-role app (a DesktopConnection in its deps), merging with
 * an in-process cloud: the first run on an unprotected file, the connection state as server-sent
 * events that follow the background merge, merge now, working offline, and the paged conflict
 * log with restore and the merge log, with record labels.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveDesktopAddress } from "../access/protection-service.js";
import { loadConfig } from "../config/config.js";
import { addClient, editClient } from "../firm-setup/client-service.js";
import { createFirm } from "../firm-setup/firm-service.js";
import { findFirm } from "../firm-setup/firm-store.js";
import { FILES_FOLDER, openFileStore } from "../files/open-file-store.js";
import type { ServerDeps } from "../http/context.js";
import { buildApp, type App } from "../server/app.js";
import { directTransport, openCloud, steppingClock, type Replica } from "../test-support/merge.js";
import { signIn, type SignedIn } from "../test-support/server.js";
import { ENGINES, openTestStore } from "../test-support/stores.js";
import { prepareCopyOfCloud } from "./desktop-link.js";
import type { SyncTransport } from "./desktop-merge.js";
import {
  startDesktopConnection,
  type ConnectionStatus,
  type DesktopConnection,
  type DesktopConnectionOptions,
} from "./desktop-connection.js";
import { appendLog, readSyncState, recordConflict } from "./journal-store.js";
import type { Store } from "../store/database.js";

const PASSWORD = "correct horse battery staple";
const D = "/f/desktop/api/v1";

/** The events of a server-sent event stream, as they arrive. */
function eventStream(body: ReadableStream<Uint8Array>) {
  const seen: ConnectionStatus[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = body.getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const data = buffer
          .slice(0, end)
          .split("\n")
          .find((line) => line.startsWith("data: "));
        buffer = buffer.slice(end + 2);
        if (data) seen.push(JSON.parse(data.slice(6)) as ConnectionStatus);
      }
    }
  })();
  return { seen, close: () => reader.cancel() };
}

/** The states in order, each once however many of its counts changed in between. */
const statesIn = (seen: ConnectionStatus[]) =>
  seen.map((status) => status.state).filter((state, index, states) => state !== states[index - 1]);

describe.each(ENGINES)("the desktop's routes on %s", (engine) => {
  const clock = steppingClock();
  let cloud: Replica;
  let store: Store;
  let firmId: string;
  let connection: DesktopConnection;
  let connectionOptions: DesktopConnectionOptions;
  let app: App;
  let url: string;
  let admin: SignedIn;
  let deps: ServerDeps;
  const dataDir = mkdtempSync(join(tmpdir(), "firmtime-desktop-routes-"));
  /** The cloud unreachable: every request to it fails, as with the network down. */
  let cloudDown = false;
  const reach = () => {
    if (cloudDown) throw new TypeError("fetch failed");
  };

  beforeAll(async () => {
    cloud = await openCloud(engine, clock);
    store = await openTestStore(engine);
    firmId = (await createFirm(store.db, clock, { name: "Placeholder", currency: "USD" })).id;
    const cloudState = await readSyncState(cloud.store.db, cloud.scope.firm.id);
    await prepareCopyOfCloud(store.db, firmId, {
      cloudUrl: "http://cloud.invalid/f/harbor",
      cloudSlug: "harbor",
      cloudReplica: cloudState.replicaId,
      epoch: cloudState.epoch,
    });
    await giveDesktopAddress(store.db, clock);
    const direct = directTransport(cloud.store, cloud.scope.firm.id, clock);
    // A long poll, as the cloud's /sync/pull answers `wait`: nothing new yet, look again shortly.
    const transport: SyncTransport = {
      push: (request) => (reach(), direct.push(request)),
      async pull(query, options) {
        reach();
        const deadline = Date.now() + (query.wait ?? 0) * 1000;
        for (;;) {
          const answer = await direct.pull(query);
          if (answer.changes.length > 0 || Date.now() >= deadline || options?.signal?.aborted) return answer;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
    };
    connectionOptions = {
      db: store.db,
      firmId,
      clock,
      file: "smith.firm",
      connect: () => Promise.resolve(transport),
      reachCloud: async (cursor, replica) => {
        reach();
        const { countChangesAfter } = await import("./journal-store.js");
        return {
          epoch: cloudState.epoch,
          schema: "",
          cloudReplica: cloudState.replicaId,
          head: 0,
          boundFileId: null,
          waiting: await countChangesAfter(cloud.store.db, cloud.scope.firm.id, cursor, replica),
          you: { email: null, mayMergeForOthers: true },
        };
      },
      log: { online: () => {}, offline: () => {}, merged: () => {} },
      localPollMs: 50,
      longPollSeconds: 1,
    };
    connection = await startDesktopConnection(connectionOptions);
    const config = loadConfig({ dataDir, logLevel: "silent", host: "127.0.0.1", port: 0 }, {});
    deps = {
      store,
      clock,
      config,
      notifyMail: () => {},
      files: await openFileStore(config),
      desktop: connection,
    };
    app = await buildApp(deps);
    url = await app.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await connection?.stop();
    await store?.close();
    await cloud?.store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("turns protection on at the first run, from this computer only, once", async () => {
    const before = await app.inject({ url: `${D}/desktop/protection`, headers: { host: "127.0.0.1" } });
    expect(before.json()).toEqual({ protected: false, staff: [] });
    const elsewhere = await app.inject({
      method: "POST",
      url: `${D}/desktop/protection`,
      headers: { host: "evil.example" },
      payload: {
        newStaff: { staffNumber: "JD", firstName: "Jane", lastName: "Doe", email: "jane@smith.test" },
        password: PASSWORD,
      },
    });
    expect(elsewhere.json<{ code: string }>().code).toBe("FORBIDDEN");
    const weak = await app.inject({
      method: "POST",
      url: `${D}/desktop/protection`,
      headers: { host: "127.0.0.1" },
      payload: {
        newStaff: { staffNumber: "JD", firstName: "Jane", lastName: "Doe", email: "jane@smith.test" },
        password: "short",
      },
    });
    expect(weak.statusCode).toBe(400);
    expect((await findFirm(store.db, firmId)).protection).toBe(false);

    const done = await app.inject({
      method: "POST",
      url: `${D}/desktop/protection`,
      headers: { host: "127.0.0.1" },
      payload: {
        newStaff: { staffNumber: "JD", firstName: "Jane", lastName: "Doe", email: "jane@smith.test" },
        password: PASSWORD,
      },
    });
    expect(done.json()).toEqual({ slug: "desktop", email: "jane@smith.test" });
    const again = await app.inject({
      method: "POST",
      url: `${D}/desktop/protection`,
      headers: { host: "127.0.0.1" },
      payload: { staffId: "0190f3a2-0000-7000-8000-000000000000", password: PASSWORD },
    });
    expect(again.json<{ code: string }>().code).toBe("STATUS_TRANSITION");
    const firm = await app.inject({ url: `${D}/auth/firm` });
    expect(firm.json()).toMatchObject({ slug: "desktop", desktop: { protected: true } });
    admin = await signIn(
      { app, deps, filesDir: join(dataDir, FILES_FOLDER) },
      "desktop",
      "jane@smith.test",
      PASSWORD,
    );
  });

  it("streams the connection state as it changes: a cloud change waiting, then merged", async () => {
    const response = await fetch(`${url}${D}/desktop/events`, { headers: { cookie: admin.headers.cookie! } });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = eventStream(response.body!);
    try {
      await expect.poll(() => events.seen.at(-1)?.state, { timeout: 10_000 }).toBe("Online");
      // This file's own changes sent first (a merge waits for the one under way): a merge of
      // them still running when the cloud's change lands would fetch it before it could be
      // seen waiting, and the state would rightly go from Online to Online.
      const merged = await app.inject({ method: "POST", url: `${D}/desktop/merge`, headers: admin.headers });
      expect(merged.json()).toMatchObject({ status: { state: "Online", waitingUp: 0 } });
      // Only what follows the cloud's change.
      const before = events.seen.length;
      await addClient(cloud.store.db, cloud.scope, { code: "ACME", name: "Acme Ltd" });
      await expect
        .poll(() => statesIn(events.seen.slice(before - 1)), { timeout: 10_000 })
        .toEqual(["Online", "Merge notification", "Online"]);
      const notification = events.seen.slice(before).find((s) => s.state === "Merge notification");
      expect(notification).toMatchObject({ waitingDown: 1, waitingUp: 0 });
    } finally {
      await events.close();
    }
  });

  it("streams Offline when the cloud becomes unreachable, and Online when it is back, with nothing to send", async () => {
    const response = await fetch(`${url}${D}/desktop/events`, { headers: { cookie: admin.headers.cookie! } });
    const events = eventStream(response.body!);
    try {
      await expect.poll(() => events.seen.at(-1)?.state, { timeout: 10_000 }).toBe("Online");
      cloudDown = true;
      await expect.poll(() => events.seen.at(-1)?.state, { timeout: 10_000 }).toBe("Offline");
      expect(events.seen.at(-1)).toMatchObject({ waitingUp: 0, waitingDown: null });
      cloudDown = false;
      await expect.poll(() => events.seen.at(-1)?.state, { timeout: 10_000 }).toBe("Online");
    } finally {
      cloudDown = false;
      await events.close();
    }
  });

  it("merges now, and refuses to while working offline by choice", async () => {
    const merged = await app.inject({ method: "POST", url: `${D}/desktop/merge`, headers: admin.headers });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ summary: { refused: 0 }, status: { state: "Online" } });

    const offline = await app.inject({
      method: "PUT",
      url: `${D}/desktop/offline`,
      headers: admin.headers,
      payload: { offline: true },
    });
    expect(offline.json()).toMatchObject({
      state: "Offline",
      workingOffline: true,
      reason: "working offline by choice",
    });
    const refused = await app.inject({ method: "POST", url: `${D}/desktop/merge`, headers: admin.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe("WORKING_OFFLINE");
    // The choice is the file's: firmtime desktop started again on it still works offline.
    const restarted = await startDesktopConnection(connectionOptions);
    try {
      expect(await restarted.status()).toMatchObject({ state: "Offline", workingOffline: true });
      await expect(restarted.mergeNow()).rejects.toMatchObject({ code: "WORKING_OFFLINE" });
    } finally {
      await restarted.stop();
    }
    const back = await app.inject({
      method: "PUT",
      url: `${D}/desktop/offline`,
      headers: admin.headers,
      payload: { offline: false },
    });
    expect(back.json<ConnectionStatus>().workingOffline).toBe(false);
    expect((await readSyncState(store.db, firmId)).workingOffline).toBe(false);
  });

  it("pages the conflict log, restores a lost value, and pages the merge log, naming records", async () => {
    const scope = { firm: await findFirm(store.db, firmId), clock, actor: "test" };
    const client = await addClient(store.db, scope, { code: "GLOBEX", name: "Globex" });
    await editClient(store.db, scope, client.id, { name: "Globex Corp" });
    for (const lost of ["Globex Inc", "Globex plc"]) {
      await recordConflict(store.db, firmId, {
        at: clock.now().toISOString(),
        kind: "overwrite",
        tbl: "client",
        rowId: client.id,
        field: "name",
        lostValue: lost,
        lostHlc: `0${lost}`,
        lostAuthor: "kim@smith.test",
        keptValue: "Globex Corp",
        keptHlc: `1${lost}`,
      });
    }
    const second = await app.inject({
      url: `${D}/sync/conflicts?status=open&limit=1&offset=1`,
      headers: admin.headers,
    });
    const page = second.json<{ items: { id: string; lostValue: string; record: string }[]; total: number }>();
    expect(page.total).toBe(2);
    expect(page.items.map((c) => [c.lostValue, c.record])).toEqual([["Globex plc", "client GLOBEX"]]);

    const restored = await app.inject({
      method: "POST",
      url: `${D}/sync/conflicts/${page.items[0]!.id}/restore`,
      headers: admin.headers,
    });
    expect(restored.json()).toMatchObject({ status: "restored", record: "client GLOBEX" });
    const clients = await app.inject({ url: `${D}/clients/${client.id}`, headers: admin.headers });
    expect(clients.json<{ name: string }>().name).toBe("Globex plc");
    const open = await app.inject({ url: `${D}/sync/conflicts?status=open`, headers: admin.headers });
    expect(open.json<{ total: number }>().total).toBe(1);

    await appendLog(store.db, firmId, {
      at: clock.now().toISOString(),
      level: "error",
      code: "FORBIDDEN",
      tbl: "client",
      rowId: client.id,
      hlc: null,
      message: "you may not edit this client",
      data: { name: "Globex GmbH" },
    });
    const log = await app.inject({ url: `${D}/sync/log?level=error`, headers: admin.headers });
    expect(log.json()).toMatchObject({
      total: 1,
      items: [{ code: "FORBIDDEN", record: "client GLOBEX", data: { name: "Globex GmbH" } }],
    });
  });
});
