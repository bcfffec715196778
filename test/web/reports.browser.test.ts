/**
 * Reports in real Chromium at a phone's and a desk's size: the summary with its grouping and
 * filters (kept in the address), every entry, the charts with their numbers, and the CSV, XLSX
 * and PDF downloads made on the server, whose totals equal the JSON report's to the cent.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../src/reports/xlsx-sheet.js";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type TestPage,
} from "../../src/test-support/browser.js";
import { pdfTextRuns } from "../../src/test-support/pdf-text.js";
import { apiAs, startFirmServer, stopFirmServer, type ApiUser, type FirmServer } from "./firm-server.js";
import { downloadReport } from "./pages.js";

interface Totals {
  amount: number;
  amountText: string;
  hours: string;
  billableHours: string;
}
interface Report {
  groups: { code: string; name: string; totals: Totals }[];
  total: Totals;
}

const MONTH = "2026-11";
let server: FirmServer;
let admin: ApiUser;

beforeAll(async () => {
  server = await startFirmServer("reports");
  admin = await apiAs(server, server.admin.email, server.admin.password);
  // A rate that does not divide evenly: every line rounds, and the totals are sums of rounded lines.
  const audit = await admin.send<{ id: string }>("POST", "/work-codes", {
    code: "AUD",
    name: "Audit fieldwork",
    kind: "time",
    rate: 1_234_567,
  });
  const admin_ = await admin.send<{ id: string }>("POST", "/work-codes", {
    code: "ADM",
    name: "Administration",
    kind: "time",
    rate: 800_000,
    billable: false,
  });
  const acme = await admin.send<{ id: string }>("POST", "/clients", { code: "ACME", name: "Acme Ltd" });
  const beta = await admin.send<{ id: string }>("POST", "/clients", { code: "BETA", name: "Beta Bakery" });
  const entries: [string, string, string, number, string][] = [
    [acme.id, audit.id, "2026-11-02", 95, "Stock count"],
    [acme.id, audit.id, "2026-11-03", 125, "Receivables testing"],
    [acme.id, admin_.id, "2026-11-03", 30, "Engagement letter"],
    [beta.id, audit.id, "2026-11-10", 250, "Walkthroughs"],
    [beta.id, admin_.id, "2026-11-11", 45, "Filing"],
    [beta.id, audit.id, "2026-10-30", 60, "October work, outside the month"],
  ];
  for (const [clientId, workCodeId, date, minutes, description] of entries)
    await admin.send("POST", "/time-entries", { clientId, workCodeId, date, minutes, description });
}, 120_000);
afterAll(() => stopFirmServer(server));

async function signIn(test: TestPage) {
  await test.page.goto(`${server.firmUrl}/sign-in?next=${encodeURIComponent(`/reports?month=${MONTH}`)}`);
  await test.page.getByLabel("Email").fill(server.admin.email);
  await test.page.getByRole("textbox", { name: "Password", exact: true }).fill(server.admin.password);
  await test.page.getByRole("button", { name: "Sign in" }).click();
  await test.page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
}

/** "12345.60" as the page shows it: "12,345.60". */
const grouped = (text: string) => text.replace(/\B(?=(\d{3})+(?!\d))(?=.*\.)/g, ",");

async function choose(test: TestPage, label: string, option: string) {
  await test.page.getByRole("combobox", { name: label, exact: true }).click();
  await test.page.getByRole("option", { name: option, exact: true }).click();
}

describe.each(["phone", "desk"] as const)("reports at %s size", (size) => {
  it("shows the summary grouped and filtered as asked, every entry and the charts", async () => {
    const expected = await admin.get<Report>(`/reports/basic?month=${MONTH}&groupBy=client`);
    const billable = await admin.get<Report>(`/reports/basic?month=${MONTH}&groupBy=workcode&billable=true`);
    const billableByClient = await admin.get<Report>(
      `/reports/basic?month=${MONTH}&groupBy=client&billable=true`,
    );
    const test = await openPage(size);
    await signIn(test);

    const summary = test.page.getByRole("table", { name: "Report summary" });
    const totalRow = summary.getByRole("row", { name: /^Total/ });
    await expect.poll(() => totalRow.textContent()).toContain(expected.total.hours);
    expect(await totalRow.textContent()).toContain(grouped(expected.total.amountText));
    for (const group of expected.groups)
      await summary.getByRole("rowheader", { name: `${group.code} · ${group.name}` }).waitFor();
    await expectAccessible(test, "the report summary");
    await screenshot(test, "reports-summary");

    // Group by work code, billable only: the address keeps the question, the server answers it.
    if (size === "phone") await test.page.getByRole("button", { name: /^Filters/ }).click();
    await choose(test, "Group by", "Work code");
    await choose(test, "Billable", "Billable only");
    await expect.poll(() => new URL(test.page.url()).searchParams.get("billable")).toBe("true");
    expect(new URL(test.page.url()).searchParams.get("groupBy")).toBe("workcode");
    await expect.poll(() => totalRow.textContent()).toContain(billable.total.hours);
    await summary.getByRole("rowheader", { name: "AUD · Audit fieldwork" }).waitFor();
    // The non-billable ADM row leaves once the billable-only answer is shown (not before).
    await expect.poll(() => summary.getByRole("rowheader", { name: /ADM/ }).count()).toBe(0);
    if (size === "phone") await test.page.getByRole("button", { name: "Hide the filters" }).click();
    await screenshot(test, "reports-summary-filtered");

    await test.page.getByRole("tab", { name: "Every entry" }).click();
    const detail = test.page.getByRole("table", { name: "Detailed report" });
    await detail.getByText("Receivables testing").waitFor();
    expect(await detail.getByText("Engagement letter").count(), "non-billable left out").toBe(0);
    expect(await detail.getByText("October work").count(), "outside the month").toBe(0);
    await expectAccessible(test, "the detailed report");
    await screenshot(test, "reports-detailed");

    await test.page.getByRole("tab", { name: "Charts" }).click();
    const byClient = test.page.getByRole("region", { name: "By client" });
    await byClient.getByText("The numbers").click();
    const acme = billableByClient.groups.find((group) => group.code === "ACME")!;
    const acmeRow = byClient.getByRole("row", { name: /^ACME · Acme Ltd/ });
    expect(await acmeRow.textContent()).toContain(acme.totals.hours);
    await expectAccessible(test, "the charts");
    await screenshot(test, "reports-charts");
    expectNoPageProblems(test);
    await test.context.close();
  });

  it("downloads CSV, XLSX and PDF made on the server, with the JSON report's totals", async () => {
    const query = `month=${MONTH}&groupBy=client,workcode`;
    const expected = await admin.get<Report>(`/reports/basic?${query}`);
    const detailed = await admin.get<Report>(`/reports/detailed?${query}`);
    const test = await openPage(size);
    await signIn(test);
    await test.page.goto(`${server.firmUrl}/reports?${query}`);
    await test.page.getByRole("table", { name: "Report summary" }).waitFor();

    const csv = await downloadReport(test, /^CSV/);
    expect(csv.name).toBe(`reports-basic-report-${MONTH}.csv`);
    const rows: string[][] = parse(csv.data);
    const amount = rows[0]!.indexOf("amount");
    expect(rows.find((row) => row[0] === "total")![amount]).toBe(expected.total.amountText);

    const xlsx = await downloadReport(test, /XLSX/);
    const sheet = (await readXlsx(xlsx.data)).get("Report")!;
    const xlsxAmount = sheet[0]!.indexOf("amount");
    const xlsxTotal = sheet.find((row) => row[0] === "total")![xlsxAmount];
    expect(typeof xlsxTotal).toBe("number");
    expect((xlsxTotal as number).toFixed(2)).toBe(expected.total.amountText);

    await test.page.getByRole("tab", { name: "Every entry" }).click();
    await test.page.getByRole("table", { name: "Detailed report" }).waitFor();
    const pdf = await downloadReport(test, /^PDF/);
    expect(pdf.name).toBe(`reports-detailed-report-${MONTH}.pdf`);
    const runs = pdfTextRuns(pdf.data);
    expect(runs.slice(runs.lastIndexOf("Total"))).toContain(detailed.total.amountText);
    await screenshot(test, "reports-downloaded");
    expectNoPageProblems(test);
    await test.context.close();
  });
});
