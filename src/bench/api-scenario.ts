/**
 * Scenario "api": the cloud's time-entry API under 50 concurrent connections (closed-loop.ts, in
 * the bench process; the cloud is a `firmtime serve` process on SQLite holding the integrated
 * firm, then another on PostgreSQL, its figures named so, beside them; the targets are read on
 * SQLite's). Three loads, each for a fixed time, as the Admin with an API token (bearer, no CSRF):
 * - create: POST /time-entries, every request a new valid entry (staff, client, work code,
 *   date and minutes varied);
 * - list: GET /time-entries for one month, a page of 100 among the first five, sorted by date;
 * - get: GET /time-entries/:id of entries of that month the cloud holds.
 * Before each load the same load warms the server and its caches, the bench waits until the
 * server has worked off what that left queued, and the 50 connections are opened and warmed
 * before the clock starts, so the figures are the server's, not the connections' ramp.
 * Figures per load: requests per second, p50, p99 and max latency, and errors (any error fails
 * the scenario, quoting the first); and one request at a time, the time per request.
 */
import BetterSqlite3 from "better-sqlite3";
import type { CloudEngine, ScenarioContext } from "./bench-firm.js";
import { closedLoop, sequential, waitUntilIdle, type LoadFigures, type LoadRequest } from "./closed-loop.js";
import { measure, type Figure } from "./harness.js";
import { busiestPeriod } from "./report-floor.js";
import { seededRandom } from "../generate/seeded-random.js";

export const API_CONNECTIONS = 50;
export type ApiLoad = "create" | "list" | "get";
/** The targets are read on the SQLite cloud's figures (their names carry no engine). */
const onEngine = (engine: CloudEngine) => (engine === "SQLite" ? "" : `, ${engine} cloud`);
export const apiFigureName = (
  load: ApiLoad,
  what: "requests/s" | "p50" | "p99" | "max",
  engine: CloudEngine = "SQLite",
) =>
  `time-entry ${load}, ${API_CONNECTIONS} connections${onEngine(engine)}: ${what === "requests/s" ? "requests per second" : `${what} latency`}`;
export const apiSequentialName = (load: ApiLoad, engine: CloudEngine = "SQLite") =>
  `time-entry ${load}, one at a time${onEngine(engine)}: median latency`;

/** What the generated firm lets a new entry reference, read from the integrated file. */
/** Ids of entries the cloud holds: the first five pages of the month the list load reads. */
async function cloudEntryIds(
  origin: string,
  base: string,
  headers: Record<string, string>,
  month: EntryParties["month"],
) {
  const ids: string[] = [];
  for (let page = 0; page < 5; page++) {
    const answer = await fetch(
      `${origin}${base}?from=${month.from}&to=${month.to}&limit=100&offset=${page * 100}`,
      {
        headers,
      },
    );
    if (!answer.ok) throw new Error(`listing entries for the get load: HTTP ${answer.status}`);
    ids.push(...((await answer.json()) as { items: { id: string }[] }).items.map((entry) => entry.id));
  }
  if (ids.length === 0) throw new Error("the cloud holds no entries in the list load's month");
  return ids;
}

export interface EntryParties {
  staffIds: string[];
  clientIds: string[];
  workCodeIds: string[];
  /** Days a new entry may fall on: after the lock date. */
  dates: string[];
  /** The month the list loads page through. */
  month: { from: string; to: string };
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function readParties(file: string): EntryParties {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const ids = (sql: string) => db.prepare(sql).pluck().all() as string[];
    const staffIds = ids("SELECT id FROM staff WHERE status = 'active' ORDER BY staff_number");
    const clientIds = ids("SELECT id FROM client WHERE status = 'active' ORDER BY code");
    const workCodeIds = ids("SELECT id FROM work_code WHERE kind = 'time' AND active = 1 ORDER BY code");
    if (!staffIds.length || !clientIds.length || !workCodeIds.length)
      throw new Error("the bench firm has no active staff, client or time work code to record time on");
    const lockDate = db.prepare("SELECT lock_date FROM firm").pluck().get() as string | null;
    const lastDate = db.prepare("SELECT max(entry_date) FROM time_entry").pluck().get() as string;
    const monthStart = `${lastDate.slice(0, 7)}-01`;
    const first = lockDate && lockDate >= monthStart ? addDays(lockDate, 1) : monthStart;
    const dates = Array.from({ length: 28 }, (_, i) => addDays(first, i));
    const { month } = busiestPeriod(db);
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
    return {
      staffIds,
      clientIds,
      workCodeIds,
      dates,
      month: { from: `${month}-01`, to: last.toISOString().slice(0, 10) },
    };
  } finally {
    db.close();
  }
}

/** A load's runs, each failing the scenario on any error, quoting the first. */
async function runLoad(name: string, run: () => Promise<LoadFigures>): Promise<LoadFigures> {
  const figures = await run();
  if (figures.errors > 0)
    throw new Error(
      `${name}: ${figures.errors} errors of ${figures.requests}; first: ${figures.firstError ?? "none"}`,
    );
  return figures;
}

/** Median, min and max over the runs of each of a load's figures. */
async function loadFigures(
  load: ApiLoad,
  engine: CloudEngine,
  results: LoadFigures[],
  single: LoadFigures,
  note: string,
): Promise<Figure[]> {
  const total = results.reduce((sum, result) => sum + result.requests, 0);
  const figure = async (
    what: "requests/s" | "p50" | "p99" | "max",
    unit: string,
    pick: (r: LoadFigures) => number,
  ) => ({
    scenario: "api",
    name: apiFigureName(load, what, engine),
    unit,
    ...(await measure(results.length, (i) => pick(results[i]!))),
    note: `${note}; ${total} requests in all, 0 errors`,
  });
  return [
    await figure("requests/s", "req/s", (r) => r.requestsPerSecond),
    await figure("p50", "ms", (r) => r.p50),
    await figure("p99", "ms", (r) => r.p99),
    await figure("max", "ms", (r) => r.max),
    {
      scenario: "api",
      name: apiSequentialName(load, engine),
      unit: "ms",
      runs: 1,
      median: single.p50,
      min: single.p50,
      max: single.p50,
      note: `${single.requests} requests over one warmed connection; p99 ${single.p99.toFixed(2)} ms`,
    },
  ];
}

/** The loads on the SQLite cloud (the targets' figures), then the same on a PostgreSQL cloud. */
export async function apiScenario(context: ScenarioContext): Promise<Figure[]> {
  return [...(await apiLoads(context, "SQLite")), ...(await apiLoads(context, "PostgreSQL"))];
}

async function apiLoads(context: ScenarioContext, engine: CloudEngine): Promise<Figure[]> {
  const { quick, scale, fixture } = context;
  const cloud = await fixture.cloud(scale, engine);
  const parties = readParties(cloud.desktopFile);
  const firmUrl = new URL(cloud.firmUrl);
  const origin = firmUrl.origin;
  const base = `${firmUrl.pathname.replace(/\/+$/, "")}/api/v1/time-entries`;
  const auth = { authorization: `Bearer ${cloud.token}` };
  const durationMs = (quick ? 3 : 10) * 1000;
  const runs = quick ? 1 : 3;
  const sequentialRequests = quick ? 100 : 500;
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const entryIds = await cloudEntryIds(origin, base, auth, parties.month);
  const createRequest = (): LoadRequest => ({
    method: "POST",
    path: base,
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({
      staffId: pick(parties.staffIds),
      clientId: pick(parties.clientIds),
      workCodeId: pick(parties.workCodeIds),
      date: pick(parties.dates),
      minutes: 6 * (1 + Math.floor(random() * 40)),
      description: "Bench: reviewed working papers",
    }),
  });
  const listRequest = (): LoadRequest => ({
    method: "GET",
    path: `${base}?from=${parties.month.from}&to=${parties.month.to}&limit=100&offset=${100 * Math.floor(random() * 5)}`,
    headers: auth,
  });
  const getRequest = (): LoadRequest => ({ method: "GET", path: `${base}/${pick(entryIds)}`, headers: auth });

  const measureLoad = async (load: ApiLoad, next: () => LoadRequest, note: string): Promise<Figure[]> => {
    // The measured load itself warms the server (JIT, SQLite's page cache), then the queue drains.
    await runLoad(`${load} warm-up (${engine} cloud)`, () =>
      closedLoop(origin, next, {
        connections: API_CONNECTIONS,
        durationMs: quick ? 1000 : 3000,
        warmRequests: 1,
      }),
    );
    const results: LoadFigures[] = [];
    for (let run = 0; run < runs; run++) {
      await waitUntilIdle(origin);
      results.push(
        await runLoad(`time-entry ${load} (${engine} cloud)`, () =>
          closedLoop(origin, next, { connections: API_CONNECTIONS, durationMs, warmRequests: 3 }),
        ),
      );
    }
    await waitUntilIdle(origin);
    const single = await runLoad(`time-entry ${load}, one at a time (${engine} cloud)`, () =>
      sequential(origin, next, sequentialRequests),
    );
    return loadFigures(load, engine, results, single, note);
  };

  const figures = [
    ...(await measureLoad(
      "create",
      createRequest,
      `${durationMs / 1000} s per run, a new entry per request`,
    )),
    ...(await measureLoad(
      "list",
      listRequest,
      `${durationMs / 1000} s per run, ${parties.month.from.slice(0, 7)}, pages of 100 among the first five`,
    )),
  ];
  figures.push(...(await measureLoad("get", getRequest, `${durationMs / 1000} s per run, entries by id`)));
  return figures;
}
