/**
 * Reviewing in real Chromium: a client's manager approves and returns a staff member's submitted
 * time and expenses (at a desk), a refusal from the API is shown in words (on a phone), and the
 * staff member sees the reviewer's comment on the returned entry in the day view. Someone who is
 * not a reviewer has no Approvals section and is told so at its address.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
} from "../../src/test-support/browser.js";
import {
  addStaffMember,
  apiAs,
  startFirmServer,
  stopFirmServer,
  type ApiUser,
  type FirmServer,
  type StaffLogin,
} from "./firm-server.js";
import { signIn } from "./pages.js";
import { formatMoney } from "../../web/src/lib/format.js";

interface Entry {
  id: string;
  status: string;
  reviewComment: string | null;
  updatedAt: string;
  description: string;
}

const COMMENT = "Split the review from the planning, please";

let server: FirmServer;
let admin: ApiUser;
let sam: ApiUser;
let samLogin: StaffLogin;
let miaLogin: StaffLogin;
const time: Record<string, string> = {};
const expense: Record<string, string> = {};

beforeAll(async () => {
  server = await startFirmServer("review");
  admin = await apiAs(server, server.admin.email, server.admin.password);
  const tax = await admin.send<{ id: string }>("POST", "/work-codes", {
    code: "TAX",
    name: "Tax return",
    kind: "time",
    rate: 1_200_000,
  });
  const mile = await admin.send<{ id: string }>("POST", "/work-codes", {
    code: "MILE",
    name: "Mileage",
    kind: "expense",
    rate: 6_550,
  });
  samLogin = await addStaffMember(server, admin, {
    staffNumber: "SS",
    firstName: "Sam",
    lastName: "Staff",
    email: "sam@review.example",
    password: "sam's long passphrase",
  });
  miaLogin = await addStaffMember(server, admin, {
    staffNumber: "MM",
    firstName: "Mia",
    lastName: "Manager",
    email: "mia@review.example",
    password: "mia's long passphrase",
  });
  const staff = await admin.get<{ items: { id: string; staffNumber: string }[] }>("/staff?limit=500");
  const mia = staff.items.find((member) => member.staffNumber === "MM")!;
  // Mia manages ACME: she reviews its entries (a partner / manager post), no role needed.
  const acme = await admin.send<{ id: string }>("POST", "/clients", {
    code: "ACME",
    name: "Acme Ltd",
    managerId: mia.id,
  });
  sam = await apiAs(server, samLogin.email, samLogin.password);
  const day = (n: number) => `2026-03-0${n}`;
  for (const [name, n] of [
    ["planning", 2],
    ["fieldwork", 3],
    ["review", 4],
    ["late", 5],
    ["draft", 6],
  ] as const) {
    const made = await sam.send<{ id: string }>("POST", "/time-entries", {
      clientId: acme.id,
      workCodeId: tax.id,
      date: day(n),
      minutes: 60 + n * 15,
      description: `Tax ${name}`,
    });
    time[name] = made.id;
  }
  for (const [name, n] of [
    ["drive", 2],
    ["return", 3],
  ] as const) {
    const made = await sam.send<{ id: string }>("POST", "/expense-entries", {
      clientId: acme.id,
      workCodeId: mile.id,
      date: day(n),
      quantity: 10_000 * n,
      description: `Mileage ${name}`,
    });
    expense[name] = made.id;
  }
  const submitted = ["planning", "fieldwork", "review", "late"].map((name) => time[name]!);
  await sam.send("POST", "/time-entries/status", { ids: submitted, status: "submitted" });
  await sam.send("POST", "/expense-entries/status", { ids: Object.values(expense), status: "submitted" });
}, 180_000);
afterAll(() => stopFirmServer(server));

const entries = async (path: string) =>
  new Map((await admin.get<{ items: Entry[] }>(`${path}?limit=500`)).items.map((entry) => [entry.id, entry]));

describe("approvals", () => {
  it("lets a client's manager approve and return submitted entries at a desk", async () => {
    const timeBefore = await entries("/time-entries");
    const expensesBefore = await entries("/expense-entries");
    const test = await openPage("desk");
    await signIn(server, test, miaLogin);
    await test.page.getByRole("link", { name: "Approvals" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Approvals" }).waitFor();
    const table = test.page.getByRole("table");
    await table.getByText("Tax late").waitFor();
    // Submitted entries only: Sam's draft is not his manager's to see here.
    await expect(table.getByText("Tax draft").count()).resolves.toBe(0);
    await table.getByText("SS · Sam Staff").first().waitFor();
    // The pointer off the navigation's link it just pressed (a hovered link is not what is scanned).
    await test.page.mouse.move(700, 10);
    await expectAccessible(test, "the approvals page");
    await screenshot(test, "approvals");

    // Filters ask the server: a date range narrows the page; the staff picker offers whose
    // submitted entries Mia may see, though she may not read the staff list.
    const from = test.page.getByRole("textbox", { name: "From" });
    await from.fill("2026-03-05");
    await table.getByText("Tax planning").waitFor({ state: "detached" });
    await test.page.getByText("1 record", { exact: true }).waitFor();
    await from.fill("");
    await table.getByText("Tax planning").waitFor();
    await test.page.getByRole("combobox", { name: "Staff member" }).fill("Sam");
    await test.page.getByRole("option", { name: "SS · Sam Staff" }).click();
    await test.page.getByText("4 records", { exact: true }).waitFor();

    // Two entries chosen by their named checkboxes, approved in one go.
    await test.page.getByRole("checkbox", { name: /Tax planning/ }).check();
    await test.page.getByRole("checkbox", { name: /Tax fieldwork/ }).check();
    await test.page.getByRole("button", { name: "Approve 2 entries" }).click();
    await test.page.getByRole("status").filter({ hasText: "Approved 2 entries." }).waitFor();
    await table.getByText("Tax planning").waitFor({ state: "detached" });
    expect(await test.page.getByRole("button", { name: "Approve", exact: true }).isDisabled()).toBe(true);

    // Returning needs words for the staff member: an empty comment is refused and nothing is sent.
    await test.page.getByRole("checkbox", { name: /Tax review/ }).check();
    await test.page.getByRole("button", { name: "Return…" }).click();
    const dialog = test.page.getByRole("dialog", { name: "Return 1 entry to the staff member" });
    await dialog.getByRole("button", { name: "Return 1 entry" }).click();
    await dialog.getByText("Write why the entries go back").waitFor();
    expect(
      await dialog
        .getByRole("textbox", { name: /Comment for the staff member/ })
        .getAttribute("aria-invalid"),
    ).toBe("true");
    expect((await entries("/time-entries")).get(time.review!)!.status).toBe("submitted");
    await screenshot(test, "approvals-return-refused");
    await expectAccessible(test, "the return dialog with its refusal");
    // By keyboard alone: type the comment, Tab to the button, Enter.
    await dialog.getByRole("textbox", { name: /Comment for the staff member/ }).fill(COMMENT);
    await dialog.getByRole("button", { name: "Return 1 entry" }).focus();
    await test.page.keyboard.press("Enter");
    await test.page
      .getByRole("status")
      .filter({ hasText: "Returned 1 entry to the staff member." })
      .waitFor();
    await dialog.waitFor({ state: "detached" });
    await table.getByText("Tax review").waitFor({ state: "detached" });

    // Expenses: one approved with the keyboard (Space on its checkbox, Enter on the button).
    await test.page.getByRole("tab", { name: "Expenses" }).click();
    const drive = test.page.getByRole("checkbox", { name: /Mileage drive/ });
    await drive.focus();
    await test.page.keyboard.press("Space");
    expect(await drive.isChecked()).toBe(true);
    // Amounts are the server's minor units, only formatted.
    const returnAmount = (expensesBefore.get(expense.return!) as Entry & { amount: number }).amount;
    await test.page.getByText(formatMoney(returnAmount)).waitFor();
    await test.page.getByRole("button", { name: "Approve 1 entry" }).focus();
    await test.page.keyboard.press("Enter");
    await test.page.getByRole("status").filter({ hasText: "Approved 1 entry." }).waitFor();
    await screenshot(test, "approvals-expenses");
    expectNoPageProblems(test);
    await test.context.close();

    // Through the API: exactly these changed, as asked; nothing else moved.
    const timeAfter = await entries("/time-entries");
    const expensesAfter = await entries("/expense-entries");
    expect(timeAfter.get(time.planning!)).toMatchObject({ status: "approved", reviewComment: null });
    expect(timeAfter.get(time.fieldwork!)).toMatchObject({ status: "approved", reviewComment: null });
    expect(timeAfter.get(time.review!)).toMatchObject({ status: "draft", reviewComment: COMMENT });
    expect(timeAfter.get(time.late!)).toEqual(timeBefore.get(time.late!));
    expect(timeAfter.get(time.draft!)).toEqual(timeBefore.get(time.draft!));
    expect(expensesAfter.get(expense.drive!)).toMatchObject({ status: "approved", reviewComment: null });
    expect(expensesAfter.get(expense.return!)).toEqual(expensesBefore.get(expense.return!));
  });

  it("shows the API's refusal in words on a phone, and changes nothing", async () => {
    const test = await openPage("phone");
    await signIn(server, test, miaLogin);
    await test.page.goto(`${server.firmUrl}/approvals`);
    await test.page.getByRole("heading", { level: 1, name: "Approvals" }).waitFor();
    const list = test.page.getByRole("list", { name: "Submitted time entries" });
    await list.getByText("Tax late").waitFor();
    await expectAccessible(test, "the approvals page");
    await screenshot(test, "approvals");
    await test.page.getByRole("checkbox", { name: "Select all on this page" }).check();
    // Meanwhile Sam takes his entry back: approving it now is refused, all or nothing.
    await sam.send("POST", "/time-entries/status", { ids: [time.late], status: "draft" });
    const before = await entries("/time-entries");
    await test.page.getByRole("button", { name: "Approve 1 entry" }).click();
    await test.page
      .getByRole("alert")
      .filter({ hasText: /^Nothing was approved: An entry that is draft cannot become approved/ })
      .waitFor();
    // The list is read again: Sam's entry is gone from it, and so from the selection.
    await test.page.getByText("No submitted time entries wait for you.").waitFor();
    expect(await test.page.getByRole("button", { name: "Approve", exact: true }).isDisabled()).toBe(true);
    await screenshot(test, "approvals-refused");
    expect(await entries("/time-entries")).toEqual(before);
    expectNoPageProblems(test, [/409/]);
    await test.context.close();
  });

  it("shows the staff member the returned entry's comment, and no approvals of his own", async () => {
    const test = await openPage("phone");
    await signIn(server, test, samLogin);
    await test.page.getByRole("button", { name: "Sections" }).click();
    await test.page.getByRole("link", { name: "Your account" }).waitFor();
    expect(await test.page.getByRole("link", { name: "Approvals" }).count()).toBe(0);
    await test.page.goto(`${server.firmUrl}/approvals`);
    await test.page.getByText("You are not a reviewer").waitFor();
    await screenshot(test, "approvals-not-reviewer");

    await test.page.goto(`${server.firmUrl}/time/day?date=2026-03-04`);
    await test.page.getByText("Tax review").waitFor();
    await test.page.getByText(`Returned: ${COMMENT}`).waitFor();
    await expectAccessible(test, "the day with a returned entry");
    await screenshot(test, "day-returned");
    expectNoPageProblems(test);
    await test.context.close();
  });
});
