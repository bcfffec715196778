/**
 * `firmtime firm create` on a cloud's store, on both engines (--data DIR or --database URL):
 * the firm and its Admin, who can then sign in to a server on that store.
 */
import { openFileStore } from "../files/open-file-store.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "../access/login-service.js";
import { findFirmBySlug, selectFirms } from "../firm-setup/firm-store.js";
import { buildApp, type App } from "../server/app.js";
import { openCloudStore } from "../server/cloud-store.js";
import { loadConfig } from "../config/config.js";
import { fixedClock } from "../store/clock.js";
import type { Engine } from "../store/database.js";
import { runCli } from "../test-support/cli.js";
import { newPostgresDatabase } from "../test-support/serve-process.js";
import { ENGINES } from "../test-support/stores.js";

const PASSWORD = "correct horse battery staple";
/** runCli's clock: the activation link is valid from then. */
const CLI_NOW = "2026-06-15T12:00:00Z";
const tmp = mkdtempSync(join(tmpdir(), "firmtime-firm-create-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const create = (store: string[], slug: string, extra: string[] = [], env: Record<string, string> = {}) =>
  runCli(
    [
      "firm",
      "create",
      ...store,
      "--name",
      `Firm ${slug}`,
      "--slug",
      slug,
      "--admin-email",
      `ada@${slug}.test`,
      "--admin-first",
      "Ada",
      "--admin-last",
      "Admin",
      ...extra,
    ],
    env,
  );

describe.each(ENGINES)("firmtime firm create [%s]", (engine: Engine) => {
  const where = {} as { args: string[]; config: { dataDir: string; databaseUrl?: string } };
  beforeAll(async () => {
    if (engine === "sqlite") {
      const dataDir = join(tmp, "data", "nested");
      where.args = ["--data", dataDir];
      where.config = { dataDir };
    } else {
      const databaseUrl = await newPostgresDatabase("ft_firm_create");
      where.args = ["--database", databaseUrl];
      where.config = { dataDir: "unused", databaseUrl };
    }
  });
  const withStore = async <T>(work: (db: Awaited<ReturnType<typeof openCloudStore>>["db"]) => Promise<T>) => {
    const store = await openCloudStore(where.config);
    try {
      return await work(store.db);
    } finally {
      await store.close();
    }
  };

  it("creates the firm and an Admin who signs in with the password given, and prints the firm URL", async () => {
    const result = await create(where.args, "smith", [
      "--admin-password",
      PASSWORD,
      "--public-url",
      "https://cloud.example",
      "--admin-number",
      "ADA",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "Created firm Firm smith and its Admin Ada Admin <ada@smith.test>, who is also staff member ADA.",
    );
    expect(result.stdout).toContain("url:");
    expect(result.stdout).toContain("https://cloud.example/f/smith");
    await withStore(async (db) => {
      const firm = (await findFirmBySlug(db, "smith"))!;
      expect(firm).toMatchObject({ name: "Firm smith", protection: true });
      expect((await checkCredentials(db, firm.id, "ada@smith.test", PASSWORD)).status).toBe("active");
    });
  });

  it("prints JSON with --json and takes the password from FIRMTIME_ADMIN_PASSWORD", async () => {
    const result = await create(["--json", ...where.args], "jones", [], {
      FIRMTIME_ADMIN_PASSWORD: PASSWORD,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      firm: { name: "Firm jones", slug: "jones", currency: "USD" },
      url: "http://127.0.0.1:8080/f/jones",
      admin: { email: "ada@jones.test", name: "Ada Admin", staffNumber: "AA", status: "active" },
    });
  });

  it("without a password, invites the Admin and prints an activation link that works once", async () => {
    const result = await create(["--json", ...where.args], "brown", [
      "--public-url",
      "https://cloud.example",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const created = JSON.parse(result.stdout) as {
      admin: { status: string };
      activation: { url: string; api: string };
    };
    expect(created.admin.status).toBe("invited");
    expect(created.activation.url).toMatch(/^https:\/\/cloud\.example\/f\/brown\/activate\?token=[\w-]{43}$/);
    expect(created.activation.api).toBe("https://cloud.example/f/brown/api/v1/auth/activate");
    const token = new URL(created.activation.url).searchParams.get("token")!;
    await withApp(where.config, async (app) => {
      const activate = () =>
        app.inject({
          method: "POST",
          url: "/f/brown/api/v1/auth/activate",
          payload: { token, password: PASSWORD },
        });
      expect((await activate()).statusCode).toBeLessThan(300);
      expect((await activate()).statusCode).toBe(410);
      const login = await app.inject({
        method: "POST",
        url: "/f/brown/api/v1/auth/login",
        payload: { email: "ada@brown.test", password: PASSWORD },
      });
      expect(login.statusCode).toBe(200);
    });
  });

  it("prints the activation link and how to use it as text", async () => {
    const result = await create(where.args, "green");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "Created firm Firm green and its Admin Ada Admin <ada@green.test>, who is also staff member AA" +
        " (their initials: --admin-number gives another).",
    );
    expect(result.stdout).toMatch(/activation: +http:\/\/127\.0\.0\.1:8080\/f\/green\/activate\?token=/);
    expect(result.stdout).toContain("curl -X POST http://127.0.0.1:8080/f/green/api/v1/auth/activate");
  });

  it("refuses a taken URL name, a weak password or a bad slug, in one line, changing nothing", async () => {
    const cases: [string, string[], RegExp][] = [
      ["smith", ["--admin-password", PASSWORD], /^firmtime: a firm with URL name smith already exists\n$/],
      ["white", ["--admin-password", "short"], /^firmtime: a password needs at least 12 characters\n$/],
      ["Bad Slug", ["--admin-password", PASSWORD], /^firmtime: firm URL name "Bad Slug" must be/],
    ];
    for (const [slug, extra, message] of cases) {
      const result = await create(where.args, slug, extra);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
    }
    await withStore(async (db) =>
      expect((await selectFirms(db)).map((f) => f.slug)).toEqual(["brown", "green", "jones", "smith"]),
    );
  });
});

/** A server app on the store the command used, as `firmtime serve` would run it. */
async function withApp(where: { dataDir: string; databaseUrl?: string }, work: (app: App) => Promise<void>) {
  const store = await openCloudStore(where);
  const config = loadConfig({ ...where, logLevel: "silent" }, {});
  const files = await openFileStore(config);
  const app = await buildApp({ store, clock: fixedClock(CLI_NOW), config, notifyMail: () => {}, files });
  try {
    await work(app);
  } finally {
    await app.close();
    await store.close();
  }
}

describe("firmtime firm create with a wrong setting", () => {
  it("names it in one line", async () => {
    const result = await create(["--database", "mysql://x"], "smith", ["--admin-password", PASSWORD]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("firmtime: --database: must be a postgres:// URL\n");
  });
});
