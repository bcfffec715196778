/**
 * An interrupted integration (merge.md, "Integration"): the upload went through but the process
 * died before the activation emails and the permissions. Until `firmtime integrate` runs again,
 * status says the integration is unfinished and how to finish it, merging is refused (the CLI's
 * `merge` and the service the background merge runs) and the file cannot be renamed; running
 * it again finishes every step.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCloudFirm } from "../access/firm-bootstrap.js";
import { turnProtectionOn } from "../access/protection-service.js";
import { addClient } from "../firm-setup/client-service.js";
import { createFirm } from "../firm-setup/firm-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { fixedClock } from "../store/clock.js";
import { createFirmFile, openFirmFile, type Store } from "../store/database.js";
import { runCli } from "../test-support/cli.js";
import { inProcessCloud } from "../test-support/merge.js";
import { runFirmtime } from "../test-support/serve-process.js";
import { ENGINES, openTestStore } from "../test-support/stores.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { mergeNow } from "./desktop-merge.js";
import { checkPrerequisites, integrate, type IntegrationCloud } from "./integration-service.js";
import { readSyncState } from "./journal-store.js";

const PASSWORD = "correct horse battery staple";
const ADA = "ada@harbor.test";
const CLOUD_URL = "http://cloud.test/f/harbor";
const clock = fixedClock("2026-06-15T12:00:00Z");
const tmp = mkdtempSync(join(tmpdir(), "firmtime-resume-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(ENGINES)("an interrupted integration with a cloud on %s", (engine) => {
  const file = join(tmp, `${engine}.firm`);
  const env = { FIRMTIME_PASSWORD: PASSWORD, FIRMTIME_CONFIG_DIR: join(tmp, `${engine}-config`) };
  let cloud: Store;
  let desktop: Store;
  let firm: Firm;
  let connection: IntegrationCloud;
  const invited: string[] = [];

  beforeAll(async () => {
    cloud = await openTestStore(engine);
    const { firm: cloudFirm } = await createCloudFirm(cloud.db, clock, {
      name: "Harbor (cloud)",
      slug: "harbor",
      admin: { email: ADA, firstName: "Ada", lastName: "Admin", password: PASSWORD },
    });
    connection = {
      ...inProcessCloud(cloud, cloudFirm.id, ADA, undefined, { firmUrl: CLOUD_URL }),
      inviteStaff: (staffId) => (invited.push(staffId), Promise.resolve("invited" as const)),
    };
    desktop = await createFirmFile(file);
    firm = await createFirm(desktop.db, clock, { name: "Harbor & Pine", currency: "USD" });
    const scope = { firm, clock, actor: "test" };
    await addStaff(desktop.db, scope, { staffNumber: "AA", firstName: "Ada", lastName: "Admin", email: ADA });
    await addStaff(desktop.db, scope, {
      staffNumber: "JD",
      firstName: "Jane",
      lastName: "Doe",
      email: "jane@harbor.test",
    });
    await addClient(desktop.db, scope, { code: "ACME", name: "Acme" });
    await addWorkCode(desktop.db, scope, { code: "TAX", kind: "time", name: "Tax", rate: 1_500_000 });
    await addTimeEntry(desktop.db, scope, {
      staff: "JD",
      client: "ACME",
      workCode: "TAX",
      date: "2026-06-01",
      minutes: 60,
    });
    await turnProtectionOn(desktop.db, clock, { staff: "AA", password: PASSWORD });
    firm = { ...firm, protection: true };

    // The process dies once the upload is done, before the first activation email.
    const { failures, cloudState } = await checkPrerequisites(desktop.db, firm, {
      desktopUser: { email: ADA, password: PASSWORD },
      cloud: connection,
    });
    expect(failures).toEqual([]);
    const killed = { ...connection, inviteStaff: () => Promise.reject(new Error("killed")) };
    await expect(integrate(desktop.db, firm.id, killed, cloudState!, { clock, by: ADA })).rejects.toThrow(
      "killed",
    );
    await desktop.close();
  });
  afterAll(async () => {
    await cloud.close();
  });

  const finish = `firmtime integrate ${file} --cloud ${CLOUD_URL} --as ${ADA}`;

  it("status says the integration is unfinished and the command that finishes it", async () => {
    const result = await runCli(["status", file, "--json", "--as", ADA], env);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({
      state: "Offline",
      integration: "unfinished",
      reason: `the integration with ${CLOUD_URL} is unfinished; run \`${finish}\` to finish it`,
    });
    const text = await runCli(["status", file, "--as", ADA], env);
    expect(text.stdout).toContain(`run \`${finish}\` to finish it`);
  });

  it("`firmtime merge` refuses with the command to run, and the merge service refuses too", async () => {
    const result = await runCli(["merge", file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `firmtime: the integration of this file with ${CLOUD_URL} is unfinished; finish it first: ${finish}\n`,
    );
    desktop = await openFirmFile(file);
    try {
      await expect(mergeNow(desktop.db, firm.id, connection, { clock })).rejects.toMatchObject({
        code: "INTEGRATION_UNFINISHED",
      });
    } finally {
      await desktop.close();
    }
  });

  it("`firmtime desktop` serves the file but does not merge it, and says why", async () => {
    const run = runFirmtime(["desktop", file, "--port", "0"], env);
    try {
      const deadline = Date.now() + 15_000;
      while (!run.console().includes("not merging") && Date.now() < deadline && run.child.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(run.console()).toContain(
        `Desktop file ${file}: working offline, not merging: the integration of this file with ${CLOUD_URL} is unfinished; finish it first: ${finish}.`,
      );
    } finally {
      run.child.kill("SIGTERM");
      expect(await run.exited).toBe(0);
    }
    expect(run.console()).not.toContain("Online");
  });

  it("the file's name is fixed once the upload started", async () => {
    const rename = await runCli(["--file", file, "firm", "edit", "--name", "Another", "--as", ADA], env);
    expect(rename.code).toBe(1);
    expect(rename.stderr).toMatch(/so its name is fixed/);
  });

  it("integrating it with another cloud is refused with the command that finishes this one", async () => {
    desktop = await openFirmFile(file);
    try {
      const other = { ...connection, firmUrl: "http://cloud.test/f/other" };
      const { failures } = await checkPrerequisites(desktop.db, firm, {
        desktopUser: { email: ADA, password: PASSWORD },
        cloud: other,
      });
      expect(failures).toContainEqual({
        problem: `this file's integration with ${CLOUD_URL} is unfinished`,
        fix: `finish it: firmtime integrate FILE --cloud ${CLOUD_URL} --as ${ADA}`,
      });
    } finally {
      await desktop.close();
    }
  });

  it("running the integration again finishes every step, and merging works again", async () => {
    desktop = await openFirmFile(file);
    try {
      const { failures, cloudState } = await checkPrerequisites(desktop.db, firm, {
        desktopUser: { email: ADA, password: PASSWORD },
        cloud: connection,
      });
      expect(failures).toEqual([]);
      const summary = await integrate(desktop.db, firm.id, connection, cloudState!, { clock, by: ADA });
      expect(summary.invited).toBe(2);
      expect(invited).toHaveLength(2);
      expect((await readSyncState(desktop.db, firm.id)).integratedAt).not.toBeNull();
      await mergeNow(desktop.db, firm.id, connection, { clock });
    } finally {
      await desktop.close();
    }
    const status = JSON.parse(
      (await runCli(["status", file, "--json", "--offline", "--as", ADA], env)).stdout,
    ) as {
      integration: string;
    };
    expect(status.integration).toBe("finished");
  });
});
