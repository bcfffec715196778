/**
 * A season's file request in real Chromium, end to end: the firm asks a client's contact for
 * three documents at a desk; the contact gets the email at a local SMTP server, opens its link on
 * a phone (no password), sends a PDF and a photo and comments on the third item; the firm returns
 * one, the contact sends it again, the firm completes the request. Reminders go out on the
 * server's clock — a fake one the test moves on by days — and stop once the request is completed.
 * A contact with Entity Access sees the request but cannot upload (not on the page, not through the
 * API); a contact of another client sees none of it, on the pages or through the API.
 *
 * The server runs in this process (src/server/serve.ts startServer, as `firmtime serve` does) so
 * that its clock is the test's: the job runner, the reminders and the mail deliverer all read it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { startServer, type RunningServer } from "../../src/server/serve.js";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type TestPage,
} from "../../src/test-support/browser.js";
import { JPEG, PDF } from "../../src/test-support/receipts.js";
import { runFirmtime } from "../../src/test-support/serve-process.js";
import { linkIn, startTestSmtp, type TestSmtp } from "../../src/test-support/smtp-server.js";
import { apiAs, type ApiUser, type FirmServer } from "./firm-server.js";
import { pick, signIn } from "./pages.js";

const DAY_MS = 86_400_000;
const ADMIN = { email: "ada@season.example", password: "a long admin passphrase" };
const CARLA = { email: "carla@acme.example", password: "carla's long passphrase" };
const EVE = { email: "eve@acme.example", password: "eve's long passphrase" };
const OTTO = { email: "otto@globex.example", password: "otto's long passphrase" };
const ITEMS = ["W-2 forms", "Photo of your 1099-INT", "Anything else we should know?"];

/** The server's clock: the real one, moved on by the test. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

let running: RunningServer;
let smtp: TestSmtp;
/** What the shared browser-test helpers need of a server. */
let server: FirmServer;
let admin: ApiUser;
const ids: { acme: string; globex: string; carla: string; eve: string } = {
  acme: "",
  globex: "",
  carla: "",
  eve: "",
};

const reminders = () => smtp.received.filter((mail) => mail.subject.startsWith("Reminder from "));

/** A contact with a portal account on `clientId` with `role`, their password set from the invitation. */
async function addContact(
  who: { email: string; password: string },
  names: { firstName: string; lastName: string },
  clientId: string,
  role: "Contact – Entity Access" | "Contact – Entity Collaborator",
): Promise<string> {
  const contact = await admin.send<{ id: string }>("POST", "/contacts", {
    ...names,
    email: who.email,
    clientIds: [clientId],
  });
  const user = await admin.send<{ id: string }>("POST", "/users", { contactId: contact.id });
  const roles = await admin.get<{ items: { id: string; name: string }[] }>("/roles?limit=100");
  await admin.send("POST", "/assignments", {
    roleId: roles.items.find((r) => r.name === role)!.id,
    principalKind: "user",
    principalId: user.id,
    scope: "entity",
    entityId: clientId,
  });
  const invitation = await smtp.waitFor((mail) => mail.to.includes(who.email));
  const token = new URL(linkIn(invitation, "/activate?token=")).searchParams.get("token")!;
  const activated = await fetch(`${server.firmUrl}/api/v1/auth/activate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, password: who.password }),
  });
  expect(activated.ok, `activating ${who.email}`).toBe(true);
  return contact.id;
}

/** A signed-in session's headers, for calls a person's browser could make. */
async function sessionOf(who: { email: string; password: string }): Promise<Record<string, string>> {
  const login = await fetch(`${server.firmUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(who),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie: login.headers.get("set-cookie")!.split(";")[0]!, "x-csrf-token": csrfToken };
}

beforeAll(async () => {
  const data = mkdtempSync(join(tmpdir(), "firmtime-season-"));
  const create = runFirmtime(
    [
      "firm",
      "create",
      "--data",
      data,
      "--name",
      "Season & Co CPAs",
      "--slug",
      "season",
      "--admin-email",
      ADMIN.email,
      "--admin-first",
      "Ada",
      "--admin-last",
      "Admin",
    ],
    { FIRMTIME_ADMIN_PASSWORD: ADMIN.password },
  );
  expect(await create.exited, create.console()).toBe(0);
  smtp = await startTestSmtp();
  const config = loadConfig(
    { dataDir: data, port: 0, smtpUrl: smtp.url, logLevel: "warn" },
    { FIRMTIME_JOB_POLL_MS: "200", FIRMTIME_MAIL_FROM: "Season & Co CPAs <no-reply@season.example>" },
  );
  running = await startServer({ config, publicUrlGiven: false, demo: false, clock, print: () => {} });
  server = {
    data,
    serve: undefined as never,
    smtp,
    url: running.url,
    slug: "season",
    firmUrl: `${running.url}/f/season`,
    admin: ADMIN,
  };
  admin = await apiAs(server, ADMIN.email, ADMIN.password);
  ids.acme = (await admin.send<{ id: string }>("POST", "/clients", { code: "ACME", name: "Acme Ltd" })).id;
  ids.globex = (
    await admin.send<{ id: string }>("POST", "/clients", { code: "GLOBEX", name: "Globex Corp" })
  ).id;
  ids.carla = await addContact(
    CARLA,
    { firstName: "Carla", lastName: "Client" },
    ids.acme,
    "Contact – Entity Collaborator",
  );
  ids.eve = await addContact(
    EVE,
    { firstName: "Eve", lastName: "Client" },
    ids.acme,
    "Contact – Entity Access",
  );
  await addContact(
    OTTO,
    { firstName: "Otto", lastName: "Other" },
    ids.globex,
    "Contact – Entity Collaborator",
  );
}, 180_000);

afterAll(async () => {
  await running?.stop();
  await smtp?.stop();
});

/** The item's card on the request page. */
const itemCard = (test: TestPage, title: string) =>
  test.page.getByRole("article", { name: new RegExp(title.replace(/[?]/g, "\\?")) });

describe("a season's file request", () => {
  let requestId = "";
  let carlaPage: TestPage;

  it("staff ask for three documents at a desk; the email reaches the contact with a link into the request", async () => {
    const test = await openPage("desk");
    await signIn(server, test, ADMIN);
    await test.page.getByRole("link", { name: "Requests", exact: true }).click();
    await test.page.getByRole("heading", { level: 1, name: "Requests" }).waitFor();
    await test.page.getByRole("link", { name: "Ask for documents" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Ask for documents" }).waitFor();
    await pick(test, "Client", "ACME", /ACME/);
    await test.page.getByRole("checkbox", { name: /Carla Client/ }).check();
    await test.page.getByRole("checkbox", { name: /Eve Client/ }).check();
    // Eve is told apart: she can view and comment only.
    await test.page.getByText("Can view and comment only").waitFor();
    await test.page.getByLabel("Subject").fill("2026 tax return");
    await test.page.getByLabel("Message for the email").fill("Thank you for sending these before March.");
    await test.page.getByRole("textbox", { name: "Item 1", exact: true }).fill(ITEMS[0]!);
    await test.page.getByRole("button", { name: "Add an item" }).click();
    await test.page.getByRole("textbox", { name: "Item 2", exact: true }).fill(ITEMS[1]!);
    await test.page.getByRole("button", { name: "Add an item" }).click();
    await test.page.getByRole("textbox", { name: "Item 3", exact: true }).fill(ITEMS[2]!);
    await test.page.getByLabel("Every (days)").fill("1");
    await screenshot(test, "request-new");
    await expectAccessible(test, "the new request form");
    await test.page.getByRole("button", { name: "Send the request" }).click();
    await test.page.getByRole("heading", { level: 1, name: "2026 tax return" }).waitFor();
    requestId = /\/requests\/([0-9a-f-]{36})/.exec(test.page.url())![1]!;
    await itemCard(test, ITEMS[2]!).waitFor();
    await test.page.getByText("Reminders every 1 day: 0 sent, 3 left").waitFor();
    await screenshot(test, "request-staff-asked");
    await expectAccessible(test, "the request page (staff)");
    expectNoPageProblems(test);
    await test.context.close();

    const toCarla = await smtp.waitFor(
      (mail) => mail.to.includes(CARLA.email) && mail.subject.includes("asks you for documents"),
    );
    expect(toCarla.subject).toBe("Season & Co CPAs asks you for documents: 2026 tax return");
    expect(toCarla.text).toContain("Thank you for sending these before March.");
    expect(linkIn(toCarla, "/open-request?token=")).toContain(`${server.firmUrl}/open-request?token=`);
  });

  it("reminds on the server's clock a day later, while nothing is answered", async () => {
    expect(reminders()).toEqual([]);
    offsetMs += DAY_MS + 60_000;
    await smtp.waitFor(
      (mail) => mail.subject.startsWith("Reminder from ") && mail.to.includes(CARLA.email),
      15_000,
    );
    await smtp.waitFor(
      (mail) => mail.subject.startsWith("Reminder from ") && mail.to.includes(EVE.email),
      15_000,
    );
    expect(reminders()).toHaveLength(2);
  });

  it("the contact opens the reminder's link on a phone and sends a PDF and a photo, and comments on the third item", async () => {
    const reminder = reminders().find((mail) => mail.to.includes(CARLA.email))!;
    carlaPage = await openPage("phone");
    const started = Date.now();
    await carlaPage.page.goto(linkIn(reminder, "/open-request?token="));
    await carlaPage.page.getByRole("heading", { level: 1, name: "2026 tax return" }).waitFor();
    // The token left the address bar; the page is the request.
    expect(carlaPage.page.url()).toBe(`${server.firmUrl}/requests/${requestId}`);
    await screenshot(carlaPage, "request-contact-opened");
    await expectAccessible(carlaPage, "the request page (contact, by link)");

    await itemCard(carlaPage, ITEMS[0]!)
      .locator(`input[type=file][aria-label="Choose a file for ${ITEMS[0]}"]`)
      .setInputFiles({ name: "w2-2026.pdf", mimeType: "application/pdf", buffer: PDF });
    await itemCard(carlaPage, ITEMS[0]!).getByText("w2-2026.pdf is sent.").waitFor();
    await itemCard(carlaPage, ITEMS[1]!)
      .locator(`input[type=file][aria-label="Take a photo for ${ITEMS[1]}"]`)
      .setInputFiles({ name: "IMG_0042.jpg", mimeType: "image/jpeg", buffer: JPEG });
    await itemCard(carlaPage, ITEMS[1]!).getByText("IMG_0042.jpg is sent.").waitFor();
    const seconds = (Date.now() - started) / 1000;
    console.info(`From the email's link to two documents sent: ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);
    await itemCard(carlaPage, ITEMS[0]!).getByText("Sent", { exact: true }).waitFor();

    const third = itemCard(carlaPage, ITEMS[2]!);
    await third.getByRole("textbox", { name: /Comment on/ }).fill("Nothing else this year.");
    await third.getByRole("button", { name: "Send comment" }).click();
    await third.getByText("Nothing else this year.").waitFor();
    // Bad input is answered beside the item, and nothing is sent: an HTML page named .pdf.
    await itemCard(carlaPage, ITEMS[2]!)
      .locator(`input[type=file][aria-label="Choose a file for ${ITEMS[2]}"]`)
      .setInputFiles({
        name: "notes.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("<html><script>alert(1)</script></html>"),
      });
    await third
      .getByRole("alert")
      .filter({ hasText: /^A document must be a PDF.*none of those$/ })
      .waitFor();
    await screenshot(carlaPage, "request-contact-answered");
    await expectAccessible(carlaPage, "the request page (contact, answered)");
    // The refused upload's 415 is the only failed request.
    expectNoPageProblems(carlaPage, [/415/]);
  });

  it("an Entity Access contact sees the request but cannot upload, on the page or through the API", async () => {
    const test = await openPage("phone");
    await signIn(server, test, EVE);
    await test.page.getByRole("link", { name: "Open 2026 tax return" }).click();
    await test.page.getByRole("heading", { level: 1, name: "2026 tax return" }).waitFor();
    await test.page.getByText("The firm asked a colleague of yours to upload").waitFor();
    expect(await test.page.locator("input[type=file]").count()).toBe(0);
    await screenshot(test, "request-entity-access");
    await expectAccessible(test, "the request page (Entity Access)");
    expectNoPageProblems(test);
    await test.context.close();

    const session = await sessionOf(EVE);
    const request = (await (
      await fetch(`${server.firmUrl}/api/v1/file-requests/${requestId}`, { headers: session })
    ).json()) as { items: { id: string }[] };
    const form = new FormData();
    form.append("file", new Blob([PDF], { type: "application/pdf" }), "sneaky.pdf");
    const upload = await fetch(
      `${server.firmUrl}/api/v1/file-requests/${requestId}/items/${request.items[2]!.id}/uploads`,
      {
        method: "POST",
        headers: session,
        body: form,
      },
    );
    expect(upload.status).toBe(403);
  });

  it("a contact of another client sees none of it, on the pages or through the API", async () => {
    const test = await openPage("phone");
    await signIn(server, test, OTTO);
    await test.page.getByText("Nothing waits for you").waitFor();
    await test.page.goto(`${server.firmUrl}/requests/${requestId}`);
    await test.page.getByText("There is no such request, or it was not sent to you.").waitFor();
    await screenshot(test, "request-other-client");
    // The firm's own pages are not his either.
    await test.page.goto(`${server.firmUrl}/time`);
    await test.page.getByText("This page is not part of your portal").waitFor();
    await test.context.close();

    const session = await sessionOf(OTTO);
    const staffView = await admin.get<{ items: { uploads: { fileId: string; versionId: string }[] }[] }>(
      `/file-requests/${requestId}`,
    );
    const upload = staffView.items[0]!.uploads[0]!;
    for (const path of [
      `/file-requests/${requestId}`,
      `/files/${upload.fileId}`,
      `/files/${upload.fileId}/versions/${upload.versionId}/content`,
      `/clients/${ids.acme}/activity`,
      `/clients/${ids.acme}/files`,
    ]) {
      const response = await fetch(`${server.firmUrl}/api/v1${path}`, { headers: session });
      expect(response.status, path).toBe(404);
    }
    const list = (await (
      await fetch(`${server.firmUrl}/api/v1/file-requests`, { headers: session })
    ).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
  });

  it("staff return the photo, the contact sends it again, staff complete the request; reminders stop", async () => {
    const test = await openPage("desk");
    await signIn(server, test, ADMIN);
    await test.page.goto(`${server.firmUrl}/requests/${requestId}`);
    await test.page.getByRole("heading", { level: 1, name: "2026 tax return" }).waitFor();
    const photo = itemCard(test, ITEMS[1]!);
    await photo.getByText("Answered: to review").waitFor();
    await photo.getByRole("link", { name: "IMG_0042.jpg" }).waitFor();
    await photo.getByRole("button", { name: "Return…" }).click();
    const dialog = test.page.getByRole("dialog", { name: /Return/ });
    await dialog.getByRole("button", { name: "Return to the client" }).click();
    await dialog.getByText("Say what is wrong or missing").waitFor();
    await dialog.getByLabel("What the client should do").fill("The photo is blurred; please take it again.");
    await dialog.getByRole("button", { name: "Return to the client" }).click();
    await photo.getByText("Waiting for the client").waitFor();
    await screenshot(test, "request-staff-returned");

    // The contact, still on the request from the link, sees it back with the firm's words.
    await carlaPage.page.reload();
    const again = itemCard(carlaPage, ITEMS[1]!);
    await again.getByText("The photo is blurred; please take it again.").waitFor();
    await again.getByText("To do", { exact: true }).waitFor();
    await again
      .locator(`input[type=file][aria-label="Take a photo for ${ITEMS[1]}"]`)
      .setInputFiles({ name: "IMG_0043.jpg", mimeType: "image/jpeg", buffer: JPEG });
    await again.getByText("IMG_0043.jpg is sent.").waitFor();
    await carlaPage.context.close();

    await test.page.reload();
    await itemCard(test, ITEMS[1]!).getByRole("link", { name: "IMG_0043.jpg" }).waitFor();
    for (const title of ITEMS) {
      const card = itemCard(test, title);
      await card.getByRole("button", { name: "Accept" }).click();
      await card.getByText("Accepted").waitFor();
    }
    await test.page.getByText("Completed", { exact: true }).first().waitFor();
    await screenshot(test, "request-staff-completed");
    await expectAccessible(test, "the request page (completed)");
    expectNoPageProblems(test);
    await test.context.close();

    const final = await admin.get<{ status: string; reminders: { sent: number; nextAt: string | null } }>(
      `/file-requests/${requestId}`,
    );
    expect(final.status).toBe("completed");
    expect(final.reminders.nextAt).toBeNull();
    const sent = reminders().length;
    offsetMs += 5 * DAY_MS;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(reminders()).toHaveLength(sent);
  });
});
