/**
 * Crashes (merge.md, invariants 2 and 3): 30 `kill -9`s at random moments, of the desktop
 * process and of the cloud server, during an integration upload and during merges. Each killed
 * run is simply started again. At the end the desktop file and the cloud hold the same entries,
 * none lost, none twice, with the same minutes, and SQLite's integrity check passes on both files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { turnProtectionOn } from "../access/protection-service.js";
import { addClient } from "../firm-setup/client-service.js";
import { createFirm } from "../firm-setup/firm-service.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { CLOUD_DATABASE_FILE } from "../server/cloud-store.js";
import { systemClock } from "../store/clock.js";
import { createFirmFile, openFirmFile, openSqliteStore } from "../store/database.js";
import {
  addTimeEntries,
  addTimeEntry,
  deleteTimeEntry,
  editTimeEntry,
} from "../time-expense/time-entry-service.js";
import { runCli } from "../test-support/cli.js";
import { countFromEnv } from "../test-support/env-count.js";
import { freePort } from "../test-support/global-setup.js";
import { runFirmtime, startServe, type ServeProcess } from "../test-support/serve-process.js";

const PASSWORD = "correct horse battery staple";
/** MERGE_KILLS: fewer on .ci/run's Node.js 24 pass (the same processes and files, another Node.js). */
const KILLS = countFromEnv("MERGE_KILLS") ?? 30;
const ENTRIES = 6_000;
const tmp = mkdtempSync(join(tmpdir(), "firmtime-kill-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small deterministic random source, so a failure can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return (n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

describe("kill -9 during integration and merges", () => {
  it(`loses and duplicates nothing over ${KILLS} kills`, { timeout: 240_000 }, async () => {
    const seed = Number(process.env.MERGE_KILL_SEED ?? Date.now() % 100_000);
    const pick = random(seed);
    const file = join(tmp, "desk.firm");
    const cloudDir = join(tmp, "cloud");
    const env = { FIRMTIME_CONFIG_DIR: join(tmp, "config"), FIRMTIME_PASSWORD: PASSWORD };
    const port = String(await freePort());
    const cloudArgs = ["--data", cloudDir, "--port", port];
    const firmUrl = `http://127.0.0.1:${port}/f/harbor`;

    expect(
      (
        await runCli([
          "firm",
          "create",
          "--data",
          cloudDir,
          "--name",
          "Harbor",
          "--slug",
          "harbor",
          "--admin-email",
          "ada@harbor.test",
          "--admin-first",
          "Ada",
          "--admin-last",
          "Admin",
          "--admin-password",
          PASSWORD,
        ])
      ).code,
    ).toBe(0);
    let cloud: ServeProcess = await startServe(cloudArgs);

    // The desktop file: 6,000 entries (enough that a kill lands mid-upload: one takes about a second) to upload.
    const expected = new Map<string, number>(); // entry id -> minutes
    {
      const store = await createFirmFile(file);
      const firm = await createFirm(store.db, systemClock, { name: "Harbor & Pine", currency: "USD" });
      const scope = { firm, clock: systemClock, actor: "test" };
      await addStaff(store.db, scope, {
        staffNumber: "AA",
        firstName: "Ada",
        lastName: "Admin",
        email: "ada@harbor.test",
      });
      await addClient(store.db, scope, { code: "ACME", name: "Acme" });
      await addWorkCode(store.db, scope, { code: "TAX", kind: "time", name: "Tax", rate: 1_500_000 });
      const entries = await addTimeEntries(
        store.db,
        scope,
        Array.from({ length: ENTRIES }, (_, i) => ({
          staff: "AA",
          client: "ACME",
          workCode: "TAX",
          date: `2026-0${1 + (i % 9)}-1${i % 10}`,
          minutes: 6 * (1 + (i % 40)),
        })),
      );
      for (const entry of entries) expected.set(entry.id, entry.minutes);
      await turnProtectionOn(store.db, systemClock, { staff: "AA", password: PASSWORD });
      await store.close();
    }

    let kills = 0;
    const killSomething = async (run: ReturnType<typeof runFirmtime>, within = 900) => {
      await new Promise((resolve) => setTimeout(resolve, 150 + pick(within)));
      if (pick(2) === 0) {
        if (run.child.exitCode === null && run.child.kill("SIGKILL")) kills++;
      } else if (cloud.child.exitCode === null) {
        cloud.child.kill("SIGKILL");
        kills++;
        await cloud.exited;
        await run.exited; // the desktop run fails (cloud gone) or had finished
        cloud = await startServe(cloudArgs);
      }
      return run.exited;
    };

    // Integration, killed and resumed until it completes.
    let integrationRuns = 0;
    for (let done = false; !done; integrationRuns++) {
      const run = runFirmtime(["integrate", file, "--cloud", firmUrl, "--as", "ada@harbor.test"], env);
      // Within the upload: the process takes about a second to start and upload.
      const code = kills < KILLS / 2 ? await killSomething(run, 600) : await run.exited;
      done = code === 0 || /already integrated/.test(run.console());
    }

    // Merges with changes on both sides, killed until the kills are spent.
    let round = 0;
    while (kills < KILLS) {
      round++;
      const desk = await openFirmFile(file);
      const firm = await findOnlyFirm(desk.db);
      const scope = { firm, clock: systemClock, actor: "test" };
      // Edit and delete only what the desktop already has: a cloud entry whose merge was
      // killed is expected, but reaches the desktop only at the next merge.
      const onDesk = new Set(
        (await desk.db.selectFrom("time_entry").select("id").execute()).map((row) => row.id),
      );
      const ids = [...expected.keys()].filter((id) => onDesk.has(id));
      const edited = ids[pick(ids.length)]!;
      expected.set(
        edited,
        (await editTimeEntry(desk.db, scope, edited, { minutes: 6 * (1 + pick(40)) })).minutes,
      );
      const gone = ids[pick(ids.length)]!;
      if (gone !== edited) {
        await deleteTimeEntry(desk.db, scope, gone);
        expected.delete(gone);
      }
      const made = await addTimeEntry(desk.db, scope, {
        staff: "AA",
        client: "ACME",
        workCode: "TAX",
        date: "2026-10-01",
        minutes: 60,
      });
      expected.set(made.id, made.minutes);
      await desk.close();
      // The cloud's own change, written while the server runs (another connection on its file).
      const onCloud = await openSqliteStore(join(cloudDir, CLOUD_DATABASE_FILE));
      const cloudFirm = await findOnlyFirm(onCloud.db);
      const fromCloud = await addTimeEntry(
        onCloud.db,
        { firm: cloudFirm, clock: systemClock, actor: "cloud" },
        {
          staff: "AA",
          client: "ACME",
          workCode: "TAX",
          date: "2026-10-02",
          minutes: 30,
          description: `round ${round}`,
        },
      );
      expected.set(fromCloud.id, fromCloud.minutes);
      await onCloud.close();
      await killSomething(runFirmtime(["merge", file], env));
    }
    // Healed: merge until a run succeeds.
    for (let attempt = 0; ; attempt++) {
      const run = runFirmtime(["merge", file], env);
      if ((await run.exited) === 0) break;
      expect(attempt, run.console()).toBeLessThan(5);
    }
    await cloud.stop();

    const entriesOf = (path: string) => {
      const db = new BetterSqlite3(path, { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        return new Map(
          (db.prepare("SELECT id, minutes FROM time_entry").all() as { id: string; minutes: number }[]).map(
            (r) => [r.id, r.minutes],
          ),
        );
      } finally {
        db.close();
      }
    };
    const onDesktop = entriesOf(file);
    const onTheCloud = entriesOf(join(cloudDir, CLOUD_DATABASE_FILE));
    expect(kills, `seed ${seed}`).toBeGreaterThanOrEqual(KILLS);
    expect(integrationRuns, "integration was interrupted and resumed").toBeGreaterThan(1);
    expect(new Map([...onDesktop].sort()), `seed ${seed}`).toEqual(new Map([...expected].sort()));
    expect(new Map([...onTheCloud].sort()), `seed ${seed}`).toEqual(new Map([...expected].sort()));
  });
});
