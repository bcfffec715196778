/**
 * A real firmtime server for tests: the Fastify app on a real store (either engine), reached
 * through real HTTP semantics with app.inject, with helpers to sign in and act as someone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { FILES_FOLDER, openFileStore } from "../files/open-file-store.js";
import { createCloudFirm, type CloudFirmInput } from "../access/firm-bootstrap.js";
import { buildApp, type App } from "../server/app.js";
import { loadConfig } from "../config/config.js";
import type { ServerDeps } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import type { Clock } from "../store/clock.js";
import type { Db, Engine } from "../store/database.js";
import { openTestStore } from "./stores.js";

export interface TestServer {
  app: App;
  deps: ServerDeps;
  /** The folder the server's file store writes to. */
  filesDir: string;
}

/** A clock tests can move: sessions time out, links expire. */
export function movableClock(start: string): Clock & { advance(ms: number): void; set(iso: string): void } {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => void (now += ms),
    set: (iso) => void (now = new Date(iso).getTime()),
  };
}

/**
 * `settings` are configuration flags (as `firmtime serve` takes them, e.g. uploadLimitBytes).
 * Uploaded files go to a fresh folder, removed after the tests (`filesDir`).
 */
export function useTestServer(
  engine: Engine,
  clock: Clock = movableClock("2026-06-15T12:00:00Z"),
  /** Or a function, for settings known only once an earlier beforeAll ran (a test server's URL). */
  settings: Record<string, unknown> | (() => Record<string, unknown>) = {},
  options: { watchDb?: (db: Db) => Db; rootRoutes?: RouteModule[] } = {},
): TestServer {
  const holder = {} as TestServer;
  beforeAll(async () => {
    const opened = await openTestStore(engine);
    // A test may watch every query the server makes (a Kysely plugin counting rows read).
    const store = options.watchDb ? { ...opened, db: options.watchDb(opened.db) } : opened;
    const dataDir = mkdtempSync(join(tmpdir(), "firmtime-server-"));
    const config = loadConfig(
      {
        dataDir,
        logLevel: "silent",
        publicUrl: "http://127.0.0.1:8080",
        ...(typeof settings === "function" ? settings() : settings),
      },
      {},
    );
    holder.filesDir = join(dataDir, FILES_FOLDER);
    holder.deps = { store, clock, config, notifyMail: () => {}, files: await openFileStore(config) };
    holder.app = await buildApp(holder.deps, false, options.rootRoutes ?? []);
  });
  afterAll(async () => {
    await holder.app?.close();
    await holder.deps?.store.close();
    if (holder.deps) rmSync(holder.deps.config.dataDir, { recursive: true, force: true });
  });
  return holder;
}

export const PASSWORD = "correct horse battery staple";

export async function newCloudFirm(
  server: TestServer,
  slug: string,
  overrides: Partial<CloudFirmInput> = {},
) {
  return createCloudFirm(server.deps.store.db, server.deps.clock, {
    name: `Firm ${slug}`,
    slug,
    admin: { email: `admin@${slug}.test`, firstName: "Ada", lastName: "Admin", password: PASSWORD },
    ...overrides,
  });
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

export async function signIn(
  server: TestServer,
  slug: string,
  email: string,
  password = PASSWORD,
): Promise<SignedIn> {
  const response = await server.app.inject({
    method: "POST",
    url: `/f/${slug}/api/v1/auth/login`,
    payload: { email, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "__Host-firmtime-session")!;
  const { csrfToken } = response.json<{ csrfToken: string }>();
  return {
    cookie: cookie.value,
    csrfToken,
    headers: { cookie: `__Host-firmtime-session=${cookie.value}`, "x-csrf-token": csrfToken },
  };
}
