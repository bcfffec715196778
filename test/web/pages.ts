/**
 * What the browser tests do on many pages, in one place: signing in, opening a page of the
 * firm's app, picking from a searchable select, downloading a report, and making a slow
 * network's race certain.
 */
import { readFileSync } from "node:fs";
import type { Locator, Page, Request } from "playwright-core";
import type { TestPage } from "../../src/test-support/browser.js";
import type { FirmSite } from "./firm-server.js";

/**
 * Signs `who` in on the firm's sign-in page, going on to `next` (default: the home page), and
 * waits for the page's heading (default: the home page's greeting).
 */
export async function signIn(
  server: FirmSite,
  test: TestPage,
  who: { email: string; password: string },
  { next, heading = /^Hello/ }: { next?: string; heading?: string | RegExp } = {},
): Promise<void> {
  const query = next ? `?next=${encodeURIComponent(next)}` : "";
  await test.page.goto(`${server.firmUrl}/sign-in${query}`);
  await test.page.getByLabel("Email").fill(who.email);
  await test.page.getByRole("textbox", { name: "Password", exact: true }).fill(who.password);
  await test.page.getByRole("button", { name: "Sign in" }).click();
  await test.page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

/** Opens `path` of the firm's app and waits for its heading. */
export async function openAt(
  server: FirmSite,
  test: TestPage,
  path: string,
  heading: string | RegExp,
): Promise<void> {
  await test.page.goto(`${server.firmUrl}${path}`);
  await test.page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

/**
 * Types into a searchable select (within `scope`, else anywhere on the page) and picks the
 * option; options are looked up on the whole page, as a select may open them in a portal.
 */
export async function pick(
  test: TestPage,
  label: string,
  typed: string,
  option: RegExp,
  scope?: Locator,
): Promise<void> {
  await (scope ?? test.page).getByRole("combobox", { name: label }).fill(typed);
  await test.page.getByRole("option", { name: option }).click();
}

/** A download from the reports page's "Download…" menu, once the page says it is saved. */
export async function downloadReport(
  test: TestPage,
  format: RegExp,
): Promise<{ name: string; data: Buffer }> {
  await test.page.getByRole("button", { name: "Download…" }).click();
  const [file] = await Promise.all([
    test.page.waitForEvent("download"),
    test.page.getByRole("menuitem", { name: format }).click(),
  ]);
  const path = await file.path();
  await test.page
    .getByRole("status")
    .filter({ hasText: /^Saved / })
    .waitFor();
  return { name: file.suggestedFilename(), data: readFileSync(path) };
}

export interface HeldRead {
  /** The read whose first answer is held (a list the page asks for as it opens). */
  read: (request: Request) => boolean;
  /** The change that read must not see (an upload). */
  change: (request: Request) => boolean;
  /** Resolves once the page has taken the change's answer (a message, a progress bar gone). */
  changeShown: () => Promise<void>;
}

/**
 * A slow network's race, made certain: the first read matching `read` is answered by the server
 * before the change reaches it, and that stale answer reaches the page only after the change has
 * finished and the page has shown it. A page that keeps the stale answer instead of reading again
 * fails the test. (TanStack Query joins a first read still in flight when told to read again;
 * this caught it twice.)
 */
export async function holdFirstReadPastChange(
  page: Page,
  { read, change, changeShown }: HeldRead,
): Promise<void> {
  let readAnswered!: () => void;
  const answered = new Promise<void>((resolve) => (readAnswered = resolve));
  const changed = page.waitForEvent("requestfinished", change);
  let held = false;
  await page.route(
    () => true,
    async (route) => {
      const request = route.request();
      if (change(request)) {
        await answered;
        return route.fallback();
      }
      if (held || !read(request)) return route.fallback();
      held = true;
      const answer = await route.fetch();
      readAnswered();
      await changed;
      await changeShown();
      await route.fulfill({ response: answer });
    },
  );
}
