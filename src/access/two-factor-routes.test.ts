import { beforeAll, describe, expect, it } from "vitest";
import { addContact } from "../firm-setup/contact-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { listAudit } from "../store/audit.js";
import { addStaffUser } from "../test-support/accounts.js";
import { movableClock, newCloudFirm, PASSWORD, signIn, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import { insertUser } from "./account-store.js";
import { hashPassword } from "./passwords.js";
import { totpCode } from "./totp.js";

interface Challenge {
  twoFactor: "code" | "enrol";
  challenge: string;
  expiresAt: string;
}

describe.each(ENGINES)("two-factor sign-in over HTTP on %s", (engine) => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  const server = useTestServer(engine, clock);
  let firm: Firm;
  /** The clock moves on: an Admin session signed in now, not an idle one. */
  const admin = async () => (await signIn(server, "tf", "admin@tf.test")).headers;
  const A = "/f/tf/api/v1";
  const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
  /** Each code must come from a later 30-second step than the last one accepted. */
  const nextCode = (secret: string) => {
    clock.advance(30_000);
    return totpCode(secret, clock.now().getTime());
  };

  const post = (
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
    remoteAddress = "192.0.2.10",
  ) => server.app.inject({ method: "POST", url: `${A}${url}`, payload, headers, remoteAddress });
  const login = (email: string, password = PASSWORD, remoteAddress?: string) =>
    post("/auth/login", { email, password }, {}, remoteAddress);
  const sessionOf = (response: { cookies: { name: string; value: string }[]; json: () => unknown }) => {
    const cookie = response.cookies.find((c) => c.name === "__Host-firmtime-session")!.value;
    const { csrfToken } = response.json() as { csrfToken: string };
    return { cookie: `__Host-firmtime-session=${cookie}`, "x-csrf-token": csrfToken };
  };
  const me = (headers: Record<string, string>) => server.app.inject({ url: `${A}/auth/me`, headers });

  /** Enrols a signed-in user through the routes; returns the secret and the recovery codes. */
  async function enrol(who: Record<string, string>) {
    const started = await post("/auth/two-factor/enrolment", undefined, who);
    expect(started.statusCode).toBe(200);
    const { secret, otpauthUri } = started.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toContain(`secret=${secret}`);
    const confirmed = await post("/auth/two-factor/enrolment/confirm", { code: nextCode(secret) }, who);
    expect(confirmed.statusCode).toBe(200);
    return { secret, recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes };
  }

  beforeAll(async () => {
    ({ firm } = await newCloudFirm(server, "tf"));
  });

  it("enrols a staff user, then signs in with the password and a code; the code works once", async () => {
    await addStaffUser(server, firm, { staffNumber: "EN", email: "en@tf.test" });
    const session = await signIn(server, "tf", "en@tf.test");
    const wrong = await post("/auth/two-factor/enrolment", undefined, session.headers);
    const { secret } = wrong.json<{ secret: string }>();
    const refused = await post("/auth/two-factor/enrolment/confirm", { code: "000000" }, session.headers);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: "VALIDATION", field: "code" });
    const confirmed = await post(
      "/auth/two-factor/enrolment/confirm",
      { code: nextCode(secret) },
      session.headers,
    );
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const status = await server.app.inject({ url: `${A}/auth/two-factor`, headers: session.headers });
    expect(status.json()).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10, required: false });
    // Once on, the secret is never shown again.
    expect((await post("/auth/two-factor/enrolment", undefined, session.headers)).statusCode).toBe(409);

    const first = await login("en@tf.test");
    expect(first.statusCode).toBe(202);
    const challenge = first.json<Challenge>();
    expect(challenge.twoFactor).toBe("code");
    expect(first.cookies.find((c) => c.name === "__Host-firmtime-session")).toBeUndefined();
    const code = nextCode(secret);
    const second = await post("/auth/login/two-factor", { challenge: challenge.challenge, code });
    expect(second.statusCode).toBe(200);
    expect((await me(sessionOf(second))).json()).toMatchObject({ email: "en@tf.test" });

    // The same code again, in a new sign-in within its 30 seconds: refused.
    const again = (await login("en@tf.test")).json<Challenge>();
    const replay = await post("/auth/login/two-factor", { challenge: again.challenge, code });
    expect(replay.statusCode).toBe(401);
  });

  it("signs in with a recovery code once; the same recovery code then fails", async () => {
    await addStaffUser(server, firm, { staffNumber: "RC", email: "rc@tf.test" });
    const { recoveryCodes } = await enrol((await signIn(server, "tf", "rc@tf.test")).headers);
    const challenge = (await login("rc@tf.test")).json<Challenge>().challenge;
    const typed = recoveryCodes[3]!.toUpperCase().replace("-", " ");
    const used = await post("/auth/login/two-factor", { challenge, recoveryCode: typed });
    expect(used.statusCode).toBe(200);
    const status = await server.app.inject({ url: `${A}/auth/two-factor`, headers: sessionOf(used) });
    expect(status.json()).toMatchObject({ recoveryCodesLeft: 9 });
    const next = (await login("rc@tf.test")).json<Challenge>().challenge;
    const reused = await post("/auth/login/two-factor", { challenge: next, recoveryCode: recoveryCodes[3] });
    expect(reused.statusCode).toBe(401);
    expect(
      (await listAudit(server.deps.store.db, firm.id, "user.two-factor-recovery-code-used")).length,
    ).toBe(1);
  });

  it("answers every failure of the second step alike: wrong, replayed, expired, used or unknown", async () => {
    await addStaffUser(server, firm, { staffNumber: "SA", email: "sa@tf.test" });
    const { secret } = await enrol((await signIn(server, "tf", "sa@tf.test")).headers);
    const fresh = async () => (await login("sa@tf.test")).json<Challenge>().challenge;

    const answers = [];
    answers.push(await post("/auth/login/two-factor", { challenge: await fresh(), code: "000000" }));
    const good = nextCode(secret);
    const used = await fresh();
    expect((await post("/auth/login/two-factor", { challenge: used, code: good })).statusCode).toBe(200);
    answers.push(await post("/auth/login/two-factor", { challenge: await fresh(), code: good }));
    answers.push(await post("/auth/login/two-factor", { challenge: used, code: nextCode(secret) }));
    const expiring = await fresh();
    clock.advance(5 * 60_000 + 1);
    answers.push(await post("/auth/login/two-factor", { challenge: expiring, code: nextCode(secret) }));
    answers.push(await post("/auth/login/two-factor", { challenge: "x".repeat(43), code: nextCode(secret) }));
    answers.push(
      await post("/auth/login/two-factor", { challenge: await fresh(), recoveryCode: "aaaaa-aaaaa" }),
    );

    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401, 401]);
    const bodies = answers.map((a) => withoutInstance(a.json()));
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("refuses the 11th failed code on an account with 429, even with the right code", async () => {
    clock.advance(15 * 60_000 + 1);
    await addStaffUser(server, firm, { staffNumber: "RL", email: "rl@tf.test" });
    const { secret } = await enrol((await signIn(server, "tf", "rl@tf.test")).headers);
    const challenge = (await login("rl@tf.test", PASSWORD, "198.51.100.1")).json<Challenge>().challenge;
    for (let i = 0; i < 10; i++)
      expect(
        (await post("/auth/login/two-factor", { challenge, code: String(100000 + i) }, {}, `198.51.100.${i}`))
          .statusCode,
      ).toBe(401);
    const limited = await post(
      "/auth/login/two-factor",
      { challenge, code: nextCode(secret) },
      {},
      "203.0.113.9",
    );
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: "RATE_LIMITED" });
    // The password step of that account is limited too: failures of either step count together.
    expect((await login("rl@tf.test", PASSWORD, "203.0.113.9")).statusCode).toBe(429);
    clock.advance(15 * 60_000 + 1);
    const later = (await login("rl@tf.test")).json<Challenge>().challenge;
    expect(
      (await post("/auth/login/two-factor", { challenge: later, code: nextCode(secret) })).statusCode,
    ).toBe(200);
  });

  it("makes a contact enrol at sign-in when the firm requires it for contacts, and only contacts", async () => {
    const scope = { firm, clock, actor: "test" };
    const contact = await addContact(server.deps.store.db, scope, {
      firstName: "Cora",
      lastName: "Client",
      email: "cora@client.test",
    });
    await insertUser(
      server.deps.store.db,
      {
        firmId: firm.id,
        email: "cora@client.test",
        status: "active",
        staffId: null,
        contactId: contact.id,
        passwordHash: await hashPassword(PASSWORD),
      },
      clock.now().toISOString(),
    );
    const put = (payload: object, headers: Record<string, string>) =>
      server.app.inject({ method: "PUT", url: `${A}/firm/two-factor`, payload, headers });
    expect((await put({ staff: false, contacts: true }, await admin())).json()).toEqual({
      staff: false,
      contacts: true,
    });
    // Staff without two-factor still sign in with the password alone.
    await addStaffUser(server, firm, { staffNumber: "NO", email: "no@tf.test" });
    expect((await login("no@tf.test")).statusCode).toBe(200);

    const first = await login("cora@client.test");
    expect(first.statusCode).toBe(202);
    const { challenge, twoFactor } = first.json<Challenge>();
    expect(twoFactor).toBe("enrol");
    // An enrol challenge opens no session with a code, and reaches no signed-in route.
    expect((await post("/auth/login/two-factor", { challenge, code: "123456" })).statusCode).toBe(401);
    const started = await post("/auth/login/two-factor/enrolment", { challenge });
    expect(started.statusCode).toBe(200);
    const { secret } = started.json<{ secret: string }>();
    const wrong = await post("/auth/login/two-factor/enrolment/confirm", { challenge, code: "000000" });
    expect(wrong.statusCode).toBe(401);
    const done = await post("/auth/login/two-factor/enrolment/confirm", {
      challenge,
      code: nextCode(secret),
    });
    expect(done.statusCode).toBe(200);
    const answer = done.json<{ recoveryCodes: string[]; user: { email: string } }>();
    expect(answer.recoveryCodes).toHaveLength(10);
    expect(answer.user.email).toBe("cora@client.test");
    const cora = sessionOf(done);
    expect((await me(cora)).statusCode).toBe(200);
    // The challenge is spent; the next sign-in asks for a code.
    expect((await post("/auth/login/two-factor/enrolment", { challenge })).statusCode).toBe(401);
    expect((await login("cora@client.test")).json<Challenge>().twoFactor).toBe("code");

    // While required, a contact cannot turn it off, even with a right code.
    const off = await post("/auth/two-factor/turn-off", { code: nextCode(secret) }, cora);
    expect(off.statusCode).toBe(409);
    expect(off.json()).toMatchObject({ code: "TWO_FACTOR_REQUIRED" });
    // Only settings:E changes the requirement.
    expect((await put({ staff: true, contacts: true }, cora)).statusCode).toBe(403);
    expect((await server.app.inject({ url: `${A}/firm/two-factor`, headers: cora })).json()).toEqual({
      staff: false,
      contacts: true,
    });
    expect(await listAudit(server.deps.store.db, firm.id, "firm.two-factor-requirement")).toHaveLength(1);
    await put({ staff: false, contacts: false }, await admin());
  });

  it("turns off with a code and ends the other sessions; an Admin's reset ends them all", async () => {
    const { userId } = await addStaffUser(server, firm, { staffNumber: "TO", email: "to@tf.test" });
    const here = (await signIn(server, "tf", "to@tf.test")).headers;
    const { secret, recoveryCodes } = await enrol(here);
    const elsewhereChallenge = (await login("to@tf.test")).json<Challenge>().challenge;
    const elsewhere = sessionOf(
      await post("/auth/login/two-factor", { challenge: elsewhereChallenge, code: nextCode(secret) }),
    );
    const regenerated = await post("/auth/two-factor/recovery-codes", { code: nextCode(secret) }, here);
    const fresh = regenerated.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh.some((code) => recoveryCodes.includes(code))).toBe(false);
    const withOld = (await login("to@tf.test")).json<Challenge>().challenge;
    expect(
      (await post("/auth/login/two-factor", { challenge: withOld, recoveryCode: recoveryCodes[0] }))
        .statusCode,
    ).toBe(401);

    expect((await post("/auth/two-factor/turn-off", { code: "000000" }, here)).statusCode).toBe(400);
    expect((await post("/auth/two-factor/turn-off", { code: nextCode(secret) }, here)).statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await login("to@tf.test")).statusCode).toBe(200);

    // Enrolled again; the Admin resets it: every session of theirs ends, the password alone signs in.
    const again = await enrol(here);
    expect(again.secret).not.toBe(secret);
    const reset = await server.app.inject({
      method: "DELETE",
      url: `${A}/users/${userId}/two-factor`,
      headers: await admin(),
    });
    expect(reset.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(401);
    expect((await login("to@tf.test")).statusCode).toBe(200);
    const actions = (await listAudit(server.deps.store.db, firm.id))
      .filter((event) => event.subject === userId)
      .map((event) => event.action);
    expect(actions).toEqual([
      "user.two-factor-on",
      "user.two-factor-recovery-codes",
      "user.two-factor-off",
      "user.two-factor-on",
      "user.two-factor-reset",
    ]);
  });

  it("keeps API tokens working: bearer callers never meet the second step", async () => {
    await addStaffUser(server, firm, { staffNumber: "TK", email: "tk@tf.test" });
    const session = (await signIn(server, "tf", "tk@tf.test")).headers;
    const token = (await post("/auth/tokens", { name: "script" }, session)).json<{ token: string }>().token;
    await enrol(session);
    expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
  });
});
