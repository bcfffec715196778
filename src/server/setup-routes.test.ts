/**
 * POST /setup in-process on both engines: the one-time token creates the first firm and its
 * Admin once; a wrong, expired or spent token, bad input, or a store that already has a firm
 * is refused and changes nothing. /setup is outside /f/, so the permission matrix never sees it.
 */
import { folderFileStore } from "../files/folder-file-store.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotStore } from "../test-support/seed.js";
import { movableClock, newCloudFirm, signIn, type TestServer } from "../test-support/server.js";
import { ENGINES, openTestStore } from "../test-support/stores.js";
import type { Engine } from "../store/database.js";
import { buildApp } from "./app.js";
import { loadConfig } from "../config/config.js";
import { openSetupGate, SETUP_CLOSED, SETUP_REFUSED } from "./first-run.js";
import { setupRoutes } from "./setup-routes.js";

const PASSWORD = "correct horse battery staple";
const HOUR = 3_600_000;

const setupInput = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  firmName: "Smith & Co CPAs",
  slug: "smith",
  currency: "USD",
  adminEmail: "ada@smith.test",
  adminFirstName: "Ada",
  adminLastName: "Admin",
  password: PASSWORD,
  ...overrides,
});

interface SetupServer extends TestServer {
  token: string;
  clock: ReturnType<typeof movableClock>;
  created: string[];
}

/** A server as `firmtime serve` builds it on an empty store: the app with POST /setup and a gate. */
function useSetupServer(engine: Engine, withGate = true): SetupServer {
  const holder = { created: [] as string[], clock: movableClock("2026-06-15T12:00:00Z") } as SetupServer;
  beforeAll(async () => {
    const store = await openTestStore(engine);
    const config = loadConfig(
      { dataDir: "/nonexistent", logLevel: "silent", publicUrl: "https://cloud.example" },
      {},
    );
    holder.deps = {
      store,
      clock: holder.clock,
      config,
      notifyMail: () => {},
      files: folderFileStore(config.dataDir),
    };
    const opened = openSetupGate(holder.clock, HOUR);
    holder.token = opened.token;
    const gate = withGate ? opened.gate : undefined;
    holder.app = await buildApp(holder.deps, false, [setupRoutes(gate, (url) => holder.created.push(url))]);
  });
  afterAll(async () => {
    await holder.app?.close();
    await holder.deps?.store.close();
  });
  return holder;
}

const post = (server: TestServer, payload: object) =>
  server.app.inject({ method: "POST", url: "/setup", payload });

/** The request is refused with `status` and `code`, and the store is exactly as before. */
async function expectRefused(server: TestServer, payload: object, status: number, code: string) {
  const before = await snapshotStore(server.deps.store.db);
  const response = await post(server, payload);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
  expect(response.json()).toMatchObject({ status, code });
  expect(await snapshotStore(server.deps.store.db)).toEqual(before);
  return response.json<{ detail: string }>();
}

describe.each(ENGINES)("POST /setup [%s]", (engine) => {
  const server = useSetupServer(engine);

  it("refuses a wrong token", async () => {
    const problem = await expectRefused(server, setupInput("wrong-token"), 410, "LINK_INVALID");
    expect(problem.detail).toBe(SETUP_REFUSED);
  });

  it("refuses bad input and keeps the token for a corrected try", async () => {
    await expectRefused(server, setupInput(server.token, { password: "too short" }), 400, "VALIDATION");
    await expectRefused(server, setupInput(server.token, { slug: "Not A Slug!" }), 400, "VALIDATION");
    await expectRefused(server, setupInput(server.token, { currency: "XYZ" }), 400, "VALIDATION");
    await expectRefused(server, setupInput(server.token, { role: "Admin" }), 400, "VALIDATION");
    await expectRefused(server, { token: server.token }, 400, "VALIDATION");
  });

  it("creates the first firm and its Admin, who can sign in", async () => {
    const response = await post(server, setupInput(server.token, { adminStaffNumber: "ADA" }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      firm: { name: "Smith & Co CPAs", slug: "smith", currency: "USD" },
      admin: { email: "ada@smith.test", staffNumber: "ADA" },
      url: "https://cloud.example/f/smith",
      login: "https://cloud.example/f/smith/api/v1/auth/login",
    });
    expect(server.created).toEqual(["https://cloud.example/f/smith"]);
    const admin = await signIn(server, "smith", "ada@smith.test", PASSWORD);
    const me = await server.app.inject({ url: "/f/smith/api/v1/auth/me", headers: admin.headers });
    expect(me.json()).toMatchObject({ email: "ada@smith.test" });
  });

  it("refuses the spent token, for any firm", async () => {
    for (const slug of ["smith", "jones"]) {
      const problem = await expectRefused(server, setupInput(server.token, { slug }), 410, "LINK_INVALID");
      expect(problem.detail).toBe(SETUP_CLOSED);
    }
  });

  it("is public, outside /f/, so not in the firm permission matrix", () => {
    expect(server.app.hasRoute({ method: "POST", url: "/setup" })).toBe(true);
    expect(server.app.firmRoutes.some((route) => route.url.includes("setup"))).toBe(false);
  });
});

describe("the setup token", () => {
  const server = useSetupServer("sqlite");

  it("expires", async () => {
    server.clock.advance(HOUR);
    await expectRefused(server, setupInput(server.token), 410, "LINK_INVALID");
  });
});

describe("setup on a server that started with a firm", () => {
  const server = useSetupServer("sqlite", false);

  it("is closed", async () => {
    await newCloudFirm(server, "first");
    const problem = await expectRefused(server, setupInput(server.token), 410, "LINK_INVALID");
    expect(problem.detail).toBe(SETUP_CLOSED);
  });
});

describe("a firm made another way (firmtime firm create) while the token is open", () => {
  const server = useSetupServer("sqlite");

  it("closes setup", async () => {
    await newCloudFirm(server, "other");
    await expectRefused(server, setupInput(server.token), 410, "LINK_INVALID");
  });
});
