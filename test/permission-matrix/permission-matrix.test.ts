/**
 * The route × actor permission matrix (shared/design/access.md): every route registered in
 * the server, for every actor, checks the status and, for lists, exactly the ids returned.
 * A registered route without a row fails the suite, so a new route cannot skip authorization.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { multipartBody } from "../../src/test-support/receipts.js";
import { useTestServer } from "../../src/test-support/server.js";
import { ENGINES } from "../../src/test-support/stores.js";
import { ACTORS, buildMatrixFixture, type MatrixFixture } from "./actors.js";
import { MATRIX_ROWS } from "./all-rows.js";
import type { MatrixRow } from "./rows.js";

const routeKey = (method: string, url: string) => `${method} ${url}`;
const defaultIds = (body: unknown) =>
  ((body as { items?: { id: string }[] }).items ?? []).map((item) => item.id);

/** Reads before writes, so lists see the fixture as built. */
const ordered = (rows: readonly MatrixRow[]) =>
  [...rows].sort((a, b) => Number(!a.route.startsWith("GET ")) - Number(!b.route.startsWith("GET ")));

describe.each(ENGINES)("permission matrix on %s", (engine) => {
  const server = useTestServer(engine);
  let fx: MatrixFixture;
  beforeAll(async () => {
    fx = await buildMatrixFixture(server);
  });

  it("has rows for every registered route", () => {
    const covered = new Set(MATRIX_ROWS.map((row) => row.route));
    const missing = server.app.firmRoutes
      .map((r) => routeKey(r.method, r.url))
      .filter((key) => !covered.has(key));
    expect(missing, "routes without permission-matrix rows").toEqual([]);
    const registered = new Set(server.app.firmRoutes.map((r) => routeKey(r.method, r.url)));
    expect(
      MATRIX_ROWS.map((row) => row.route).filter((route) => !registered.has(route)),
      "rows for routes that do not exist",
    ).toEqual([]);
  });

  it.each(
    ordered(MATRIX_ROWS).map((row) => [`${row.route}${row.name ? ` (${row.name})` : ""}`, row] as const),
  )("%s", async (_label, row) => {
    const failures: string[] = [];
    for (const actor of ACTORS) {
      const request = await row.request(fx, actor, server);
      const [method] = row.route.split(" ");
      const body = request.files
        ? multipartBody(request.files, request.fields)
        : request.payload === undefined
          ? undefined
          : { payload: JSON.stringify(request.payload), headers: { "content-type": "application/json" } };
      const response = await server.app.inject({
        method: method as "GET",
        url: request.url,
        headers: { ...fx.headers[actor], ...body?.headers },
        ...(body ? { payload: body.payload } : {}),
      });
      const expected = row.expect(actor, fx);
      const status = typeof expected === "number" ? expected : expected.status;
      if (response.statusCode !== status) {
        failures.push(
          `${actor}: expected ${status}, got ${response.statusCode} ${response.body.slice(0, 160)}`,
        );
        continue;
      }
      if (typeof expected !== "number") {
        const ids = (row.ids ?? defaultIds)(response.json());
        if (JSON.stringify([...ids].sort()) !== JSON.stringify([...expected.ids].sort())) {
          failures.push(`${actor}: expected ids ${JSON.stringify(expected.ids)}, got ${JSON.stringify(ids)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
