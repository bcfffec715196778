/**
 * The log keeps request ids and drops secrets, even when a handler logs a whole request:
 * credentials, cookies, CSRF tokens, password and token fields, token-like query values.
 */
import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { loggerOptions, redactUrl } from "./logging.js";

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join("");
  const lines = () =>
    text()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines, text };
}

describe("the server log", () => {
  it("redacts secrets a handler logs, and token query values of every request", async () => {
    const log = capture();
    const app = Fastify({ logger: loggerOptions("info", log.stream), genReqId: () => "req-1" });
    app.post("/echo", (request) => {
      request.log.info({ headers: request.headers, body: request.body }, "echo");
      request.log.info({ req: { headers: request.headers } }, "nested");
      return {};
    });
    await app.inject({
      method: "POST",
      url: "/echo?token=query-secret&page=2",
      headers: {
        authorization: "Bearer ftk_header-secret",
        cookie: "__Host-firmtime-session=cookie-secret",
        "x-csrf-token": "csrf-secret",
      },
      payload: { email: "ada@smith.test", password: "password-secret", user: { token: "nested-secret" } },
    });
    await app.close();
    for (const secret of [
      "query-secret",
      "header-secret",
      "cookie-secret",
      "csrf-secret",
      "password-secret",
      "nested-secret",
    ])
      expect(log.text()).not.toContain(secret);
    const echo = log.lines().find((line) => line.msg === "echo")!;
    expect(echo).toMatchObject({
      reqId: "req-1",
      headers: { authorization: "[redacted]", cookie: "[redacted]", "x-csrf-token": "[redacted]" },
      body: { email: "ada@smith.test", password: "[redacted]", user: { token: "[redacted]" } },
    });
    const incoming = log.lines().find((line) => line.msg === "incoming request")!;
    expect(incoming).toMatchObject({
      reqId: "req-1",
      req: { method: "POST", url: "/echo?token=[redacted]&page=2" },
    });
    expect(log.lines().find((line) => line.msg === "request completed")).toMatchObject({ reqId: "req-1" });
  });

  it("leaves URLs without secrets alone", () => {
    expect(redactUrl("/f/smith/api/v1/clients?limit=10&offset=20")).toBe(
      "/f/smith/api/v1/clients?limit=10&offset=20",
    );
    expect(redactUrl("/healthz")).toBe("/healthz");
    expect(redactUrl("/activate?Token=abc&password=x")).toBe(
      "/activate?Token=[redacted]&password=[redacted]",
    );
  });
});
