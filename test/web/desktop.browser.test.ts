/**
 * The desktop in real Chromium: a real `firmtime desktop` on an integrated firm file beside a
 * real cloud (`firmtime serve`). The badge on every signed-in page shows each state as it
 * happens — the cloud stopped (Offline), back (Online), a change on the cloud (Merge
 * notification, then merged), a conflict (Merge conflicts) and, once it is restored and merged,
 * Online again — fed by the server's events; merge now, work offline and restore work from the
 * pages. The first-run page protects an unprotected file. Every page is photographed at a
 * phone's and a desk's size and scanned by axe.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { turnProtectionOn } from "../../src/access/protection-service.js";
import { addClient } from "../../src/firm-setup/client-service.js";
import { createFirm } from "../../src/firm-setup/firm-service.js";
import { addStaff } from "../../src/firm-setup/staff-service.js";
import { addWorkCode } from "../../src/firm-setup/work-code-service.js";
import { systemClock } from "../../src/store/clock.js";
import { createFirmFile } from "../../src/store/database.js";
import { addTimeEntry } from "../../src/time-expense/time-entry-service.js";
import {
  expectAccessible,
  openPage,
  screenshot,
  type ScreenSize,
  type TestPage,
} from "../../src/test-support/browser.js";
import { freePort } from "../../src/test-support/global-setup.js";
import {
  runFirmtime,
  startServe,
  type FirmtimeProcess,
  type ServeProcess,
} from "../../src/test-support/serve-process.js";
import { tempDir } from "../../src/test-support/temp-dir.js";

const PASSWORD = "a long admin passphrase";
const ADA = "ada@smith.example";
const tmp = tempDir("desktop-web");
const env = { FIRMTIME_CONFIG_DIR: join(tmp, "config"), FIRMTIME_PASSWORD: PASSWORD };

let cloud: ServeProcess;
let cloudArgs: string[];
let cloudFirm: string;
let desktop: { run: FirmtimeProcess; url: string };

async function startDesktop(file: string): Promise<{ run: FirmtimeProcess; url: string }> {
  const run = runFirmtime(["desktop", file, "--port", "0"], env);
  const deadline = Date.now() + 60_000;
  let match: RegExpExecArray | null = null;
  while (!(match = /serving at (http:\/\/127\.0\.0\.1:\d+)[\s\S]*Stop with Ctrl-C/.exec(run.console()))) {
    if (Date.now() > deadline || run.child.exitCode !== null)
      throw new Error(`desktop did not start:\n${run.console()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { run, url: match[1]! };
}

/** The API as ada, with a token (what a script would do). */
async function api(base: string) {
  const login = await fetch(`${base}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADA, password: PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const made = await fetch(`${base}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "browser test" }),
  });
  const { token } = (await made.json()) as { token: string };
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

beforeAll(async () => {
  const cloudDir = join(tmp, "cloud");
  const port = String(await freePort());
  cloudArgs = ["--data", cloudDir, "--port", port];
  cloudFirm = `http://127.0.0.1:${port}/f/smith`;
  const create = runFirmtime(
    [
      "firm",
      "create",
      "--data",
      cloudDir,
      "--name",
      "Smith & Co CPAs",
      "--slug",
      "smith",
      "--admin-email",
      ADA,
    ].concat(["--admin-first", "Ada", "--admin-last", "Lovelace", "--admin-password", PASSWORD]),
  );
  expect(await create.exited, create.console()).toBe(0);
  cloud = await startServe(cloudArgs);

  const file = join(tmp, "smith.firm");
  const store = await createFirmFile(file);
  const firm = await createFirm(store.db, systemClock, { name: "Smith & Co CPAs", currency: "USD" });
  const scope = { firm, clock: systemClock, actor: "test" };
  await addStaff(store.db, scope, { staffNumber: "AL", firstName: "Ada", lastName: "Lovelace", email: ADA });
  await addClient(store.db, scope, { code: "ACME", name: "Acme Ltd" });
  await addWorkCode(store.db, scope, { code: "TAX", kind: "time", name: "Tax preparation", rate: 1_500_000 });
  // A write-down stays on the desktop: one held entry, with its warning in the merge log.
  await addTimeEntry(store.db, scope, {
    staff: "AL",
    client: "ACME",
    workCode: "TAX",
    date: "2026-06-03",
    minutes: -60,
    description: "write-down",
  });
  await turnProtectionOn(store.db, systemClock, { staff: "AL", password: PASSWORD });
  await store.close();
  const integrate = runFirmtime(["integrate", file, "--cloud", cloudFirm, "--as", ADA], env);
  expect(await integrate.exited, integrate.console()).toBe(0);
  desktop = await startDesktop(file);
}, 180_000);

afterAll(async () => {
  desktop?.run.child.kill("SIGTERM");
  await desktop?.run.exited;
  await cloud?.stop();
});

async function signIn(test: TestPage) {
  await test.page.goto(`${desktop.url}/`);
  await test.page.getByLabel("Email").fill(ADA);
  await test.page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
  await test.page.getByRole("button", { name: "Sign in" }).click();
  await test.page.getByRole("heading", { level: 1, name: /^Hello/ }).waitFor();
}

const badge = (test: TestPage) => test.page.locator("[data-merge-state]");

/** Every state the badge has shown since the page loaded, in order (recorded in the page). */
const RECORD_STATES = `
  window.__states = [];
  new MutationObserver(() => {
    const state = document.querySelector("[data-merge-state]")?.getAttribute("data-merge-state");
    if (state && window.__states.at(-1) !== state) window.__states.push(state);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-merge-state"] });
`;
const statesSeen = (test: TestPage) =>
  test.page.evaluate(() => (globalThis as unknown as { __states: string[] }).__states);

describe("the desktop's connection state in the browser", () => {
  it(
    "shows each state as it happens; work offline, merge now and restore work from the pages",
    { timeout: 240_000 },
    async () => {
      const test = await openPage("desk");
      await test.page.addInitScript(RECORD_STATES);
      await signIn(test);
      await expect
        .poll(() => badge(test).getAttribute("data-merge-state"), { timeout: 20_000 })
        .toBe("Online");
      await screenshot(test, "desktop-home-online");
      await expectAccessible(test, "the home page with the connection badge");

      // The cloud stops: Offline, with the reason on the connection page.
      await cloud.stop();
      await expect
        .poll(() => badge(test).getAttribute("data-merge-state"), { timeout: 30_000 })
        .toBe("Offline");
      await badge(test).click();
      await test.page.getByRole("heading", { level: 1, name: "Connection" }).waitFor();
      await screenshot(test, "desktop-connection-offline");
      await expectAccessible(test, "the connection page, offline");

      // Back: Online again by itself.
      cloud = await startServe(cloudArgs);
      await expect
        .poll(() => badge(test).getAttribute("data-merge-state"), { timeout: 60_000 })
        .toBe("Online");

      // A change on the cloud: the notification, then merged.
      const onCloud = await api(`${cloudFirm}/api/v1`);
      const clients = await onCloud<{ items: { id: string; code: string }[] }>("GET", "/clients");
      const acme = clients.items.find((client) => client.code === "ACME");
      await test.page.evaluate(() => ((globalThis as unknown as { __states: string[] }).__states = []));
      await onCloud("PATCH", `/clients/${acme!.id}`, { name: "Acme Holdings" });
      await expect
        .poll(() => statesSeen(test), { timeout: 20_000 })
        .toEqual(["Merge notification", "Online"]);

      // A conflict: working offline, the desktop renames ACME; the cloud renames it later; back online.
      await test.page.getByRole("switch", { name: "Work offline" }).click();
      await expect.poll(() => badge(test).getAttribute("data-merge-state")).toBe("Offline");
      expect(await test.page.getByRole("button", { name: "Merge now" }).isDisabled()).toBe(true);
      const onDesktop = await api(`${desktop.url}/f/desktop/api/v1`);
      await onDesktop("PATCH", `/clients/${acme!.id}`, { name: "Acme (desktop)" });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await onCloud("PATCH", `/clients/${acme!.id}`, { name: "Acme (cloud)" });
      await screenshot(test, "desktop-connection-working-offline");
      await test.page.getByRole("switch", { name: "Work offline" }).click();
      await expect
        .poll(() => badge(test).getAttribute("data-merge-state"), { timeout: 30_000 })
        .toBe("Merge conflicts");
      await screenshot(test, "desktop-connection-conflicts");

      // The conflict log: restore the desktop's lost name, then merge now.
      await test.page.getByRole("link", { name: "The conflict log" }).click();
      await test.page.getByRole("heading", { level: 1, name: "Conflict log" }).waitFor();
      await test.page.getByText("client ACME").first().waitFor();
      await screenshot(test, "desktop-conflicts");
      await expectAccessible(test, "the conflict log");
      await test.page.getByRole("button", { name: "Restore the lost value" }).first().click();
      await test.page.getByText("No open conflicts.").waitFor();
      expect((await onDesktop<{ name: string }>("GET", `/clients/${acme!.id}`)).name).toBe("Acme (desktop)");

      await badge(test).click();
      await test.page.getByRole("button", { name: "Merge now" }).click();
      await test.page.getByText(/^Merged: /).waitFor();
      await expect
        .poll(() => badge(test).getAttribute("data-merge-state"), { timeout: 30_000 })
        .toBe("Online");
      await expect
        .poll(async () => (await onCloud<{ name: string }>("GET", `/clients/${acme!.id}`)).name)
        .toBe("Acme (desktop)");
      await screenshot(test, "desktop-connection-online");

      await test.page.getByRole("link", { name: "Warnings and errors" }).click();
      await test.page.getByRole("heading", { level: 1, name: "Warnings and errors" }).waitFor();
      await test.page.getByText("NEGATIVE_ENTRY_NOT_MERGED").waitFor();
      await test.page.getByText("1 warning", { exact: true }).waitFor();
      await screenshot(test, "desktop-merge-log");
      await expectAccessible(test, "the merge log");
      await test.context.close();
    },
  );

  it.each<ScreenSize>(["phone", "desk"])("shows every desktop page at %s size, accessibly", async (size) => {
    const test = await openPage(size);
    await signIn(test);
    await badge(test).waitFor();
    for (const [path, heading] of [
      ["connection", "Connection"],
      ["conflicts", "Conflict log"],
      ["merge-log", "Warnings and errors"],
    ] as const) {
      await test.page.goto(`${desktop.url}/f/desktop/${path}`);
      await test.page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await badge(test).waitFor();
      if (path === "conflicts") {
        // The one conflict was restored: all of them show it, closed.
        await test.page.getByText("All", { exact: true }).click();
        await test.page.getByText(/^restored /).waitFor();
      }
      if (path === "merge-log") await test.page.getByText("NEGATIVE_ENTRY_NOT_MERGED").waitFor();
      await expectAccessible(test, `the ${heading} page`);
      await screenshot(test, `desktop-${path}`);
    }
    await test.context.close();
  });
});

describe("the first run on an unprotected firm file", () => {
  it.each<ScreenSize>(["phone", "desk"])(
    "chooses the Admin and password, then signs in (%s)",
    async (size) => {
      const file = join(tmp, `new-${size}.firm`);
      const store = await createFirmFile(file);
      const firm = await createFirm(store.db, systemClock, { name: "Doe CPAs", currency: "USD" });
      await addStaff(
        store.db,
        { firm, clock: systemClock, actor: "test" },
        { staffNumber: "JD", firstName: "Jane", lastName: "Doe", email: "jane@doe.test" },
      );
      await store.close();
      const local = await startDesktop(file);
      try {
        const test = await openPage(size);
        await test.page.goto(`${local.url}/`);
        await test.page.getByRole("heading", { name: "Protect this firm file" }).waitFor();
        await test.page.getByRole("button", { name: "Turn protection on" }).click();
        await test.page.getByText("Choose who is the Admin").waitFor();
        await expectAccessible(test, "the first-run page with its errors");
        await screenshot(test, "desktop-first-run");
        await test.page.getByRole("radio", { name: "Jane Doe (JD)" }).check();
        await test.page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
        await test.page.getByRole("textbox", { name: "Repeat it" }).fill(PASSWORD);
        await test.page.getByRole("button", { name: "Turn protection on" }).click();
        await test.page.getByRole("heading", { name: "Sign in" }).waitFor();
        await test.page.getByLabel("Email").fill("jane@doe.test");
        await test.page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
        await test.page.getByRole("button", { name: "Sign in" }).click();
        await test.page.getByRole("heading", { level: 1, name: /^Hello/ }).waitFor();
        await test.context.close();
      } finally {
        local.run.child.kill("SIGTERM");
        await local.run.exited;
      }
    },
  );
});
