/**
 * Scenario "latency": online change-to-visible latency. The integrated desktop file runs as
 * `firmtime desktop FILE` (its own process, the background merge on) beside the cloud
 * (`firmtime serve`). Each edit changes one time entry's description through the desktop's API
 * (signed in as the Admin, session cookie and CSRF token as the web app does) and is timed from
 * just before the PATCH until a GET of the entry on the cloud's API answers the new text
 * (polled every 5 ms). Edits are spaced by a random pause, so they do not keep step with the
 * background merge's 200 ms look at the journal. Figures: p50 and p99 over all edits.
 */
import { setTimeout as sleep } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import type { ScenarioContext } from "./bench-firm.js";
import { checked, signInToDesktop, startOnlineDesktop, type DesktopSession } from "./desktop-session.js";
import type { Figure } from "./harness.js";
import { seededRandom } from "../generate/seeded-random.js";

export const LATENCY_P50_FIGURE = "change-to-visible latency p50 (desktop edit to cloud read)";
export const LATENCY_P99_FIGURE = "change-to-visible latency p99 (desktop edit to cloud read)";

const VISIBLE_WITHIN_MS = 30_000;

/** Entries the Admin may still edit: not approved or later, after the lock date. */
function editableEntries(file: string, count: number): string[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const ids = db
      .prepare(
        `SELECT id FROM time_entry
          WHERE status IN ('draft', 'submitted')
            AND entry_date > coalesce((SELECT lock_date FROM firm), '')
          ORDER BY id LIMIT ?`,
      )
      .pluck()
      .all(count) as string[];
    if (ids.length < count)
      throw new Error(`the bench firm has ${ids.length} editable time entries, not ${count}`);
    return ids;
  } finally {
    db.close();
  }
}

/** Changes an entry's description on the desktop, as the web app does. */
async function patchDescription(session: DesktopSession, id: string, description: string): Promise<void> {
  const response = await fetch(`${session.api}/time-entries/${id}`, {
    method: "PATCH",
    headers: { ...session.headers, "content-type": "application/json" },
    body: JSON.stringify({ description }),
  });
  await (await checked(response, `editing entry ${id} on the desktop`)).arrayBuffer();
}

/** Milliseconds from the start of the edit until the cloud answers the new description. */
async function timeEdit(
  session: DesktopSession,
  cloudEntry: (id: string) => Promise<{ description: string }>,
  id: string,
  description: string,
): Promise<number> {
  const started = process.hrtime.bigint();
  await patchDescription(session, id, description);
  const until = Date.now() + VISIBLE_WITHIN_MS;
  while ((await cloudEntry(id)).description !== description) {
    if (Date.now() > until)
      throw new Error(`entry ${id}'s edit did not reach the cloud in ${VISIBLE_WITHIN_MS} ms`);
    await sleep(5);
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

export async function latencyScenario(context: ScenarioContext): Promise<Figure[]> {
  const { quick, scale, fixture } = context;
  const edits = quick ? 10 : 50;
  const cloud = await fixture.cloud(scale);
  const ids = editableEntries(cloud.desktopFile, edits + 1);
  const cloudEntry = async (id: string) => {
    const response = await fetch(`${cloud.firmUrl}/api/v1/time-entries/${id}`, {
      headers: { authorization: `Bearer ${cloud.token}` },
    });
    return (await (await checked(response, `reading entry ${id} on the cloud`)).json()) as {
      description: string;
    };
  };

  const desktop = await startOnlineDesktop(cloud);
  try {
    const session = await signInToDesktop(desktop, cloud.firm.adminEmail);
    const random = seededRandom(11);
    await timeEdit(session, cloudEntry, ids[0]!, `latency warm-up ${Date.now()}`);
    const latencies: number[] = [];
    for (let i = 1; i <= edits; i++) {
      await sleep(50 + random() * 250);
      latencies.push(await timeEdit(session, cloudEntry, ids[i]!, `latency edit ${i} at ${Date.now()}`));
    }
    latencies.sort((a, b) => a - b);
    const range = { runs: edits, min: latencies[0]!, max: latencies[latencies.length - 1]! };
    const note = `${edits} edits, one entry each; min–max over all edits`;
    return [
      {
        scenario: "latency",
        name: LATENCY_P50_FIGURE,
        unit: "ms",
        median: percentile(latencies, 0.5),
        ...range,
        note,
      },
      {
        scenario: "latency",
        name: LATENCY_P99_FIGURE,
        unit: "ms",
        median: percentile(latencies, 0.99),
        ...range,
        note,
      },
    ];
  } finally {
    await desktop.stop();
  }
}
