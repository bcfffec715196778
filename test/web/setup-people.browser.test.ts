/**
 * Firm setup of people and access in real Chromium, at a phone's and a desk's size, against a
 * real `firmtime serve` with mail caught by a local SMTP server: the Admin edits the firm's
 * profile and moves the lock date, adds a staff member (a number already used is answered
 * beside the field) and a group, invites the new member (the emailed link activates the
 * account), gives them a role on one client and sees inherited roles listed apart, and creates
 * a custom role; the new member, signed in, is offered no setup action. Every page is scanned by
 * axe and photographed (test-results/screenshots/).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type ScreenSize,
  type TestPage,
} from "../../src/test-support/browser.js";
import { linkIn } from "../../src/test-support/smtp-server.js";
import { apiAs, startFirmServer, stopFirmServer, type ApiUser, type FirmServer } from "./firm-server.js";

/** The duplicate staff number is refused on purpose (409), and the member's own-record-only reads. */
const EXPECTED_HTTP_ERRORS = [/status of 409/, /^409 \//];

let server: FirmServer;
let admin: ApiUser;
let acmeId = "";

beforeAll(async () => {
  server = await startFirmServer();
  admin = await apiAs(server, server.admin.email, server.admin.password);
  acmeId = (await admin.send<{ id: string }>("POST", "/clients", { code: "ACME", name: "Acme Ltd" })).id;
}, 120_000);
afterAll(() => stopFirmServer(server));

async function signIn(test: TestPage, email: string, password: string) {
  await test.page.goto(`${server.firmUrl}/sign-in`);
  await test.page.getByLabel("Email").fill(email);
  await test.page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await test.page.getByRole("button", { name: "Sign in" }).click();
  await test.page.getByRole("heading", { level: 1, name: /^Hello/ }).waitFor();
}

async function open(test: TestPage, path: string, heading: string) {
  await test.page.goto(`${server.firmUrl}${path}`);
  await test.page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

async function choose(test: TestPage, label: string, option: RegExp | string) {
  await test.page.getByRole("combobox", { name: label }).click();
  await test.page.getByRole("option", { name: option }).click();
}

describe.each<ScreenSize>(["phone", "desk"])("people and access setup at %s size", (size) => {
  const tag = size === "phone" ? "P" : "D";
  const email = `nina.${size}@smith.example`;
  const password = "nina's long passphrase";

  it("lets the Admin set up the firm, its people and their access", async () => {
    const test = await openPage(size);
    await signIn(test, server.admin.email, server.admin.password);

    // The firm's profile, and the lock date explained before and after it moves.
    await open(test, "/setup/firm", "Firm profile");
    await test.page.getByRole("textbox", { name: "Firm name" }).fill(`Smith & Co CPAs ${tag}`);
    const lockDate = size === "phone" ? "2026-01-31" : "2026-02-28";
    await test.page.getByRole("textbox", { name: "Lock date" }).fill(lockDate);
    await test.page.getByRole("status").filter({ hasText: "will be locked" }).waitFor();
    await expectAccessible(test, "the firm profile");
    await screenshot(test, "setup-firm");
    await test.page.getByRole("button", { name: "Save the profile" }).click();
    await test.page.getByText(/are now locked/).waitFor();
    const firm = await admin.get<{ name: string; lockDate: string }>("/firm");
    expect(firm).toMatchObject({ name: `Smith & Co CPAs ${tag}`, lockDate });

    // A staff member: a number already used is answered beside the field, then added.
    await open(test, "/setup/staff", "Staff");
    await test.page.getByRole("button", { name: "Add a staff member" }).click();
    const dialog = test.page.getByRole("dialog", { name: "Add a staff member" });
    await dialog.getByRole("textbox", { name: "Staff number" }).fill("AL");
    await dialog.getByRole("textbox", { name: "First name" }).fill("Nina");
    await dialog.getByRole("textbox", { name: "Last name" }).fill(`Newman ${tag}`);
    await dialog.getByRole("textbox", { name: "Email" }).fill(email);
    await dialog.getByRole("button", { name: "Add the staff member" }).click();
    const numberBox = dialog.getByRole("textbox", { name: "Staff number" });
    await expect.poll(() => numberBox.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await numberBox.getAttribute("aria-describedby")) ?? "";
    expect(
      await test.page
        .locator(`[id="${describedBy.split(" ").find((id) => id.includes("error"))}"]`)
        .textContent(),
    ).toContain("staff number AL is already used");
    await expectAccessible(test, "the new staff member's form with a refused number");
    await screenshot(test, "setup-staff-add-refused");
    await numberBox.fill(`N${tag}`);
    await dialog.getByRole("button", { name: "Add the staff member" }).click();
    await test.page.getByRole("heading", { level: 1, name: `N${tag} · Nina Newman ${tag}` }).waitFor();
    await expectAccessible(test, "a staff member's page");
    await screenshot(test, "setup-staff-member");

    // A group, with the new member in it.
    const groupName = `Tax team ${tag}`;
    await open(test, "/setup/staff-groups", "Staff groups");
    await test.page.getByRole("textbox", { name: "New group's name" }).fill(groupName);
    await test.page.getByRole("button", { name: "Add the group" }).click();
    await test.page.getByRole("heading", { name: `Members of ${groupName}` }).waitFor();
    await test.page.getByRole("combobox", { name: `Add to ${groupName}` }).fill(`Newman ${tag}`);
    await test.page.getByRole("option", { name: new RegExp(`N${tag} · Nina`) }).click();
    await test.page.getByRole("button", { name: "Add the member" }).click();
    await test.page.getByRole("cell", { name: `N${tag} · Nina Newman ${tag}` }).waitFor();
    await expectAccessible(test, "the staff groups page");
    await screenshot(test, "setup-staff-groups");

    // The list, searched on the server, shows the new member with the group; a number finds them.
    await open(test, "/setup/staff", "Staff");
    await test.page.getByRole("searchbox", { name: "Search by number, name or email" }).fill(`newman ${tag}`);
    await test.page.getByText("1 record", { exact: true }).waitFor();
    await test.page.getByText(groupName).first().waitFor();
    await expectAccessible(test, "the staff list");
    await screenshot(test, "setup-staff");
    await test.page.getByRole("textbox", { name: "Go to staff number" }).fill(`x${tag}`);
    await test.page.getByRole("button", { name: "Go", exact: true }).click();
    await test.page.getByText(`No staff member has the number x${tag}`).waitFor();
    await test.page.getByRole("textbox", { name: "Go to staff number" }).fill(`n${tag.toLowerCase()}`);
    await test.page.getByRole("button", { name: "Go", exact: true }).click();
    await test.page.getByRole("heading", { level: 1, name: `N${tag} · Nina Newman ${tag}` }).waitFor();

    // Inviting the member: the email arrives and its link activates the account.
    await test.page.getByRole("button", { name: "Invite to sign in" }).click();
    await test.page
      .getByRole("status")
      .filter({ hasText: `on its way to ${email}` })
      .waitFor();
    const mail = await server.smtp.waitFor((message) => message.to.includes(email));
    const invited = await openPage(size);
    await invited.page.goto(linkIn(mail, "/activate?token="));
    await invited.page.getByRole("textbox", { name: "New password", exact: true }).fill(password);
    await invited.page.getByRole("textbox", { name: "Repeat it", exact: true }).fill(password);
    await invited.page.getByRole("button", { name: "Activate my account" }).click();
    await invited.page.getByRole("status").filter({ hasText: "Your account is ready" }).waitFor();

    await open(test, "/setup/users", "Users");
    await test.page.getByRole("button", { name: email }).click();
    await test.page.getByRole("dialog", { name: email }).getByText("active", { exact: true }).waitFor();
    await expectAccessible(test, "a user's roles");
    await screenshot(test, "setup-user");
    await test.page.keyboard.press("Escape");
    await expectAccessible(test, "the users page");
    await screenshot(test, "setup-users");

    // Sharing ACME: the group gets Viewer there (inherited by the member), the member Editor directly.
    const groups = await admin.get<{ items: { id: string; name: string }[] }>("/staff-groups");
    const roles = await admin.get<{ items: { id: string; name: string }[] }>("/roles");
    await admin.send("POST", "/assignments", {
      roleId: roles.items.find((role) => role.name === "Viewer")!.id,
      principalKind: "staff_group",
      principalId: groups.items.find((group) => group.name === groupName)!.id,
      scope: "entity",
      entityId: acmeId,
    });
    await open(test, `/setup/sharing?client=${acmeId}`, "Sharing");
    await test.page.getByRole("combobox", { name: "Person" }).fill(`nina.${size}`);
    await test.page.getByRole("option", { name: email }).click();
    await choose(test, "Role", "Editor");
    await test.page.getByRole("button", { name: "Give the role" }).click();
    const direct = test.page.getByRole("region", { name: "Given on this client" });
    await direct.getByRole("row", { name: new RegExp(`${email}.*Editor`) }).waitFor();
    const inherited = test.page.getByRole("table", { name: "Inherited roles" });
    await inherited
      .getByRole("row", { name: new RegExp(`Nina Newman ${tag}.*Viewer.*through the group ${groupName}`) })
      .waitFor();
    await inherited.getByRole("row", { name: /Ada Lovelace.*Admin.*firm-wide/ }).waitFor();
    expect(await direct.getByText("Ada Lovelace").count()).toBe(0);
    await expectAccessible(test, "the sharing page");
    await screenshot(test, "setup-sharing");

    // A custom role from the grid.
    await open(test, "/setup/roles", "Roles");
    await expectAccessible(test, "the roles page");
    await screenshot(test, "setup-roles");
    await test.page.getByRole("button", { name: "Create a custom role" }).click();
    const roleDialog = test.page.getByRole("dialog", { name: "Create a custom role" });
    await roleDialog.getByRole("textbox", { name: "Role name" }).fill(`Reviewer ${tag}`);
    await roleDialog.getByRole("checkbox", { name: "Reports: read" }).check();
    await roleDialog.getByRole("checkbox", { name: "Clients: read" }).check();
    await expectAccessible(test, "the custom role form");
    await screenshot(test, "setup-role-new");
    await roleDialog.getByRole("button", { name: "Create the role" }).click();
    await test.page.getByRole("heading", { level: 2, name: `Reviewer ${tag}` }).waitFor();
    await test.page.getByLabel("Reports: may read").waitFor();
    const created = (await admin.get<{ items: { name: string; grants: object }[] }>("/roles")).items.find(
      (role) => role.name === `Reviewer ${tag}`,
    );
    expect(created?.grants).toEqual({ reports: "R", entities: "R" });

    expectNoPageProblems(test, EXPECTED_HTTP_ERRORS);
    expectNoPageProblems(invited);
    await test.context.close();
    await invited.context.close();
  }, 150_000);

  it("offers a staff member without setup rights no setup action", async () => {
    const test = await openPage(size);
    await signIn(test, email, password);
    if (size === "phone") await test.page.getByRole("button", { name: "Sections" }).click();
    const sections = test.page.getByRole("navigation", { name: "Sections" });
    await sections.getByRole("link", { name: "Your account" }).waitFor();
    for (const name of ["Firm profile", "Staff", "Staff groups", "Users", "Roles", "Sharing"])
      expect(await sections.getByRole("link", { name, exact: true }).count()).toBe(0);

    await open(test, "/setup/firm", "Firm profile");
    await test.page.getByText("Only people who may edit the firm's settings can change these.").waitFor();
    expect(await test.page.getByRole("button", { name: "Save the profile" }).count()).toBe(0);
    await expectAccessible(test, "the firm profile, read-only");
    await screenshot(test, "setup-firm-read-only");

    await open(test, "/setup/staff", "Staff");
    await test.page.getByText("1 record").waitFor();
    expect(await test.page.getByRole("button", { name: "Add a staff member" }).count()).toBe(0);
    await test.page.getByRole("link", { name: `N${tag}` }).click();
    await test.page.getByText("Only people who may edit staff can change this.").waitFor();
    expect(await test.page.getByRole("button", { name: "Save the changes" }).count()).toBe(0);
    expect(await test.page.getByRole("button", { name: "Make inactive" }).count()).toBe(0);
    await expect
      .poll(() => test.page.getByRole("button", { name: "Invite to sign in" }).isDisabled())
      .toBe(true);
    await expectAccessible(test, "one's own staff record, read-only");
    await screenshot(test, "setup-staff-member-read-only");
    expectNoPageProblems(test);
    await test.context.close();
  });
});
