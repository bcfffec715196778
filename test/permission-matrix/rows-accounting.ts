/**
 * Matrix rows for the accounting connector's routes: only holders of the accounting transfer
 * permission (the Admin, of the built-in roles) read the settings and runs (R), change settings
 * and mappings (E), or ask for a run (C); everyone else of the firm gets 403, outsiders 401.
 * Another firm's run id is 404 even to an Admin. Runs are made fresh per request, straight in
 * the store, so no row depends on another.
 */
import { Readable } from "node:stream";
import { insertRun, insertRunItems, updateRun, upsertLink } from "../../src/accounting/accounting-store.js";
import type { TestServer } from "../../src/test-support/server.js";
import type { MatrixFixture } from "./actors.js";
import { A, only, type MatrixRow } from "./rows.js";

const route = (method: string, path: string) => `${method} /f/:firm/api/v1${path}`;
const ADMIN = only(["admin"], 200);

async function freshRun(server: TestServer, firmId: string, withFile = false): Promise<string> {
  const { db } = server.deps.store;
  const now = server.deps.clock.now().toISOString();
  const id = await insertRun(
    db,
    firmId,
    {
      kind: "export",
      target: "iif",
      requestedBy: null,
      scheduled: false,
      options: { format: "iif" },
      jobId: null,
    },
    now,
  );
  await updateRun(db, firmId, id, { status: "done", finishedAt: now });
  await insertRunItems(
    db,
    firmId,
    id,
    [
      {
        phase: "time",
        outcome: "exported",
        localKind: null,
        localId: null,
        externalId: null,
        name: "time entry",
        message: "written",
      },
    ],
    now,
  );
  if (withFile) {
    const stored = await server.deps.files.put(Readable.from([Buffer.from("!TIMERHDR\tVER\n")]));
    await updateRun(db, firmId, id, { file: { key: stored.key, name: "alpha-time.iif" } });
  }
  return id;
}

/** Firm beta's id, from its client in the fixture. */
const betaFirmId = async (server: TestServer, fx: MatrixFixture): Promise<string> =>
  (
    await server.deps.store.db
      .selectFrom("client")
      .select("firm_id")
      .where("id", "=", fx.otherFirm.clientId)
      .executeTakeFirstOrThrow()
  ).firm_id;

export const ACCOUNTING_ROWS: MatrixRow[] = [
  {
    route: route("GET", "/accounting"),
    request: () => ({ url: `${A}/accounting` }),
    expect: ADMIN,
  },
  {
    // The matrix's server has no QuickBooks app configured: the Admin is told so (422).
    route: route("POST", "/accounting/connect"),
    request: () => ({ url: `${A}/accounting/connect` }),
    expect: only(["admin"], 422),
  },
  {
    // A state this firm never started: the Admin's browser goes back to the app with the error.
    route: route("GET", "/accounting/callback"),
    request: () => ({ url: `${A}/accounting/callback?code=c&state=forged&realmId=1` }),
    expect: only(["admin"], 302),
  },
  {
    route: route("DELETE", "/accounting/connection"),
    request: () => ({ url: `${A}/accounting/connection` }),
    expect: only(["admin"], 204),
  },
  {
    route: route("PATCH", "/accounting/settings"),
    request: () => ({ url: `${A}/accounting/settings`, payload: { schedule: "nightly", scheduleHour: 3 } }),
    expect: ADMIN,
  },
  {
    route: route("PUT", "/accounting/workers/:id"),
    request: (fx) => ({
      url: `${A}/accounting/workers/${fx.staffIds.staffNoShare}`,
      payload: { kind: "vendor" },
    }),
    expect: only(["admin"], 204),
  },
  {
    route: route("PUT", "/accounting/workers/:id"),
    name: "another firm's staff member",
    request: (fx) => ({
      url: `${A}/accounting/workers/${fx.content.otherFirm.staffId}`,
      payload: { kind: "vendor" },
    }),
    expect: only(["admin"], 404),
  },
  {
    route: route("PUT", "/accounting/expense-accounts/:id"),
    request: (fx) => ({
      url: `${A}/accounting/expense-accounts/${fx.content.expenseWorkCodeId}`,
      payload: { accountId: "57" },
    }),
    expect: only(["admin"], 204),
  },
  {
    route: route("GET", "/accounting/links"),
    request: () => ({ url: `${A}/accounting/links` }),
    expect: ADMIN,
  },
  {
    route: route("DELETE", "/accounting/links/:localKind/:id"),
    request: async (fx: MatrixFixture, _actor, server) => {
      const now = server.deps.clock.now().toISOString();
      await upsertLink(
        server.deps.store.db,
        fx.scope.firm.id,
        "qbo",
        {
          localKind: "client",
          localId: fx.clients.globex,
          externalKind: "customer",
          externalId: "globex-in-books",
          externalVersion: "0",
          localName: "Globex",
          externalName: "Globex",
        },
        now,
      );
      return { url: `${A}/accounting/links/client/${fx.clients.globex}` };
    },
    expect: only(["admin"], 204),
  },
  {
    route: route("POST", "/accounting/runs"),
    request: async (fx: MatrixFixture, _actor, server) => {
      // No export waiting: the Admin's ask queues a new run (202), not the one already queued.
      await server.deps.store.db
        .updateTable("accounting_run")
        .set({ status: "done" })
        .where("firm_id", "=", fx.scope.firm.id)
        .execute();
      return { url: `${A}/accounting/runs`, payload: { kind: "export", format: "iif" } };
    },
    expect: only(["admin"], 202),
  },
  {
    route: route("GET", "/accounting/runs"),
    request: () => ({ url: `${A}/accounting/runs` }),
    expect: ADMIN,
  },
  {
    route: route("GET", "/accounting/runs/:id"),
    request: async (fx, _actor, server) => ({
      url: `${A}/accounting/runs/${await freshRun(server, fx.scope.firm.id)}`,
    }),
    expect: ADMIN,
  },
  {
    route: route("GET", "/accounting/runs/:id"),
    name: "another firm's run",
    request: async (fx, _actor, server) => ({
      url: `${A}/accounting/runs/${await freshRun(server, await betaFirmId(server, fx))}`,
    }),
    expect: only(["admin"], 404),
  },
  {
    route: route("GET", "/accounting/runs/:id/items"),
    request: async (fx, _actor, server) => ({
      url: `${A}/accounting/runs/${await freshRun(server, fx.scope.firm.id)}/items`,
    }),
    expect: ADMIN,
  },
  {
    route: route("GET", "/accounting/runs/:id/file"),
    request: async (fx, _actor, server) => ({
      url: `${A}/accounting/runs/${await freshRun(server, fx.scope.firm.id, true)}/file`,
    }),
    expect: ADMIN,
  },
  {
    route: route("GET", "/accounting/runs/:id/file"),
    name: "another firm's export",
    request: async (fx, _actor, server) => ({
      url: `${A}/accounting/runs/${await freshRun(server, await betaFirmId(server, fx), true)}/file`,
    }),
    expect: only(["admin"], 404),
  },
];
