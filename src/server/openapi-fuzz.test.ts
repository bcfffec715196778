/**
 * Bad input to every route gets a 4xx problem+json and changes nothing — never a 500, never
 * a 2xx. The cases are generated from the OpenAPI document, so a new route is fuzzed as soon
 * as it is registered: wrong types for every declared body and query field, unknown fields,
 * malformed and foreign (another firm's) ids in the path, random JSON, oversize and non-JSON
 * bodies.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { addClient } from "../firm-setup/client-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import {
  bigJpeg,
  EVIL_JPG,
  filesUnder,
  multipartBody,
  type MultipartFile,
} from "../test-support/receipts.js";
import { addExpenseEntry } from "../time-expense/expense-entry-service.js";
import { snapshotStore } from "../test-support/seed.js";
import { newCloudFirm, signIn, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}

interface Operation {
  parameters?: { in: "path" | "query"; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** A value of a different JSON type than the schema asks for. */
function wrongTypeFor(schema: JsonSchema | undefined): unknown[] {
  const types = new Set([schema?.type, ...(schema?.anyOf ?? []).map((s) => s.type)].flat().filter(Boolean));
  const candidates: unknown[] = [12345, "not-what-you-want", true, [1, 2], { nested: { deep: 1 } }, -1.5e300];
  return candidates.filter((value) => {
    const kind = Array.isArray(value) ? "array" : typeof value === "object" ? "object" : typeof value;
    if (kind === "number") return !types.has("number") && !types.has("integer");
    if (kind === "string") return !types.has("string");
    if (kind === "boolean") return !types.has("boolean");
    return !types.has(kind);
  });
}

/** Tables whose rows change by merely being signed in (sessions, token use, attempts). */
const VOLATILE = ["session", "api_token", "login_attempt"];
const stable = (snapshot: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(snapshot).filter(([table]) => !VOLATILE.includes(table)));

describe.each(ENGINES)("bad input to every route on %s", (engine) => {
  const server = useTestServer(engine);
  const foreign: { clientId: string } = { clientId: "" };
  /** An expense entry of alpha's: bad uploads must reach the body checks, not stop at "not found". */
  let expenseEntryId = "";
  let bearer: Record<string, string> = {};

  beforeAll(async () => {
    const alpha = await newCloudFirm(server, "alpha");
    const acme = await addClient(
      server.deps.store.db,
      { firm: alpha.firm, clock: server.deps.clock, actor: "test" },
      { code: "ACME", name: "Acme" },
    );
    const alphaScope = { firm: alpha.firm, clock: server.deps.clock, actor: "test" };
    const expenses = await addWorkCode(server.deps.store.db, alphaScope, {
      code: "EXP",
      kind: "expense",
      name: "Expenses",
    });
    expenseEntryId = (
      await addExpenseEntry(server.deps.store.db, alphaScope, {
        staff: alpha.staff.id,
        client: acme.id,
        workCode: expenses.id,
        date: "2026-06-01",
        unitRate: 10_000,
      })
    ).id;
    const beta = await newCloudFirm(server, "beta");
    foreign.clientId = (
      await addClient(
        server.deps.store.db,
        { firm: beta.firm, clock: server.deps.clock, actor: "test" },
        { code: "BETA", name: "Beta" },
      )
    ).id;
    const admin = await signIn(server, "alpha", "admin@alpha.test");
    const created = await server.app.inject({
      method: "POST",
      url: "/f/alpha/api/v1/auth/tokens",
      headers: admin.headers,
      payload: { name: "fuzz" },
    });
    bearer = { authorization: `Bearer ${created.json<{ token: string }>().token}` };
  });

  it("answers every generated bad request with a 4xx problem+json and leaves the store unchanged", async () => {
    const doc = (await server.app.inject("/api/openapi.json")).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/f/{firm}/"))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          path,
          method: method.toUpperCase(),
          operation,
        })),
      );
    expect(operations.length).toBeGreaterThan(5);
    const before = stable(await snapshotStore(server.deps.store.db));
    let cases = 0;

    for (const { path, method, operation } of operations) {
      const pathParams = (operation.parameters ?? []).filter((p) => p.in === "path" && p.name !== "firm");
      const queryParams = (operation.parameters ?? []).filter((p) => p.in === "query");
      const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;
      const multipart = operation.requestBody?.content?.["multipart/form-data"];
      const url = (id: string) =>
        pathParams.reduce((u, p) => u.replace(`{${p.name}}`, id), path.replace("{firm}", "alpha"));
      const goodId = "00000000-0000-7000-8000-000000000000";
      const requests: { url: string; payload?: unknown; headers?: Record<string, string>; why: string }[] =
        [];

      if (pathParams.length) {
        requests.push({ url: url("not-a-uuid"), why: "a malformed id" });
        requests.push({ url: url(foreign.clientId), why: "another firm's id" });
      }
      for (const param of queryParams) {
        for (const value of wrongTypeFor(param.schema).filter((v) => typeof v !== "object")) {
          requests.push({
            url: `${url(goodId)}?${param.name}=${encodeURIComponent(String(value))}&${param.name}=x`,
            why: `query ${param.name}=${String(value)}`,
          });
        }
      }
      if (queryParams.length)
        requests.push({ url: `${url(goodId)}?surely_unknown_param=1`, why: "an unknown query parameter" });
      if (multipart) {
        // Uploads: every kind of bad body, sent to a real expense entry so the body is read.
        const target = url(expenseEntryId);
        const upload = (files: MultipartFile[], fields: Record<string, string> = {}) => {
          const { payload, headers } = multipartBody(files, fields);
          return { url: target, payload, headers };
        };
        requests.push(
          { url: target, payload: { file: "receipt.jpg" }, why: "JSON instead of multipart" },
          { ...upload([], { note: "no file" }), why: "a form without a file" },
          {
            ...upload([{ fileName: "evil.jpg", contentType: "image/jpeg", bytes: EVIL_JPG }]),
            why: "HTML as .jpg",
          },
          {
            ...upload([{ fileName: "e.pdf", contentType: "application/pdf", bytes: Buffer.alloc(0) }]),
            why: "an empty file",
          },
          {
            ...upload([
              {
                fileName: "big.jpg",
                contentType: "image/jpeg",
                bytes: bigJpeg(server.deps.config.uploadLimitBytes),
              },
            ]),
            why: "a file over the upload limit",
          },
          {
            url: target,
            payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\xff\xd8',
            headers: { "content-type": "multipart/form-data; boundary=x" },
            why: "a multipart body cut short",
          },
          {
            url: target,
            payload: "whatever",
            headers: { "content-type": "multipart/form-data" },
            why: "multipart without a boundary",
          },
        );
        for (const value of fc.sample(fc.uint8Array({ maxLength: 64 }), { numRuns: 10, seed: 11 }))
          requests.push({
            ...upload([{ fileName: "r.jpg", contentType: "image/jpeg", bytes: Buffer.from(value) }]),
            why: `random bytes ${Buffer.from(value).toString("hex").slice(0, 24)}`,
          });
      }
      if (bodySchema) {
        const target = url(pathParams.length ? foreign.clientId : goodId);
        requests.push({ url: target, payload: { surely_unknown_field: 1 }, why: "an unknown field" });
        for (const [name, schema] of Object.entries(bodySchema.properties ?? {})) {
          for (const value of wrongTypeFor(schema))
            requests.push({
              url: url(goodId),
              payload: { [name]: value },
              why: `${name}: ${JSON.stringify(value)}`,
            });
        }
        requests.push({
          url: url(goodId),
          payload: "{not json",
          headers: { "content-type": "application/json" },
          why: "broken JSON",
        });
        requests.push({
          url: url(goodId),
          payload: "x".repeat(server.deps.config.bodyLimitBytes + 10),
          headers: { "content-type": "application/json" },
          why: "an oversize body",
        });
        for (const value of fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 15, seed: 7 })) {
          if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0)
            continue;
          requests.push({
            url: url(goodId),
            payload: value,
            why: `random ${JSON.stringify(value).slice(0, 60)}`,
          });
        }
      }

      for (const request of requests) {
        cases++;
        const payload =
          request.payload === undefined
            ? undefined
            : typeof request.payload === "string" || Buffer.isBuffer(request.payload)
              ? request.payload
              : JSON.stringify(request.payload);
        const response = await server.app.inject({
          method: method as "GET",
          url: request.url,
          headers: {
            ...bearer,
            ...(payload !== undefined ? { "content-type": "application/json" } : {}),
            ...request.headers,
          },
          ...(payload !== undefined ? { payload } : {}),
        });
        const label = `${method} ${path} with ${request.why} -> ${response.statusCode} ${response.body.slice(0, 200)}`;
        expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, label).toBeLessThan(500);
        if (!path.endsWith("/auth/login")) expect(response.statusCode, label).not.toBe(401);
        expect(response.headers["content-type"], label).toMatch(/application\/problem\+json/);
        expect(response.json<{ code?: string }>().code, label).toBeTruthy();
      }
    }
    expect(cases).toBeGreaterThan(50);
    expect(stable(await snapshotStore(server.deps.store.db))).toEqual(before);
    // No upload left a file behind, whole or partial.
    expect(filesUnder(server.filesDir)).toEqual([]);
  });
});
