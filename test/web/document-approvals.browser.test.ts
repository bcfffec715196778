/**
 * A document to approve in real Chromium: the firm asks a client's contact to approve a shared
 * file; the contact finds it on their home page on a phone, reads it, is told that declining needs
 * a comment, declines with one; asked again, approves. The decision then stands as a record (who,
 * when, from where) with no buttons, for the contact and for staff; staff withdraw a pending one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
} from "../../src/test-support/browser.js";
import { PDF } from "../../src/test-support/receipts.js";
import { linkIn } from "../../src/test-support/smtp-server.js";
import { apiAs, startFirmServer, stopFirmServer, type ApiUser, type FirmServer } from "./firm-server.js";
import { signIn } from "./pages.js";

const CARLA = { email: "carla@acme.example", password: "carla's long passphrase" };

let server: FirmServer;
let admin: ApiUser;
let fileId = "";
let contactId = "";

/** The admin's session, for the one call an API token's JSON helper cannot make: an upload. */
async function uploadShared(clientId: string, name: string): Promise<string> {
  const login = await fetch(`${server.firmUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(server.admin),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const form = new FormData();
  form.append("kind", "shared");
  form.append("file", new Blob([PDF], { type: "application/pdf" }), name);
  const answer = await fetch(`${server.firmUrl}/api/v1/clients/${clientId}/files`, {
    method: "POST",
    headers: { cookie: login.headers.get("set-cookie")!.split(";")[0]!, "x-csrf-token": csrfToken },
    body: form,
  });
  expect(answer.status).toBe(201);
  return ((await answer.json()) as { id: string }).id;
}

const ask = async (message: string) =>
  (await admin.send<{ id: string }>("POST", `/files/${fileId}/approvals`, { contactId, message })).id;

beforeAll(async () => {
  server = await startFirmServer("docs");
  admin = await apiAs(server, server.admin.email, server.admin.password);
  const acme = await admin.send<{ id: string }>("POST", "/clients", { code: "ACME", name: "Acme Ltd" });
  contactId = (
    await admin.send<{ id: string }>("POST", "/contacts", {
      firstName: "Carla",
      lastName: "Client",
      email: CARLA.email,
      clientIds: [acme.id],
    })
  ).id;
  const user = await admin.send<{ id: string }>("POST", "/users", { contactId });
  const roles = await admin.get<{ items: { id: string; name: string }[] }>("/roles?limit=100");
  await admin.send("POST", "/assignments", {
    roleId: roles.items.find((role) => role.name === "Contact – Entity Collaborator")!.id,
    principalKind: "user",
    principalId: user.id,
    scope: "entity",
    entityId: acme.id,
  });
  const invitation = await server.smtp.waitFor((mail) => mail.to.includes(CARLA.email));
  const token = new URL(linkIn(invitation, "/activate?token=")).searchParams.get("token")!;
  const activated = await fetch(`${server.firmUrl}/api/v1/auth/activate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, password: CARLA.password }),
  });
  expect(activated.ok).toBe(true);
  fileId = await uploadShared(acme.id, "Engagement letter.pdf");
}, 180_000);
afterAll(() => stopFirmServer(server));

describe("a document to approve", () => {
  it("the contact declines with a comment (needed), then approves when asked again; the decision stays a record", async () => {
    const first = await ask("Please read and approve the engagement letter.");
    const email = await server.smtp.waitFor(
      (mail) => mail.to.includes(CARLA.email) && mail.text.includes("/approvals/"),
    );
    expect(linkIn(email, "/approvals/")).toBe(`${server.firmUrl}/approvals/${first}`);

    const test = await openPage("phone");
    await signIn(server, test, CARLA);
    await test.page.getByRole("heading", { name: "Documents to approve" }).waitFor();
    await test.page.getByRole("link", { name: "Review Engagement letter.pdf" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Engagement letter.pdf" }).waitFor();
    await test.page.getByText("Please read and approve the engagement letter.").waitFor();
    await screenshot(test, "document-approval-asked");
    await expectAccessible(test, "a document to approve (contact)");

    await test.page.getByRole("button", { name: "Decline" }).click();
    await test.page.getByText("Say why you decline").waitFor();
    await test.page
      .getByRole("textbox", { name: "Comment" })
      .fill("The fee in section 3 is not what we agreed.");
    await test.page.getByRole("button", { name: "Decline" }).click();
    await test.page.getByText(/^Declined by Carla Client on .*, from 127\.0\.0\.1\.$/).waitFor();
    await test.page.getByText("“The fee in section 3 is not what we agreed.”").waitFor();
    expect(await test.page.getByRole("button", { name: /Approve|Decline/ }).count()).toBe(0);
    await screenshot(test, "document-approval-declined");

    const second = await ask("Section 3 is corrected.");
    await test.page.goto(`${server.firmUrl}/`);
    await test.page.getByRole("link", { name: "Review Engagement letter.pdf" }).click();
    await test.page.getByText("Section 3 is corrected.").waitFor();
    await test.page.getByRole("button", { name: "Approve" }).click();
    await test.page.getByText(/^Approved by Carla Client on /).waitFor();
    await expectAccessible(test, "an approved document (contact)");
    await screenshot(test, "document-approval-approved");
    // Nothing waits any more.
    await test.page.goto(`${server.firmUrl}/`);
    await test.page.getByText("Nothing waits for you").waitFor();
    expectNoPageProblems(test);
    await test.context.close();

    const record = await admin.get<{ status: string; decidedFrom: string }>(`/approvals/${second}`);
    expect(record).toMatchObject({ status: "approved", decidedFrom: "127.0.0.1" });
    expect((await admin.get<{ status: string }>(`/approvals/${first}`)).status).toBe("declined");
  });

  it("staff see the record and withdraw a pending request at a desk", async () => {
    const pending = await ask("One more look, please.");
    const test = await openPage("desk");
    await signIn(server, test, server.admin);
    await test.page.goto(`${server.firmUrl}/approvals/${pending}`);
    await test.page.getByRole("heading", { level: 1, name: "Engagement letter.pdf" }).waitFor();
    await test.page.getByText("Asked of Carla Client").waitFor();
    await screenshot(test, "document-approval-staff");
    await expectAccessible(test, "a document to approve (staff)");
    await test.page.getByRole("button", { name: "Withdraw the request" }).click();
    await test.page.getByText("Withdrawn by the firm: nothing is to decide any more.").waitFor();
    expect(await test.page.getByRole("button", { name: "Withdraw the request" }).count()).toBe(0);
    // An approval that is not there is said in words.
    await test.page.goto(`${server.firmUrl}/approvals/00000000-0000-4000-8000-000000000000`);
    await test.page.getByText("There is no such approval, or it was not asked of you.").waitFor();
    expectNoPageProblems(test, [/404/]);
    await test.context.close();
  });
});
