/**
 * Two-factor sign-in in real Chromium, at a phone's and a desk's size, against a real
 * `firmtime serve`: a staff member turns it on from their account page (the test's
 * authenticator is the TOTP module, fed the key the page shows), signs out, signs in with the
 * password and a code, then with a recovery code, which then no longer works; and a firm that
 * requires it for contacts makes a contact enrol at sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32Decode, hotp, timeStep } from "../../src/access/totp.js";
import {
  expectAccessible,
  expectNoPageProblems,
  openPage,
  screenshot,
  type ScreenSize,
  type TestPage,
} from "../../src/test-support/browser.js";
import {
  addStaffMember,
  apiAs,
  startFirmServer,
  stopFirmServer,
  type ApiUser,
  type FirmServer,
} from "./firm-server.js";
import { openAt } from "./pages.js";

/** Deliberate wrong codes: 400 on the account page, 401 at sign-in. */
const EXPECTED_HTTP_ERRORS = [/status of 40[01]/, /^40[01] \//];
const PASSWORD = "a long staff passphrase";

let server: FirmServer;
let admin: ApiUser;

beforeAll(async () => {
  server = await startFirmServer();
  admin = await apiAs(server, server.admin.email, server.admin.password);
  await admin.send("PUT", "/firm/two-factor", { staff: false, contacts: true });
}, 120_000);
afterAll(() => stopFirmServer(server));

/** An authenticator app: each code for a later time step than the last one used (a code works once). */
function authenticator(secret: string) {
  const key = base32Decode(secret)!;
  let last = -Infinity;
  return async () => {
    let now = timeStep(Date.now());
    while (last + 1 > now + 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      now = timeStep(Date.now());
    }
    last = Math.max(now - 1, last + 1);
    return hotp(key, last);
  };
}

async function passwordStep(test: TestPage, email: string) {
  await test.page.goto(`${server.firmUrl}/sign-in`);
  await test.page.getByLabel("Email").fill(email);
  await test.page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
  await test.page.getByRole("button", { name: "Sign in" }).click();
}

const secretOnPage = async (test: TestPage) =>
  (await test.page.getByTestId("two-factor-secret").innerText()).replace(/\s/g, "");
const recoveryCodesOnPage = async (test: TestPage) =>
  (await test.page.getByTestId("recovery-codes").innerText()).split(/\s+/).filter(Boolean);

describe.each<ScreenSize>(["phone", "desk"])("two-factor sign-in at %s size", (size) => {
  it("turns it on from the account page, then signs in with a code and with a recovery code once", async () => {
    const email = `tf-${size}@smith.example`;
    await addStaffMember(server, admin, {
      staffNumber: size === "phone" ? "TP" : "TD",
      firstName: "Tess",
      lastName: "Factor",
      email,
      password: PASSWORD,
    });
    const test = await openPage(size);
    await passwordStep(test, email);
    await test.page.getByRole("heading", { level: 1, name: /^Hello/ }).waitFor();
    await openAt(server, test, "/account", "Your account");
    await test.page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await test.page.getByRole("img", { name: "QR code of your two-factor key" }).waitFor();
    const code = authenticator(await secretOnPage(test));
    await expectAccessible(test, "enrolment on the account page");
    await screenshot(test, "two-factor-enrol");
    await test.page.getByLabel("Code from your authenticator app").fill("000000");
    await test.page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await test.page.getByText("The code is wrong or was already used").waitFor();
    await test.page.getByLabel("Code from your authenticator app").fill(await code());
    await test.page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await test.page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    const recoveryCodes = await recoveryCodesOnPage(test);
    expect(recoveryCodes).toHaveLength(10);
    await expectAccessible(test, "the recovery codes");
    await screenshot(test, "two-factor-recovery-codes");
    await test.page.getByRole("button", { name: "I have saved them" }).click();
    await test.page.getByText("You have 10 unused recovery codes.").waitFor();
    await screenshot(test, "two-factor-account-on");

    await test.context.clearCookies();
    await passwordStep(test, email);
    await test.page.getByRole("heading", { level: 1, name: "Two-factor sign-in" }).waitFor();
    const input = test.page.getByLabel("Code from your authenticator app");
    expect(await input.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await input.getAttribute("inputmode")).toBe("numeric");
    await expectAccessible(test, "the sign-in code step");
    await screenshot(test, "two-factor-sign-in-code");
    await input.fill(await code());
    await test.page.getByRole("button", { name: "Sign in" }).click();
    await test.page.getByRole("heading", { level: 1, name: /^Hello/ }).waitFor();

    for (const attempt of ["first", "again"] as const) {
      await test.context.clearCookies();
      await passwordStep(test, email);
      await test.page.getByRole("button", { name: "Use a recovery code" }).click();
      await test.page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
      await test.page.getByRole("button", { name: "Sign in" }).click();
      if (attempt === "first") {
        await test.page.getByRole("heading", { level: 1, name: /^Hello/ }).waitFor();
      } else {
        await test.page.getByText("That did not work, or this sign-in has expired.").waitFor();
        await screenshot(test, "two-factor-sign-in-recovery-refused");
      }
    }
    expectNoPageProblems(test, EXPECTED_HTTP_ERRORS);
    await test.context.close();
  });

  it("makes a contact enrol at sign-in when the firm requires it for contacts", async () => {
    const email = `cora-${size}@client.example`;
    const contact = await admin.send<{ id: string }>("POST", "/contacts", {
      firstName: "Cora",
      lastName: size,
      email,
    });
    await admin.send("POST", "/users", { contactId: contact.id });
    const mail = await server.smtp.waitFor((message) => message.to.includes(email));
    const token = /token=([^\s&]+)/.exec(mail.text)![1]!;
    const activated = await fetch(`${server.firmUrl}/api/v1/auth/activate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: decodeURIComponent(token), password: PASSWORD }),
    });
    expect(activated.ok).toBe(true);

    const test = await openPage(size);
    await passwordStep(test, email);
    await test.page.getByRole("heading", { level: 1, name: "Set up two-factor sign-in" }).waitFor();
    await expectAccessible(test, "required enrolment");
    await screenshot(test, "two-factor-required");
    await test.page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    await test.page.getByRole("img", { name: "QR code of your two-factor key" }).waitFor();
    await screenshot(test, "two-factor-required-enrol");
    const code = authenticator(await secretOnPage(test));
    await test.page.getByLabel("Code from your authenticator app").fill(await code());
    await test.page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await test.page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    expect(await recoveryCodesOnPage(test)).toHaveLength(10);
    await test.page.getByRole("button", { name: "I have saved them" }).click();
    await test.page.getByRole("heading", { level: 1, name: /^Hello/ }).waitFor();
    expectNoPageProblems(test, EXPECTED_HTTP_ERRORS);
    await test.context.close();
  });
});
