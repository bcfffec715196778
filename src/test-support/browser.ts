/**
 * Real Chromium for the web app's tests: Debian's `chromium` (installed by .ci/run when
 * missing) driven by playwright-core, never a browser Playwright downloads. Each page records
 * what the console and the CSP reported, for tests to assert that nothing was blocked; screenshots
 * land in test-results/screenshots/ (not committed) for a person to look at; `expectAccessible`
 * runs axe-core and fails on any serious or critical violation.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type axe from "axe-core";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { afterThisFile } from "./file-cleanup.js";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const SCREENSHOT_DIR = join(import.meta.dirname, "..", "..", "test-results", "screenshots");
const CHROMIUM = process.env.FIRMTIME_CHROMIUM ?? "/usr/bin/chromium";

export const SIZES = {
  phone: { width: 375, height: 812 },
  desk: { width: 1280, height: 800 },
} as const;
export type ScreenSize = keyof typeof SIZES;
/**
 * The sizes a page is tried at. With FIRMTIME_BROWSER_TESTS=smoke (.ci/run's Node.js 24 pass,
 * which runs one browser test file to see the server serve the app there), the desk's only: the
 * phone's layout is the same browser code, tried at both sizes in the Node.js 20 pass.
 */
export const TESTED_SIZES: readonly ScreenSize[] =
  process.env.FIRMTIME_BROWSER_TESTS === "smoke" ? ["desk"] : ["phone", "desk"];

let shared: Promise<Browser> | undefined;

/** One Chromium per test file, closed after it. */
export function browser(): Promise<Browser> {
  if (!shared) afterThisFile(closeBrowser);
  shared ??= chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine's network is closed: without these Chromium keeps calling home and failing.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  return shared;
}

async function closeBrowser(): Promise<void> {
  const open = shared;
  shared = undefined;
  if (open) await (await open).close();
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  size: ScreenSize;
  /** Console errors and CSP violations seen so far. */
  problems: string[];
}

/** A fresh browser profile (its own cookies) at a phone's or a desk's size. */
export async function openPage(size: ScreenSize = "desk"): Promise<TestPage> {
  const context = await (
    await browser()
  ).newContext({
    viewport: SIZES[size],
    isMobile: size === "phone",
    hasTouch: size === "phone",
    locale: "en-US",
    timezoneId: "UTC",
    acceptDownloads: true,
    // No animations: axe judges colours as they end up, not halfway through a fade.
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // The console does not say which address failed: record it beside the console's words.
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return { context, page, size, problems };
}

/** A full-page screenshot named after the page and the size, for a person to look at. */
export async function screenshot(test: TestPage, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}-${test.size}.png`);
  await test.page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * axe-core on the page as it is now: no serious or critical violation. axe's source is put into
 * a document once and run there directly, all rules, reporting violations only: @axe-core/
 * playwright injected it on every scan and opened a second page to finish each one, which cost
 * about a second per scan (about a quarter of the browser tests' time). The app has no frames,
 * which that second page exists for.
 */
export async function expectAccessible(test: TestPage, what: string): Promise<void> {
  const page = test.page;
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(AXE_SOURCE);
  // The whole document (axe's default context), every rule.
  const results = await page.evaluate(() =>
    (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ["violations"] }),
  );
  const grave = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ` +
        violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`).join("; "),
    );
  expect(grave, `axe on ${what} at ${test.size} size`).toEqual([]);
}

/**
 * Nothing the console or the CSP complained about. Failed requests appear twice: as the
 * console's "status of 404" and as "404 /path"; `allowed` patterns excuse the expected ones.
 */
export function expectNoPageProblems(test: TestPage, allowed: RegExp[] = []): void {
  const unexpected = test.problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
  expect(unexpected).toEqual([]);
}
