/**
 * Recording time in real Chromium, at a phone's and a desk's size: the home page's three-tap
 * entry, the day view's form, and the week grid whose cells save one by one and show the
 * server's rounding, then the week submitted. Each page is scanned by axe and photographed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type ScreenSize,
} from "../../src/test-support/browser.js";
import {
  addStaffMember,
  apiAs,
  startFirmServer,
  stopFirmServer,
  type ApiUser,
  type FirmServer,
} from "./firm-server.js";
import { pick, signIn } from "./pages.js";

let server: FirmServer;
let admin: ApiUser;
const people = new Map<ScreenSize, { email: string; password: string }>();

beforeAll(async () => {
  server = await startFirmServer("time");
  admin = await apiAs(server, server.admin.email, server.admin.password);
  await admin.send("POST", "/work-codes", {
    code: "AUD",
    name: "Audit fieldwork",
    kind: "time",
    rate: 1_500_000,
  });
  await admin.send("POST", "/work-codes", { code: "TAX", name: "Tax return", kind: "time", rate: 1_200_000 });
  await admin.send("POST", "/clients", { code: "ACME", name: "Acme Ltd" });
  await admin.send("POST", "/clients", { code: "BETA", name: "Beta Bakery" });
  for (const size of ["phone", "desk"] as const) people.set(size, await staffMember(size));
}, 120_000);
afterAll(() => stopFirmServer(server));

/** A staff member of their own per screen size, so each size starts with an empty page. */
const staffMember = (size: ScreenSize) =>
  addStaffMember(server, admin, {
    staffNumber: size === "phone" ? "TP" : "TD",
    firstName: "Tim",
    lastName: size,
    email: `tim.${size}@time.example`,
    password: "tim's long passphrase",
  });

async function staffIdOf(email: string): Promise<string> {
  const staff = await admin.get<{ items: { id: string; email: string | null }[] }>("/staff?limit=500");
  return staff.items.find((member) => member.email === email)!.id;
}

describe.each<ScreenSize>(["phone", "desk"])("recording time at %s size", (size) => {
  it("records from the day view, then from the home page in three taps", async () => {
    const who = people.get(size)!;
    const test = await openPage(size);
    await signIn(server, test, who);
    await test.page.getByText("Your recent clients and work codes will show here").waitFor();
    await expectAccessible(test, "the home page with no recent work");
    await test.page.getByRole("link", { name: "day view" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Day" }).waitFor();
    await test.page.getByRole("button", { name: "Record time" }).click();
    await pick(test, "Client", "acm", /ACME/);
    await pick(test, "Work code", "aud", /AUD/);
    await test.page.getByRole("textbox", { name: "Time" }).fill("nonsense");
    await test.page.getByRole("button", { name: "Record", exact: true }).click();
    await test.page.getByText("type hours and minutes like 1:30").waitFor();
    await test.page.getByRole("textbox", { name: "Time" }).fill("1:30");
    await test.page.getByRole("textbox", { name: "Description" }).fill("Planning meeting");
    await test.page.getByRole("button", { name: "Record", exact: true }).click();
    await test.page.getByText("Planning meeting").waitFor();
    await expect.poll(() => test.page.getByText("1:30 recorded").count()).toBe(1);
    await expectAccessible(test, "the day view");
    await screenshot(test, "day");

    await test.page.goto(`${server.firmUrl}/`);
    const card = test.page.getByRole("region", { name: "Record time for today" });
    await card.getByText("ACME · AUD").click(); // 1
    await card.getByText("0:30", { exact: true }).click(); // 2
    await card.getByRole("button", { name: "Record" }).click(); // 3
    await card.getByRole("status").filter({ hasText: "Recorded 0:30 for today." }).waitFor();
    await expect.poll(() => card.getByText("2:00 today").count()).toBe(1);
    await expectAccessible(test, "the home page");
    await screenshot(test, "home-quick-entry");
    expectNoPageProblems(test, [/status of 400/]);
    await test.context.close();
  });

  it("fills a week in the grid, each cell saving on its own, and submits it", async () => {
    const who = people.get(size)!;
    const test = await openPage(size);
    await signIn(server, test, who);
    // A week long past, so the test does not depend on today's date.
    await test.page.goto(`${server.firmUrl}/time?week=2026-03-02`);
    await test.page.getByRole("heading", { level: 1, name: "Timesheet" }).waitFor();
    await test.page.getByRole("button", { name: "Add a row" }).click();
    await pick(test, "Client", "beta", /BETA/);
    await pick(test, "Work code", "tax", /TAX/);
    await test.page.getByRole("button", { name: "Add the row" }).click();

    const cell = (day: string) => test.page.getByRole("textbox", { name: new RegExp(`^BETA · TAX, ${day}`) });
    await cell("Monday").fill("1:30");
    await cell("Monday").press("Tab");
    await cell("Tuesday").fill("2.25");
    await cell("Tuesday").press("Tab");
    await cell("Wednesday").fill("abc");
    await cell("Wednesday").press("Tab");
    // The firm records in 6-minute steps: 2.25 hours is saved as 2:18, and the cell says so.
    await expect.poll(() => cell("Tuesday").inputValue()).toBe("2:18");
    // A screen reader hears the cell's state with it.
    const described = await cell("Tuesday").getAttribute("aria-describedby");
    // (polled: the rounded value can show a render before the state's words change)
    await expect.poll(() => test.page.locator(`#${described}`).textContent()).toBe("saved");
    await expect.poll(() => cell("Wednesday").getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => test.page.getByRole("row", { name: /Day total/ }).innerText()).toContain("3:48");
    await cell("Wednesday").fill("");
    await cell("Wednesday").press("Tab");
    await expect.poll(() => cell("Wednesday").getAttribute("aria-invalid")).toBe(null);
    // Emptying a saved cell deletes its entry.
    await cell("Monday").fill("");
    await cell("Monday").press("Enter");
    await expect.poll(() => test.page.getByRole("row", { name: /Day total/ }).innerText()).toContain("2:18");
    await cell("Monday").fill("0:48");
    await cell("Monday").press("Enter");
    await expect.poll(() => test.page.getByRole("row", { name: /Day total/ }).innerText()).toContain("3:06");
    await expectAccessible(test, "the timesheet");
    await screenshot(test, "timesheet");

    await test.page.getByRole("button", { name: "Submit the week (2)" }).click();
    await test.page.getByRole("status").filter({ hasText: "submitted for review" }).waitFor();
    await expect.poll(() => cell("Monday").getAttribute("readonly")).not.toBe(null);
    await expect.poll(() => test.page.getByText("2 submitted").count()).toBe(1);
    await screenshot(test, "timesheet-submitted");

    // A reviewer returns Monday's entry with a comment: the day view shows it, editable again.
    const week = await admin.get<{ items: { id: string; date: string }[] }>(
      `/time-entries?from=2026-03-02&to=2026-03-02&status=submitted&staffId=${await staffIdOf(who.email)}`,
    );
    await admin.send("POST", "/time-entries/status", {
      ids: week.items.map((entry) => entry.id),
      status: "draft",
      comment: "Which engagement was this for?",
    });
    await test.page.goto(`${server.firmUrl}/time/day?date=2026-03-02`);
    await test.page.getByText("Which engagement was this for?").waitFor();
    await test.page.getByRole("button", { name: "Change" }).waitFor();
    await expectAccessible(test, "the day view with a returned entry");
    await screenshot(test, "day-returned");
    expectNoPageProblems(test);
    await test.context.close();
  });
});
