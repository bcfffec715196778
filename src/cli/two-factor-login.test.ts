/**
 * `firmtime login` against a cloud user with two-factor sign-in asks for the second factor:
 * --code, FIRMTIME_CODE (an app code or a recovery code), or a prompt on a terminal.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserById } from "../access/account-store.js";
import { totpCode } from "../access/totp.js";
import { confirmEnrolmentOf, startEnrolment } from "../access/two-factor-service.js";
import { addStaffUser } from "../test-support/accounts.js";
import { runCli } from "../test-support/cli.js";
import { movableClock, newCloudFirm, PASSWORD, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

const tmp = mkdtempSync(join(tmpdir(), "firmtime-2fa-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(ENGINES)("firmtime login with two-factor sign-in on %s", (engine) => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  const server = useTestServer(engine, clock);
  const state = {} as { url: string; secret: string; recoveryCodes: string[] };
  const login = (email: string, extra: string[] = [], env: Record<string, string> = {}) =>
    runCli(
      ["login", state.url, "--email", email, "--password-stdin", ...extra],
      { FIRMTIME_CONFIG_DIR: join(tmp, `${engine}-${email}`), ...env },
      undefined,
      { readStdin: () => Promise.resolve(`${PASSWORD}\n`) },
    );
  const nextCode = () => {
    clock.advance(30_000);
    return totpCode(state.secret, clock.now().getTime());
  };

  beforeAll(async () => {
    const origin = await server.app.listen({ host: "127.0.0.1", port: 0 });
    state.url = `${origin}/f/cli2fa`;
    const { firm } = await newCloudFirm(server, "cli2fa");
    const { db } = server.deps.store;
    const { userId } = await addStaffUser(server, firm, { staffNumber: "TF", email: "tf@cli2fa.test" });
    const user = (await findUserById(db, firm.id, userId))!;
    state.secret = (await startEnrolment(db, clock, firm, user)).secret;
    state.recoveryCodes = await confirmEnrolmentOf(db, clock, user, {
      code: totpCode(state.secret, clock.now().getTime()),
      address: "127.0.0.1",
    });
  });

  it("asks for the code when none is given, and refuses a wrong one, in one line", async () => {
    expect(await login("tf@cli2fa.test")).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "firmtime: this account signs in with a two-factor code: pass --code CODE or set FIRMTIME_CODE\n",
    });
    const wrong = await login("tf@cli2fa.test", ["--code", "000000"]);
    expect(wrong).toEqual({
      code: 1,
      stdout: "",
      stderr: "firmtime: the code is wrong or already used, or this sign-in has expired\n",
    });
  });

  it("signs in with --code, or a recovery code in FIRMTIME_CODE, and keeps a token", async () => {
    const withCode = await login("tf@cli2fa.test", ["--code", nextCode()]);
    expect(withCode).toMatchObject({ code: 0, stdout: `Signed in to ${state.url} as tf@cli2fa.test\n` });
    const list = await runCli(["--cloud", state.url, "--json", "client", "list"], {
      FIRMTIME_CONFIG_DIR: join(tmp, `${engine}-tf@cli2fa.test`),
    });
    expect(list.code, list.stderr).toBe(0);
    const withRecovery = await login("tf@cli2fa.test", [], { FIRMTIME_CODE: state.recoveryCodes[0]! });
    expect(withRecovery.code, withRecovery.stderr).toBe(0);
    expect((await login("tf@cli2fa.test", [], { FIRMTIME_CODE: state.recoveryCodes[0]! })).code).toBe(1);
  });

  it("says where to enrol when the firm requires two-factor sign-in of a user who has none", async () => {
    const admin = await server.app.inject({
      method: "POST",
      url: "/f/cli2fa/api/v1/auth/login",
      payload: { email: "admin@cli2fa.test", password: PASSWORD },
    });
    const cookie = admin.cookies.find((c) => c.name === "__Host-firmtime-session")!.value;
    await server.app.inject({
      method: "PUT",
      url: "/f/cli2fa/api/v1/firm/two-factor",
      payload: { staff: true, contacts: false },
      headers: {
        cookie: `__Host-firmtime-session=${cookie}`,
        "x-csrf-token": admin.json<{ csrfToken: string }>().csrfToken,
      },
    });
    expect(await login("admin@cli2fa.test")).toEqual({
      code: 1,
      stdout: "",
      stderr: `firmtime: ${state.url} requires two-factor sign-in for your account: set it up by signing in once at ${state.url}/sign-in, then sign in here again\n`,
    });
  });
});
