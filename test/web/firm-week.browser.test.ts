/**
 * A firm's week, end to end in real Chromium, through the pages people use:
 * the Admin adds a work code and a client (managed by Mia), and invites a new staff member,
 * Sam, giving him the client; Sam activates from the link in the email the local SMTP server
 * caught, and on a phone runs a timer, fills the week in the grid, records an expense with a
 * photo of its receipt and submits both; Mia approves two entries and returns one with a
 * comment; the Admin downloads the detailed report as CSV, XLSX and PDF, whose totals equal
 * `firmtime report` on the same firm to the cent.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../src/reports/xlsx-sheet.js";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
} from "../../src/test-support/browser.js";
import { pdfTextRuns } from "../../src/test-support/pdf-text.js";
import { JPEG } from "../../src/test-support/receipts.js";
import { runFirmtime } from "../../src/test-support/serve-process.js";
import { linkIn } from "../../src/test-support/smtp-server.js";
import {
  addStaffMember,
  apiAs,
  startFirmServer,
  stopFirmServer,
  type ApiUser,
  type FirmServer,
  type StaffLogin,
} from "./firm-server.js";
import { downloadReport, openAt, pick, signIn } from "./pages.js";
import { tempDir } from "../../src/test-support/temp-dir.js";

interface Entry {
  id: string;
  amount: number;
  clientId: string;
  date: string;
  minutes: number;
  status: string;
  reviewComment: string | null;
}
interface ReportJson {
  total: { amount: number; amountText: string; hours: string };
}

const SAM = { email: "sam@smith.example", password: "sam's long passphrase" };
let server: FirmServer;
let admin: ApiUser;
let mia: StaffLogin;

/** Today and its week (Monday to Sunday) in UTC, the browsers' time zone in these tests. */
const today = new Date().toISOString().slice(0, 10);
const dayOffset = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const monday = addDays(today, -dayOffset);
const sunday = addDays(monday, 6);
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** Three days of the week other than today (today's cell holds the timer's entry). */
const gridDays = WEEKDAYS.filter((_, index) => index !== dayOffset).slice(0, 3);

beforeAll(async () => {
  server = await startFirmServer("week");
  admin = await apiAs(server, server.admin.email, server.admin.password);
  // Set up before the week: the manager who reviews, and the firm's expense code.
  mia = await addStaffMember(server, admin, {
    staffNumber: "MM",
    firstName: "Mia",
    lastName: "Manager",
    email: "mia@smith.example",
    password: "mia's long passphrase",
  });
  await admin.send("POST", "/work-codes", { code: "TAXI", name: "Taxi", kind: "expense", rate: 0 });
}, 120_000);
afterAll(() => stopFirmServer(server));

describe("a firm's week", () => {
  it("goes from setting up to the reports, through the pages people use", async () => {
    // The Admin, at a desk: a work code, a client managed by Mia, and Sam invited.
    const desk = await openPage("desk");
    await signIn(server, desk, server.admin);
    await openAt(server, desk, "/setup/work-codes/new", /work code/i);
    await desk.page.getByRole("textbox", { name: "Code" }).fill("AUD");
    await desk.page.getByRole("textbox", { name: "Name" }).fill("Audit fieldwork");
    await desk.page.getByRole("textbox", { name: "Default rate per hour" }).fill("123.45");
    await desk.page.getByRole("button", { name: "Add the work code" }).click();
    await desk.page.getByRole("heading", { level: 1, name: "AUD · Audit fieldwork" }).waitFor();

    await openAt(server, desk, "/setup/clients/new", "New client");
    await desk.page.getByRole("textbox", { name: "Code" }).fill("ACME");
    await desk.page.getByRole("textbox", { name: "Name" }).fill("Acme Ltd");
    await pick(desk, "Manager", "mia", /Mia/);
    await desk.page.getByRole("button", { name: "Add the client" }).click();
    await desk.page.getByRole("heading", { level: 1, name: "ACME · Acme Ltd" }).waitFor();
    const acmeId = /\/setup\/clients\/([0-9a-f-]{36})/.exec(desk.page.url())![1]!;

    await openAt(server, desk, "/setup/staff", "Staff");
    await desk.page.getByRole("button", { name: "Add a staff member" }).click();
    const addStaff = desk.page.getByRole("dialog", { name: "Add a staff member" });
    await addStaff.getByRole("textbox", { name: "Staff number" }).fill("SB");
    await addStaff.getByRole("textbox", { name: "First name" }).fill("Sam");
    await addStaff.getByRole("textbox", { name: "Last name" }).fill("Baker");
    await addStaff.getByRole("textbox", { name: "Email" }).fill(SAM.email);
    await addStaff.getByRole("button", { name: "Add the staff member" }).click();
    await desk.page.getByRole("heading", { level: 1, name: "SB · Sam Baker" }).waitFor();
    await desk.page.getByRole("button", { name: "Invite to sign in" }).click();
    await desk.page
      .getByRole("status")
      .filter({ hasText: `on its way to ${SAM.email}` })
      .waitFor();
    // Sam may see ACME (its summary), so he can record his time on it.
    await openAt(server, desk, `/setup/sharing?client=${acmeId}`, "Sharing");
    await desk.page.getByRole("combobox", { name: "Person" }).fill("sam@");
    await desk.page.getByRole("option", { name: `${SAM.email} (invited)` }).click();
    await desk.page.getByRole("combobox", { name: "Role", exact: true }).click();
    await desk.page
      .getByRole("option", { name: /^Entity Access/ })
      .first()
      .click();
    await desk.page.getByRole("button", { name: "Give the role" }).click();
    await desk.page
      .getByRole("region", { name: "Given on this client" })
      .getByRole("row", { name: new RegExp(`${SAM.email}.*Entity Access`) })
      .waitFor();

    // Sam, on his phone: the emailed link activates his account.
    const mail = await server.smtp.waitFor((message) => message.to.includes(SAM.email));
    const phone = await openPage("phone");
    await phone.page.goto(linkIn(mail, "/activate?token="));
    await phone.page.getByRole("textbox", { name: "New password", exact: true }).fill(SAM.password);
    await phone.page.getByRole("textbox", { name: "Repeat it", exact: true }).fill(SAM.password);
    await phone.page.getByRole("button", { name: "Activate my account" }).click();
    await phone.page.getByRole("status").filter({ hasText: "Your account is ready" }).waitFor();
    await signIn(server, phone, SAM);
    const sam = await apiAs(server, SAM.email, SAM.password);
    const samEntries = async () => (await sam.get<{ items: Entry[] }>("/time-entries?limit=100")).items;

    // A timer, started and stopped from the home page.
    const timer = phone.page.getByRole("region", { name: "Timer" });
    await pick(phone, "Client", "acme", /ACME/, timer);
    await pick(phone, "Work code", "aud", /AUD/, timer);
    await timer.getByRole("textbox", { name: "Description" }).fill("Opening meeting");
    await timer.getByRole("button", { name: "Start timer" }).click();
    await timer.getByRole("timer").waitFor();
    await timer.getByRole("textbox", { name: "Time worked (if not the timer's)" }).fill("0:42");
    await timer.getByRole("button", { name: "Stop and record" }).click();
    await timer
      .getByRole("status")
      .filter({ hasText: /^Recorded 0:42 on / })
      .waitFor();
    expect(await samEntries()).toEqual([
      expect.objectContaining({ date: today, minutes: 42, status: "draft" }),
    ]);

    // The week in the grid: three more days.
    await phone.page.getByRole("button", { name: "Sections" }).click();
    await phone.page.getByRole("link", { name: "Timesheet" }).click();
    await phone.page.getByRole("heading", { level: 1, name: "Timesheet" }).waitFor();
    const cell = (day: string) =>
      phone.page.getByRole("textbox", { name: new RegExp(`^ACME · AUD, ${day}`) });
    await cell(WEEKDAYS[dayOffset]!).waitFor();
    const hours = ["1:30", "2:00", "3:12"];
    for (const [index, day] of gridDays.entries()) {
      await cell(day).fill(hours[index]!);
      await cell(day).press("Enter");
      await expect.poll(() => cell(day).inputValue()).toBe(hours[index]);
    }
    await expect.poll(async () => (await samEntries()).length).toBe(4);
    await screenshot(phone, "week-timesheet");
    await phone.page.getByRole("button", { name: "Submit the week (4)" }).click();
    await phone.page.getByRole("status").filter({ hasText: "submitted for review" }).waitFor();

    // An expense with a photo of its receipt, submitted with the month.
    await openAt(server, phone, `/expenses?month=${today.slice(0, 7)}`, "Expenses");
    await phone.page.getByRole("button", { name: "Record an expense" }).click();
    await pick(phone, "Client", "ACME", /^ACME/);
    await pick(phone, "Expense code", "TAXI", /^TAXI/);
    await phone.page.getByRole("textbox", { name: "Price each" }).fill("18.40");
    await phone.page.getByRole("textbox", { name: "Description" }).fill("Taxi to Acme");
    const [chooser] = await Promise.all([
      phone.page.waitForEvent("filechooser"),
      phone.page.getByRole("button", { name: "Photo or PDF of the receipt" }).click(),
    ]);
    await chooser.setFiles({ name: "taxi.jpg", mimeType: "image/jpeg", buffer: JPEG });
    await phone.page.getByRole("button", { name: "Record the expense" }).click();
    await phone.page
      .getByRole("article", { name: /Taxi to Acme/ })
      .getByRole("img", { name: "Receipt taxi.jpg" })
      .waitFor();
    await phone.page.getByRole("button", { name: "Submit the draft for review" }).click();
    await expect
      .poll(async () =>
        (await sam.get<{ items: Entry[] }>("/expense-entries")).items.map((entry) => entry.status),
      )
      .toEqual(["submitted"]);
    expect((await samEntries()).map((entry) => entry.status)).toEqual(Array(4).fill("submitted"));
    await screenshot(phone, "week-expenses");
    expectNoPageProblems(phone);

    // Mia, the client's manager: approves two entries and returns one with a comment.
    const review = await openPage("desk");
    await signIn(server, review, mia);
    await review.page.getByRole("link", { name: "Approvals" }).click();
    await review.page.getByRole("heading", { level: 1, name: "Approvals" }).waitFor();
    const submitted = [...(await samEntries())].sort((a, b) => a.date.localeCompare(b.date));
    const list = review.page.getByRole("table", { name: "Submitted time entries" });
    const tick = async (entry: Entry) =>
      list.getByRole("checkbox", { name: new RegExp(entryWords(entry)) }).check();
    await tick(submitted[0]!);
    await tick(submitted[1]!);
    await review.page.getByRole("button", { name: "Approve 2 entries" }).click();
    await review.page.getByRole("status").filter({ hasText: "Approved 2 entries." }).waitFor();
    await tick(submitted[2]!);
    await review.page.getByRole("button", { name: /^Return/ }).click();
    const dialog = review.page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: /comment/i }).fill("This was the Beta job, not Acme's");
    await dialog.getByRole("button", { name: /^Return/ }).click();
    await review.page
      .getByRole("status")
      .filter({ hasText: /Returned 1 entry/ })
      .waitFor();
    const reviewed = new Map((await samEntries()).map((entry) => [entry.id, entry]));
    expect(reviewed.get(submitted[0]!.id)!.status).toBe("approved");
    expect(reviewed.get(submitted[1]!.id)!.status).toBe("approved");
    expect(reviewed.get(submitted[2]!.id)).toMatchObject({
      status: "draft",
      reviewComment: "This was the Beta job, not Acme's",
    });
    expect(reviewed.get(submitted[3]!.id)!.status).toBe("submitted");
    await screenshot(review, "week-approvals");
    expectNoPageProblems(review);

    // The Admin's detailed report of the week, downloaded three ways, against the CLI's.
    const cliConfig = tempDir("cli");
    const login = runFirmtime(
      ["login", server.firmUrl, "--email", server.admin.email, "--password-stdin"],
      { FIRMTIME_CONFIG_DIR: cliConfig },
      `${server.admin.password}\n`,
    );
    expect(await login.exited, login.console()).toBe(0);
    const report = runFirmtime(
      [
        "--cloud",
        server.firmUrl,
        "--json",
        "report",
        "detailed",
        "--from",
        monday,
        "--to",
        sunday,
        "--group-by",
        "client",
      ],
      { FIRMTIME_CONFIG_DIR: cliConfig },
    );
    expect(await report.exited, report.console()).toBe(0);
    const cli = JSON.parse(report.log()) as ReportJson;
    // 42 + 90 + 120 + 192 minutes at 123.45 an hour, and the 18.40 taxi: the sum of the lines' amounts.
    expect(cli.total.hours).toBe("7.40");
    const lines = [...(await samEntries()), ...(await sam.get<{ items: Entry[] }>("/expense-entries")).items];
    expect(lines.find((line) => line.amount === 1_840)).toBeDefined();
    expect(cli.total.amount).toBe(lines.reduce((sum, line) => sum + line.amount, 0));

    await openAt(server, desk, `/reports?from=${monday}&to=${sunday}&groupBy=client`, "Reports");
    await desk.page.getByRole("tab", { name: "Every entry" }).click();
    await desk.page.getByRole("table", { name: "Detailed report" }).waitFor();
    const csv: string[][] = parse((await downloadReport(desk, /^CSV/)).data);
    expect(csv.find((row) => row[0] === "total")![csv[0]!.indexOf("amount")]).toBe(cli.total.amountText);
    const sheet = (await readXlsx((await downloadReport(desk, /XLSX/)).data)).get("Report")!;
    const xlsxTotal = sheet.find((row) => row[0] === "total")![sheet[0]!.indexOf("amount")];
    expect((xlsxTotal as number).toFixed(2)).toBe(cli.total.amountText);
    const runs = pdfTextRuns((await downloadReport(desk, /^PDF/)).data);
    expect(runs.slice(runs.lastIndexOf("Total"))).toContain(cli.total.amountText);
    await screenshot(desk, "week-report");
    await expectAccessible(desk, "the week's detailed report");
    expectNoPageProblems(desk);
    for (const test of [desk, phone, review]) await test.context.close();
    // A whole week in one test: about 45 s on two cores, too close to the default minute.
  }, 180_000);
});

/** How the approvals list names an entry's checkbox: its date and duration, e.g. "Dec 1, 2026 … 1:30". */
function entryWords(entry: Entry): string {
  const date = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${entry.date}T00:00:00Z`),
  );
  return `${date}.*${Math.trunc(entry.minutes / 60)}:${String(entry.minutes % 60).padStart(2, "0")}`;
}
