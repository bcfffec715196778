/**
 * Scenario "api": the cloud's time-entry API under 50 concurrent connections (autocannon, in
 * the bench process; the cloud is a `firmtime serve` process on SQLite holding the integrated
 * firm). Two loads, each for a fixed time:
 * - create: POST /time-entries, every request a new valid entry (staff, client, work code,
 *   date and minutes varied), as the Admin with an API token (bearer, so no CSRF);
 * - list: GET /time-entries for one month, a page of 100 among the first five, sorted by date
 *   (each answer carries the month's total count).
 * Figures per load: requests per second, p50 and p99 latency. Any answer other than 2xx fails
 * the scenario, quoting the first one.
 */
import autocannon from "autocannon";
import BetterSqlite3 from "better-sqlite3";
import type { ScenarioContext } from "./bench-firm.js";
import { measure, type Figure } from "./harness.js";
import { busiestPeriod } from "./report-floor.js";
import { seededRandom } from "../generate/seeded-random.js";

export const API_CONNECTIONS = 50;
export const apiFigureName = (load: "create" | "list", what: "requests/s" | "p50" | "p99") =>
  `time-entry ${load}, ${API_CONNECTIONS} connections: ${what === "requests/s" ? "requests per second" : `${what} latency`}`;

/** What the generated firm lets a new entry reference, read from the integrated file. */
interface EntryParties {
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

function readParties(file: string): EntryParties {
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

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
}

async function runLoad(
  name: string,
  options: Omit<autocannon.Options, "connections" | "duration"> & { duration: number },
): Promise<LoadResult> {
  let firstFailure: string | undefined;
  const result = await autocannon({
    ...options,
    connections: API_CONNECTIONS,
    requests: (options.requests ?? [{}]).map((request) => ({
      ...request,
      onResponse: (status: number, body: string) => {
        if ((status < 200 || status > 299) && firstFailure === undefined)
          firstFailure = `HTTP ${status}: ${body.slice(0, 500)}`;
      },
    })),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${name}: ${result.non2xx} answers other than 2xx and ${result.errors} connection errors ` +
        `(${result.timeouts} timeouts) of ${result.requests.total}; first: ${firstFailure ?? "none"}`,
    );
  }
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}

/** Median, min and max over the runs of each of a load's three figures. */
async function loadFigures(
  load: "create" | "list",
  runs: number,
  run: () => Promise<LoadResult>,
  note: string,
): Promise<Figure[]> {
  const results: LoadResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await run());
  const total = results.reduce((sum, result) => sum + result.requests, 0);
  const figure = async (
    what: "requests/s" | "p50" | "p99",
    unit: string,
    pick: (r: LoadResult) => number,
  ) => ({
    scenario: "api",
    name: apiFigureName(load, what),
    unit,
    ...(await measure(runs, (i) => pick(results[i]!))),
    note: `${note}; ${total} requests in all`,
  });
  return [
    await figure("requests/s", "req/s", (r) => r.requestsPerSecond),
    await figure("p50", "ms", (r) => r.p50),
    await figure("p99", "ms", (r) => r.p99),
  ];
}

export async function apiScenario(context: ScenarioContext): Promise<Figure[]> {
  const { quick, scale, fixture } = context;
  const cloud = await fixture.cloud(scale);
  const parties = readParties(cloud.desktopFile);
  const url = `${cloud.firmUrl}/api/v1/time-entries`;
  const headers = { authorization: `Bearer ${cloud.token}`, "content-type": "application/json" };
  const duration = quick ? 3 : 10;
  const runs = quick ? 1 : 3;
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const create = () =>
    runLoad("time-entry create", {
      url,
      duration,
      method: "POST",
      headers,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({
              staffId: pick(parties.staffIds),
              clientId: pick(parties.clientIds),
              workCodeId: pick(parties.workCodeIds),
              date: pick(parties.dates),
              minutes: 6 * (1 + Math.floor(random() * 40)),
              description: "Bench: reviewed working papers",
            }),
          }),
        },
      ],
    });
  const list = () =>
    runLoad("time-entry list", {
      url,
      duration,
      method: "GET",
      headers: { authorization: headers.authorization },
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path: `${new URL(url).pathname}?from=${parties.month.from}&to=${parties.month.to}&limit=100&offset=${100 * Math.floor(random() * 5)}`,
          }),
        },
      ],
    });

  // JIT and caches, on both sides.
  const warmUp = { url, duration: quick ? 1 : 2, headers: { authorization: headers.authorization } };
  await runLoad("warm-up", warmUp);
  return [
    ...(await loadFigures("create", runs, create, `${duration} s per run, a new entry per request`)),
    ...(await loadFigures(
      "list",
      runs,
      list,
      `${duration} s per run, ${parties.month.from.slice(0, 7)}, pages of 100 among the first five`,
    )),
  ];
}
