/**
 * The closed-loop load against a plain local server: every connection is open and warmed before
 * the clock starts (the server sees exactly `connections` sockets), every request is counted,
 * and answers other than 2xx are errors with the first one quoted.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedLoop, quantile, sequential, waitUntilIdle } from "./closed-loop.js";

let server: Server;
let origin: string;
let sockets = 0;
let answered = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    answered += 1;
    const status = request.url === "/refused" ? 409 : 200;
    setTimeout(() => response.writeHead(status, { "content-type": "text/plain" }).end("ok"), 2);
  });
  server.on("connection", () => (sockets += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("closed-loop load", () => {
  it("reads quantiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
  });

  it("opens and warms every connection before measuring, and counts every request", async () => {
    sockets = 0;
    answered = 0;
    const figures = await closedLoop(origin, () => ({ method: "GET", path: "/", headers: {} }), {
      connections: 8,
      durationMs: 300,
      warmRequests: 2,
    });
    expect(sockets).toBe(8);
    expect(figures.errors).toBe(0);
    expect(figures.requests).toBe(answered - 16);
    expect(figures.p50).toBeGreaterThanOrEqual(2);
    expect(figures.max).toBeGreaterThanOrEqual(figures.p99);
  });

  it("counts answers other than 2xx as errors, quoting the first", async () => {
    let n = 0;
    const figures = await closedLoop(
      origin,
      () => ({ method: "GET", path: n++ < 4 ? "/" : "/refused", headers: {} }),
      { connections: 2, durationMs: 100, warmRequests: 2 },
    );
    expect(figures.errors).toBeGreaterThan(0);
    expect(figures.firstError).toMatch(/^HTTP 409/);
  });

  it("measures one request at a time, and waits until the server answers quickly", async () => {
    await waitUntilIdle(origin, "/");
    const figures = await sequential(origin, () => ({ method: "GET", path: "/", headers: {} }), 20, 2);
    expect(figures.requests).toBe(20);
    expect(figures.errors).toBe(0);
  });
});
