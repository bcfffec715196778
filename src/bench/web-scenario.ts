/**
 * Scenario "web": the web app in real Chromium (Debian's, driven by playwright-core) against the
 * integrated cloud of the generated firm (`firmtime serve` on SQLite, loopback), as the Admin
 * (staff 1). Figures:
 * - the JavaScript the first page (sign-in) downloads, and what the timesheet adds, gzip-sized
 *   as a server compressing at zlib's default level would send it (target: first page ≤ 250 KB);
 * - the time to the first usable timesheet: a fresh browser (empty cache) with a session opens
 *   the week's timesheet, until a cell of a row takes input;
 * - a grid cell's save round trip: a duration typed and Enter pressed, until the cell says
 *   "saved" with the server's answer (p50 and p99 over the saves, nearest rank);
 * - the clients page of the firm (5,000 clients at M): opened fresh, until the first page of
 *   rows and the total are shown (the page asks the server for one page, never the list).
 */
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { BENCH_PASSWORD, type ScenarioContext } from "./bench-firm.js";
import { measure, type Figure } from "./harness.js";

export const FIRST_PAGE_JS_FIGURE = "first page (sign-in): JavaScript, gzip";
const CELL_SAVE_P99_FIGURE = "timesheet cell save round trip: p99";
const CHROMIUM = process.env.FIRMTIME_CHROMIUM ?? "/usr/bin/chromium";
const DESK = { width: 1280, height: 900 };

interface Session {
  cookies: Parameters<BrowserContext["addCookies"]>[0];
  staffId: string;
  lockDate: string | null;
}

async function signIn(firmUrl: string, email: string): Promise<Session> {
  const response = await fetch(`${firmUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} answered ${response.status}`);
  const body = (await response.json()) as {
    user: { staffId: string | null; firm: { lockDate: string | null } };
  };
  if (!body.user.staffId) throw new Error(`${email} has no staff record to keep a timesheet`);
  const { hostname } = new URL(firmUrl);
  // The session cookie is __Host- (secure, path /): Chromium keeps secure cookies for loopback.
  const cookies = response.headers.getSetCookie().map((header) => {
    const [pair] = header.split(";");
    const at = pair!.indexOf("=");
    return {
      name: pair!.slice(0, at),
      value: pair!.slice(at + 1),
      domain: hostname,
      path: "/",
      secure: true,
      httpOnly: true,
      sameSite: "Strict" as const,
    };
  });
  return { cookies, staffId: body.user.staffId, lockDate: body.user.firm.lockDate };
}

async function api<T>(
  firmUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${firmUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The Monday after `date` (a week whose every day is open for entries). */
function mondayAfter(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, (8 - day) % 7 || 7);
}

/**
 * The script bytes fetched while `work` runs: each gzipped at zlib's default level (the
 * target's yardstick, whatever the server does), and as the server actually sent them (it
 * sends the brotli files written at build).
 */
async function settleScripts(page: Page, work: () => Promise<void>) {
  const bodies: Promise<{ body: Buffer; sent: number } | null>[] = [];
  const listener = (response: import("playwright-core").Response) => {
    if (response.request().resourceType() === "script" && response.ok())
      bodies.push(
        Promise.all([response.body(), response.request().sizes()])
          .then(([body, sizes]) => ({ body, sent: sizes.responseBodySize }))
          .catch(() => null),
      );
  };
  page.on("response", listener);
  await work();
  page.off("response", listener);
  const all = (await Promise.all(bodies)).filter((got) => got !== null);
  return {
    files: all.length,
    raw: all.reduce((sum, got) => sum + got.body.length, 0),
    gzip: all.reduce((sum, got) => sum + gzipSync(got.body).length, 0),
    sent: all.reduce((sum, got) => sum + got.sent, 0),
  };
}

const nearestRank = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export async function webScenario(context: ScenarioContext): Promise<Figure[]> {
  const { quick, scale, fixture } = context;
  const cloud = await fixture.cloud(scale);
  const { firmUrl, token } = cloud;
  const email = cloud.firm.adminEmail;
  const session = await signIn(firmUrl, email);
  const figures: Figure[] = [];
  const add = (name: string, unit: string, result: Awaited<ReturnType<typeof measure>>, note?: string) =>
    figures.push({ scenario: "web", name, unit, ...result, note });

  // A row to type into: one entry of the Admin's on the Monday of an open week.
  const client = (
    await api<{ items: { id: string; code: string }[] }>(
      firmUrl,
      token,
      "GET",
      "/clients?status=active&limit=1",
    )
  ).items[0];
  const code = (
    await api<{ items: { id: string; code: string; active: boolean }[] }>(
      firmUrl,
      token,
      "GET",
      "/work-codes?kind=time&limit=100",
    )
  ).items.find((item) => item.active);
  if (!client || !code) throw new Error("the bench firm has no active client or time work code");
  const week = mondayAfter(session.lockDate ?? new Date().toISOString().slice(0, 10));
  await api(firmUrl, token, "POST", "/time-entries", {
    staffId: session.staffId,
    clientId: client.id,
    workCodeId: code.id,
    date: week,
    minutes: 60,
    description: "Bench: the timesheet's row",
  });
  const rowName = `${client.code} · ${code.code}`;
  const timesheetUrl = `${firmUrl}/time?week=${week}`;

  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM });
  const freshContext = async (signedIn: boolean) => {
    const made = await browser.newContext({ viewport: DESK, locale: "en-US", reducedMotion: "reduce" });
    if (signedIn) await made.addCookies(session.cookies);
    return made;
  };
  try {
    // The first page's scripts: a stranger opening the firm's address.
    const bytes = { first: [] as number[], firstSent: [] as number[], timesheet: [] as number[] };
    const runs = quick ? 1 : 3;
    for (let run = 0; run < runs; run++) {
      const stranger = await freshContext(false);
      const page = await stranger.newPage();
      const first = await settleScripts(page, async () => {
        await page.goto(`${firmUrl}/`);
        await page.getByRole("button", { name: "Sign in" }).waitFor();
      });
      await stranger.close();
      bytes.first.push(first.gzip / 1024);
      bytes.firstSent.push(first.sent / 1024);
      const member = await freshContext(true);
      const sheet = await member.newPage();
      const all = await settleScripts(sheet, async () => {
        await sheet.goto(timesheetUrl);
        await sheet.getByRole("textbox", { name: new RegExp(`^${rowName}, Tuesday`) }).waitFor();
      });
      await member.close();
      bytes.timesheet.push(all.gzip / 1024);
    }
    add(
      FIRST_PAGE_JS_FIGURE,
      "KB",
      await measure(runs, (i) => bytes.first[i]!),
      "every script the sign-in page loads",
    );
    add(
      "first page (sign-in): JavaScript as sent",
      "KB",
      await measure(runs, (i) => bytes.firstSent[i]!),
      "the bytes on the wire: the brotli files written at build",
    );
    add(
      "timesheet (signed in): JavaScript, gzip",
      "KB",
      await measure(runs, (i) => bytes.timesheet[i]!),
      "every script the timesheet loads, from an empty cache",
    );

    // Time to the first usable timesheet: an empty cache, a session, the week's address.
    const loads = quick ? 2 : 7;
    add(
      "time to the first usable timesheet",
      "ms",
      await measure(loads, async () => {
        const member = await freshContext(true);
        const page = await member.newPage();
        const started = performance.now();
        await page.goto(timesheetUrl);
        const cell = page.getByRole("textbox", { name: new RegExp(`^${rowName}, Tuesday`) });
        await cell.waitFor();
        await cell.click();
        const elapsed = performance.now() - started;
        await member.close();
        return elapsed;
      }),
      `fresh browser context per load, ${week} week, loopback`,
    );

    // Cell saves: each typed value differs from the last, so every Enter is a real save.
    const member = await freshContext(true);
    const page = await member.newPage();
    await page.goto(timesheetUrl);
    const days = ["Tuesday", "Wednesday", "Thursday", "Friday"];
    const saves = quick ? 12 : 60;
    const times: number[] = [];
    for (let i = 0; i < saves + 4; i++) {
      const day = days[i % days.length]!;
      const cell = page.getByRole("textbox", { name: new RegExp(`^${rowName}, ${day}`) });
      const stateId = await cell.getAttribute("aria-describedby");
      if (!stateId) throw new Error("a timesheet cell has no state for screen readers");
      const minutes = 30 + 6 * (i % 40);
      const text = `${Math.trunc(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
      await cell.fill(text);
      const answered = page.waitForResponse(
        (response) =>
          response.url().includes("/api/v1/time-entries") && response.request().method() !== "GET",
      );
      const started = performance.now();
      await cell.press("Enter");
      const response = await answered;
      // The cell's state for screen readers (visually hidden, so waited for as attached).
      const state = page.locator(`[id="${stateId}"]`);
      try {
        await state.filter({ hasText: /^saved$/ }).waitFor({ state: "attached" });
      } catch (error) {
        // Say what the page and the server said, not only that the wait ran out.
        const body = await response.text().catch(() => "");
        const shown = await state.textContent({ timeout: 1000 }).catch(() => null);
        throw new Error(
          `save ${i + 1} (${day}, ${text}) never showed "saved": the cell's state says ${JSON.stringify(shown)}; ` +
            `the server answered ${response.status()} ${body.slice(0, 300)}`,
          { cause: error },
        );
      }
      // The first four (one per cell: each creates its entry) warm up; the rest change entries.
      if (i >= 4) times.push(performance.now() - started);
    }
    await member.close();
    times.sort((a, b) => a - b);
    const summary = await measure(times.length, (i) => times[i]!);
    add(
      "timesheet cell save round trip: p50",
      "ms",
      { ...summary, median: nearestRank(times, 50) },
      `${times.length} saves, from Enter to "saved"`,
    );
    add(
      CELL_SAVE_P99_FIGURE,
      "ms",
      { ...summary, median: nearestRank(times, 99) },
      `${times.length} saves, nearest rank`,
    );

    // The clients page: opened fresh until the first page of rows and the total show; then a
    // search typed, until its rows show. Every /clients request the page makes is recorded,
    // to prove it asks for one page (limit) and never the whole list.
    const clientLimits: number[] = [];
    let clientsTotal = 0;
    const watchClients = (page: Page) =>
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.pathname.endsWith("/api/v1/clients") && request.method() === "GET")
          clientLimits.push(Number(url.searchParams.get("limit") ?? Number.POSITIVE_INFINITY));
      });
    const opens = quick ? 2 : 7;
    add(
      "clients page: first page of rows shown",
      "ms",
      await measure(opens, async () => {
        const member = await freshContext(true);
        const page = await member.newPage();
        watchClients(page);
        const started = performance.now();
        await page.goto(`${firmUrl}/setup/clients`);
        const total = page.getByText(/^[\d,]+ records$/);
        await total.waitFor();
        await page
          .getByRole("table", { name: /clients/i })
          .getByRole("link")
          .first()
          .waitFor();
        const elapsed = performance.now() - started;
        clientsTotal = Number((await total.innerText()).replace(/\D/g, ""));
        await member.close();
        return elapsed;
      }),
      "fresh browser context per open, loopback",
    );
    const searcher = await freshContext(true);
    const listPage = await searcher.newPage();
    watchClients(listPage);
    await listPage.goto(`${firmUrl}/setup/clients`);
    await listPage.getByText(/^[\d,]+ records$/).waitFor();
    const searches = quick ? 4 : 15;
    const codes = (
      await api<{ items: { code: string }[] }>(firmUrl, token, "GET", `/clients?limit=${searches}&sort=-code`)
    ).items.map((item) => item.code);
    const searchBox = listPage.getByRole("searchbox", { name: "Search by code or name" });
    add(
      "clients page: search round trip",
      "ms",
      await measure(codes.length, async (i) => {
        const started = performance.now();
        await searchBox.fill(codes[i]!);
        await listPage
          .getByRole("table", { name: /clients/i })
          .getByRole("link", { name: codes[i]! })
          .first()
          .waitFor();
        return performance.now() - started;
      }),
      "a client's code typed, until its row shows (includes the page's 250 ms typing pause)",
    );
    await searcher.close();
    const largest = Math.max(...clientLimits);
    if (!Number.isFinite(largest) || largest > 100)
      throw new Error(`the clients page asked for ${largest} clients at once: it must page on the server`);
    add(
      "clients page: clients in the firm",
      "clients",
      await measure(1, () => clientsTotal),
      `the page asked the server for at most ${largest} at a time`,
    );
  } finally {
    await browser.close();
  }
  return figures;
}
