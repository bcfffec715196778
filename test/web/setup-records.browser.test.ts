/**
 * Firm setup of the records in real Chromium, at a phone's and a desk's size: an admin finds
 * clients across server pages (search, paging, a code typed in any case), adds a client with a
 * project and a contact, sees a duplicate code refused beside the field, adds a work code with a
 * rate history ending in a future rate, and imports a CSV whose preview lists every bad row
 * before the good rows go in. Every page is checked with axe and photographed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type TestPage,
} from "../../src/test-support/browser.js";
import { apiAs, startFirmServer, stopFirmServer, type ApiUser, type FirmServer } from "./firm-server.js";

let server: FirmServer;
let admin: ApiUser;

interface Listed<T> {
  items: T[];
  total: number;
}
interface Client {
  id: string;
  code: string;
  name: string;
}

beforeAll(async () => {
  server = await startFirmServer("setup");
  admin = await apiAs(server, server.admin.email, server.admin.password);
  // More clients than one page holds (50), so search and paging are the server's.
  for (let n = 1; n <= 60; n += 1) {
    const number = String(n).padStart(3, "0");
    await admin.send("POST", "/clients", { code: `CL${number}`, name: `Seeded client ${number}` });
  }
}, 180_000);
afterAll(() => stopFirmServer(server));

async function look(test: TestPage, name: string, what: string) {
  await screenshot(test, name);
  await expectAccessible(test, what);
}

async function heading(test: TestPage, name: string | RegExp) {
  await test.page.getByRole("heading", { level: 1, name }).waitFor();
}

describe.each(["phone", "desk"] as const)("firm setup at %s size", (size) => {
  const tag = size === "phone" ? "P" : "D";

  it("finds, adds and imports the firm's records", async () => {
    const test = await openPage(size);
    const { page } = test;
    await page.goto(`${server.firmUrl}/sign-in?next=${encodeURIComponent("/setup")}`);
    await page.getByLabel("Email").fill(server.admin.email);
    await page.getByRole("textbox", { name: "Password", exact: true }).fill(server.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await heading(test, "Setup");
    await look(test, "setup-index", "the setup index");

    // The client list: the server's pages, its search and a code typed in any case.
    await page.getByRole("link", { name: /^Clients/ }).click();
    await heading(test, "Clients");
    await page.getByRole("link", { name: "CL001", exact: true }).waitFor();
    await look(test, "setup-clients", "the client list");
    await page.getByRole("button", { name: "Page 2" }).click();
    await page.getByRole("link", { name: "CL051", exact: true }).waitFor();
    expect(await page.getByRole("link", { name: "CL001", exact: true }).count()).toBe(0);
    await page.getByRole("searchbox", { name: "Search by code or name" }).fill("client 05");
    await page.getByText("10 records").waitFor();
    await page.getByRole("link", { name: "CL059", exact: true }).waitFor();
    await page.getByRole("textbox", { name: "Go to client code" }).fill("cl007");
    await page.getByRole("button", { name: "Go", exact: true }).click();
    await heading(test, "CL007 · Seeded client 007");
    await look(test, "setup-client", "a client's page");

    // A new client; then the same code again, refused beside the code.
    await page.goto(`${server.firmUrl}/setup/clients/new`);
    await heading(test, "New client");
    await page.getByRole("textbox", { name: "Code" }).fill(`NEW${tag}`);
    await page.getByRole("textbox", { name: "Name" }).fill(`Northwind ${size}`);
    await look(test, "setup-client-new", "the new client form");
    await page.getByRole("button", { name: "Add the client" }).click();
    await heading(test, `NEW${tag} · Northwind ${size}`);
    const client = (await admin.get<Listed<Client>>(`/clients?search=NEW${tag}`)).items[0]!;
    expect(client).toMatchObject({ code: `NEW${tag}`, name: `Northwind ${size}` });

    await page.goto(`${server.firmUrl}/setup/clients/new`);
    await page.getByRole("textbox", { name: "Code" }).fill("cl001");
    await page.getByRole("textbox", { name: "Name" }).fill("A second CL001");
    await page.getByRole("button", { name: "Add the client" }).click();
    const code = page.getByRole("textbox", { name: "Code" });
    await page.getByText(/client code CL001 already exists/i).waitFor();
    await expect.poll(() => code.getAttribute("aria-invalid")).toBe("true");
    const described = (await code.getAttribute("aria-describedby")) ?? "";
    const words = (
      await Promise.all(
        described
          .split(" ")
          .filter(Boolean)
          .map((id) => page.locator(`[id="${id}"]`).innerText()),
      )
    ).join(" ");
    expect(words.toLowerCase()).toContain("client code cl001 already exists");
    await look(test, "setup-client-duplicate", "a duplicate client code");
    expect((await admin.get<Listed<Client>>("/clients?search=A second")).total).toBe(0);

    // A project of the new client, with its budget and a rate.
    await page.goto(`${server.firmUrl}/setup/clients/${client.id}`);
    await page.getByRole("link", { name: "Add a project" }).click();
    await heading(test, "New project");
    await page.getByRole("textbox", { name: "Code" }).fill("P1");
    await page.getByRole("textbox", { name: "Name" }).fill("Year-end audit");
    await page.getByRole("textbox", { name: "Budget hours" }).fill("12.5");
    await page.getByRole("textbox", { name: "Budget fee" }).fill("5,000.00");
    await look(test, "setup-project-new", "the new project form");
    await page.getByRole("button", { name: "Add the project" }).click();
    await heading(test, `NEW${tag}/P1 · Year-end audit`);
    const project = (
      await admin.get<Listed<{ id: string; budgetMinutes: number; budgetFee: number }>>(
        `/projects?clientId=${client.id}`,
      )
    ).items[0]!;
    expect(project).toMatchObject({ budgetMinutes: 750, budgetFee: 500_000 });
    await page.getByRole("textbox", { name: "Effective from" }).fill("2020-01-01");
    await page.getByRole("textbox", { name: "Rate per hour or unit" }).fill("125.50");
    await page.getByRole("button", { name: "Add the rate" }).click();
    await page.getByRole("cell", { name: "125.50", exact: true }).waitFor();
    await page.getByText("in effect").waitFor();
    await look(test, "setup-project", "a project's page");
    const projectRates = await admin.get<Listed<{ rate: number }>>(`/rates?projectId=${project.id}`);
    expect(projectRates.items.map((rate) => rate.rate)).toEqual([1_255_000]);

    // A contact of the new client.
    await page.goto(`${server.firmUrl}/setup/clients/${client.id}`);
    await page.getByRole("link", { name: "Add a contact" }).click();
    await heading(test, "New contact");
    await page.getByRole("textbox", { name: "First name" }).fill("Grace");
    await page.getByRole("textbox", { name: "Last name" }).fill(`Hopper ${size}`);
    await page.getByRole("textbox", { name: "Email" }).fill(`grace.${size}@northwind.example`);
    await look(test, "setup-contact-new", "the new contact form");
    await page.getByRole("button", { name: "Add the contact" }).click();
    await heading(test, `Grace Hopper ${size}`);
    await page.getByRole("link", { name: `NEW${tag} · Northwind ${size}` }).waitFor();
    await look(test, "setup-contact", "a contact's page");
    const contacts = await admin.get<Listed<{ clientIds: string[]; email: string }>>(
      `/contacts?clientId=${client.id}`,
    );
    expect(contacts.items).toEqual([
      expect.objectContaining({ clientIds: [client.id], email: `grace.${size}@northwind.example` }),
    ]);
    await page.goto(`${server.firmUrl}/setup/clients/${client.id}`);
    await page.getByRole("link", { name: `Hopper ${size}, Grace` }).waitFor();
    await page.getByRole("link", { name: "P1", exact: true }).waitFor();
    await look(test, "setup-client-related", "a client with a project and a contact");

    // A work code with its default rate, a later rate and a future one.
    await page.goto(`${server.firmUrl}/setup/work-codes/new`);
    await page.getByRole("textbox", { name: "Code" }).fill(`AU${tag}`);
    await page.getByRole("textbox", { name: "Name" }).fill("Audit fieldwork");
    await page.getByRole("textbox", { name: "Default rate per hour" }).fill("150");
    await look(test, "setup-work-code-new", "the new work code form");
    await page.getByRole("button", { name: "Add the work code" }).click();
    await heading(test, `AU${tag} · Audit fieldwork`);
    for (const [date, rate] of [
      ["2020-01-01", "160.00"],
      ["2099-01-01", "175.50"],
    ] as const) {
      await page.getByRole("textbox", { name: "Effective from" }).fill(date);
      await page.getByRole("textbox", { name: "Rate per hour or unit" }).fill(rate);
      await page.getByRole("button", { name: "Add the rate" }).click();
      await page.getByRole("cell", { name: rate, exact: true }).waitFor();
    }
    const history = page.getByRole("region", { name: `Work code AU${tag} default` });
    const rows = history.getByRole("row");
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.nth(1).innerText()).toMatch(/always\s+150\.00\s+replaced/i);
    expect(await rows.nth(2).innerText()).toMatch(/Jan 1, 2020\s+160\.00\s+✓ in effect/i);
    expect(await rows.nth(3).innerText()).toMatch(/Jan 1, 2099\s+175\.50\s+from Jan 1, 2099/i);
    await look(test, "setup-work-code", "a work code with its rate history");
    const workCode = (
      await admin.get<Listed<{ id: string; code: string }>>("/work-codes?limit=500")
    ).items.find((item) => item.code === `AU${tag}`)!;
    const rates = await admin.get<Listed<{ rate: number; timing: string }>>(
      `/rates?workCodeId=${workCode.id}`,
    );
    expect(rates.items.map((rate) => [rate.rate, rate.timing])).toEqual([
      [1_500_000, "current"],
      [1_600_000, "current"],
      [1_755_000, "future"],
    ]);
    await page.getByRole("link", { name: "Work codes" }).click();
    await page.getByRole("textbox", { name: "Go to work code code" }).fill(`au${tag}`.toLowerCase());
    await page.getByRole("button", { name: "Go", exact: true }).click();
    await heading(test, `AU${tag} · Audit fieldwork`);
    await page.goto(`${server.firmUrl}/setup/work-codes`);
    await heading(test, "Work codes");
    await look(test, "setup-work-codes", "the work code list");

    await page.goto(`${server.firmUrl}/setup/rates`);
    await heading(test, "Rates");
    await page.getByRole("region", { name: `Work code AU${tag} default` }).waitFor();
    await look(test, "setup-rates", "the rates page");

    // An import whose preview lists every bad row; then the good rows go in.
    await page.goto(`${server.firmUrl}/setup/imports`);
    await heading(test, "Imports");
    const csv = [
      "Code,Name,Status",
      `IMP${tag},Imported ${size},active`,
      "CL001,Already here,active",
      `BAD${tag},,active`,
    ].join("\n");
    await page.getByRole("textbox", { name: "Rows" }).fill(csv);
    await page.getByRole("button", { name: "Check the rows" }).click();
    const bad = page.getByRole("table", { name: "2 bad rows" });
    await bad.waitFor();
    expect(await bad.getByRole("row").nth(1).innerText()).toMatch(/^3\s+.*CL001/);
    expect(await bad.getByRole("row").nth(2).innerText()).toMatch(/^4\s+.*name/i);
    await look(test, "setup-import-preview", "the import preview");
    expect((await admin.get<Listed<Client>>(`/clients?search=IMP${tag}`)).total).toBe(0);
    await page.getByRole("button", { name: "Import the 1 good rows, skip 2 bad" }).click();
    await page.getByText(/1 clients imported; 2 bad rows skipped \(lines 3, 4\)/).waitFor();
    await look(test, "setup-import-done", "the import's result");
    expect((await admin.get<Listed<Client>>(`/clients?search=IMP${tag}`)).items.map((c) => c.code)).toEqual([
      `IMP${tag}`,
    ]);

    for (const [kind, title] of [
      ["projects", "Projects"],
      ["contacts", "Contacts"],
      ["contact-companies", "Contact companies"],
    ] as const) {
      await page.goto(`${server.firmUrl}/setup/${kind}`);
      await heading(test, title);
      await page
        .getByText(/\d+ records?|No /)
        .first()
        .waitFor();
      await look(test, `setup-${kind}`, `the ${title.toLowerCase()} list`);
    }

    // The duplicate client code was refused on purpose.
    expectNoPageProblems(test, [/409/, /status of 409/]);
    await test.context.close();
  }, 300_000);
});
