/**
 * Merge test rigs: a cloud store and desktop firm files that merge with it in-process, through
 * the real push and pull services, with every message round-tripped through JSON as on the wire.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SUPERVISOR, type Actor } from "../access/authorize.js";
import { createFirm } from "../firm-setup/firm-service.js";
import { findFirm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { bindToFile } from "../merge/cloud-binding-service.js";
import { pullChanges, pushChanges } from "../merge/cloud-sync-service.js";
import { mergeNow, type SyncTransport } from "../merge/desktop-merge.js";
import { prepareCopyOfCloud } from "../merge/desktop-link.js";
import type { IntegrationCloud } from "../merge/integration-service.js";
import { headSeq, readSyncState } from "../merge/journal-store.js";
import { applyPermissions } from "../merge/permissions-upload.js";
import type { CloudSyncState } from "../merge/sync-client.js";
import { pullAnswer, pushAnswer } from "../merge/sync-protocol.js";
import { fixedClock, type Clock } from "../store/clock.js";
import type { Engine, Store } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import { newFirmFile, openTestStore } from "./stores.js";

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The cloud's services behind a transport, as a desktop signed in as `actor` reaches them. */
export function directTransport(
  cloud: Store,
  firmId: string,
  clock: Clock,
  actor: Actor = SUPERVISOR,
): SyncTransport {
  return {
    async push(request) {
      const firm = await findFirm(cloud.db, firmId);
      return pushAnswer.parse(wire(await pushChanges(cloud.db, firm, actor, wire(request), clock)));
    },
    async pull(query) {
      const firm = await findFirm(cloud.db, firmId);
      return pullAnswer.parse(wire(await pullChanges(cloud.db, firm, wire(query))));
    },
  };
}

/** The cloud's services in-process, as `firmtime integrate` reaches them over HTTP. */
export function inProcessCloud(
  cloud: Store,
  firmId: string,
  adminEmail: string,
  clock: Clock = fixedClock("2026-06-15T12:00:00Z"),
  options: { actor?: Actor; firmUrl?: string } = {},
): IntegrationCloud {
  const firmUrl = options.firmUrl ?? "http://cloud.test/f/generated";
  const state = async (): Promise<CloudSyncState> => {
    const sync = await readSyncState(cloud.db, firmId);
    return {
      epoch: sync.epoch,
      schema: SCHEMA_VERSION,
      cloudReplica: sync.replicaId,
      head: await headSeq(cloud.db, firmId),
      boundFileId: sync.boundFileId,
      waiting: null,
      you: { email: adminEmail, mayMergeForOthers: true },
    };
  };
  return {
    ...directTransport(cloud, firmId, clock, options.actor ?? SUPERVISOR),
    firmUrl,
    slug: firmUrl.split("/f/")[1]!,
    state,
    async bind(request) {
      await bindToFile(cloud.db, await findFirm(cloud.db, firmId), request, clock);
      return state();
    },
    inviteStaff: () => Promise.resolve("invited"),
    uploadPermissions: async (_fileId, upload) =>
      applyPermissions(cloud.db, await findFirm(cloud.db, firmId), upload, clock, adminEmail),
  };
}

export interface Replica {
  store: Store;
  scope: FirmScope;
}

/** A ticking clock tests can move: each reading is a millisecond after the last. */
export function steppingClock(startIso = "2026-06-15T12:00:00.000Z"): Clock & { advance(ms: number): void } {
  let now = Date.parse(startIso);
  return {
    now: () => new Date(now++),
    advance: (ms: number) => void (now += ms),
  };
}

export async function openCloud(engine: Engine, clock: Clock): Promise<Replica> {
  const store = await openTestStore(engine);
  const firm = await createFirm(store.db, clock, { name: "Harbor & Pine", currency: "USD", slug: "harbor" });
  return { store, scope: { firm, clock, actor: "cloud" } };
}

/** A new desktop file that becomes a copy of the cloud firm at its first merge. */
export async function openDesktopCopy(
  cloud: Replica,
  clock: Clock,
): Promise<Replica & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "firmtime-desktop-"));
  const store = await newFirmFile(join(dir, "desktop.firm"));
  const firm = await createFirm(store.db, clock, { name: "Placeholder", currency: "USD" });
  const cloudState = await readSyncState(cloud.store.db, cloud.scope.firm.id);
  await prepareCopyOfCloud(store.db, firm.id, {
    cloudUrl: "http://cloud.invalid/f/harbor",
    cloudSlug: "harbor",
    cloudReplica: cloudState.replicaId,
    epoch: cloudState.epoch,
  });
  const replica = { store, scope: { firm, clock, actor: "desktop" } };
  return {
    ...replica,
    dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
  };
}

export async function merge(desktop: Replica, transport: SyncTransport) {
  const summary = await mergeNow(desktop.store.db, desktop.scope.firm.id, transport, {
    clock: desktop.scope.clock,
  });
  desktop.scope.firm = await findFirm(desktop.store.db, desktop.scope.firm.id);
  return summary;
}

/** The firm's records as every replica must agree on them: synced columns only, ordered by id. */
export async function firmRecords(replica: Replica): Promise<Record<string, unknown[]>> {
  const { db } = replica.store;
  const firmId = replica.scope.firm.id;
  const tables = {
    staff: "id",
    client: "id",
    project: "id",
    work_code: "id",
    rate: "id",
    time_entry: "id",
    expense_entry: "id",
    contact: "id",
    contact_company: "id",
  } as const;
  const result: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    const rows = await db
      .selectFrom(table as "client")
      .selectAll()
      .where("firm_id", "=", firmId)
      .orderBy(order as "id")
      .execute();
    result[table] = rows.map((row) => {
      const { firm_id: _f, updated_at: _u, ...rest } = row as Record<string, unknown>;
      return rest;
    });
  }
  const firm = await findFirm(db, firmId);
  result.firm = [
    { name: firm.name, currency: firm.currency, lockDate: firm.lockDate, timeIncrement: firm.timeIncrement },
  ];
  return result;
}
