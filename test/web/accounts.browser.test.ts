/**
 * The account pages in real Chromium, at a phone's and a desk's size, against a real
 * `firmtime serve` with mail caught by a local SMTP server: finding the firm, signing in and
 * out, the activation and reset pages the emailed links open, changing the password, API
 * tokens, and the session-expired prompt that keeps what was typed. Every page is scanned by
 * axe and photographed (test-results/screenshots/).
 */
import { get } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  TESTED_SIZES,
  type ScreenSize,
  type TestPage,
} from "../../src/test-support/browser.js";
import { linkIn } from "../../src/test-support/smtp-server.js";
import { apiAs, startFirmServer, stopFirmServer, type ApiUser, type FirmServer } from "./firm-server.js";

/** The browser reports the server's answers to deliberately bad input (wrong passwords, spent links) as console errors. */
const EXPECTED_HTTP_ERRORS = [/status of 40[01]/, /status of 410/, /^40[01] \//, /^410 \//];
/** …and the firm finder's look-up of a firm that does not exist. */
const FINDER_HTTP_ERRORS = [...EXPECTED_HTTP_ERRORS, /status of 404/, /^404 \/f\/nosuchfirm\//];

let server: FirmServer;
let admin: ApiUser;

beforeAll(async () => {
  server = await startFirmServer();
  admin = await apiAs(server, server.admin.email, server.admin.password);
}, 120_000);
afterAll(() => stopFirmServer(server));

const passwordBox = (test: TestPage, name = "Password") =>
  test.page.getByRole("textbox", { name, exact: true });

async function signIn(test: TestPage, email: string, password: string) {
  await test.page.goto(`${server.firmUrl}/sign-in`);
  await test.page.getByLabel("Email").fill(email);
  await passwordBox(test).fill(password);
  await test.page.getByRole("button", { name: "Sign in" }).click();
  await test.page.getByRole("heading", { level: 1, name: /^Hello/ }).waitFor();
}

/** A staff member invited by the Admin; resolves with the activation email's link. */
async function inviteStaff(number: string, first: string, email: string): Promise<string> {
  const staff = await admin.send<{ id: string }>("POST", "/staff", {
    staffNumber: number,
    firstName: first,
    lastName: "Tester",
    email,
  });
  await admin.send("POST", "/users", { staffId: staff.id });
  const mail = await server.smtp.waitFor((message) => message.to.includes(email));
  return linkIn(mail, "/activate?token=");
}

describe.each<ScreenSize>([...TESTED_SIZES])("account pages at %s size", (size) => {
  it("finds the firm from the root page and signs in; a wrong password is answered beside the form", async () => {
    const test = await openPage(size);
    await test.page.goto(`${server.url}/`);
    await test.page.getByRole("heading", { name: "Find your firm" }).waitFor();
    await expectAccessible(test, "the firm finder");
    await screenshot(test, "firm-finder");

    await test.page.getByLabel("Firm address or short name").fill("nosuchfirm");
    await test.page.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => test.page.getByText("There is no firm at “nosuchfirm”").count()).toBe(1);

    await test.page.getByLabel("Firm address or short name").fill(`${server.firmUrl}/anything`);
    await test.page.getByRole("button", { name: "Continue" }).click();
    await test.page.waitForURL(`${server.firmUrl}/sign-in`);
    await test.page.getByText("Smith & Co CPAs").waitFor();
    await expectAccessible(test, "the sign-in page");
    await screenshot(test, "sign-in");

    await test.page.getByLabel("Email").fill(server.admin.email);
    await passwordBox(test).fill("not the password");
    await test.page.getByRole("button", { name: "Sign in" }).click();
    await test.page.getByRole("alert").filter({ hasText: "do not match an active account" }).waitFor();
    await screenshot(test, "sign-in-refused");

    await passwordBox(test).fill(server.admin.password);
    await test.page.getByRole("button", { name: "Sign in" }).click();
    await test.page.getByRole("heading", { level: 1, name: "Hello, Ada Lovelace" }).waitFor();
    await expectAccessible(test, "the home page");
    await screenshot(test, "home");

    // A signed-in address opened cold comes back to it after signing in.
    const other = await openPage(size);
    await other.page.goto(`${server.firmUrl}/account`);
    await other.page.waitForURL(/\/sign-in\?next=/);
    await other.page.getByLabel("Email").fill(server.admin.email);
    await passwordBox(other).fill(server.admin.password);
    await other.page.getByRole("button", { name: "Sign in" }).click();
    await other.page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
    expect(new URL(other.page.url()).pathname).toBe(`/f/${server.slug}/account`);

    if (size === "phone") await test.page.getByRole("button", { name: "Sections" }).click();
    await test.page.getByRole("button", { name: /Account menu/ }).click();
    await test.page.getByRole("menuitem", { name: "Sign out" }).click();
    await test.page.getByRole("heading", { name: "Sign in" }).waitFor();
    await test.page.goto(`${server.firmUrl}/`);
    await test.page.waitForURL(/\/sign-in/);
    expectNoPageProblems(test, FINDER_HTTP_ERRORS);
    expectNoPageProblems(other, EXPECTED_HTTP_ERRORS);
    await test.context.close();
    await other.context.close();
  });

  it("activates an invited account from the emailed link, and the link works once", async () => {
    const email = `jane.${size}@smith.example`;
    const link = await inviteStaff(`J${size === "phone" ? "P" : "D"}`, "Jane", email);
    const test = await openPage(size);
    await test.page.goto(link);
    await test.page.getByRole("heading", { name: "Set up your account" }).waitFor();
    expect(test.page.url()).not.toContain("token=");
    await expectAccessible(test, "the activation page");
    await screenshot(test, "activate");

    await passwordBox(test, "New password").fill("short");
    await passwordBox(test, "Repeat it").fill("short");
    await test.page.getByRole("button", { name: "Activate my account" }).click();
    await test.page.getByText("Use at least 12 characters").waitFor();
    await passwordBox(test, "New password").fill("jane's long passphrase");
    await passwordBox(test, "Repeat it").fill("jane's long passphrase");
    await test.page.getByRole("button", { name: "Activate my account" }).click();
    await test.page.getByRole("status").filter({ hasText: "Your account is ready" }).waitFor();

    await test.page.goto(link);
    await passwordBox(test, "New password").fill("another long passphrase");
    await passwordBox(test, "Repeat it").fill("another long passphrase");
    await test.page.getByRole("button", { name: "Activate my account" }).click();
    await test.page.getByRole("alert").filter({ hasText: "expired or was already used" }).waitFor();
    await screenshot(test, "activate-spent-link");

    await signIn(test, email, "jane's long passphrase");
    expectNoPageProblems(test, EXPECTED_HTTP_ERRORS);
    await test.context.close();
  });

  it("resets a forgotten password from the emailed link", async () => {
    const email = `rob.${size}@smith.example`;
    const activation = await inviteStaff(`R${size === "phone" ? "P" : "D"}`, "Rob", email);
    const test = await openPage(size);
    await test.page.goto(activation);
    await passwordBox(test, "New password").fill("rob's first passphrase");
    await passwordBox(test, "Repeat it").fill("rob's first passphrase");
    await test.page.getByRole("button", { name: "Activate my account" }).click();
    await test.page.getByRole("status").waitFor();

    await test.page.goto(`${server.firmUrl}/sign-in`);
    await test.page.getByRole("link", { name: "Forgot your password?" }).click();
    await test.page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await expectAccessible(test, "the forgotten-password page");
    await screenshot(test, "forgot-password");
    await test.page.getByLabel("Email").fill(email);
    await test.page.getByRole("button", { name: "Email me a reset link" }).click();
    await test.page.getByRole("status").filter({ hasText: "is on its way" }).waitFor();

    const mail = await server.smtp.waitFor(
      (message) => message.to.includes(email) && /reset/i.test(message.subject),
    );
    await test.page.goto(linkIn(mail, "/reset-password?token="));
    await test.page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await expectAccessible(test, "the reset page");
    await screenshot(test, "reset-password");
    await passwordBox(test, "New password").fill("rob's second passphrase");
    await passwordBox(test, "Repeat it").fill("rob's different passphrase");
    await test.page.getByRole("button", { name: "Save the new password" }).click();
    await test.page.getByText("The two passwords differ").waitFor();
    await passwordBox(test, "Repeat it").fill("rob's second passphrase");
    await test.page.getByRole("button", { name: "Save the new password" }).click();
    await test.page.getByRole("status").filter({ hasText: "Your password is changed" }).waitFor();
    await signIn(test, email, "rob's second passphrase");
    expectNoPageProblems(test, EXPECTED_HTTP_ERRORS);
    await test.context.close();
  });

  it("changes the password, makes and revokes an API token, and keeps typed input across an ended session", async () => {
    const email = `kim.${size}@smith.example`;
    const activation = await inviteStaff(`K${size === "phone" ? "P" : "D"}`, "Kim", email);
    const test = await openPage(size);
    await test.page.goto(activation);
    await passwordBox(test, "New password").fill("kim's first passphrase");
    await passwordBox(test, "Repeat it").fill("kim's first passphrase");
    await test.page.getByRole("button", { name: "Activate my account" }).click();
    await test.page.getByRole("status").waitFor();
    await signIn(test, email, "kim's first passphrase");

    await test.page.goto(`${server.firmUrl}/account`);
    await test.page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
    await expectAccessible(test, "the account page");
    await screenshot(test, "account");

    await test.page.getByLabel("New token's name").fill("my laptop");
    await test.page.getByRole("button", { name: "Create token" }).click();
    const shown = await test.page.locator("code").filter({ hasText: /^ftk_/ }).textContent();
    const tokenWorks = async () =>
      (await fetch(`${server.firmUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${shown}` } }))
        .status;
    expect(await tokenWorks()).toBe(200);
    await screenshot(test, "account-token-created");
    await test.page.getByRole("button", { name: "Revoke token my laptop" }).click();
    await expect
      .poll(() => test.page.getByRole("button", { name: "Revoke token my laptop" }).count())
      .toBe(0);
    expect(await tokenWorks()).toBe(401);

    await passwordBox(test, "Current password").fill("not my password at all");
    await passwordBox(test, "New password").fill("kim's second passphrase");
    await passwordBox(test, "Repeat it").fill("kim's second passphrase");
    await test.page.getByRole("button", { name: "Change password" }).click();
    await test.page.getByText("The current password is wrong").waitFor();
    await screenshot(test, "account-wrong-password");
    // Beside the field it is about, and tied to it for screen readers.
    const describedBy = (await passwordBox(test, "Current password").getAttribute("aria-describedby")) ?? "";
    const description = (
      await Promise.all(describedBy.split(" ").map((id) => test.page.locator(`[id="${id}"]`).textContent()))
    ).join(" ");
    expect(description).toContain("The current password is wrong");
    await expectAccessible(test, "the account page with a field in error");

    // The session ends under the page (here: its cookie is gone); what was typed stays.
    await passwordBox(test, "Current password").fill("kim's first passphrase");
    await passwordBox(test, "New password").fill("kim's second passphrase");
    await passwordBox(test, "Repeat it").fill("kim's second passphrase");
    await test.context.clearCookies();
    await test.page.getByRole("button", { name: "Change password" }).click();
    const prompt = test.page.getByRole("dialog", { name: "Your session has ended" });
    await prompt.waitFor();
    await expectAccessible(test, "the session-expired prompt");
    await screenshot(test, "session-expired");
    await prompt.getByRole("textbox", { name: "Password" }).fill("kim's first passphrase");
    await prompt.getByRole("button", { name: "Sign in again" }).click();
    await prompt.waitFor({ state: "hidden" });
    expect(await passwordBox(test, "New password").inputValue()).toBe("kim's second passphrase");
    await test.page.getByRole("button", { name: "Change password" }).click();
    await test.page.getByText("Your password is changed.").waitFor();

    await signIn(test, email, "kim's second passphrase");
    expectNoPageProblems(test, EXPECTED_HTTP_ERRORS);
    await test.context.close();
  });
});

/** A GET with the given Accept-Encoding, its body as sent (fetch would unpack it). */
function rawGet(
  url: string,
  acceptEncoding: string,
): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ encoding: response.headers["content-encoding"], body: Buffer.concat(chunks) }),
      );
    }).on("error", reject);
  });
}

it("serves the page with a fresh CSP nonce, the built files from /assets/app/, and the API's 404 under /api", async () => {
  const first = await fetch(`${server.firmUrl}/time`);
  const second = await fetch(`${server.firmUrl}/time`);
  const nonceOf = (response: Response) =>
    /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  expect(first.status).toBe(200);
  expect(nonceOf(first)).toBeTruthy();
  expect(nonceOf(first)).not.toBe(nonceOf(second));
  const page = await first.text();
  expect(page).toContain(`nonce="${nonceOf(first)}"`);
  expect(page).not.toContain("FIRMTIME_CSP_NONCE");
  const script = /src="(\/assets\/app\/[^"]+\.js)"/.exec(page)![1]!;
  const asset = await fetch(`${server.url}${script}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get("cache-control")).toContain("immutable");
  // Compressed at build: brotli or gzip to browsers that accept it, the same bytes once unpacked.
  const plain = await rawGet(`${server.url}${script}`, "identity");
  expect(plain.encoding).toBeUndefined();
  const brotli = await rawGet(`${server.url}${script}`, "gzip, deflate, br");
  expect(brotli.encoding).toBe("br");
  expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
  expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
  const gzip = await rawGet(`${server.url}${script}`, "gzip");
  expect(gzip.encoding).toBe("gzip");
  expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
  expect((await fetch(`${server.url}/assets/app/index.html`)).status).toBe(404);
  const api = await fetch(`${server.firmUrl}/api/v1/no-such-route`);
  expect(api.status).toBe(404);
  expect(api.headers.get("content-type")).toContain("application/problem+json");
  expect((await fetch(`${server.firmUrl}`, { redirect: "manual" })).headers.get("location")).toBe(
    `/f/${server.slug}/`,
  );
});

it.each<ScreenSize>([...TESTED_SIZES])(
  "says so at %s size, with a way to try again, when the app's own file cannot be downloaded",
  async (size) => {
    const test = await openPage(size);
    // The firm app's file fails as a dropped connection or a replaced release would make it fail.
    const firmAppFile = /\/assets\/app\/firm-app-[^/]+\.js$/;
    await test.page.route(firmAppFile, (route) => route.abort("connectionreset"));
    await test.page.goto(`${server.firmUrl}/sign-in`);
    const alert = test.page.getByRole("alert").filter({ hasText: "firmtime did not load" });
    await alert.waitFor();
    await screenshot(test, "app-load-failed");
    await expectAccessible(test, "the app-load failure");
    await test.page.unroute(firmAppFile);
    await test.page.getByRole("button", { name: "Load the page again" }).click();
    await test.page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await alert.count()).toBe(0);
    // What the browser said about the failed download, and nothing else.
    expectNoPageProblems(test, [/ERR_CONNECTION_RESET/, /Failed to fetch dynamically imported module/]);
    await test.context.close();
  },
);
