import { describe, expect, it } from "vitest";
import { ENGINES } from "../test-support/stores.js";
import { newCloudFirm, signIn, useTestServer } from "../test-support/server.js";

describe.each(ENGINES)("the cloud server on %s", (engine) => {
  const server = useTestServer(engine);

  it("answers /healthz and serves an OpenAPI 3.1 document naming each route's permission", async () => {
    expect((await server.app.inject("/healthz")).json()).toEqual({ status: "ok" });
    const doc = (await server.app.inject("/api/openapi.json")).json<{
      openapi: string;
      paths: Record<string, Record<string, { "x-permission"?: string }>>;
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/f/{firm}/api/v1/clients"]?.get?.["x-permission"]).toBe("entities:R");
  });

  it("sends the security headers on every answer, refusals included", async () => {
    for (const url of ["/healthz", "/f/nowhere/api/v1/clients"]) {
      const answer = await server.app.inject(url);
      expect(answer.headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
      expect(answer.headers["content-security-policy"], url).toContain("default-src 'self'");
      expect(answer.headers["x-content-type-options"], url).toBe("nosniff");
      expect(answer.headers["strict-transport-security"], url).toMatch(/max-age=\d+/);
      expect(answer.headers["x-frame-options"], url).toBe("SAMEORIGIN");
      expect(answer.headers["x-powered-by"], url).toBeUndefined();
    }
  });

  it("signs in, creates and reads a client, and refuses a change without the CSRF token", async () => {
    await newCloudFirm(server, "smith");
    const admin = await signIn(server, "smith", "admin@smith.test");
    const created = await server.app.inject({
      method: "POST",
      url: "/f/smith/api/v1/clients",
      headers: admin.headers,
      payload: { code: "acme", name: "Acme Ltd" },
    });
    expect(created.statusCode).toBe(201);
    const client = created.json<{ id: string; code: string }>();
    expect(client.code).toBe("ACME");
    const list = await server.app.inject({ url: "/f/smith/api/v1/clients", headers: admin.headers });
    expect(list.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toEqual([client.id]);
    const noCsrf = await server.app.inject({
      method: "POST",
      url: "/f/smith/api/v1/clients",
      headers: { cookie: admin.headers.cookie! },
      payload: { code: "beta", name: "Beta" },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(noCsrf.json()).toMatchObject({ code: "CSRF", status: 403 });
  });

  it("gives anonymous callers 401 problem+json and unknown firms 404", async () => {
    const anonymous = await server.app.inject("/f/smith/api/v1/clients");
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await server.app.inject("/f/nope/api/v1/clients")).statusCode).toBe(404);
  });

  it("answers an unknown email and a wrong password identically", async () => {
    const unknown = await server.app.inject({
      method: "POST",
      url: "/f/smith/api/v1/auth/login",
      payload: { email: "who@x.test", password: "whatever-long-enough" },
    });
    const wrong = await server.app.inject({
      method: "POST",
      url: "/f/smith/api/v1/auth/login",
      payload: { email: "admin@smith.test", password: "whatever-long-enough" },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
  });

  it("revokes the session at logout: the old cookie gets 401", async () => {
    const admin = await signIn(server, "smith", "admin@smith.test");
    expect(
      (
        await server.app.inject({
          method: "POST",
          url: "/f/smith/api/v1/auth/logout",
          headers: admin.headers,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await server.app.inject({ url: "/f/smith/api/v1/clients", headers: admin.headers })).statusCode,
    ).toBe(401);
  });

  it("accepts a bearer token acting for its user until it is revoked", async () => {
    const admin = await signIn(server, "smith", "admin@smith.test");
    const { id, token } = (
      await server.app.inject({
        method: "POST",
        url: "/f/smith/api/v1/auth/tokens",
        headers: admin.headers,
        payload: { name: "cli" },
      })
    ).json<{ id: string; token: string }>();
    const bearer = { authorization: `Bearer ${token}` };
    expect(
      (await server.app.inject({ url: "/f/smith/api/v1/auth/me", headers: bearer })).json(),
    ).toMatchObject({ email: "admin@smith.test" });
    expect(
      (
        await server.app.inject({
          method: "DELETE",
          url: `/f/smith/api/v1/auth/tokens/${id}`,
          headers: bearer,
        })
      ).statusCode,
    ).toBe(204);
    expect((await server.app.inject({ url: "/f/smith/api/v1/auth/me", headers: bearer })).statusCode).toBe(
      401,
    );
  });
});
