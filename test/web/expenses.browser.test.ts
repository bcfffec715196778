/**
 * Expenses with receipts in real Chromium, at a phone's and a desk's size: an expense recorded
 * with its receipt photo chosen on the phone, the amount the server computed, a PDF added later,
 * HTML posing as a photo refused in words beside it, a receipt opened and removed, the month's
 * drafts submitted (their receipts then fixed).
 */
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type ScreenSize,
} from "../../src/test-support/browser.js";
import { EVIL_JPG, JPEG, PDF } from "../../src/test-support/receipts.js";
import {
  addStaffMember,
  apiAs,
  startFirmServer,
  stopFirmServer,
  type ApiUser,
  type FirmServer,
} from "./firm-server.js";
import { holdFirstReadPastChange, pick, signIn } from "./pages.js";

let server: FirmServer;
let admin: ApiUser;
const people = new Map<ScreenSize, { email: string; password: string; api?: ApiUser }>();

beforeAll(async () => {
  server = await startFirmServer("expenses");
  admin = await apiAs(server, server.admin.email, server.admin.password);
  // Taxi: priced from the receipt; mileage: 0.6550 a mile from the firm's rate.
  await admin.send("POST", "/work-codes", { code: "TAXI", name: "Taxi", kind: "expense", rate: 0 });
  await admin.send("POST", "/work-codes", { code: "MILE", name: "Mileage", kind: "expense", rate: 6_550 });
  await admin.send("POST", "/clients", { code: "ACME", name: "Acme Ltd" });
  for (const size of ["phone", "desk"] as const) people.set(size, await staffMember(size));
}, 120_000);
afterAll(() => stopFirmServer(server));

/**
 * The new expense's card asks for its receipts while the photo is still uploading; that read is
 * answered without the photo and reaches the page after the upload. The page must still show
 * the photo (it once kept the stale empty answer).
 */
function holdFirstReceiptsAnswerUntilUploaded(page: Page): Promise<void> {
  const receipts = /\/expense-entries\/[^/]+\/receipts$/;
  const at = (method: string) => (request: Request) =>
    request.method() === method && receipts.test(new URL(request.url()).pathname);
  return holdFirstReadPastChange(page, {
    read: at("GET"),
    change: at("POST"),
    // The page has taken the upload's answer once its progress bar is gone.
    changeShown: () => page.getByRole("progressbar", { name: /^Sending / }).waitFor({ state: "detached" }),
  });
}

/** A staff member of their own per screen size, so each size starts with an empty page. */
const staffMember = (size: ScreenSize) =>
  addStaffMember(server, admin, {
    staffNumber: size === "phone" ? "EP" : "ED",
    firstName: "Eve",
    lastName: size,
    email: `eve.${size}@expenses.example`,
    password: "eve's long passphrase",
  });

interface Expense {
  id: string;
  amount: number;
  status: string;
  description: string;
}

describe.each(["phone", "desk"] as const)("expenses at %s size", (size) => {
  it("records an expense with its receipt, adds and removes receipts, and submits the month", async () => {
    const who = people.get(size)!;
    const api = await apiAs(server, who.email, who.password);
    const test = await openPage(size);
    await signIn(server, test, who, { next: "/expenses", heading: "Expenses" });
    await test.page.getByRole("button", { name: "Record an expense" }).click();
    await pick(test, "Client", "ACME", /^ACME/);
    await pick(test, "Expense code", "TAXI", /^TAXI/);
    // A price that is not a number is refused beside the field, and nothing is saved.
    const price = test.page.getByRole("textbox", { name: "Price each" });
    await price.fill("twenty");
    await test.page.getByRole("button", { name: "Record the expense" }).click();
    await test.page.getByText("type the price as a number, like 23.50").waitFor();
    expect(await price.getAttribute("aria-invalid")).toBe("true");
    expect((await api.get<{ items: Expense[] }>("/expense-entries")).items).toEqual([]);
    await price.fill("23,5");
    await test.page.getByRole("textbox", { name: "Description" }).fill("Taxi to the stock count");
    // The phone's file picker: a photo of the receipt.
    const [chooser] = await Promise.all([
      test.page.waitForEvent("filechooser"),
      test.page.getByRole("button", { name: "Photo or PDF of the receipt" }).click(),
    ]);
    await chooser.setFiles({ name: "taxi.jpg", mimeType: "image/jpeg", buffer: JPEG });
    await test.page.getByText("taxi.jpg").waitFor();
    await screenshot(test, "expenses-new");
    await expectAccessible(test, "the new expense form");
    await holdFirstReceiptsAnswerUntilUploaded(test.page);
    await test.page.getByRole("button", { name: "Record the expense" }).click();

    const card = test.page.getByRole("article", { name: /Taxi to the stock count/ });
    await card.getByText("23.50").waitFor();
    await card.getByRole("img", { name: "Receipt taxi.jpg" }).waitFor();
    const saved = (await api.get<{ items: Expense[] }>("/expense-entries")).items;
    expect(saved).toHaveLength(1);
    expect(saved[0]!.amount).toBe(2350);
    const receipts = await api.get<{ items: { fileName: string; mediaType: string }[] }>(
      `/expense-entries/${saved[0]!.id}/receipts`,
    );
    expect(receipts.items).toEqual([
      expect.objectContaining({ fileName: "taxi.jpg", mediaType: "image/jpeg" }),
    ]);

    // HTML named like a photo is refused by its content, in words beside the receipts.
    const [evil] = await Promise.all([
      test.page.waitForEvent("filechooser"),
      card.getByRole("button", { name: "Add a receipt" }).click(),
    ]);
    await evil.setFiles({ name: "evil.jpg", mimeType: "image/jpeg", buffer: EVIL_JPG });
    await card
      .getByRole("alert")
      .filter({ hasText: /Not attached/ })
      .waitFor();
    await screenshot(test, "expenses-refused");
    await card.getByRole("button", { name: "Dismiss evil.jpg" }).click();

    const [pdf] = await Promise.all([
      test.page.waitForEvent("filechooser"),
      card.getByRole("button", { name: "Add a receipt" }).click(),
    ]);
    await pdf.setFiles({ name: "hotel.pdf", mimeType: "application/pdf", buffer: PDF });
    await card.getByRole("link", { name: /^hotel\.pdf \(PDF/ }).waitFor();
    // The link opens the bytes that were sent, from the file store.
    const href = await card.getByRole("link", { name: /^hotel\.pdf/ }).getAttribute("href");
    const opened = await test.page.request.get(new URL(href!, server.url).href);
    expect(opened.status()).toBe(200);
    expect(Buffer.from(await opened.body()).equals(PDF)).toBe(true);
    await card.getByRole("button", { name: "Remove the receipt hotel.pdf" }).click();
    await expect.poll(() => card.getByRole("link", { name: /^hotel\.pdf/ }).count()).toBe(0);

    // Mileage at the firm's rate: 120 miles × 0.6550.
    await test.page.getByRole("button", { name: "Record an expense" }).click();
    await pick(test, "Client", "ACME", /^ACME/);
    await pick(test, "Expense code", "MILE", /^MILE/);
    await test.page.getByRole("textbox", { name: "Quantity" }).fill("120");
    await test.page.getByRole("textbox", { name: "Description" }).fill("Drive to the client");
    await test.page.getByRole("button", { name: "Record the expense" }).click();
    await test.page
      .getByRole("article", { name: /Drive to the client/ })
      .getByText("78.60")
      .waitFor();

    await expectAccessible(test, "the expenses page");
    await screenshot(test, "expenses-month");
    await test.page.getByRole("button", { name: "Submit 2 drafts for review" }).click();
    await expect
      .poll(async () => (await api.get<{ items: Expense[] }>("/expense-entries")).items.map((e) => e.status))
      .toEqual(["submitted", "submitted"]);
    // Submitted: the receipts are the reviewer's to see, no longer the staff member's to change.
    await expect.poll(() => card.getByRole("button", { name: "Add a receipt" }).count()).toBe(0);
    await screenshot(test, "expenses-submitted");
    expectNoPageProblems(test, [/status of 415/, /^415 /]);
    await test.context.close();
  });
});
