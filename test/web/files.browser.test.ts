/**
 * A client's files in real Chromium. Staff at a desk make a folder, add a firm-only PDF and a
 * shared one, send a new version, share and stop sharing. The client's collaborator, on a phone,
 * sees only what was shared (never the firm-only file), downloads it, sends their own file, and
 * has no way to delete the firm's; a contact with Entity Access sees the files but cannot upload.
 * Back at the desk, staff find the client's file under "From the client", the history lists the
 * upload and the download, an approval is asked and its link opens the approval's page, and the
 * server's refusals (a folder that is not empty) are said in words. axe scans every page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type TestPage,
} from "../../src/test-support/browser.js";
import { PDF } from "../../src/test-support/receipts.js";
import { linkIn } from "../../src/test-support/smtp-server.js";
import { apiAs, startFirmServer, stopFirmServer, type ApiUser, type FirmServer } from "./firm-server.js";
import { holdFirstReadPastChange, signIn } from "./pages.js";

const CARLA = { email: "carla@acme.example", password: "carla's long passphrase" };
const EVE = { email: "eve@acme.example", password: "eve's long passphrase" };
const MIA = { email: "mia@smith.example", password: "mia's long passphrase" };

let server: FirmServer;
let admin: ApiUser;
let acmeId = "";

/** A PDF with its own bytes (each upload a different SHA-256). */
const pdf = (name: string, note = name) => ({
  name,
  mimeType: "application/pdf",
  buffer: Buffer.concat([PDF, Buffer.from(`\n% ${note}\n`)]),
});

async function share(userId: string, role: string, entityId: string): Promise<void> {
  const roles = await admin.get<{ items: { id: string; name: string }[] }>("/roles?limit=100");
  await admin.send("POST", "/assignments", {
    roleId: roles.items.find((one) => one.name === role)!.id,
    principalKind: "user",
    principalId: userId,
    scope: "entity",
    entityId,
  });
}

/** A user (a contact or a staff member) with `role` on ACME, activated with their password. */
async function addUser(
  record: { contactId: string } | { staffId: string },
  who: { email: string; password: string },
  role: string,
): Promise<string> {
  const user = await admin.send<{ id: string }>("POST", "/users", record);
  await share(user.id, role, acmeId);
  const invitation = await server.smtp.waitFor((mail) => mail.to.includes(who.email));
  const token = new URL(linkIn(invitation, "/activate?token=")).searchParams.get("token")!;
  const activated = await fetch(`${server.firmUrl}/api/v1/auth/activate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, password: who.password }),
  });
  expect(activated.ok, `activating ${who.email}`).toBe(true);
  return user.id;
}

async function addContact(
  first: string,
  who: { email: string; password: string },
  role: string,
): Promise<string> {
  const contact = await admin.send<{ id: string }>("POST", "/contacts", {
    firstName: first,
    lastName: "Client",
    email: who.email,
    clientIds: [acmeId],
  });
  return addUser({ contactId: contact.id }, who, role);
}

type Files = { items: { id: string; name: string; kind: string; current: { version: number } }[] };
const filesNow = async () =>
  (await admin.get<Files>(`/clients/${acmeId}/files?limit=100`)).items
    .map((file) => `${file.kind}: ${file.name} v${file.current.version}`)
    .sort();

const card = (test: TestPage, name: string) => test.page.getByRole("article", { name, exact: true });
/** A kind's tab; its name ends with how many files it holds (", 2 files"). */
const tab = (test: TestPage, name: string) =>
  test.page.getByRole("tab", { name: new RegExp(`^${name}(,|$)`) });

beforeAll(async () => {
  server = await startFirmServer("files");
  admin = await apiAs(server, server.admin.email, server.admin.password);
  acmeId = (await admin.send<{ id: string }>("POST", "/clients", { code: "ACME", name: "Acme Ltd" })).id;
  // Carla uploads for ACME and only reads GLOBEX's files: each client's page follows its own rights.
  const carla = await addContact("Carla", CARLA, "Contact – Entity Collaborator");
  const globex = await admin.send<{ id: string }>("POST", "/clients", {
    code: "GLOBEX",
    name: "Globex Corp",
  });
  await share(carla, "Contact – Entity Access", globex.id);
  await addContact("Eve", EVE, "Contact – Entity Access");
  // Mia, staff, follows ACME with Viewer rights: she reads its files but changes none.
  const mia = await admin.send<{ id: string }>("POST", "/staff", {
    staffNumber: "MM",
    firstName: "Mia",
    lastName: "Manager",
    email: MIA.email,
  });
  await addUser({ staffId: mia.id }, MIA, "Viewer");
}, 180_000);
afterAll(() => stopFirmServer(server));

describe("a client's files", { timeout: 120_000 }, () => {
  it("staff make a folder, add a firm-only and a shared PDF, a new version, share and stop sharing", async () => {
    const test = await openPage("desk");
    await signIn(server, test, server.admin);
    await test.page.goto(`${server.firmUrl}/setup/clients/${acmeId}`);
    await test.page.getByRole("link", { name: "Files", exact: true }).click();
    await test.page.getByRole("heading", { level: 1, name: "Files" }).waitFor();
    await test.page.getByText("No firm-only files here.").waitFor();

    // A folder with no name is refused beside the field; with one it is made and shown.
    await test.page.getByRole("button", { name: "New folder" }).click();
    await test.page.getByRole("button", { name: "Make the folder" }).click();
    await test.page.getByText("Give the folder a name").waitFor();
    await test.page.getByRole("textbox", { name: /^Folder name/ }).fill("Engagement 2026");
    // The new folder's list is read as the page turns to it; that read, answered before the
    // upload below, reaches the page after it. The page must still show the file (on a slow
    // CI machine it once kept the stale empty list).
    const files = `/clients/${acmeId}/files`;
    await holdFirstReadPastChange(test.page, {
      read: (request) => {
        const url = new URL(request.url());
        return (
          request.method() === "GET" &&
          url.pathname.endsWith(files) &&
          url.searchParams.has("folderId") &&
          url.searchParams.get("sort") === "-updatedAt"
        );
      },
      change: (request) => request.method() === "POST" && new URL(request.url()).pathname.endsWith(files),
      changeShown: () => test.page.getByText("Working papers.pdf is uploaded.").waitFor(),
    });
    await test.page.getByRole("button", { name: "Make the folder" }).click();
    await expect
      .poll(() => test.page.getByLabel("Show the files in").inputValue())
      .toMatch(/^[0-9a-f-]{36}$/);

    // The kind and the folder are chosen before the file: firm only, into the folder shown.
    expect(await test.page.getByLabel("Who sees it").inputValue()).toBe("firm");
    await test.page.getByLabel("Choose a file to add").setInputFiles(pdf("Working papers.pdf"));
    await test.page.getByText("Working papers.pdf is uploaded.").waitFor();
    await card(test, "Working papers.pdf").getByText("In Engagement 2026").waitFor();

    await test.page.getByLabel("Who sees it").selectOption("shared");
    await test.page.getByLabel("Choose a file to add").setInputFiles(pdf("Engagement letter.pdf"));
    await test.page.getByText("Engagement letter.pdf is uploaded.").waitFor();
    // The page turns to the kind just added.
    await expect.poll(() => tab(test, "Shared with the client").getAttribute("aria-selected")).toBe("true");
    const letter = card(test, "Engagement letter.pdf");
    await letter.getByText(/^Version 1 · .* · uploaded by Ada Lovelace on /).waitFor();
    await expect(card(test, "Working papers.pdf").count()).resolves.toBe(0);

    // A new version, then the versions with who, when, size, SHA-256 and a download each.
    await test.page
      .getByLabel("Upload a new version of Engagement letter.pdf")
      .setInputFiles(pdf("Engagement letter signed.pdf"));
    await letter.getByText(/^Version 2 · /).waitFor();
    await letter.getByRole("button", { name: "Versions of Engagement letter.pdf" }).click();
    await letter.getByRole("link", { name: "Download version 1 of Engagement letter.pdf" }).waitFor();
    await letter.getByRole("link", { name: "Download version 2 of Engagement letter.pdf" }).waitFor();
    await expect(letter.getByText(/^SHA-256 [0-9a-f]{64}$/).count()).resolves.toBe(2);
    await test.page.mouse.move(700, 10);
    await expectAccessible(test, "a client's shared files with versions (staff)");
    await screenshot(test, "files-staff-shared");

    // Share the firm-only file, then stop sharing it again.
    await tab(test, "Firm only").click();
    await test.page.getByRole("button", { name: "Share with the client: Working papers.pdf" }).click();
    await test.page.getByText("No firm-only files here.").waitFor();
    await tab(test, "Shared with the client").click();
    await test.page.getByRole("button", { name: "Stop sharing: Working papers.pdf" }).click();
    await expect.poll(() => card(test, "Working papers.pdf").count()).toBe(0);
    await tab(test, "Firm only").click();
    await card(test, "Working papers.pdf").waitFor();
    await screenshot(test, "files-staff-firm-only");
    expectNoPageProblems(test);
    await test.context.close();

    expect(await filesNow()).toEqual(["firm: Working papers.pdf v1", "shared: Engagement letter.pdf v2"]);
  });

  it("the collaborator on a phone sees only the shared file, downloads it, sends their own, deletes nothing; another client she only reads has no upload", async () => {
    const test = await openPage("phone");
    await signIn(server, test, CARLA);
    await test.page.getByRole("button", { name: "Sections" }).click();
    await test.page.getByRole("link", { name: "Files", exact: true }).click();
    await test.page.getByRole("heading", { level: 1, name: "Files" }).waitFor();
    const acme = test.page.getByRole("region", { name: "Acme Ltd" });
    const letter = acme.getByRole("article", { name: "Engagement letter.pdf" });
    await letter.waitFor();
    // GLOBEX, where she only has Entity Access: its own section, nothing shared, no upload.
    const globex = test.page.getByRole("region", { name: "Globex Corp" });
    await globex.getByText("The firm has not shared a file with you yet.").waitFor();
    await expect(globex.getByRole("button", { name: "Send a file to the firm" }).count()).resolves.toBe(0);
    // The firm-only file is not among the files (the history may say it was shared for a while).
    await expect(card(test, "Working papers.pdf").count()).resolves.toBe(0);
    await expect(test.page.getByRole("button", { name: /Delete|Stop sharing|Share/ }).count()).resolves.toBe(
      0,
    );
    await expect(test.page.getByLabel("Upload a new version of Engagement letter.pdf").count()).resolves.toBe(
      0,
    );

    const [download] = await Promise.all([
      test.page.waitForEvent("download"),
      letter.getByRole("link", { name: "Download Engagement letter.pdf" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    // The server refuses a contact's delete too, not only the page (403: they see the file).
    const letterId = (await admin.get<Files>(`/clients/${acmeId}/files?kind=shared`)).items[0]!.id;
    const status = await test.page.evaluate(
      async ({ path, fileId }) => {
        const me = (await (await fetch(`${path}/auth/me`)).json()) as { csrfToken: string };
        const answer = await fetch(`${path}/files/${fileId}`, {
          method: "DELETE",
          headers: { "x-csrf-token": me.csrfToken },
        });
        return answer.status;
      },
      { path: `${new URL(server.firmUrl).pathname}/api/v1`, fileId: letterId },
    );
    expect(status).toBe(403);

    // Their own file, picked as a phone would (the file chooser), sent with its progress.
    const [chooser] = await Promise.all([
      test.page.waitForEvent("filechooser"),
      acme.getByRole("button", { name: "Send a file to the firm" }).click(),
    ]);
    await chooser.setFiles(pdf("Bank statement.pdf"));
    await test.page.getByText("Bank statement.pdf is uploaded.").waitFor();
    const sent = acme.getByRole("region", { name: "Sent to the firm" });
    await sent.getByRole("article", { name: "Bank statement.pdf" }).waitFor();
    await acme.getByText("Carla Client uploaded Bank statement.pdf").waitFor();
    await expectAccessible(test, "a contact's files");
    await screenshot(test, "files-contact");
    expectNoPageProblems(test, [/403/]);
    await test.context.close();
  });

  it("a contact with Entity Access sees the shared file, no upload button, and the server refuses an upload", async () => {
    const test = await openPage("phone");
    await signIn(server, test, EVE, { next: "/files", heading: "Files" });
    await card(test, "Engagement letter.pdf").waitFor();
    await card(test, "Bank statement.pdf").waitFor();
    await expect(test.page.getByRole("button", { name: "Send a file to the firm" }).count()).resolves.toBe(0);
    await expect(card(test, "Working papers.pdf").count()).resolves.toBe(0);
    // Tried anyway, the server refuses the upload (403: Eve sees the client's files).
    const status = await test.page.evaluate(
      async ({ path, clientId }) => {
        const me = (await (await fetch(`${path}/auth/me`)).json()) as { csrfToken: string };
        const form = new FormData();
        form.append("file", new Blob(["%PDF-1.4\n%%EOF\n"], { type: "application/pdf" }), "try.pdf");
        const answer = await fetch(`${path}/clients/${clientId}/files`, {
          method: "POST",
          headers: { "x-csrf-token": me.csrfToken },
          body: form,
        });
        return answer.status;
      },
      { path: `${new URL(server.firmUrl).pathname}/api/v1`, clientId: acmeId },
    );
    expect(status).toBe(403);
    await screenshot(test, "files-contact-access");
    expectNoPageProblems(test, [/403/]);
    await test.context.close();
  });

  it("staff with Viewer rights read the files and the history, without a button to change them", async () => {
    const test = await openPage("desk");
    await signIn(server, test, MIA, { next: `/clients/${acmeId}/files`, heading: "Files" });
    await tab(test, "Shared with the client").click();
    await card(test, "Engagement letter.pdf").waitFor();
    await test.page
      .getByRole("region", { name: "History" })
      .getByText(/uploaded Bank statement\.pdf/)
      .waitFor();
    for (const name of [/folder/i, /Choose a file/, /Share|Stop sharing/, /Delete/, /Ask to approve/])
      await expect(test.page.getByRole("button", { name }).count()).resolves.toBe(0);
    await expect(test.page.getByText("Add a file").count()).resolves.toBe(0);
    expectNoPageProblems(test);
    await test.context.close();
  });

  it("staff find the client's file and the history, ask for approval, and meet the server's refusals", async () => {
    const test = await openPage("desk");
    await signIn(server, test, server.admin, { next: `/clients/${acmeId}/files`, heading: "Files" });
    // The tab says how many the client sent.
    await test.page.getByRole("tab", { name: "From the client, 1 file" }).click();
    await card(test, "Bank statement.pdf")
      .getByText(/uploaded by Carla Client on /)
      .waitFor();
    const history = test.page.getByRole("region", { name: "History" });
    await history.getByText("Carla Client uploaded Bank statement.pdf").waitFor();
    await history.getByText("Carla Client downloaded Engagement letter signed.pdf (version 2)").waitFor();
    // Oldest first on request: sharing the client with Carla came first of all.
    await history.getByText("Oldest first").click();
    await expect
      .poll(async () => (await history.getByRole("listitem").first().textContent()) ?? "")
      .toMatch(/Ada Lovelace gave Carla Client the Contact – Entity Collaborator role$/);

    // Ask Carla to approve the shared letter; the link opens the approval's page. The tabs go by
    // keyboard: the arrow key moves to the next kind.
    await test.page.getByRole("tab", { selected: true }).focus();
    await test.page.keyboard.press("ArrowLeft");
    await expect.poll(() => tab(test, "Shared with the client").getAttribute("aria-selected")).toBe("true");
    await test.page.getByRole("button", { name: "Ask to approve Engagement letter.pdf" }).click();
    const dialog = test.page.getByRole("dialog", { name: "Ask to approve Engagement letter.pdf" });
    await dialog.getByRole("button", { name: "Ask to approve" }).click();
    await dialog.getByText("Choose who approves").waitFor();
    await dialog.getByLabel("Who approves").selectOption({ label: "Carla Client (carla@acme.example)" });
    await dialog.getByRole("textbox", { name: "Message" }).fill("Please approve the signed letter.");
    await expectAccessible(test, "asking for an approval");
    await dialog.getByRole("button", { name: "Ask to approve" }).click();
    await dialog.getByText("Carla Client is asked to approve version 2").waitFor();
    await screenshot(test, "files-staff-approval-asked");
    await dialog.getByRole("link", { name: "Open the approval" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Engagement letter.pdf" }).waitFor();
    expect(test.page.url()).toMatch(/\/approvals\/[0-9a-f-]{36}$/);
    await test.page.getByText("Please approve the signed letter.").waitFor();

    // A folder that holds files is not deleted: the server says why, beside the buttons.
    await test.page.goBack();
    await test.page.getByRole("heading", { level: 1, name: "Files" }).waitFor();
    const folderId = (await admin.get<{ items: { id: string }[] }>(`/clients/${acmeId}/folders`)).items[0]!
      .id;
    await test.page.getByLabel("Show the files in").selectOption(folderId);
    await test.page.getByRole("button", { name: "Delete folder" }).click();
    await test.page.getByRole("button", { name: "Delete the folder" }).click();
    await test.page
      .getByText("The folder Engagement 2026 is not empty: move or delete what is in it first")
      .waitFor();

    // The firm-only file is deleted after a confirmation.
    await tab(test, "Firm only").click();
    await test.page.getByRole("button", { name: "Delete Working papers.pdf" }).click();
    await test.page.getByRole("button", { name: "Delete the file" }).click();
    await test.page.getByText("No firm-only files here.").waitFor();
    // Moved out of the folder, the letter leaves it empty, and the folder goes.
    await tab(test, "Shared with the client").click();
    await card(test, "Engagement letter.pdf")
      .getByLabel("Move to the folder")
      .selectOption({ label: "No folder" });
    await test.page.getByText("Nothing shared with the client here.").waitFor();
    await test.page.getByRole("button", { name: "Delete folder" }).click();
    await test.page.getByRole("button", { name: "Delete the folder" }).click();
    await expect.poll(() => test.page.getByLabel("Show the files in").inputValue()).toBe("all");
    await card(test, "Engagement letter.pdf").waitFor();
    await test.page.mouse.move(700, 10);
    await expectAccessible(test, "a client's files after the changes (staff)");
    await screenshot(test, "files-staff-after");
    expectNoPageProblems(test, [/409/]);
    await test.context.close();

    // The same page works on a phone.
    const phone = await openPage("phone");
    await signIn(server, phone, server.admin, { next: `/clients/${acmeId}/files`, heading: "Files" });
    await tab(phone, "Shared with the client").click();
    await card(phone, "Engagement letter.pdf").waitFor();
    await expectAccessible(phone, "a client's files (staff, phone)");
    await screenshot(phone, "files-staff");
    expectNoPageProblems(phone);
    await phone.context.close();

    expect(await filesNow()).toEqual(["client: Bank statement.pdf v1", "shared: Engagement letter.pdf v2"]);
    expect((await admin.get<{ items: unknown[] }>(`/clients/${acmeId}/folders`)).items).toEqual([]);
  });
});
