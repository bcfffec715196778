/**
 * A season's file request in real Chromium, against the server in this process on a clock the
 * test moves: staff ask a client for three documents at a desk; the client's Entity Collaborator
 * opens the emailed link on a phone, sends a PDF and a photo and comments on the third item;
 * staff return one item, the contact sends it again, staff accept and complete. Reminders go out
 * when the clock reaches them and stop once the request is complete. An Entity Access contact
 * follows the request without an upload button (and the API refuses their upload); a contact of
 * another client sees none of it, on the pages or through the API. Every page is scanned by axe
 * and photographed (test-results/screenshots/).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type TestPage,
} from "../../src/test-support/browser.js";
import { JPEG, PDF, PNG } from "../../src/test-support/receipts.js";
import { linkIn, type ReceivedMail } from "../../src/test-support/smtp-server.js";
import { apiAs, type ApiUser } from "./firm-server.js";
import { startFirmServerOnClock, type InProcessFirmServer } from "./firm-server-on-clock.js";
import { signIn } from "./pages.js";

const DAY_MS = 86_400_000;
const SUBJECT = "2026 personal tax return";
const ITEMS = ["Bank statement (PDF)", "Photo of the donation receipt", "Your 1099 forms"] as const;
const RETURN_COMMENT = "The receipt is cut off at the bottom: please send the whole page";
const PASSWORDS = {
  mia: "mia's long passphrase",
  eve: "eve's long passphrase",
  otto: "otto's long passphrase",
};
const EMAILS = {
  mia: "mia@smith.example",
  carla: "carla@acme.example",
  eve: "eve@acme.example",
  otto: "otto@globex.example",
};

/** The server's clock runs this far ahead of the wall clock; the test moves it. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

let server: InProcessFirmServer;
let admin: ApiUser;
const ids = { acme: "", globex: "", request: "" };
/** The scheduled reminder's email to Carla, a day after the request. */
let firstReminder: ReceivedMail | undefined;

/** Invites a user (a staff member or a contact) and returns their user id. */
async function invite(body: { staffId: string } | { contactId: string }): Promise<string> {
  const user = await admin.send<{ id: string }>("POST", "/users", body);
  return user.id;
}

/** Sets the password from the invitation's link, as the invited person would. */
async function activate(email: string, password: string): Promise<void> {
  const mail = await server.smtp.waitFor((message) => message.to.includes(email));
  const token = new URL(linkIn(mail, "/activate?token=")).searchParams.get("token")!;
  const answer = await fetch(`${server.firmUrl}/api/v1/auth/activate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, password }),
  });
  expect(answer.ok, `activating ${email}`).toBe(true);
}

async function share(userId: string, role: string, entityId: string): Promise<void> {
  const roles = await admin.get<{ items: { id: string; name: string }[] }>("/roles?limit=100");
  const roleId = roles.items.find((one) => one.name === role)?.id;
  expect(roleId, role).toBeTruthy();
  await admin.send("POST", "/assignments", {
    roleId,
    principalKind: "user",
    principalId: userId,
    scope: "entity",
    entityId,
  });
}

async function addContact(first: string, email: string, clientId: string, role: string): Promise<string> {
  const contact = await admin.send<{ id: string }>("POST", "/contacts", {
    firstName: first,
    lastName: "Client",
    email,
    clientIds: [clientId],
  });
  const userId = await invite({ contactId: contact.id });
  await share(userId, role, clientId);
  return contact.id;
}

beforeAll(async () => {
  server = await startFirmServerOnClock("smith", clock);
  admin = await apiAs(server, server.admin.email, server.admin.password);
  ids.acme = (await admin.send<{ id: string }>("POST", "/clients", { code: "ACME", name: "Acme Ltd" })).id;
  ids.globex = (
    await admin.send<{ id: string }>("POST", "/clients", { code: "GLOBEX", name: "Globex Corp" })
  ).id;
  // Mia, staff, runs ACME's requests: Viewer on ACME.
  const mia = await admin.send<{ id: string }>("POST", "/staff", {
    staffNumber: "MM",
    firstName: "Mia",
    lastName: "Manager",
    email: EMAILS.mia,
  });
  await share(await invite({ staffId: mia.id }), "Viewer", ids.acme);
  await activate(EMAILS.mia, PASSWORDS.mia);
  // Carla uploads for ACME (and never set a password: the request's link is her way in); Eve
  // follows ACME's requests; Otto is GLOBEX's.
  await addContact("Carla", EMAILS.carla, ids.acme, "Contact – Entity Collaborator");
  await addContact("Eve", EMAILS.eve, ids.acme, "Contact – Entity Access");
  await addContact("Otto", EMAILS.otto, ids.globex, "Contact – Entity Collaborator");
  await activate(EMAILS.eve, PASSWORDS.eve);
  await activate(EMAILS.otto, PASSWORDS.otto);
}, 180_000);
afterAll(() => server?.stop());

/** The HTTP errors a page is expected to meet in each step (a refused upload, a request that is not yours). */
const allowed = (...statuses: number[]) =>
  statuses.flatMap((status) => [new RegExp(`status of ${status}`), new RegExp(`^${status} /`)]);

const mailsTo = (email: string, subject: RegExp): ReceivedMail[] =>
  server.smtp.received.filter((mail) => mail.to.includes(email) && subject.test(mail.subject));

/** Moves the server's clock on and wakes its job runner (which also polls every 200 ms). */
function advanceClock(ms: number): void {
  offsetMs += ms;
  server.running.deps.notifyMail();
}

const item = (test: TestPage, title: string) => test.page.getByRole("article", { name: new RegExp(title) });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A request's item card: its title's words, escaped for a RegExp. */
const card = (test: TestPage, title: string) => item(test, escape(title));

async function openRequestAsStaff(test: TestPage): Promise<void> {
  await signIn(
    server,
    test,
    { email: EMAILS.mia, password: PASSWORDS.mia },
    {
      next: `/requests/${ids.request}`,
      heading: SUBJECT,
    },
  );
}

/** What the request is now, through the API, as the Admin sees it. */
async function requestNow() {
  return admin.get<{
    status: string;
    reminders: { sent: number; nextAt: string | null };
    items: {
      title: string;
      status: string;
      uploads: { fileId: string; versionId: string; mediaType: string }[];
    }[];
  }>(`/file-requests/${ids.request}`);
}

describe("a season's file request", { timeout: 120_000 }, () => {
  it("staff ask ACME for three documents at a desk, from the client's page", async () => {
    const test = await openPage("desk");
    await signIn(server, test, { email: EMAILS.mia, password: PASSWORDS.mia });
    await expect(test.page.getByRole("link", { name: "Requests" }).count()).resolves.toBe(1);
    await test.page.goto(`${server.firmUrl}/setup/clients/${ids.acme}`);
    await test.page.getByRole("link", { name: "New request" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Ask for documents" }).waitFor();
    // The client is chosen; its contacts are offered with what each may do, in words.
    await test.page.getByRole("checkbox", { name: /Carla Client/ }).waitFor();
    await test.page.getByText("Can upload; has not signed in yet").waitFor();
    await test.page.getByText("Can view and comment only", { exact: true }).waitFor();
    await expect(test.page.getByRole("checkbox", { name: /Otto/ }).count()).resolves.toBe(0);

    // Sending with nothing filled in says what is missing beside each field, and sends nothing.
    await test.page.getByRole("button", { name: "Send the request" }).click();
    await test.page.getByText("Choose at least one person to ask").waitFor();
    await test.page.getByText("Give the request a subject").waitFor();
    await test.page.getByText("Say what you need").waitFor();
    await screenshot(test, "request-new-refused");
    await expectAccessible(test, "the new request form with its errors");

    await test.page.getByRole("checkbox", { name: /Carla Client/ }).check();
    await test.page.getByRole("checkbox", { name: /Eve Client/ }).check();
    await test.page.getByRole("textbox", { name: /^Subject/ }).fill(SUBJECT);
    await test.page
      .getByRole("textbox", { name: /^Description/ })
      .fill("What we need for this year's return.");
    await test.page.getByRole("textbox", { name: /^Message for the email/ }).fill("Thank you, Carla!");
    // The checklist, by keyboard: three items typed in, then the third moved to the top and back.
    await test.page.getByRole("textbox", { name: /^Item 1/ }).fill(ITEMS[0]);
    for (const [index, title] of [
      [2, ITEMS[1]],
      [3, ITEMS[2]],
    ] as const) {
      await test.page.getByRole("button", { name: "Add an item" }).focus();
      await test.page.keyboard.press("Enter");
      await test.page.getByRole("textbox", { name: new RegExp(`^Item ${index}`) }).fill(title);
    }
    await test.page.getByRole("button", { name: "Move item 3 up" }).focus();
    await test.page.keyboard.press("Enter");
    expect(await test.page.getByRole("textbox", { name: /^Item 2/ }).inputValue()).toBe(ITEMS[2]);
    await test.page.getByRole("button", { name: "Move item 2 down" }).focus();
    await test.page.keyboard.press("Enter");
    expect(await test.page.getByRole("textbox", { name: /^Item 3/ }).inputValue()).toBe(ITEMS[2]);
    await test.page.getByLabel("Due date").first().fill("2027-01-31");
    await test.page.getByRole("textbox", { name: /^Every \(days\)/ }).fill("1");
    await test.page.getByRole("textbox", { name: /^At most \(times\)/ }).fill("3");
    await screenshot(test, "request-new");
    await test.page.getByRole("button", { name: "Send the request" }).click();
    await test.page.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    ids.request = /\/requests\/([0-9a-f-]{36})$/.exec(test.page.url())![1]!;

    await card(test, ITEMS[0]).getByText("Waiting for the client").waitFor();
    await test.page.getByText("0 of 3 answered").waitFor();
    await test.page
      .getByText(/No reminder has gone yet\. Reminders every 1 day: 0 of 3 sent, 3 left/)
      .waitFor();
    await test.page.mouse.move(700, 10);
    await expectAccessible(test, "a new request, as staff");
    await screenshot(test, "request-staff-new");

    // The list: one request, its status in words and how much is answered.
    await test.page.getByRole("link", { name: "Requests" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Requests" }).waitFor();
    const row = test.page.getByRole("row", { name: new RegExp(SUBJECT) });
    await row.getByText("Waiting for the client").waitFor();
    await row.getByText("0 of 3").waitFor();
    await row.getByText("ACME · Acme Ltd").waitFor();
    await expectAccessible(test, "the requests list");
    await screenshot(test, "requests-list");
    expectNoPageProblems(test);
    await test.context.close();

    const request = await requestNow();
    expect(request.items.map((one) => one.title)).toEqual([...ITEMS]);
    expect(request.status).toBe("open");
  });

  it("the collaborator opens the emailed link on a phone, sends a PDF and a photo, and comments", async () => {
    const mail = await server.smtp.waitFor(
      (message) => message.to.includes(EMAILS.carla) && /asks you for documents/.test(message.subject),
    );
    expect(mail.text).toContain("Thank you, Carla!");
    const test = await openPage("phone");
    await test.page.goto(linkIn(mail, "/open-request?token="));
    await test.page.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    // The token is gone from the address bar; the link session shows this request only.
    expect(test.page.url()).toBe(`${server.firmUrl}/requests/${ids.request}`);
    await expect(test.page.getByRole("button", { name: "Sections" }).count()).resolves.toBe(0);
    await card(test, ITEMS[0]).getByText("To do").waitFor();
    await expect(
      card(test, ITEMS[0]).getByRole("button", { name: "Take a photo" }).isVisible(),
    ).resolves.toBe(true);
    await test.page.getByRole("button", { name: "Sign in for everything else" }).waitFor();
    await expectAccessible(test, "the request from the email's link, as the contact");
    await screenshot(test, "request-contact-link");

    // A file the server refuses (text posing as a PDF): the reason beside that item, nothing sent.
    await card(test, ITEMS[0])
      .getByLabel(`Upload a file for ${ITEMS[0]}`)
      .setInputFiles({
        name: "statement.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("not a pdf\n"),
      });
    await card(test, ITEMS[0])
      .getByRole("alert")
      .filter({ hasText: /a document must be a PDF/i })
      .waitFor();
    await card(test, ITEMS[0]).getByText("To do").waitFor();
    await screenshot(test, "request-contact-refused");

    await card(test, ITEMS[0])
      .getByLabel(`Upload a file for ${ITEMS[0]}`)
      .setInputFiles({ name: "statement.pdf", mimeType: "application/pdf", buffer: PDF });
    await card(test, ITEMS[0]).getByText("Sent", { exact: true }).waitFor();
    await card(test, ITEMS[0])
      .getByText(/statement\.pdf \(\d+ bytes\) — sent by Carla Client/)
      .waitFor();
    await card(test, ITEMS[1])
      .getByLabel(`Take a photo for ${ITEMS[1]}`)
      .setInputFiles({ name: "receipt.jpg", mimeType: "image/jpeg", buffer: JPEG });
    await card(test, ITEMS[1]).getByText("Sent", { exact: true }).waitFor();
    const third = card(test, ITEMS[2]);
    await third
      .getByRole("textbox", { name: new RegExp(`Comment on .${escape(ITEMS[2])}`) })
      .fill("I had no 1099 this year, only a W-2.");
    await third.getByRole("button", { name: "Send comment" }).click();
    await third.getByText("I had no 1099 this year, only a W-2.").waitFor();
    await test.page.getByText("2 of 3 answered").waitFor();
    await expectAccessible(test, "the request answered, as the contact");
    await screenshot(test, "request-contact-answered");

    // Nothing else of the firm's app from here: its pages say so in words.
    await test.page.goto(`${server.firmUrl}/time`);
    await test.page.getByText("This page is not part of your portal").waitFor();
    await test.page.getByText("The link from your email opens its request only.").waitFor();
    await screenshot(test, "request-contact-not-for-you");
    expectNoPageProblems(test, allowed(415));
    await test.context.close();

    // The link worked once: opened again, it says so and offers the sign-in page.
    const again = await openPage("phone");
    await again.page.goto(linkIn(mail, "/open-request?token="));
    await again.page.getByText(/This link has expired or was already used\./).waitFor();
    await again.page.getByRole("link", { name: "Sign in", exact: true }).waitFor();
    await expectAccessible(again, "a spent request link");
    await screenshot(again, "request-link-spent");
    expectNoPageProblems(again, allowed(410));
    await again.context.close();

    const request = await requestNow();
    expect(request.items.map((one) => one.status)).toEqual(["responded", "responded", "open"]);
    expect(request.items[0]!.uploads[0]!.mediaType).toBe("application/pdf");
    expect(request.items[1]!.uploads[0]!.mediaType).toBe("image/jpeg");
  });

  it("an Entity Access contact follows the request but cannot upload, on the page or through the API", async () => {
    const test = await openPage("phone");
    await signIn(server, test, { email: EMAILS.eve, password: PASSWORDS.eve });
    // Home: what waits, and only the portal's sections.
    await test.page.getByRole("heading", { name: "Documents asked of you" }).waitFor();
    await test.page.getByText(ITEMS[2]).waitFor();
    await test.page.getByRole("button", { name: "Sections" }).click();
    const sections = test.page.getByRole("navigation", { name: "Sections" });
    await expect(sections.getByRole("link").allTextContents()).resolves.toEqual([
      "Home",
      "Files",
      "Your account",
    ]);
    await screenshot(test, "portal-home-access-sections");
    await test.page.getByRole("button", { name: "Sections" }).click();
    // Closed: slid off the screen's left edge (a phone's drawer stays in the page).
    await expect
      .poll(async () => (await sections.boundingBox())!.x + (await sections.boundingBox())!.width)
      .toBeLessThanOrEqual(0);
    await screenshot(test, "portal-home-access");
    // The same home at a desk.
    const desk = await openPage("desk");
    await signIn(server, desk, { email: EMAILS.eve, password: PASSWORDS.eve });
    await desk.page.getByRole("link", { name: new RegExp(escape(ITEMS[2])) }).waitFor();
    await expectAccessible(desk, "a contact's home");
    await screenshot(desk, "portal-home-access");
    expectNoPageProblems(desk);
    await desk.context.close();
    await test.page.getByRole("link", { name: `Open ${SUBJECT}` }).click();
    await test.page.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    await test.page.getByText("You can comment; the firm asked a colleague to upload.").waitFor();
    await expect(test.page.getByRole("button", { name: /Upload|Take a photo/ }).count()).resolves.toBe(0);
    await card(test, ITEMS[2]).getByRole("button", { name: "Send comment" }).waitFor();
    await expectAccessible(test, "the request, as an Entity Access contact");
    await screenshot(test, "request-access-contact");

    const upload = await test.page.evaluate(
      async ({ base, requestId }) => {
        const me = (await (await fetch(`${base}/auth/me`)).json()) as { csrfToken: string };
        const request = (await (await fetch(`${base}/file-requests/${requestId}`)).json()) as {
          items: { id: string }[];
        };
        const form = new FormData();
        form.append("file", new Blob(["%PDF-1.4\n%%EOF\n"], { type: "application/pdf" }), "mine.pdf");
        const answer = await fetch(
          `${base}/file-requests/${requestId}/items/${request.items[2]!.id}/uploads`,
          {
            method: "POST",
            headers: { "x-csrf-token": me.csrfToken },
            body: form,
          },
        );
        return answer.status;
      },
      { base: `/f/smith/api/v1`, requestId: ids.request },
    );
    expect(upload).toBe(403);
    expectNoPageProblems(test, allowed(403));
    await test.context.close();
  });

  it("staff's request pages work on a phone too", async () => {
    const test = await openPage("phone");
    await signIn(server, test, { email: EMAILS.mia, password: PASSWORDS.mia });
    await test.page.getByRole("button", { name: "Sections" }).click();
    await test.page.getByRole("link", { name: "Requests" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Requests" }).waitFor();
    await test.page.getByText("2 of 3").waitFor();
    await expectAccessible(test, "the requests list");
    await screenshot(test, "requests-list");
    await test.page.getByRole("link", { name: SUBJECT }).click();
    await test.page.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    await card(test, ITEMS[0]).getByRole("button", { name: "Accept" }).waitFor();
    await expectAccessible(test, "the answered request, as staff");
    await screenshot(test, "request-staff-answered");
    await test.page.goto(`${server.firmUrl}/requests/new?clientId=${ids.acme}`);
    await test.page.getByRole("checkbox", { name: /Carla Client/ }).waitFor();
    await expectAccessible(test, "the new request form");
    await screenshot(test, "request-new");
    expectNoPageProblems(test);
    await test.context.close();
  });

  it("the firm's portal settings, in the setup index", async () => {
    for (const size of ["desk", "phone"] as const) {
      const test = await openPage(size);
      await signIn(server, test, server.admin);
      await test.page.goto(`${server.firmUrl}/setup`);
      // The setup index's card (the navigation has a Portal link too, in the drawer on a phone).
      await test.page
        .getByRole("main")
        .getByRole("link", { name: /^Portal/ })
        .click();
      await test.page.getByRole("heading", { level: 1, name: "Portal" }).waitFor();
      if (size === "desk") {
        await test.page.getByRole("radio", { name: /A digest after a few minutes/ }).check();
        await test.page.getByRole("textbox", { name: "Digest after (minutes)" }).fill("30");
        await test.page.getByRole("button", { name: "Save" }).click();
        await test.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
        expect(await admin.get("/portal-settings")).toMatchObject({
          notificationMode: "digest",
          digestMinutes: 30,
        });
        await screenshot(test, "portal-settings-digest");
        await test.page.getByRole("radio", { name: "One email per event" }).check();
        await test.page.getByRole("button", { name: "Save" }).click();
        await test.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      }
      await expectAccessible(test, "the portal settings");
      await screenshot(test, "portal-settings");
      expectNoPageProblems(test);
      await test.context.close();
    }
    expect(await admin.get("/portal-settings")).toMatchObject({ notificationMode: "each" });
  });

  it("a reminder goes a day later and shows in the request's history", async () => {
    expect(mailsTo(EMAILS.carla, /^Reminder from/)).toHaveLength(0);
    advanceClock(DAY_MS + 60_000);
    firstReminder = await server.smtp.waitFor(
      (mail) => mail.to.includes(EMAILS.carla) && /^Reminder from/.test(mail.subject),
      15_000,
    );
    await server.smtp.waitFor(
      (mail) => mail.to.includes(EMAILS.eve) && /^Reminder from/.test(mail.subject),
      15_000,
    );
    expect((await requestNow()).reminders.sent).toBe(1);
  });

  it("staff see the answers, accept two items and return the photo with a comment", async () => {
    const test = await openPage("desk");
    await openRequestAsStaff(test);
    const history = test.page.getByRole("region", { name: "History" });
    await history.getByText("A reminder went to 2 recipients").waitFor();
    await test.page
      .getByText(/The last reminder went on .+ Reminders every 1 day: 1 of 3 sent, 2 left/)
      .waitFor();
    // Each upload: its name linked to its download, its size, who sent it and when.
    const pdf = card(test, ITEMS[0]).getByRole("link", { name: "statement.pdf" });
    const href = await pdf.getAttribute("href");
    expect(href).toMatch(/\/api\/v1\/files\/[0-9a-f-]+\/versions\/[0-9a-f-]+\/content$/);
    const download = await test.page.request.get(`${server.url}${href}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
    await card(test, ITEMS[0]).getByText("Answered: to review").waitFor();
    await card(test, ITEMS[2]).getByText("I had no 1099 this year, only a W-2.").waitFor();
    await test.page.mouse.move(700, 10);
    await expectAccessible(test, "the answered request, as staff");
    await screenshot(test, "request-staff-answered");

    // A reminder now, by hand: its email goes at once and the history and the count say so.
    await test.page.getByRole("button", { name: "Remind now" }).click();
    await test.page.getByRole("status").filter({ hasText: "A reminder is on its way." }).waitFor();
    await history.getByText("Mia Manager sent a reminder").waitFor();
    await server.smtp.waitFor(
      (mail) =>
        mail.to.includes(EMAILS.carla) && /^Reminder from/.test(mail.subject) && mail !== firstReminder,
    );

    await card(test, ITEMS[0]).getByRole("button", { name: "Accept" }).click();
    await card(test, ITEMS[0]).getByText("Accepted").waitFor();
    // Returning needs a comment: the dialog refuses an empty one.
    await card(test, ITEMS[1]).getByRole("button", { name: "Return…" }).click();
    const dialog = test.page.getByRole("dialog", { name: `Return “${ITEMS[1]}”` });
    await dialog.getByRole("button", { name: "Return to the client" }).click();
    await dialog.getByText("Say what is wrong or missing").waitFor();
    await expectAccessible(test, "the return dialog with its refusal");
    await screenshot(test, "request-staff-return");
    await dialog.getByRole("textbox", { name: /What the client should do/ }).fill(RETURN_COMMENT);
    await dialog.getByRole("button", { name: "Return to the client" }).focus();
    await test.page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await card(test, ITEMS[1]).getByText("Waiting for the client").waitFor();
    await card(test, ITEMS[1]).getByText(RETURN_COMMENT).waitFor();
    await card(test, ITEMS[2]).getByRole("button", { name: "Accept" }).click();
    await card(test, ITEMS[2]).getByText("Accepted").waitFor();
    await test.page.getByText("2 of 3 answered").waitFor();
    await history
      .getByText(/returned/)
      .first()
      .waitFor();
    await screenshot(test, "request-staff-returned");
    expectNoPageProblems(test);
    await test.context.close();
  });

  it("the contact sends the photo again from the return's email, and staff complete the request", async () => {
    const mail = await server.smtp.waitFor(
      (message) => message.to.includes(EMAILS.carla) && /needs another look/.test(message.subject),
    );
    const contact = await openPage("phone");
    await contact.page.goto(linkIn(mail, "/open-request?token="));
    await contact.page.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    const photo = card(contact, ITEMS[1]);
    await photo.getByText(RETURN_COMMENT).waitFor();
    await photo.getByText("To do").waitFor();
    // The accepted items wait for nothing more.
    await expect(
      card(contact, ITEMS[0])
        .getByRole("button", { name: /Upload/ })
        .count(),
    ).resolves.toBe(0);
    await screenshot(contact, "request-contact-returned");
    await photo
      .getByLabel(`Take a photo for ${ITEMS[1]}`)
      .setInputFiles({ name: "receipt-whole.png", mimeType: "image/png", buffer: PNG });
    await photo.getByText("Sent", { exact: true }).waitFor();
    await photo
      .getByRole("listitem")
      .filter({ hasText: /receipt-whole\.png \(\d+ bytes\)/ })
      .waitFor();
    await expectAccessible(contact, "the request sent again, as the contact");
    await screenshot(contact, "request-contact-sent-again");
    expectNoPageProblems(contact);
    await contact.context.close();

    const test = await openPage("desk");
    await openRequestAsStaff(test);
    await card(test, ITEMS[1]).getByText("Answered: to review").waitFor();
    await test.page.getByRole("button", { name: "Complete request" }).click();
    await test.page.getByText(/^Completed on /).waitFor();
    await test.page.getByText("Completed", { exact: true }).waitFor();
    await card(test, ITEMS[1]).getByText("Accepted").waitFor();
    await expect(test.page.getByRole("button", { name: "Remind now" }).count()).resolves.toBe(0);
    await test.page.mouse.move(700, 10);
    await expectAccessible(test, "the completed request, as staff");
    await screenshot(test, "request-staff-completed");
    expectNoPageProblems(test);
    await test.context.close();
    const request = await requestNow();
    expect(request.status).toBe("completed");
    expect(request.reminders.nextAt).toBeNull();
  });

  it("sends no more reminders once the request is complete, however long the clock runs", async () => {
    const before = server.smtp.received.filter((mail) => /^Reminder from/.test(mail.subject)).length;
    // The scheduled one and the one sent by hand, each to Carla and Eve.
    expect(before).toBe(4);
    for (let day = 0; day < 4; day++) {
      advanceClock(DAY_MS);
      // Several of the job runner's polls (every 200 ms) at each new day.
      await new Promise((resolve) => setTimeout(resolve, 800));
    }
    expect(server.smtp.received.filter((mail) => /^Reminder from/.test(mail.subject))).toHaveLength(before);
    expect((await requestNow()).reminders.sent).toBe(1);
  });

  it("a contact of another client sees none of it, on the pages or through the API", async () => {
    const request = await requestNow();
    const upload = request.items[0]!.uploads[0]!;
    const test = await openPage("phone");
    await signIn(server, test, { email: EMAILS.otto, password: PASSWORDS.otto });
    await test.page.getByText(/^Nothing waits for you\./).waitFor();
    await expectAccessible(test, "the home of a contact with nothing waiting");
    await screenshot(test, "portal-home-nothing");
    await test.page.goto(`${server.firmUrl}/requests/${ids.request}`);
    await test.page.getByText("There is no such request, or it was not sent to you.").waitFor();
    await expect(test.page.getByText(SUBJECT).count()).resolves.toBe(0);
    await expectAccessible(test, "another client's request, as a contact");
    await screenshot(test, "request-not-found");
    // A contact typing the firm's own pages is told they are not theirs.
    await test.page.goto(`${server.firmUrl}/setup`);
    await test.page.getByText("This page is not part of your portal").waitFor();
    const statuses = await test.page.evaluate(
      async ({ base, requestId, file }) => {
        const status = async (path: string) => (await fetch(`${base}${path}`)).status;
        const list = (await (await fetch(`${base}/file-requests`)).json()) as { total: number };
        return {
          request: await status(`/file-requests/${requestId}`),
          content: await status(`/files/${file.fileId}/versions/${file.versionId}/content`),
          file: await status(`/files/${file.fileId}`),
          listed: list.total,
        };
      },
      { base: `/f/smith/api/v1`, requestId: ids.request, file: upload },
    );
    expect(statuses).toEqual({ request: 404, content: 404, file: 404, listed: 0 });
    expectNoPageProblems(test, allowed(404));
    await test.context.close();
  });
});
