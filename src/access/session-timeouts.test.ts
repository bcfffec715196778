/** Sessions end after 30 idle minutes and, however busy, 12 hours after sign-in (the defaults). */
import { beforeAll, describe, expect, it } from "vitest";
import { movableClock, newCloudFirm, signIn, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

describe.each(ENGINES)("session timeouts on %s", (engine) => {
  const clock = movableClock("2026-06-15T08:00:00Z");
  const server = useTestServer(engine, clock);
  const me = (headers: Record<string, string>) =>
    server.app.inject({ url: "/f/tick/api/v1/auth/me", headers });

  beforeAll(async () => {
    await newCloudFirm(server, "tick");
  });

  it("ends a session left idle for longer than the idle timeout", async () => {
    const session = await signIn(server, "tick", "admin@tick.test");
    clock.advance(29 * 60_000);
    expect((await me(session.headers)).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    expect((await me(session.headers)).statusCode).toBe(401);
  });

  it("ends a busy session at the absolute timeout", async () => {
    const session = await signIn(server, "tick", "admin@tick.test");
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      clock.advance(20 * 60_000);
      expect((await me(session.headers)).statusCode, `after ${minutes + 20} minutes`).toBe(200);
    }
    clock.advance(40 * 60_000);
    expect((await me(session.headers)).statusCode).toBe(401);
  });

  it("sets a __Host- cookie that is Secure, HttpOnly and SameSite", async () => {
    const response = await server.app.inject({
      method: "POST",
      url: "/f/tick/api/v1/auth/login",
      payload: { email: "admin@tick.test", password: "correct horse battery staple" },
    });
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^__Host-firmtime-session=/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/Domain=/);
  });

  it("issues a new session id at every sign-in", async () => {
    const first = await signIn(server, "tick", "admin@tick.test");
    const second = await signIn(server, "tick", "admin@tick.test");
    expect(first.cookie).not.toBe(second.cookie);
  });
});

describe.each(ENGINES)("API tokens' last use on %s", (engine) => {
  const clock = movableClock("2026-06-15T08:00:00Z");
  const server = useTestServer(engine, clock);

  beforeAll(async () => {
    await newCloudFirm(server, "tok");
  });

  it("records a token's last use to the minute, without a write on every request", async () => {
    const session = await signIn(server, "tok", "admin@tok.test");
    const made = await server.app.inject({
      method: "POST",
      url: "/f/tok/api/v1/auth/tokens",
      headers: session.headers,
      payload: { name: "bench" },
    });
    expect(made.statusCode).toBe(201);
    const { token, id } = made.json<{ token: string; id: string }>();
    const bearer = { authorization: `Bearer ${token}` };
    const lastUsed = async () =>
      (
        await server.deps.store.db
          .selectFrom("api_token")
          .select("last_used_at")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    const me = () => server.app.inject({ url: "/f/tok/api/v1/auth/me", headers: bearer });
    expect((await me()).statusCode).toBe(200);
    expect(await lastUsed()).toBe("2026-06-15T08:00:00.000Z");
    clock.advance(30_000);
    expect((await me()).statusCode).toBe(200);
    expect(await lastUsed()).toBe("2026-06-15T08:00:00.000Z");
    clock.advance(31_000);
    expect((await me()).statusCode).toBe(200);
    expect(await lastUsed()).toBe("2026-06-15T08:01:01.000Z");
  });
});
