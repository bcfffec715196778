/**
 * What one API request reads, on both engines: a caller seen before is identified by one read
 * (the firm with its access version), and no request reads the same table twice. Every query a
 * request makes is recorded through a Kysely plugin on the server's own store.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addClient } from "../firm-setup/client-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { QueryLog } from "../test-support/query-log.js";
import { newCloudFirm, signIn, useTestServer } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";

/** The tables a statement reads (FROM and JOIN), lower-case, unquoted. */
const tablesRead = (statement: string): string[] =>
  [...statement.matchAll(/\b(?:from|join)\s+"?(\w+)"?/gi)].map((match) => match[1]!.toLowerCase());

describe.each(ENGINES)("what a request reads on %s", (engine) => {
  const log = new QueryLog();
  const server = useTestServer(
    engine,
    undefined,
    {},
    {
      watchDb: (db) => (log.db = db.withPlugin(log)),
    },
  );
  const base = "/f/reads/api/v1";
  let headers: Record<string, string> = {};
  let entry: { clientId: string; workCodeId: string; date: string; minutes: number };

  beforeAll(async () => {
    const { firm } = await newCloudFirm(server, "reads");
    const scope = { firm, clock: server.deps.clock, actor: "test" };
    const { db } = server.deps.store;
    const client = await addClient(db, scope, { code: "ACME", name: "Acme" });
    const workCode = await addWorkCode(db, scope, { code: "AUD", name: "Audit", kind: "time", rate: 10_000 });
    entry = { clientId: client.id, workCodeId: workCode.id, date: "2026-06-10", minutes: 60 };
    const admin = await signIn(server, "reads", "admin@reads.test");
    const made = await server.app.inject({
      method: "POST",
      url: `${base}/auth/tokens`,
      headers: admin.headers,
      payload: { name: "script" },
    });
    headers = { authorization: `Bearer ${made.json<{ token: string }>().token}` };
    // The caller is seen once before anything is recorded.
    expect((await server.app.inject({ url: `${base}/auth/me`, headers })).statusCode).toBe(200);
  });

  async function reads(method: "GET" | "POST", url: string, payload?: object) {
    log.statements.length = 0;
    log.recording = true;
    const answer = await server.app.inject({
      method,
      url: `${base}${url}`,
      headers,
      ...(payload ? { payload } : {}),
    });
    log.recording = false;
    expect(answer.statusCode, answer.body).toBeLessThan(300);
    const selects = log.statements.filter((statement) => /^\s*select/i.test(statement));
    return { answer, selects, tables: selects.flatMap(tablesRead) };
  }

  function expectEachTableOnce(tables: string[]) {
    const twice = tables.filter((table, index) => tables.indexOf(table) !== index);
    expect(twice, "tables read more than once").toEqual([]);
  }

  it("identifies a caller seen before by the firm and its access version alone", async () => {
    const { selects, tables } = await reads("GET", "/auth/me");
    expect(tables).not.toContain("api_token");
    expect(tables).not.toContain("session");
    expect(tables).not.toContain("role_assignment");
    expect(tables.filter((table) => table === "firm")).toHaveLength(1);
    expect(selects.filter((s) => /access_version/.test(s))).toHaveLength(1);
  });

  it("records time reading each table once", async () => {
    const { answer, tables } = await reads("POST", "/time-entries", entry);
    expectEachTableOnce(tables);
    const id = answer.json<{ id: string }>().id;
    expectEachTableOnce((await reads("GET", `/time-entries/${id}`)).tables);
    expectEachTableOnce(
      (await reads("GET", "/time-entries?from=2026-06-01&to=2026-06-30&limit=100")).tables.filter(
        // The page and its total are two statements over the same entries.
        (table) => table !== "time_entry",
      ),
    );
  });
});
