/**
 * `firmtime serve` as an operator runs it: a real process (node bin/firmtime.js) on a free
 * loopback port, reached with fetch. First run, the setup token, the log, signals, bad settings,
 * PostgreSQL, and the demo firm.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFirm } from "../firm-setup/firm-service.js";
import { enqueueJob, findJobByKey } from "../jobs/job-store.js";
import { systemClock } from "../store/clock.js";
import { openSqliteStore } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import {
  logLines,
  newPostgresDatabase,
  runFirmtime,
  startServe,
  type ServeProcess,
} from "../test-support/serve-process.js";

const tmp = mkdtempSync(join(tmpdir(), "firmtime-serve-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PASSWORD = "correct horse battery staple";
const SETUP = {
  firmName: "Smith & Co CPAs",
  slug: "smith",
  currency: "USD",
  adminEmail: "ada@smith.test",
  adminFirstName: "Ada",
  adminLastName: "Admin",
  password: PASSWORD,
};

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

function setupToken(console: string): string {
  const match = /"token":"([\w-]+)"/.exec(console);
  if (!match) throw new Error(`no setup token in:\n${console}`);
  return match[1]!;
}

interface Session {
  cookie: string;
  csrfToken: string;
}

async function signIn(firmUrl: string, email: string, password: string): Promise<Session> {
  const response = await postJson(`${firmUrl}/api/v1/auth/login`, { email, password });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-firmtime-session="));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: cookie!.split(";")[0]!, csrfToken };
}

async function clientTotal(firmUrl: string, session: Session): Promise<number> {
  const response = await fetch(`${firmUrl}/api/v1/clients`, { headers: { cookie: session.cookie } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The log has a request id on every request line and none of the secrets the test used. */
function expectCleanLog(log: string, secrets: string[]): void {
  const requests = logLines(log).filter((line) => line.msg === "incoming request");
  expect(requests.length).toBeGreaterThan(0);
  for (const line of logLines(log).filter((l) => l.req || l.res))
    expect(line.reqId, JSON.stringify(line)).toMatch(/^[0-9a-f-]{36}$/);
  for (const secret of secrets) expect(log).not.toContain(secret);
}

describe("firmtime serve on the embedded SQLite default, first run", () => {
  const dataDir = join(tmp, "first-run", "data");
  let server: ServeProcess;
  let token: string;
  beforeAll(async () => {
    server = await startServe(["--port", "0", "--data", dataDir]);
    token = setupToken(server.console());
  });

  it("creates the data folder and answers /healthz", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(join(dataDir, "firmtime.db"))).toBe(true);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
  });

  it("prints how to create the first firm: the setup curl command and firmtime firm create", () => {
    const text = server.console();
    expect(text).toContain("This server has no firm yet");
    expect(text).toContain(`curl -X POST ${server.url}/setup -H 'content-type: application/json'`);
    // On --port 0 firm create cannot guess the address: the command carries it.
    expect(text).toContain(
      `npx firmtime firm create --data '${dataDir}' --public-url '${server.url}' --name "Smith & Co CPAs" --slug smith`,
    );
    expect(text).toContain("--admin-email ada@smith.example --admin-first Ada --admin-last Lovelace");
    expect(text).toContain(
      "The Admin is also a staff member, numbered by their initials (AL for Ada Lovelace)",
    );
    expect(text).toMatch(/--admin-email .* --admin-first .* --admin-last /s);
    expect(token.length).toBeGreaterThanOrEqual(43);
  });

  it("refuses a wrong token and bad input, then creates the firm once with the right token", async () => {
    const wrong = await postJson(`${server.url}/setup`, { ...SETUP, token: "not-the-token" });
    expect(wrong.status).toBe(410);
    expect(wrong.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const weak = await postJson(`${server.url}/setup`, { ...SETUP, token, password: "short" });
    expect(weak.status).toBe(400);
    const created = await postJson(`${server.url}/setup`, { ...SETUP, token });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      firm: { name: "Smith & Co CPAs", slug: "smith", currency: "USD" },
      admin: { email: "ada@smith.test", staffNumber: "AA" },
      url: `${server.url}/f/smith`,
    });
    expect(server.console()).toContain(
      `First firm created: ${server.url}/f/smith, with its Admin ada@smith.test (staff member AA)`,
    );
  });

  it("refuses the token a second time, even for another firm", async () => {
    for (const slug of ["smith", "jones"]) {
      const again = await postJson(`${server.url}/setup`, { ...SETUP, slug, token });
      expect(again.status).toBe(410);
      expect(await again.json()).toMatchObject({ code: "LINK_INVALID" });
    }
  });

  it("lets the new Admin sign in over HTTP", async () => {
    const session = await signIn(`${server.url}/f/smith`, SETUP.adminEmail, PASSWORD);
    const me = await fetch(`${server.url}/f/smith/api/v1/auth/me`, { headers: { cookie: session.cookie } });
    expect(await me.json()).toMatchObject({ email: "ada@smith.test", firm: { slug: "smith" } });
    // Secrets in places a log might pick them up: a bearer header, a token in the query.
    await fetch(`${server.url}/healthz?token=query-secret-123`, {
      headers: { authorization: "Bearer ftk_header-secret-456" },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectCleanLog(server.log(), [
      PASSWORD,
      token,
      session.cookie.split("=")[1]!,
      session.csrfToken,
      "query-secret-123",
      "header-secret-456",
    ]);
    expect(server.log()).toContain("/healthz?token=[redacted]");
  });

  it("refuses a second server on the same port with one line", async () => {
    const port = new URL(server.url).port;
    const second = runFirmtime(["serve", "--port", port, "--data", join(tmp, "second")]);
    expect(await second.exited).toBe(1);
    expect(second.console()).toMatch(/^firmtime: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)\n$/);
  });

  it("on SIGTERM finishes the request in flight, then exits 0 and closes the port", async () => {
    const logins = () =>
      logLines(server.log()).filter((l) => JSON.stringify(l.req ?? "").includes("/auth/login"));
    const before = logins().length;
    const inFlight = postJson(`${server.url}/f/smith/api/v1/auth/login`, {
      email: SETUP.adminEmail,
      password: PASSWORD,
    });
    await until(() => logins().length > before);
    const stopping = Date.now();
    const exited = server.stop("SIGTERM");
    expect((await inFlight).status).toBe(200);
    expect(await exited).toBe(0);
    // Well within the grace period: the finished keep-alive connection did not hold it open.
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(server.console()).toContain("firmtime stopped.");
    expect(logLines(server.log()).map((line) => line.msg)).toContain("stopped");
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it("after a restart offers no setup, lists the firm, and stops on SIGINT too", async () => {
    const again = await startServe(["--port", "0", "--data", dataDir]);
    expect(again.console()).not.toContain("no firm yet");
    expect(again.console()).toContain(`${again.url}/f/smith  Smith & Co CPAs`);
    const refused = await postJson(`${again.url}/setup`, { ...SETUP, slug: "jones", token });
    expect(refused.status).toBe(410);
    expect(await again.stop("SIGINT")).toBe(0);
  });

  it("on SIGTERM answers a desktop's long poll at once instead of holding the stop for its wait", async () => {
    const again = await startServe(["--port", "0", "--data", dataDir]);
    const firmUrl = `${again.url}/f/smith`;
    const admin = await signIn(firmUrl, SETUP.adminEmail, PASSWORD);
    const state = await fetch(`${firmUrl}/api/v1/sync/state`, { headers: { cookie: admin.cookie } });
    const { head } = (await state.json()) as { head: number };
    const query = `schema=${SCHEMA_VERSION}&replica=test-desktop&after=${head}&wait=30`;
    const polling = fetch(`${firmUrl}/api/v1/sync/pull?${query}`, { headers: { cookie: admin.cookie } });
    const polls = () =>
      logLines(again.log()).filter((l) => JSON.stringify(l.req ?? "").includes("/sync/pull"));
    await until(() => polls().length > 0);
    const stopping = Date.now();
    const exited = again.stop("SIGTERM");
    const answer = await polling;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ changes: [], next: head, more: false });
    expect(await exited).toBe(0);
    // Not the poll's 30 s, nor the 10 s grace period after which connections are cut.
    expect(Date.now() - stopping).toBeLessThan(3_000);
    expect(logLines(again.log()).filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});

describe("firmtime serve runs the job table", () => {
  it("runs due jobs as FIRMTIME_JOB_POLL_MS says, failing a kind nothing handles, saying so", async () => {
    const dataDir = join(tmp, "jobs");
    mkdirSync(dataDir, { recursive: true });
    const store = await openSqliteStore(join(dataDir, "firmtime.db"));
    const firm = await createFirm(store.db, systemClock, { name: "Jobs & Co" });
    const server = await startServe(["--port", "0", "--data", dataDir], { FIRMTIME_JOB_POLL_MS: "100" });
    try {
      await expect
        .poll(() => logLines(server.log()))
        .toContainEqual(
          expect.objectContaining({
            msg: "job runner started",
            component: "jobs",
            pollMs: 100,
            leaseMs: 300_000,
          }),
        );
      // Queued while it runs: found by its poll.
      await enqueueJob(store.db, systemClock, {
        firmId: firm.id,
        kind: "nobody-runs-this",
        key: "k1",
        payload: {},
      });
      await expect
        .poll(async () => (await findJobByKey(store.db, firm.id, "k1"))?.status, { timeout: 5_000 })
        .toBe("failed");
      expect((await findJobByKey(store.db, firm.id, "k1"))?.lastError).toBe(
        'no handler for job kind "nobody-runs-this"',
      );
      await expect
        .poll(() => logLines(server.log()).map((line) => line.msg))
        .toContain("job failed for good; no more attempts");
    } finally {
      await store.close();
      expect(await server.stop()).toBe(0);
    }
  });
});

describe("firmtime serve with a wrong setting", () => {
  it.each([
    [["--port", "70000"], /^firmtime: --port "70000": must be a whole number from 0 to 65535/],
    [["--port", "abc"], /^firmtime: --port "abc": must be a whole number from 0 to 65535/],
    [["--host", "999.1.1.1"], /^firmtime: --host "999.1.1.1": is not an IP address or a host name$/],
    [["--database", "foo://db"], /^firmtime: --database: must be a postgres:\/\/ URL$/],
    [["--log-level", "loud"], /^firmtime: --log-level "loud": /],
    [["--public-url", "not a url"], /^firmtime: --public-url "not a url": is not a URL/],
  ])("%j: one line, exit 1, nothing started", async (args, message) => {
    const dataDir = join(tmp, `bad-${args[0]!.slice(2)}`);
    const run = runFirmtime(["serve", "--data", dataDir, ...args]);
    expect(await run.exited).toBe(1);
    const lines = run.console().split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.log()).toBe("");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("names an unreachable database in one line, without its password", async () => {
    const run = runFirmtime(["serve", "--database", "postgres://firm:hunter2-secret@127.0.0.1:1/firmtime"]);
    expect(await run.exited).toBe(1);
    const text = run.console();
    expect(text).toMatch(
      /^firmtime: cannot open the store \(PostgreSQL postgres:\/\/firm:\*\*\*@127\.0\.0\.1:1\/firmtime\): .*\n$/,
    );
    expect(text).not.toContain("hunter2");
  });

  it("takes its settings from FIRMTIME_* variables too", async () => {
    const run = runFirmtime(["serve"], { FIRMTIME_PORT: "abc", FIRMTIME_DATA_DIR: join(tmp, "env") });
    expect(await run.exited).toBe(1);
    expect(run.console()).toMatch(/^firmtime: FIRMTIME_PORT="abc": must be a whole number from 0 to 65535/);
    const host = runFirmtime(["serve"], { FIRMTIME_HOST: "999.1.1.1", FIRMTIME_DATA_DIR: join(tmp, "env") });
    expect(await host.exited).toBe(1);
    expect(host.console()).toBe('firmtime: FIRMTIME_HOST="999.1.1.1": is not an IP address or a host name\n');
  });
});

describe("firmtime serve on PostgreSQL (--database)", () => {
  it("serves, creates the first firm with the setup token, and stops cleanly", async () => {
    const databaseUrl = await newPostgresDatabase("ft_serve");
    const dbPassword = new URL(databaseUrl).password;
    const server = await startServe(["--port", "0", "--database", databaseUrl]);
    expect(server.console()).toContain("(PostgreSQL postgres://postgres:***@");
    expect(server.console()).toContain("npx firmtime firm create --database 'postgres://postgres:***@");
    expect(server.console() + server.log()).not.toContain(dbPassword);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const token = setupToken(server.console());
    expect((await postJson(`${server.url}/setup`, { ...SETUP, token })).status).toBe(201);
    expect((await postJson(`${server.url}/setup`, { ...SETUP, token })).status).toBe(410);
    await signIn(`${server.url}/f/smith`, SETUP.adminEmail, PASSWORD);
    expect(await server.stop()).toBe(0);
  });
});

describe("firmtime serve --demo", () => {
  const dataDir = join(tmp, "demo");

  it("seeds the demo firm, whose users sign in over HTTP with the printed password", async () => {
    const server = await startServe(["--port", "0", "--data", dataDir, "--demo"]);
    const text = server.console();
    const password = /with the password (\S+)/.exec(text)![1]!;
    expect(text).toContain(`Demo firm "Harbor & Pine CPAs" created at ${server.url}/f/demo`);
    expect(text).not.toContain("no firm yet");
    const firmUrl = `${server.url}/f/demo`;
    const admin = await signIn(firmUrl, "demo@harbor.example", password);
    expect(await clientTotal(firmUrl, admin)).toBe(40);
    const viewer = await signIn(firmUrl, "viewer@harbor.example", password);
    expect(await clientTotal(firmUrl, viewer)).toBe(40);
    const staff = await signIn(firmUrl, "staff@harbor.example", password);
    const me = await fetch(`${firmUrl}/api/v1/auth/me`, { headers: { cookie: staff.cookie } });
    expect(await me.json()).toMatchObject({ email: "staff@harbor.example" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectCleanLog(server.log(), [password, admin.cookie.split("=")[1]!, viewer.csrfToken]);
    expect(await server.stop()).toBe(0);
  });

  it("adds nothing on a second --demo run over the same data", async () => {
    const server = await startServe(["--port", "0", "--data", dataDir, "--demo"]);
    expect(server.console()).toContain("is already here");
    expect(server.console()).toContain("Firms on this server (1):");
    expect(await server.stop()).toBe(0);
    const store = await openSqliteStore(join(dataDir, "firmtime.db"));
    try {
      const count = async (table: "firm" | "client" | "user_account") =>
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n;
      expect([await count("firm"), await count("client"), await count("user_account")]).toEqual([1, 40, 3]);
    } finally {
      await store.close();
    }
  });
});
