/**
 * Sharing a client with a client's contact, in real Chromium against a real `firmtime serve`
 * with mail caught by a local SMTP server: the Admin (at a desk) adds a contact with an email,
 * invites them to the portal from the contact's page and sends a new invitation, puts them in a
 * contact group (a name used already is answered beside the field; a spare group is deleted, one
 * carrying a role is refused), and shares a client with the group as Entity Collaborator (listed
 * apart as inherited by the contact). The contact activates from the email on a phone, signs in
 * and sees only the portal. The Admin takes the role back, shares with the contact alone and takes
 * that back too: each time the contact's very next request follows. Pages are scanned by axe and
 * photographed at both sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type TestPage,
} from "../../src/test-support/browser.js";
import { linkIn, type ReceivedMail } from "../../src/test-support/smtp-server.js";
import { apiAs, startFirmServer, stopFirmServer, type ApiUser, type FirmServer } from "./firm-server.js";
import { openAt, signIn } from "./pages.js";

const CONTACT = {
  first: "Cora",
  last: "Client",
  email: "cora@acme.example",
  password: "cora's long passphrase",
};
const NAME = `${CONTACT.first} ${CONTACT.last}`;
const GROUP = "Acme family";
const COLLABORATOR = "Contact – Entity Collaborator";

let server: FirmServer;
let admin: ApiUser;
let acmeId = "";
let contactId = "";

beforeAll(async () => {
  server = await startFirmServer();
  admin = await apiAs(server, server.admin.email, server.admin.password);
  acmeId = (await admin.send<{ id: string }>("POST", "/clients", { code: "ACME", name: "Acme Ltd" })).id;
}, 120_000);
afterAll(() => stopFirmServer(server));

const mailTo = (email: string, after: ReceivedMail[] = []) =>
  server.smtp.waitFor((mail) => mail.to.includes(email) && !after.includes(mail));

/** What the contact's own session gets when it asks for the client (the API, as the page would). */
const clientStatus = (test: TestPage) =>
  test.page.evaluate(async ({ base, id }) => (await fetch(`${base}/clients/${id}`)).status, {
    base: `/f/${server.slug}/api/v1`,
    id: acmeId,
  });

describe("sharing a client with a contact", () => {
  let desk: TestPage;
  let phone: TestPage;

  it("the Admin adds a contact and invites them to the portal", async () => {
    desk = await openPage("desk");
    await signIn(server, desk, server.admin);
    await openAt(server, desk, "/setup/contacts/new", "New contact");
    await desk.page.getByRole("textbox", { name: "First name" }).fill(CONTACT.first);
    await desk.page.getByRole("textbox", { name: "Last name" }).fill(CONTACT.last);
    await desk.page.getByRole("textbox", { name: "Email" }).fill(CONTACT.email);
    await desk.page.getByRole("button", { name: "Add the contact" }).click();
    await desk.page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    contactId = desk.page.url().split("/").pop()!;

    await desk.page.getByRole("link", { name: "Portal access" }).click();
    await desk.page.getByRole("heading", { level: 1, name: "Portal access" }).waitFor();
    await desk.page.getByText("No access", { exact: true }).waitFor();
    await desk.page.getByRole("button", { name: "Invite to the portal" }).click();
    await desk.page.getByText("Invited", { exact: true }).waitFor();
    const first = await mailTo(CONTACT.email);
    // A new invitation: the first link stops working, the second one activates.
    await desk.page.getByRole("button", { name: "Send a new invitation" }).click();
    await desk.page.getByText(`A new invitation is on its way to ${CONTACT.email}.`).waitFor();
    await mailTo(CONTACT.email, [first]);
    await expectAccessible(desk, "a contact's portal access, invited");
    await screenshot(desk, "contact-portal-invited");

    // A contact without an email cannot be invited, and is told why beside the button.
    const bare = await admin.send<{ id: string }>("POST", "/contacts", { firstName: "No", lastName: "Mail" });
    await openAt(server, desk, `/setup/contacts/${bare.id}/portal`, "Portal access");
    await desk.page.getByText("Add an email address to the contact first").waitFor();
    expect(await desk.page.getByRole("button", { name: "Invite to the portal" }).isDisabled()).toBe(true);
  }, 30_000);

  it("the Admin puts the contact in a group and shares the client with the group", async () => {
    await openAt(server, desk, "/setup/contact-groups", "Contact groups");
    await desk.page.getByText("The firm has no contact groups yet.").waitFor();
    // A name is needed, said beside the field; a name already used too.
    await desk.page.getByRole("button", { name: "Add the group" }).click();
    await desk.page.getByText("Name the group").waitFor();
    await desk.page.getByRole("textbox", { name: "New group's name" }).fill("Acme owners");
    await desk.page.getByRole("button", { name: "Add the group" }).click();
    await desk.page.getByRole("heading", { level: 2, name: "Acme owners" }).waitFor();
    await desk.page.getByRole("textbox", { name: "New group's name" }).fill("Acme owners");
    await desk.page.getByRole("button", { name: "Add the group" }).click();
    await desk.page.getByText('Contact group "Acme owners" already exists').waitFor();
    await desk.page.getByRole("textbox", { name: "Group's name", exact: true }).fill(GROUP);
    await desk.page.getByRole("button", { name: "Rename" }).click();
    await desk.page.getByRole("heading", { level: 2, name: GROUP }).waitFor();
    await desk.page.getByRole("combobox", { name: `Add to ${GROUP}` }).fill("cora");
    await desk.page.getByRole("option", { name: `${NAME} · ${CONTACT.email}` }).click();
    await desk.page.getByRole("button", { name: "Add the contact" }).click();
    await desk.page
      .getByRole("table", { name: `Members of ${GROUP}` })
      .getByText(NAME)
      .waitFor();
    await expectAccessible(desk, "the contact groups page");
    await screenshot(desk, "contact-groups");
    // A group made by mistake is deleted, after asking.
    await desk.page.getByRole("textbox", { name: "New group's name" }).fill("Spare");
    await desk.page.getByRole("button", { name: "Add the group" }).click();
    await desk.page.getByRole("button", { name: "Delete Spare" }).click();
    await desk.page
      .getByRole("dialog", { name: "Delete Spare" })
      .getByRole("button", { name: "Delete the group" })
      .click();
    await desk.page.getByText("Group Spare is deleted.").waitFor();
    expect(
      await desk.page
        .getByRole("navigation", { name: "Contact groups" })
        .getByRole("button")
        .allTextContents(),
    ).toEqual([`${GROUP}1 contact`]);

    await openAt(server, desk, `/setup/sharing?client=${acmeId}`, "Sharing");
    await desk.page.getByRole("radio", { name: "A contact group" }).check();
    await desk.page.getByRole("combobox", { name: "Contact group" }).click();
    await desk.page.getByRole("option", { name: GROUP }).click();
    // Contacts are offered the contact roles only.
    await desk.page.getByRole("combobox", { name: "Role" }).click();
    const roles = await desk.page.getByRole("option").allTextContents();
    expect(roles.sort()).toEqual(["Contact – Entity Access", COLLABORATOR]);
    await desk.page.getByRole("option", { name: COLLABORATOR }).click();
    await desk.page.getByRole("button", { name: "Give the role" }).click();
    const direct = desk.page.getByRole("region", { name: "Given on this client" });
    await direct.getByRole("row", { name: new RegExp(`Contact group ${GROUP}.*${COLLABORATOR}`) }).waitFor();
    const inherited = desk.page.getByRole("table", { name: "Inherited roles" });
    await inherited
      .getByRole("row", { name: new RegExp(`${NAME}.*${COLLABORATOR}.*through the contact group ${GROUP}`) })
      .waitFor();
    await expectAccessible(desk, "the sharing page with a contact group");
    await screenshot(desk, "sharing-contact-group");

    // A group that carries a role is kept: the refusal shows in the question.
    await openAt(server, desk, "/setup/contact-groups", "Contact groups");
    await desk.page.getByRole("button", { name: `Delete ${GROUP}` }).click();
    const question = desk.page.getByRole("dialog", { name: `Delete ${GROUP}` });
    await question.getByRole("button", { name: "Delete the group" }).click();
    await question.getByRole("alert").filter({ hasText: "has roles assigned; remove them first" }).waitFor();
    await question.getByRole("button", { name: "Cancel" }).click();
  }, 30_000);

  it("the contact activates from the email on a phone and sees only the portal", async () => {
    const invitation = server.smtp.received.filter((mail) => mail.to.includes(CONTACT.email)).at(-1)!;
    phone = await openPage("phone");
    await phone.page.goto(linkIn(invitation, "/activate?token="));
    await phone.page.getByRole("textbox", { name: "New password", exact: true }).fill(CONTACT.password);
    await phone.page.getByRole("textbox", { name: "Repeat it", exact: true }).fill(CONTACT.password);
    await phone.page.getByRole("button", { name: "Activate my account" }).click();
    await phone.page.getByRole("status").filter({ hasText: "Your account is ready" }).waitFor();
    await signIn(server, phone, CONTACT);
    await phone.page.getByRole("button", { name: "Sections" }).click();
    const sections = phone.page.getByRole("navigation", { name: "Sections" });
    expect(await sections.getByRole("link").allTextContents()).toEqual(["Home", "Files", "Your account"]);
    await phone.page.getByRole("button", { name: "Sections" }).click();
    await expectAccessible(phone, "the contact's home");
    await screenshot(phone, "contact-portal-home");
    const home = await openPage("desk");
    await signIn(server, home, CONTACT);
    await expectAccessible(home, "the contact's home at a desk");
    await screenshot(home, "contact-portal-home");
    expectNoPageProblems(home);
    await home.context.close();
    expect(await clientStatus(phone)).toBe(200);

    // The Admin sees them active, reaching the client through the group.
    await openAt(server, desk, `/setup/contacts/${contactId}/portal`, "Portal access");
    await desk.page.getByText("Active", { exact: true }).waitFor();
    const reach = desk.page.getByRole("table", { name: "Clients they reach" });
    await reach
      .getByRole("row", {
        name: new RegExp(`ACME · Acme Ltd.*${COLLABORATOR}.*through the contact group ${GROUP}`),
      })
      .waitFor();
    await expectAccessible(desk, "a contact's portal access, active");
    await screenshot(desk, "contact-portal-active");
  }, 30_000);

  it("taking the group's role away stops the contact's next request", async () => {
    await openAt(server, desk, `/setup/sharing?client=${acmeId}`, "Sharing");
    await desk.page.getByRole("button", { name: `Take away ${COLLABORATOR}` }).click();
    await desk.page.getByText("No role is given on this client itself.").waitFor();
    expect(await clientStatus(phone)).toBe(404);

    // Shared with the contact alone, and taken back: the same, on the next request each time.
    await desk.page.getByRole("radio", { name: "A contact", exact: true }).check();
    await desk.page.getByRole("combobox", { name: "Contact", exact: true }).fill("cora");
    await desk.page.getByRole("option", { name: `${NAME} · ${CONTACT.email}` }).click();
    await desk.page.getByRole("combobox", { name: "Role" }).click();
    await desk.page.getByRole("option", { name: "Contact – Entity Access" }).click();
    await desk.page.getByRole("button", { name: "Give the role" }).click();
    const direct = desk.page.getByRole("region", { name: "Given on this client" });
    await direct
      .getByRole("row", { name: new RegExp(`${NAME}.*Contact · ${CONTACT.email}.*Contact – Entity Access`) })
      .waitFor();
    await screenshot(desk, "sharing-contact");
    expect(await clientStatus(phone)).toBe(200);
    await desk.page.getByRole("button", { name: "Take away Contact – Entity Access" }).click();
    await desk.page.getByText("No role is given on this client itself.").waitFor();
    expect(await clientStatus(phone)).toBe(404);

    // The same pages at a phone's size, for a person to look at.
    const small = await openPage("phone");
    await signIn(server, small, server.admin);
    for (const [path, heading, name] of [
      ["/setup/contact-groups", "Contact groups", "contact-groups"],
      [`/setup/sharing?client=${acmeId}`, "Sharing", "sharing-contact-group"],
      [`/setup/contacts/${contactId}/portal`, "Portal access", "contact-portal-active"],
    ] as const) {
      await openAt(server, small, path, heading);
      await expect.poll(() => small.page.getByText(/Loading…/).count()).toBe(0);
      await expectAccessible(small, `${heading} at a phone's size`);
      await screenshot(small, name);
    }
    expectNoPageProblems(desk, [/status of 409/, /^409 \//]);
    expectNoPageProblems(phone, [/status of 404/, /^404 \//]);
    expectNoPageProblems(small);
    await Promise.all([desk.context.close(), phone.context.close(), small.context.close()]);
  }, 30_000);
});
