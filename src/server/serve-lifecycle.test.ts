/**
 * startServer in-process on both engines: background work (the mail deliverer's slot) starts
 * with the server, is woken by notifyMail, and stops after the app and before the store.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFirm } from "../firm-setup/firm-service.js";
import type { JobHandler } from "../jobs/job-runner.js";
import { enqueueJob, findJobByKey } from "../jobs/job-store.js";
import { enqueueMail } from "../mail/enqueue.js";
import { findMailByEventKey, selectOutbox } from "../mail/outbox-store.js";
import { systemClock } from "../store/clock.js";
import type { Engine } from "../store/database.js";
import { newPostgresDatabase } from "../test-support/serve-process.js";
import { ENGINES } from "../test-support/stores.js";
import { loadConfig } from "../config/config.js";
import type { ServerDeps } from "../http/context.js";
import { openCloudStore } from "./cloud-store.js";
import { jobRunnerStarter, startServer, type StartBackground } from "./serve.js";

const tmp = mkdtempSync(join(tmpdir(), "firmtime-lifecycle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const storeIsOpen = (deps: ServerDeps) =>
  deps.store.db
    .selectFrom("firm")
    .select("firm_id")
    .execute()
    .then(
      () => true,
      () => false,
    );

/** A background work that records what happens to it. */
function recorder(events: string[], name: string): StartBackground {
  return (deps) => {
    events.push(`${name} started`);
    return {
      wake: () => events.push(`${name} woken`),
      stop: async () => void events.push(`${name} stopped, store open: ${await storeIsOpen(deps)}`),
    };
  };
}

describe.each(ENGINES)("startServer [%s]", (engine: Engine) => {
  const settings = {} as { dataDir: string; databaseUrl?: string };
  beforeAll(async () => {
    settings.dataDir = join(tmp, engine);
    if (engine === "postgres") settings.databaseUrl = await newPostgresDatabase("ft_lifecycle");
  });
  const start = (
    startBackground: StartBackground[],
    logStream?: Writable,
    print = (_: string) => {},
    env: Record<string, string> = {},
  ) =>
    startServer({
      config: loadConfig({ ...settings, port: 0, logLevel: "info" }, env),
      publicUrlGiven: false,
      demo: false,
      clock: systemClock,
      print,
      logStream,
      startBackground,
    });

  it("runs background work from start to stop, after the app and before the store", async () => {
    const events: string[] = [];
    let log = "";
    const logStream = new Writable({
      write: (chunk: Buffer, _encoding, done) => done(void (log += chunk.toString())),
    });
    const server = await start([recorder(events, "one"), recorder(events, "two")], logStream);
    expect(server.deps.config.publicUrl).toBe(server.url);
    server.deps.notifyMail();
    expect(events).toEqual(["one started", "two started", "one woken", "two woken"]);
    await Promise.all([server.stop(), server.stop()]);
    expect(events.slice(4)).toEqual(["two stopped, store open: true", "one stopped, store open: true"]);
    expect(server.app.server.listening).toBe(false);
    expect(await storeIsOpen(server.deps)).toBe(false);
    expect(log).toContain('"msg":"stopped"');
  });

  it("with --port 0 and no public URL, emailed links carry the port it listens on", async () => {
    let console = "";
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    const server = await start([], quiet, (text) => void (console += text));
    try {
      const token = /"token":"([\w-]+)"/.exec(console)![1]!;
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${server.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
        });
      const admin = { email: "ada@links.test", password: "correct horse battery staple" };
      const setup = await post("/setup", {
        token,
        firmName: "Links & Co",
        slug: "links",
        adminEmail: admin.email,
        adminFirstName: "Ada",
        adminLastName: "Admin",
        password: admin.password,
      });
      expect(setup.status, await setup.clone().text()).toBe(201);
      // A reset (public) and an invitation (signed in): both kinds of emailed link.
      expect((await post("/f/links/api/v1/auth/password-reset", { email: admin.email })).status).toBe(202);
      const login = await post("/f/links/api/v1/auth/login", admin);
      const session = {
        cookie: login.headers.getSetCookie()[0]!.split(";")[0]!,
        "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken,
      };
      const staff = await post(
        "/f/links/api/v1/staff",
        { staffNumber: "JD", firstName: "Jane", lastName: "Doe", email: "jane@links.test" },
        session,
      );
      expect(staff.status, await staff.clone().text()).toBe(201);
      const staffId = ((await staff.json()) as { id: string }).id;
      expect((await post("/f/links/api/v1/users", { staffId }, session)).status).toBe(201);

      const links = (await selectOutbox(server.deps.store.db)).map(
        (mail) => /https?:\/\/\S+token=\S+/.exec(mail.text)![0],
      );
      expect(links).toHaveLength(2);
      for (const link of links) {
        expect(new URL(link).origin).toBe(server.url);
        expect(new URL(link).port).not.toBe("0");
        // The link opens the web app's page on this server.
        const page = await fetch(link);
        expect(page.status).toBe(200);
        expect(page.headers.get("content-type")).toContain("text/html");
      }
    } finally {
      await server.stop();
    }
  });

  it("runs due jobs with the handlers it is given, polling as configured, and stops after the jobs in flight", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached: () => void = () => {};
    const slowStarted = new Promise<void>((resolve) => (reached = resolve));
    const notify: JobHandler = async (tx, job, { clock }) => {
      if (job.key === "slow") {
        reached();
        await gate;
      }
      await enqueueMail(tx, clock, {
        firmId: job.firmId,
        eventKey: `job:${job.key}`,
        to: "ops@jobs.test",
        subject: `job ${job.key}`,
        text: "done",
      });
    };
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    const server = await start([jobRunnerStarter(() => ({ notify }))], quiet, undefined, {
      FIRMTIME_JOB_POLL_MS: "100",
    });
    const { db } = server.deps.store;
    const firm = await createFirm(db, systemClock, { name: "Jobs & Co" });
    const state = async (key: string) => (await findJobByKey(db, firm.id, key))?.status;
    await enqueueJob(db, systemClock, { firmId: firm.id, kind: "notify", key: "quick", payload: {} });
    await expect.poll(() => state("quick"), { timeout: 5_000 }).toBe("done");
    expect(await findMailByEventKey(db, "job:quick")).toBeDefined();

    await enqueueJob(db, systemClock, { firmId: firm.id, kind: "notify", key: "slow", payload: {} });
    // (No query while it runs: on SQLite the job's transaction holds the one connection.)
    await slowStarted;
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;
    // The job finished before the store closed.
    const reopened = await openCloudStore(settings);
    try {
      expect((await findJobByKey(reopened.db, firm.id, "slow"))?.status).toBe("done");
      expect(await findMailByEventKey(reopened.db, "job:slow")).toBeDefined();
    } finally {
      await reopened.close();
    }
  });

  it("when a background start fails, stops those started and the app, closes the store, and fails", async () => {
    const events: string[] = [];
    const failing: StartBackground = () => {
      throw new Error("cannot start");
    };
    await expect(start([recorder(events, "one"), failing])).rejects.toThrow("cannot start");
    expect(events).toEqual(["one started", "one stopped, store open: true"]);
  });
});
