import { beforeAll, describe, expect, it } from "vitest";
import { addStaffUser } from "../test-support/accounts.js";
import { movableClock, newCloudFirm, PASSWORD, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

describe.each(ENGINES)("login rate limits on %s", (engine) => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  const server = useTestServer(engine, clock);
  const login = (email: string, password: string, remoteAddress = "192.0.2.1") =>
    server.app.inject({
      method: "POST",
      url: "/f/rl/api/v1/auth/login",
      payload: { email, password },
      remoteAddress,
    });
  const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

  beforeAll(async () => {
    const { firm } = await newCloudFirm(server, "rl");
    await addStaffUser(server, firm, { staffNumber: "VI", email: "victim@rl.test" });
  });

  it("refuses the 11th failure on one account with 429, even with the right password, while others sign in", async () => {
    for (let i = 0; i < 10; i++)
      expect((await login("victim@rl.test", `wrong guess ${i}`)).statusCode).toBe(401);
    const eleventh = await login("Victim@RL.test", PASSWORD);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json()).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect((await login("admin@rl.test", PASSWORD)).statusCode).toBe(200);

    clock.advance(15 * 60_000 + 1);
    expect((await login("victim@rl.test", PASSWORD)).statusCode).toBe(200);
  });

  it("limits an unknown email exactly like a known one", async () => {
    clock.advance(15 * 60_000 + 1);
    for (let i = 0; i < 10; i++) {
      const unknown = await login("ghost@rl.test", "wrong guess");
      const known = await login("victim@rl.test", "wrong guess");
      expect(unknown.statusCode).toBe(401);
      expect(withoutInstance(unknown.json())).toEqual(withoutInstance(known.json()));
    }
    const unknown = await login("ghost@rl.test", "wrong guess");
    const known = await login("victim@rl.test", "wrong guess");
    expect(unknown.statusCode).toBe(429);
    expect(withoutInstance(unknown.json())).toEqual(withoutInstance(known.json()));
  });

  it("limits one address at 100 failures across accounts; other addresses still sign in", async () => {
    clock.advance(15 * 60_000 + 1);
    const sprayer = "198.51.100.7";
    for (let i = 0; i < 100; i++)
      expect((await login(`nobody${i}@rl.test`, "wrong guess", sprayer)).statusCode).toBe(401);
    expect((await login("admin@rl.test", PASSWORD, sprayer)).statusCode).toBe(429);
    expect((await login("admin@rl.test", PASSWORD, "203.0.113.5")).statusCode).toBe(200);
  });
});
