/**
 * The accounting screens in real Chromium, against a real `firmtime serve` whose QuickBooks app
 * is the QBO-compatible test server, with the real connector (createConnector, the real exporter
 * and QuickBooks target) run in this process on the same data folder whenever the test wants
 * the queued runs done. On a phone an Admin changes the settings (a bad hour is said beside the
 * field) and makes a staff member a vendor; at a desk they export an IIF file (asking twice says
 * the first is still waiting), download it from the run's page, connect QuickBooks Online through
 * Intuit's (the test server's) consent page, check readiness and read its findings under plain
 * headings, and see both runs in the history. A Viewer has no Accounting entry and is told
 * "Not allowed". axe scans every page; screenshots land in test-results/screenshots.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector, type Connector } from "../../src/accounting/connector.js";
import { exportRunner } from "../../src/accounting/export/run-export.js";
import { qboTargetOpener } from "../../src/accounting/qbo/open-qbo-target.js";
import { folderFileStore } from "../../src/files/folder-file-store.js";
import { FILES_FOLDER } from "../../src/files/open-file-store.js";
import { openCloudStore } from "../../src/server/cloud-store.js";
import type { Store } from "../../src/store/database.js";
import { systemClock } from "../../src/store/clock.js";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type TestPage,
} from "../../src/test-support/browser.js";
import { freePort } from "../../src/test-support/embedded-postgres.js";
import { startQboServer, type QboServer } from "../../src/test-support/qbo-server.js";
import {
  addStaffMember,
  apiAs,
  startFirmServer,
  stopFirmServer,
  type ApiUser,
  type FirmServer,
  type StaffLogin,
} from "./firm-server.js";
import { openAt, pick, signIn } from "./pages.js";

let server: FirmServer;
let qbo: QboServer;
let admin: ApiUser;
let store: Store;
let connector: Connector;
let viewer: StaffLogin;
let vicId = "";

type Overview = {
  settings: { target: string; schedule: string; scheduleHour: number };
  connection: { state: string };
  vendorStaffIds: string[];
};

beforeAll(async () => {
  qbo = await startQboServer();
  // The consent page sends the browser back to the server's public address: known before it starts.
  const port = await freePort();
  // The QuickBooks app knows one return address for the whole server, whatever the firm.
  qbo.registerRedirectUri(`http://127.0.0.1:${port}/oauth/quickbooks/callback`);
  server = await startFirmServer("books", {
    port,
    env: {
      FIRMTIME_QBO_CLIENT_ID: qbo.clientId,
      FIRMTIME_QBO_CLIENT_SECRET: qbo.clientSecret,
      FIRMTIME_QBO_API_URL: qbo.apiUrl,
      FIRMTIME_QBO_TOKEN_URL: qbo.tokenUrl,
      FIRMTIME_QBO_AUTHORIZE_URL: qbo.authorizeUrl,
    },
  });
  admin = await apiAs(server, server.admin.email, server.admin.password);
  const sam = await addStaffMember(server, admin, {
    staffNumber: "SS",
    firstName: "Sam",
    lastName: "Staff",
    email: "sam@books.example",
    password: "sam's long passphrase",
  });
  vicId = (
    await admin.send<{ id: string }>("POST", "/staff", {
      staffNumber: "VV",
      firstName: "Vic",
      lastName: "Vendor",
      email: "vic@books.example",
    })
  ).id;
  viewer = await addStaffMember(server, admin, {
    staffNumber: "WW",
    firstName: "Wes",
    lastName: "Viewer",
    email: "wes@books.example",
    password: "wes's long passphrase",
  });
  const roles = await admin.get<{ items: { id: string; name: string }[] }>("/roles?limit=100");
  const users = await admin.get<{ items: { id: string; email: string }[] }>("/users?limit=100");
  await admin.send("POST", "/assignments", {
    roleId: roles.items.find((role) => role.name === "Viewer")!.id,
    principalKind: "user",
    principalId: users.items.find((user) => user.email === viewer.email)!.id,
    scope: "system",
  });
  // Two approved hours of Sam's for ACME: what an export writes.
  const acme = await admin.send<{ id: string }>("POST", "/clients", { code: "ACME", name: "Acme Ltd" });
  const tax = await admin.send<{ id: string }>("POST", "/work-codes", {
    code: "TAX",
    name: "Tax return",
    kind: "time",
    rate: 1_200_000,
  });
  await admin.send("POST", "/work-codes", { code: "MILE", name: "Mileage", kind: "expense", rate: 6_550 });
  const samApi = await apiAs(server, sam.email, sam.password);
  const entry = await samApi.send<{ id: string }>("POST", "/time-entries", {
    clientId: acme.id,
    workCodeId: tax.id,
    date: "2026-03-02",
    minutes: 120,
    description: "Tax planning",
  });
  await samApi.send("POST", "/time-entries/status", { ids: [entry.id], status: "submitted" });
  await admin.send("POST", "/time-entries/status", { ids: [entry.id], status: "approved" });
  // The books already hold a customer nothing in firmtime is linked to.
  qbo.seed("Customer", { DisplayName: "Globex Corp" });

  // The connector on the same data folder, as `firmtime connector` would run beside the server.
  store = await openCloudStore({ dataDir: server.data, databaseUrl: undefined });
  const files = folderFileStore(join(server.data, FILES_FOLDER));
  connector = createConnector({
    store,
    clock: systemClock,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    openTarget: qboTargetOpener({
      qboClientId: qbo.clientId,
      qboClientSecret: qbo.clientSecret,
      qboApiUrl: qbo.apiUrl,
      qboTokenUrl: qbo.tokenUrl,
      qboAuthorizeUrl: qbo.authorizeUrl,
    }),
    runExport: exportRunner(files),
    publicUrl: server.firmUrl,
  });
}, 180_000);
afterAll(async () => {
  await connector?.stop();
  await store?.close();
  await stopFirmServer(server);
  await qbo?.close();
});

const overview = () => admin.get<Overview>("/accounting");
const section = (test: TestPage, name: string | RegExp) =>
  test.page.getByRole("region", typeof name === "string" ? { name, exact: true } : { name });

describe("the accounting screens", { timeout: 120_000 }, () => {
  it("an Admin on a phone changes the settings and makes a staff member a vendor", async () => {
    const test = await openPage("phone");
    await signIn(server, test, server.admin);
    await openAt(server, test, "/accounting", "Accounting");
    await section(test, "QuickBooks Online").getByText("Not connected", { exact: true }).waitFor();
    await expectAccessible(test, "the accounting page");

    // A bad hour is said beside the field and nothing is saved.
    const settings = section(test, "Settings");
    await settings.getByRole("textbox", { name: /^At hour \(UTC\)/ }).fill("24");
    await settings.getByRole("button", { name: "Save the settings" }).click();
    await settings.getByText("Give a whole hour from 0 to 23").waitFor();
    expect((await overview()).settings.scheduleHour).not.toBe(24);
    await screenshot(test, "accounting-bad-hour");

    // An IIF file; no nightly transfer (a firm's is on by default), its hour kept at 5 UTC.
    await settings.getByRole("textbox", { name: /^At hour \(UTC\)/ }).fill("5");
    await settings.getByRole("switch", { name: /Transfer every night/ }).uncheck();
    await settings.getByRole("combobox", { name: "The firm's books are in" }).click();
    await test.page.getByRole("option", { name: "IIF file (QuickBooks Desktop)" }).click();
    await settings.getByRole("button", { name: "Save the settings" }).click();
    await test.page.getByText("The accounting settings are saved.").waitFor();
    expect((await overview()).settings).toMatchObject({
      target: "iif",
      schedule: "off",
      scheduleHour: 5,
    });

    // Vic is paid by bill: a vendor in the books.
    const workers = section(test, "Staff in the books");
    await workers.getByText("No staff member is a vendor.").waitFor();
    await pick(test, "Staff member", "Vic", /Vic Vendor/, workers);
    await workers.getByRole("radio", { name: "Vendor" }).check({ force: true });
    await workers.getByRole("button", { name: "Save", exact: true }).click();
    await workers.getByRole("button", { name: "Make VV · Vic Vendor an employee" }).waitFor();
    expect((await overview()).vendorStaffIds).toEqual([vicId]);

    // Mileage goes to its own account in the books; the rest to the default.
    const accounts = section(test, "Expense accounts");
    await accounts.getByRole("textbox", { name: "MILE · Mileage" }).fill("61");
    await accounts.getByRole("button", { name: "Save the account of MILE · Mileage" }).click();
    await test.page.getByText("Saved the account of MILE · Mileage.").waitFor();
    expect((await admin.get<{ expenseAccounts: unknown[] }>("/accounting")).expenseAccounts).toEqual([
      { workCodeId: expect.any(String) as string, accountId: "61" },
    ]);
    await expectAccessible(test, "the accounting page with a vendor");
    await screenshot(test, "accounting");
    expectNoPageProblems(test);
  });

  it("at a desk an Admin exports an IIF file, connects QuickBooks Online and checks readiness", async () => {
    const test = await openPage("desk");
    await signIn(server, test, server.admin);
    await test.page.getByRole("navigation").getByRole("link", { name: "Accounting" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Accounting" }).waitFor();

    // Asking twice queues one export: the second answer points at the one waiting.
    const runs = section(test, "Export");
    await runs.getByRole("button", { name: "Export" }).click();
    await runs.getByText(/IIF file export is queued/).waitFor();
    await runs.getByRole("button", { name: "Export" }).click();
    await runs.getByText(/one was already waiting, so no new one was queued/).waitFor();
    await expectAccessible(test, "an export asked for twice");
    await runs.getByRole("link", { name: "Follow the one waiting" }).click();
    await test.page.getByRole("heading", { level: 1, name: "IIF file export" }).waitFor();
    await test.page.getByText("Waiting for the connector to start it.").waitFor();

    // The connector writes the file; the page, reading the run every 2 s, shows it done.
    await connector.runDue();
    await test.page.getByText("Done", { exact: true }).waitFor();
    await test.page
      .getByText(/Time entries:.*1 written to the file/)
      .first()
      .waitFor();
    const [download] = await Promise.all([
      test.page.waitForEvent("download"),
      test.page.getByRole("button", { name: /^Download smith-co-cpas-\d{4}-\d{2}-\d{2}\.iif$/ }).click(),
    ]);
    const iif = readFileSync(await download.path(), "utf8");
    expect(iif).toContain("!TIMEACT");
    expect(iif).toContain("Sam Staff");
    await test.page.getByText(/^Saved smith-co-cpas-.*\.iif$/).waitFor();
    await test.page.getByText("written to the IIF file").first().waitFor();
    await expectAccessible(test, "an export run");
    await screenshot(test, "accounting-export-run");

    // QuickBooks Online: the consent page (the test server consents at once) and back.
    await openAt(server, test, "/accounting", "Accounting");
    const settings = section(test, "Settings");
    await settings.getByRole("combobox", { name: "The firm's books are in" }).click();
    await test.page.getByRole("option", { name: "QuickBooks Online" }).click();
    await settings.getByRole("button", { name: "Save the settings" }).click();
    await test.page.getByText("The accounting settings are saved.").waitFor();
    await section(test, "QuickBooks Online")
      .getByRole("button", { name: "Connect QuickBooks Online" })
      .click();
    await test.page.waitForURL(/\/accounting\?connected=1$/);
    // Intuit's consent page returned the browser to the server's one address, which sent it on.
    expect(qbo.log.some((request) => request.path === "/connect/oauth2")).toBe(true);
    await test.page.getByText("QuickBooks Online is connected").waitFor();
    await expectAccessible(test, "the page after connecting");
    await screenshot(test, "accounting-connected");
    await section(test, "QuickBooks Online").getByText("Connected", { exact: true }).waitFor();
    expect((await overview()).connection.state).toBe("connected");

    // Readiness: a preview of what a transfer would link; nothing changes on either side.
    await section(test, "Transfer").getByRole("button", { name: "Check readiness" }).click();
    await test.page.getByRole("link", { name: "Follow its progress" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Readiness check" }).waitFor();
    await connector.runDue();
    const missing = section(test, /^In firmtime, with nothing in the books yet \(\d+\)$/);
    await missing.waitFor();
    await missing.getByText(/Acme Ltd — the client has no customer in the books/).waitFor();
    await missing.getByText(/Vic Vendor — the staff member has no vendor in the books/).waitFor();
    const booksOnly = section(test, "In the books, linked to nothing in firmtime (1)");
    await booksOnly.getByText(/Globex Corp — the customer is in the books but linked to nothing/).waitFor();
    expect(qbo.records("Customer").map((customer) => customer.DisplayName)).toEqual(["Globex Corp"]);
    await expectAccessible(test, "a readiness run");
    await screenshot(test, "accounting-readiness-run");

    // The history, newest first.
    await test.page.getByRole("link", { name: "History" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Accounting history" }).waitFor();
    const cards = test.page.getByRole("article");
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.nth(0).getByRole("link").textContent()).toBe("Readiness check");
    expect(await cards.nth(1).getByRole("link").textContent()).toBe("IIF file export");
    await cards
      .nth(1)
      .getByText(/Asked by ada@smith\.example/)
      .waitFor();
    await expectAccessible(test, "the accounting history");
    await screenshot(test, "accounting-history");
    expectNoPageProblems(test);
  });

  it("on a phone the history and a run's page read well", async () => {
    const test = await openPage("phone");
    await signIn(server, test, server.admin);
    await openAt(server, test, "/accounting/runs", "Accounting history");
    await screenshot(test, "accounting-history");
    await test.page.getByRole("link", { name: "Readiness check" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Readiness check" }).waitFor();
    await section(test, "In the books, linked to nothing in firmtime (1)").waitFor();
    await expectAccessible(test, "a readiness run");
    await screenshot(test, "accounting-readiness-run");
    expectNoPageProblems(test);
  });

  it("a transfer posts the approved hours, links the records, and a link can be undone", async () => {
    const test = await openPage("desk");
    await signIn(server, test, server.admin);
    await openAt(server, test, "/accounting", "Accounting");
    await section(test, "Transfer").getByRole("button", { name: "Transfer now" }).click();
    await test.page.getByRole("link", { name: "Follow its progress" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Transfer to the books" }).waitFor();
    await connector.runDue();
    await test.page.getByText(/^Time entries:\s*1 posted to the books$/).waitFor();
    await test.page.getByText(/^Staff and clients:.*created in the books/).waitFor();
    // The items narrowed to what was posted: Sam's two hours, with their id in the books.
    const items = section(test, "What the run did");
    await items.getByRole("combobox", { name: "Show" }).click();
    await test.page.getByRole("option", { name: "posted to the books" }).click();
    await expect.poll(() => items.getByRole("listitem").count()).toBe(1);
    await items.getByText(/^Time entry of \d{4}-\d\d-\d\d, Sam .* for Acme Ltd — posted/).waitFor();
    expect(qbo.records("TimeActivity")).toHaveLength(1);
    await expectAccessible(test, "a transfer run");
    await screenshot(test, "accounting-transfer-run");

    // Unlinking asks first, and forgets only the link: the next run links it again by name.
    await openAt(server, test, "/accounting", "Accounting");
    const links = section(test, "Links");
    await links.getByText("Client: Acme Ltd").waitFor();
    await links.getByRole("button", { name: "Unlink Acme Ltd" }).click();
    const dialog = test.page.getByRole("dialog", { name: "Unlink Acme Ltd?" });
    await dialog.getByText(/Nothing is deleted on either side/).waitFor();
    await expectAccessible(test, "the unlink confirmation");
    await dialog.getByRole("button", { name: "Unlink", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    await links.getByText("Client: Acme Ltd").waitFor({ state: "detached" });
    const clientLinks = await admin.get<{ items: unknown[] }>("/accounting/links?localKind=client");
    expect(clientLinks.items).toEqual([]);
    expect(qbo.records("Customer").map((customer) => customer.DisplayName)).toContain("Acme Ltd");
    await screenshot(test, "accounting-links");
    expectNoPageProblems(test);
  });

  it("the consent page's refusal is said at the top of the page", async () => {
    const test = await openPage("phone");
    await signIn(server, test, server.admin);
    const refusal = encodeURIComponent("QuickBooks Online said: access_denied");
    await openAt(server, test, `/accounting?connectError=${refusal}`, "Accounting");
    await test.page
      .getByRole("alert")
      .filter({ hasText: "QuickBooks Online said: access_denied." })
      .waitFor();
    await expectAccessible(test, "a refused connection");
    expectNoPageProblems(test);
  });

  it("an Admin on a phone disconnects QuickBooks Online, asked first, and the links stay", async () => {
    const test = await openPage("phone");
    await signIn(server, test, server.admin);
    await openAt(server, test, "/accounting", "Accounting");
    const connection = section(test, "QuickBooks Online");
    await connection.getByText("Connected", { exact: true }).waitFor();
    await connection.getByRole("button", { name: "Disconnect QuickBooks Online" }).click();
    const dialog = test.page.getByRole("dialog", { name: "Disconnect QuickBooks Online" });
    await dialog.getByText(/Links between records and the run history stay/).waitFor();
    await expectAccessible(test, "the disconnect question");
    await screenshot(test, "accounting-disconnect");
    // Cancel changes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect((await overview()).connection.state).toBe("connected");
    await connection.getByRole("button", { name: "Disconnect QuickBooks Online" }).click();
    await dialog.getByRole("button", { name: "Disconnect", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    await connection.getByText("Not connected", { exact: true }).waitFor();
    await connection.getByRole("button", { name: "Connect QuickBooks Online" }).waitFor();
    expect((await overview()).connection.state).toBe("none");
    const links = await admin.get<{ items: unknown[] }>("/accounting/links");
    expect(links.items.length).toBeGreaterThan(0);
    expectNoPageProblems(test);
  });

  it("a Viewer has no Accounting entry and is told the page is not allowed", async () => {
    const test = await openPage("desk");
    await signIn(server, test, viewer);
    await test.page.getByRole("navigation").getByRole("link", { name: "Reports" }).waitFor();
    expect(await test.page.getByRole("navigation").getByRole("link", { name: "Accounting" }).count()).toBe(0);
    await openAt(server, test, "/accounting", "Not allowed");
    await test.page.getByText("You may not open Accounting").waitFor();
    await expectAccessible(test, "the not allowed page");
    await screenshot(test, "accounting-not-allowed");
    // The server refuses too, not only the page.
    const status = await test.page.evaluate(
      async (url) => (await fetch(url, { credentials: "same-origin" })).status,
      `${server.firmUrl}/api/v1/accounting`,
    );
    expect(status).toBe(403);
    expectNoPageProblems(test, [/403/]);
  });
});
