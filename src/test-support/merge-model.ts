/**
 * The rig of the merge model test (src/merge/merge-model.test.ts): one cloud and three desktop
 * copies merging in-process through transports that fail on purpose, what every replica wrote
 * (read back from its own journal right after each successful service call), and the checks
 * run once every replica has merged with nothing new: convergence, no acknowledged write lost,
 * no duplicates, no deleted record back, and equal money totals per client.
 */
import { sql } from "kysely";
import { expect } from "vitest";
import { AppError } from "../domain/errors.js";
import { timeAmount } from "../domain/money.js";
import { addClient } from "../firm-setup/client-service.js";
import { createFirm } from "../firm-setup/firm-service.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import type { FieldValue } from "../merge/change.js";
import type { MergeSummary, SyncTransport } from "../merge/desktop-merge.js";
import { countUnsent, listConflicts, listLog, readSyncState } from "../merge/journal-store.js";
import type { PullAnswer, PullQuery, PushAnswer, PushRequest } from "../merge/sync-protocol.js";
import { syncedTable } from "../merge/synced-tables.js";
import type { Engine, Store } from "../store/database.js";
import {
  directTransport,
  firmRecords,
  merge,
  openCloud,
  openDesktopCopy,
  steppingClock,
  type Replica,
} from "./merge.js";

// --- faults on the wire ---

/**
 * What can go wrong with one request of a merge:
 * - drop: lost on the way, the cloud never sees it;
 * - lose: the cloud commits it, the answer is lost (also: a crash between commit and acknowledgement);
 * - duplicate: delivered twice;
 * - delay: held in the network and delivered later (after newer requests), the sender times out;
 * - replayBefore / replayAfter: an earlier push of this desktop arrives again, before or after this one.
 */
export const FAULT_KINDS = ["drop", "lose", "duplicate", "delay", "replayBefore", "replayAfter"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** Which request of the merge it hits, counting from 0. */
  at: number;
  /** replay: which earlier push request (modulo how many there were). */
  pick: number;
}

/**
 * What the runs exercised, summed over every run of a test file: the property checks these
 * reached every fault and refusal, so a generator that stopped producing them fails.
 */
export const exercised = {
  faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
  partitionedRequests: 0,
  localRefusals: 0,
  cloudRefusals: 0,
  renames: 0,
  deletes: 0,
};

export function resetExercised(): void {
  for (const kind of FAULT_KINDS) exercised.faults[kind] = 0;
  Object.assign(exercised, {
    partitionedRequests: 0,
    localRefusals: 0,
    cloudRefusals: 0,
    renames: 0,
    deletes: 0,
  });
}

/** The error a faulty transport throws: the desktop sees a failed request, nothing else. */
export class NetworkFault extends Error {
  constructor(what: string) {
    super(`network fault: ${what}`);
    this.name = "NetworkFault";
  }
}

/** A desktop's link to the cloud that can be partitioned and made to drop, lose, repeat or reorder. */
export class FaultyTransport implements SyncTransport {
  partitioned = false;
  private faults: readonly Fault[] = [];
  private requests = 0;
  /** Push requests held in the network, delivered later by deliverDelayed(). */
  readonly delayed: PushRequest[] = [];
  /** Every push request this desktop sent, for replays. */
  private readonly sent: PushRequest[] = [];

  constructor(private readonly cloud: SyncTransport) {}

  /** Faults for the requests of the next merge (request numbers count from now). */
  arm(faults: readonly Fault[]): void {
    this.faults = faults;
    this.requests = 0;
  }

  disarm(): void {
    this.faults = [];
  }

  private next(what: string): Fault | undefined {
    if (this.partitioned) {
      exercised.partitionedRequests++;
      throw new NetworkFault(`${what} while partitioned`);
    }
    const at = this.requests++;
    const fault = this.faults.find((f) => f.at === at);
    if (fault) exercised.faults[fault.kind]++;
    return fault;
  }

  private replayed(pick: number): PushRequest | undefined {
    return this.sent.length === 0 ? undefined : this.sent[pick % this.sent.length];
  }

  async push(request: PushRequest): Promise<PushAnswer> {
    const fault = this.next("push");
    this.sent.push(request);
    switch (fault?.kind) {
      case undefined:
        return this.cloud.push(request);
      case "drop":
        throw new NetworkFault("push dropped");
      case "lose":
        await this.cloud.push(request);
        throw new NetworkFault("push answer lost");
      case "duplicate":
        await this.cloud.push(request);
        return this.cloud.push(request);
      case "delay":
        this.delayed.push(request);
        throw new NetworkFault("push timed out (delayed)");
      case "replayBefore": {
        const old = this.replayed(fault.pick);
        if (old) await this.cloud.push(old);
        return this.cloud.push(request);
      }
      case "replayAfter": {
        const answer = await this.cloud.push(request);
        const old = this.replayed(fault.pick);
        if (old) await this.cloud.push(old);
        return answer;
      }
    }
  }

  async pull(query: PullQuery): Promise<PullAnswer> {
    const fault = this.next("pull");
    switch (fault?.kind) {
      case undefined:
        return this.cloud.pull(query);
      case "drop":
      case "delay":
        throw new NetworkFault("pull dropped");
      case "lose":
        await this.cloud.pull(query);
        throw new NetworkFault("pull answer lost");
      case "duplicate":
        await this.cloud.pull(query);
        return this.cloud.pull(query);
      case "replayBefore":
      case "replayAfter": {
        // An old push arriving late, around this pull.
        const old = this.replayed(fault.pick);
        if (old && fault.kind === "replayBefore") await this.cloud.push(old);
        const answer = await this.cloud.pull(query);
        if (old && fault.kind === "replayAfter") await this.cloud.push(old);
        return answer;
      }
    }
  }

  /** The oldest request held in the network reaches the cloud; its answer goes nowhere. */
  async deliverDelayed(): Promise<boolean> {
    const request = this.delayed.shift();
    if (!request) return false;
    await this.cloud.push(request);
    return true;
  }
}

// --- the rig ---

export interface ModelDesktop extends Replica {
  name: string;
  link: FaultyTransport;
  dispose(): Promise<void>;
}

export interface ModelRig {
  cloud: Replica;
  /** The cloud's seed changes, made before the desktops copied the firm. */
  seed: AuthoredChange[];
  desktops: ModelDesktop[];
  /** The cloud first, then the desktops: what a command's replica number indexes. */
  replicas: (Replica & { name: string })[];
  dispose(): Promise<void>;
}

export const MODEL_WORK_CODE = "TAX";
export const MODEL_TAX_RATE = 1_500_000;

/**
 * A fresh cloud firm with a little seed (a time work code, one staff member, one client) and
 * three desktop copies that pulled it. On SQLite the cloud is a fresh store; on PostgreSQL a
 * fresh firm in a shared store (one database per run would be slow and pile up databases).
 */
export async function openModelRig(engine: Engine, sharedCloud?: Store, run = 0): Promise<ModelRig> {
  const clock = steppingClock();
  let cloud: Replica;
  let closeCloud: () => Promise<void>;
  if (sharedCloud) {
    const firm = await createFirm(sharedCloud.db, clock, {
      name: "Harbor & Pine",
      currency: "USD",
      slug: `harbor-${process.pid}-${run}-${Date.now().toString(36)}`,
    });
    cloud = { store: sharedCloud, scope: { firm, clock, actor: "cloud" } };
    closeCloud = () => Promise.resolve();
  } else {
    cloud = await openCloud(engine, clock);
    closeCloud = () => cloud.store.close();
  }
  const desktops: ModelDesktop[] = [];
  try {
    await addWorkCode(cloud.store.db, cloud.scope, {
      code: MODEL_WORK_CODE,
      kind: "time",
      name: "Tax preparation",
      rate: MODEL_TAX_RATE,
    });
    await addStaff(cloud.store.db, cloud.scope, { staffNumber: "S1", firstName: "Ann", lastName: "Ash" });
    await addClient(cloud.store.db, cloud.scope, { code: "C1", name: "Alpha" });
    for (let i = 1; i <= 3; i++) {
      const copy = await openDesktopCopy(cloud, clock);
      const link = new FaultyTransport(directTransport(cloud.store, cloud.scope.firm.id, clock));
      desktops.push({ ...copy, name: `d${i}`, link });
      await merge(copy, link);
    }
  } catch (error) {
    for (const desktop of desktops) await desktop.dispose();
    await closeCloud();
    throw error;
  }
  const replicas = [{ ...cloud, name: "cloud" }, ...desktops];
  return {
    cloud,
    seed: await ownChangesAfter(replicas[0]!, 0),
    desktops,
    replicas,
    dispose: async () => {
      for (const desktop of desktops) await desktop.dispose();
      await closeCloud();
    },
  };
}

/** Merges a desktop through its (possibly faulty) link; a network fault is an expected outcome. */
export async function mergeDesktop(desktop: ModelDesktop): Promise<MergeSummary | NetworkFault> {
  try {
    return await merge(desktop, desktop.link);
  } catch (error) {
    if (error instanceof NetworkFault) return error;
    throw error;
  }
}

// --- what each replica wrote ---

/** One change a replica's service call journaled, as the replica's own journal holds it. */
export interface AuthoredChange {
  replica: string;
  hlc: string;
  tbl: string;
  rowId: string;
  op: "put" | "delete";
  data: Record<string, FieldValue>;
}

export const changeKey = (c: { hlc: string; tbl: string; rowId: string }): string =>
  `${c.hlc}|${c.tbl}|${c.rowId}`;

export async function journalHead(replica: Replica): Promise<number> {
  const row = await replica.store.db
    .selectFrom("sync_change")
    .select((eb) => eb.fn.max("seq").as("head"))
    .where("firm_id", "=", replica.scope.firm.id)
    .executeTakeFirst();
  return Number(row?.head ?? 0);
}

/** The replica's own changes journaled after `head`: what one service call just wrote. */
export async function ownChangesAfter(
  replica: Replica & { name: string },
  head: number,
): Promise<AuthoredChange[]> {
  const state = await readSyncState(replica.store.db, replica.scope.firm.id);
  const rows = await replica.store.db
    .selectFrom("sync_change")
    .select(["hlc", "tbl", "row_id", "op", "data"])
    .where("firm_id", "=", replica.scope.firm.id)
    .where("seq", ">", head)
    .where("replica", "=", state.replicaId)
    .orderBy("seq")
    .execute();
  return rows.map((row) => ({
    replica: replica.name,
    hlc: row.hlc,
    tbl: row.tbl,
    rowId: row.row_id,
    op: row.op,
    data: JSON.parse(row.data) as Record<string, FieldValue>,
  }));
}

/**
 * Runs one service call on a replica: a refusal (AppError) is a normal outcome; anything else
 * fails the test. Returns the changes the call journaled (none when refused).
 */
export async function writeOn(
  replica: Replica & { name: string },
  call: () => Promise<unknown>,
): Promise<{ refused: AppError | null; changes: AuthoredChange[] }> {
  await nextMillisecond();
  const head = await journalHead(replica);
  try {
    await call();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(await ownChangesAfter(replica, head), "a refused call journals nothing").toEqual([]);
    exercised.localRefusals++;
    return { refused: error, changes: [] };
  }
  const changes = await ownChangesAfter(replica, head);
  exercised.deletes += changes.filter((c) => c.op === "delete").length;
  return { refused: null, changes };
}

let lastMillisecond = 0;
/**
 * Waits for a millisecond no write has used yet. HLCs follow the real wall clock; two replicas
 * writing in one millisecond would be ordered by their (random) replica ids, which makes a
 * counterexample replay differently. Costs under a millisecond per write.
 */
export async function nextMillisecond(): Promise<void> {
  while (Date.now() <= lastMillisecond) await new Promise((resolve) => setImmediate(resolve));
  lastMillisecond = Date.now();
}

// --- after the run: heal, merge until quiescent, check ---

/** No partitions, no faults, every delayed request delivered; then merge rounds until nothing moves. */
export async function healAndSettle(rig: ModelRig): Promise<number> {
  for (const desktop of rig.desktops) {
    desktop.link.partitioned = false;
    desktop.link.disarm();
  }
  for (const desktop of rig.desktops) while (await desktop.link.deliverDelayed());
  for (let round = 1; round <= 6; round++) {
    let moved = false;
    for (const desktop of rig.desktops) {
      const summary = await merge(desktop, desktop.link);
      if (summary.pushed + summary.pulled + summary.refused > 0) moved = true;
    }
    if (!moved) return round;
  }
  throw new Error("the replicas did not settle within 6 merge rounds of every desktop");
}

/** The tables the commands write, with their unique keys the cloud may rename on a collision. */
export const MODELLED_TABLES = ["client", "staff", "rate", "time_entry"] as const;
type ModelledTable = (typeof MODELLED_TABLES)[number];

/** Key fields the cloud keeps unique by renaming the later record (suffix) or clearing it. */
const RENAMED_KEYS: Partial<Record<ModelledTable, Record<string, "suffix" | "clear">>> = {
  client: { code: "suffix" },
  staff: { staff_number: "suffix", email: "clear" },
};

/** Refusals the cloud may rightly answer to these commands, made with full rights. */
export const EXPECTED_REFUSALS = new Set([
  "DUPLICATE", // two rates for one target and date
  "REFERENCE", // an entry or rate for a record deleted on the cloud, a delete of a record still in use
  "NOT_FOUND", // an edit of a record whose creation was refused
  "INACTIVE", // an entry made offline for a client or staff member made inactive elsewhere meanwhile
]);

interface ExpectedRecord {
  inserted: boolean;
  deleted: boolean;
  fields: Map<string, { value: FieldValue; hlc: string }>;
}

/**
 * What every replica must hold, from the accepted changes alone, by the rule of merge.md (an
 * independent fold, not the product's): each field takes the value of the change with the
 * greatest HLC, a tombstone ends the record, and a record exists once its insert is accepted.
 */
export function expectedRecords(changes: readonly AuthoredChange[]): Map<string, ExpectedRecord> {
  const records = new Map<string, ExpectedRecord>();
  for (const change of changes) {
    const key = `${change.tbl}|${change.rowId}`;
    const record: ExpectedRecord = records.get(key) ?? { inserted: false, deleted: false, fields: new Map() };
    records.set(key, record);
    if (change.op === "delete") {
      record.deleted = true;
      continue;
    }
    // An insert journals every column, the id and creation time among them; an edit only what changed.
    if ("id" in change.data && "created_at" in change.data) record.inserted = true;
    for (const [field, value] of Object.entries(change.data)) {
      const current = record.fields.get(field);
      if (!current || change.hlc > current.hlc) record.fields.set(field, { value, hlc: change.hlc });
    }
  }
  return records;
}

type Row = Record<string, FieldValue>;

async function rowsOf(replica: Replica, table: string): Promise<Row[]> {
  const result = await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE firm_id = ${replica.scope.firm.id}
    ORDER BY id`.execute(replica.store.db);
  return result.rows;
}

const keyValueMatches = (rule: "suffix" | "clear", expected: FieldValue, actual: FieldValue): boolean =>
  actual === expected ||
  (rule === "clear"
    ? actual === null
    : typeof expected === "string" &&
      typeof actual === "string" &&
      actual.startsWith(`${expected}-`) &&
      /^\d+$/.test(actual.slice(expected.length + 1)));

/** Sum of time entry amounts per client id. */
function totalsPerClient(entries: readonly Row[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const entry of entries) {
    const client = String(entry.client_id);
    totals[client] = (totals[client] ?? 0) + Number(entry.amount);
  }
  return totals;
}

/**
 * The invariants of merge.md, once every replica has merged with nothing new. `authored` is
 * every change a successful service call journaled on any replica, in the order made.
 */
export async function checkInvariants(rig: ModelRig, authored: readonly AuthoredChange[]): Promise<void> {
  const { cloud, desktops } = rig;
  const firmId = cloud.scope.firm.id;

  // 1. Convergence: every replica holds the same data.
  const cloudRecords = await firmRecords(cloud);
  for (const desktop of desktops) {
    expect(await firmRecords(desktop), `${desktop.name} holds what the cloud holds`).toEqual(cloudRecords);
  }

  // Nothing waits to go up.
  for (const desktop of desktops) {
    const state = await readSyncState(desktop.store.db, desktop.scope.firm.id);
    expect(await countUnsent(desktop.store.db, state), `${desktop.name} has nothing left to push`).toBe(0);
  }

  // 2. Every change a desktop made was either accepted by the cloud or refused and logged there:
  // never both (a refused change lands nowhere), never neither (lost).
  const onCloud = new Set(
    (
      await cloud.store.db
        .selectFrom("sync_change")
        .select(["hlc", "tbl", "row_id"])
        .where("firm_id", "=", firmId)
        .execute()
    ).map((row) => changeKey({ hlc: row.hlc, tbl: row.tbl, rowId: row.row_id })),
  );
  const refused = new Set<string>();
  for (const desktop of desktops) {
    const mine = new Set(authored.filter((c) => c.replica === desktop.name).map(changeKey));
    for (const entry of await listLog(desktop.store.db, desktop.scope.firm.id, "error")) {
      const key = changeKey({ hlc: entry.hlc ?? "", tbl: entry.tbl, rowId: entry.rowId });
      expect(mine.has(key), `${desktop.name}'s error log names one of its own changes: ${key}`).toBe(true);
      expect(
        EXPECTED_REFUSALS.has(entry.code),
        `refusal ${entry.code} (${entry.message}) of ${key} is one the cloud may answer`,
      ).toBe(true);
      refused.add(key);
      exercised.cloudRefusals++;
    }
  }
  for (const change of authored) {
    const key = changeKey(change);
    if (change.replica === "cloud") continue;
    const state = `${change.replica}'s change ${change.op} ${key} ${JSON.stringify(change.data)}`;
    if (refused.has(key))
      expect(onCloud.has(key), `${state} was refused, yet it is on the cloud`).toBe(false);
    else expect(onCloud.has(key), `${state} was acknowledged, yet it is not on the cloud`).toBe(true);
  }

  // 2-5. Every replica holds exactly the fold of the accepted changes: each live record made on
  // any replica (never deleted, never refused) exists everywhere with the latest value of each
  // field, no deleted record comes back, nothing appears twice.
  const accepted = authored.filter((c) => !refused.has(changeKey(c)));
  const expected = expectedRecords(accepted);
  const conflicts = await listConflicts(cloud.store.db, firmId);
  exercised.renames += conflicts.filter((c) => c.kind === "unique").length;
  const minorDigits = cloud.scope.firm.minorDigits;
  let expectedTotals: Record<string, number> = {};
  for (const replica of rig.replicas) {
    for (const table of MODELLED_TABLES) {
      const spec = syncedTable(table)!;
      const rows = await rowsOf(replica, table);
      const ids = rows.map((row) => String(row.id));
      expect(new Set(ids).size, `${replica.name}: ${table} ids are unique`).toBe(ids.length);
      const live = [...expected]
        .filter(([key, record]) => key.startsWith(`${table}|`) && record.inserted && !record.deleted)
        .map(([key]) => key.slice(table.length + 1))
        .sort();
      const deleted = [...expected]
        .filter(([key, record]) => key.startsWith(`${table}|`) && record.deleted)
        .map(([key]) => key.slice(table.length + 1));
      for (const id of deleted) {
        expect(ids.includes(id), `${replica.name}: deleted ${table} ${id} does not come back`).toBe(false);
      }
      for (const id of live) {
        expect(ids.includes(id), `${replica.name}: ${table} ${id}, made and never deleted, exists`).toBe(
          true,
        );
      }
      expect(ids.sort(), `${replica.name}: exactly the live ${table} records`).toEqual(live);
      for (const row of rows) {
        const record = expected.get(`${table}|${String(row.id)}`)!;
        for (const field of Object.keys(spec.fields)) {
          const want = record.fields.get(field)?.value ?? null;
          const rule = RENAMED_KEYS[table]?.[field];
          const what = `${replica.name}: ${table} ${String(row.id)} ${field} holds the latest accepted write`;
          if (!rule) {
            expect(row[field], what).toEqual(want);
            continue;
          }
          expect(
            keyValueMatches(rule, want, row[field] ?? null),
            `${what} (${String(want)}), or its renamed form, not ${String(row[field])}`,
          ).toBe(true);
          if (row[field] !== want) {
            expect(
              conflicts.some(
                (c) => c.kind === "unique" && c.tbl === table && c.rowId === row.id && c.field === field,
              ),
              `${replica.name}: the rename of ${table} ${String(row.id)} ${field} is in the cloud's conflict log`,
            ).toBe(true);
          }
        }
      }
      if (table === "client") {
        const codes = rows.map((row) => row.code);
        expect(new Set(codes).size, `${replica.name}: client codes are unique`).toBe(codes.length);
      }
      if (table === "time_entry") {
        // Derived, never merged: each amount follows the entry's merged minutes and rate.
        for (const row of rows) {
          expect(row.amount, `${replica.name}: amount of entry ${String(row.id)}`).toBe(
            timeAmount(Number(row.rate), Number(row.minutes), minorDigits),
          );
        }
        // 7. Money totals per client are the same on every replica.
        expectedTotals = totalsPerClient(
          live.map((id) => {
            const fields = expected.get(`time_entry|${id}`)!.fields;
            const value = (field: string) => Number(fields.get(field)?.value);
            return {
              client_id: fields.get("client_id")?.value ?? null,
              amount: timeAmount(value("rate"), value("minutes"), minorDigits),
            };
          }),
        );
        expect(totalsPerClient(rows), `${replica.name}: money totals per client`).toEqual(expectedTotals);
      }
    }
  }
}
