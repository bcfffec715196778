/**
 * The accounting connector over HTTP: the firm's settings and mappings, its connection's state,
 * and runs (transfer now, import now, readiness, exports) with their records. Every route needs
 * the accounting transfer permission: R to read, E to change settings and connect, C to ask for
 * a run. A run is only queued here; `firmtime connector` performs it.
 */
import { z } from "zod";
import { findUserById } from "../access/account-store.js";
import { authorize, type Actor } from "../access/authorize.js";
import { AppError, notFound } from "../domain/errors.js";
import { findStaff } from "../firm-setup/staff-store.js";
import { findWorkCode } from "../firm-setup/work-code-store.js";
import type { RouteModule } from "../http/route-module.js";
import { firmParams, idParams, noContent } from "../http/schemas.js";
import type { Db } from "../store/database.js";
import { newSecret, sha256 } from "../access/secrets.js";
import { editSettings, getRun, requestRun } from "./accounting-service.js";
import { requireQboApp } from "./qbo/open-qbo-target.js";
import { TokenSeal } from "./qbo/token-seal.js";
import {
  beginConnect,
  completeConnect,
  deleteConnection,
  deleteLink,
  findConnection,
  findSettings,
  selectExpenseAccounts,
  selectLinks,
  selectRunItems,
  selectRuns,
  selectVendorStaffIds,
  setExpenseAccount,
  setWorkerKind,
  type AccountingRun,
} from "./accounting-store.js";

const tags = ["accounting"];
const TRANSFER = { object: "accounting_transfer" } as const;
const may = (actor: Actor, action: "R" | "E" | "C") => authorize(actor, action, TRANSFER);

const lead = z.enum(["firmtime", "accounting"]);
const settingsSchema = z.object({
  target: z.enum(["qbo", "iif", "hledger"]).describe("QuickBooks Online, IIF files or an hledger journal"),
  relationship: z
    .enum(["jobs", "items"])
    .describe(
      "jobs: client → customer, project → job (Client:Project), work code → service item; items: project → item",
    ),
  leads: z.object({ employees: lead, customers: lead, vendors: lead }).describe("which side leads each list"),
  expenseAccountId: z.string().nullable().describe("the books' default expense account id"),
  schedule: z.enum(["off", "nightly"]),
  scheduleHour: z.number().int().min(0).max(23).describe("the nightly run's hour, UTC"),
  updatedAt: z.string().nullable(),
});

const overviewSchema = z.object({
  settings: settingsSchema,
  connection: z.object({
    state: z.enum(["none", "connecting", "connected", "reconnect"]),
    realmId: z.string().nullable(),
    connectedAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  vendorStaffIds: z.array(z.string()).describe("staff who are vendors in the books; the rest are employees"),
  expenseAccounts: z.array(z.object({ workCodeId: z.string(), accountId: z.string() })),
});

const runSchema = z.object({
  id: z.string(),
  kind: z.enum(["transfer", "import", "readiness", "export"]),
  target: z.enum(["qbo", "iif", "hledger"]),
  requestedBy: z.object({ id: z.string(), email: z.string() }).nullable(),
  scheduled: z.boolean(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  status: z.enum(["queued", "running", "done", "failed", "refused"]),
  phase: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  options: z.object({ format: z.enum(["iif", "hledger"]).optional(), again: z.boolean().optional() }),
  summary: z.record(z.string(), z.number().int()).nullable().describe('counts by "phase.outcome"'),
  error: z.string().nullable(),
  fileName: z.string().nullable(),
});

const runItemSchema = z.object({
  seq: z.number().int(),
  phase: z.string(),
  outcome: z.string(),
  localKind: z.string().nullable(),
  localId: z.string().nullable(),
  externalId: z.string().nullable(),
  name: z.string(),
  message: z.string(),
  createdAt: z.string(),
});

const LOCAL_KINDS = ["staff", "client", "project", "work_code"] as const;
const linkSchema = z.object({
  localKind: z.enum(LOCAL_KINDS),
  localId: z.string(),
  externalKind: z.enum(["employee", "vendor", "customer", "item"]),
  externalId: z.string(),
  localName: z.string(),
  externalName: z.string(),
  linkedAt: z.string(),
  syncedAt: z.string(),
});

async function presentRun(db: Db, firmId: string, run: AccountingRun): Promise<z.infer<typeof runSchema>> {
  const user = run.requestedBy ? await findUserById(db, firmId, run.requestedBy) : undefined;
  return {
    id: run.id,
    kind: run.kind,
    target: run.target,
    requestedBy: user ? { id: user.id, email: user.email } : null,
    scheduled: run.scheduled,
    requestedAt: run.requestedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    status: run.status,
    phase: run.phase,
    progress: run.progress,
    options: run.options,
    summary: run.summary,
    error: run.error,
    fileName: run.file?.name ?? null,
  };
}

const userIdOf = (actor: Actor): string | null => (actor.kind === "user" ? actor.user.id : null);

export const registerAccountingRoutes: RouteModule = (app, deps) => {
  const db = deps.store.db;

  app.get(
    "/accounting",
    {
      config: { permission: "accounting_transfer:R" },
      schema: {
        tags,
        summary: "The firm's accounting settings, connection and mappings",
        params: firmParams,
        response: { 200: overviewSchema },
      },
    },
    async (request) => {
      may(request.actor, "R");
      const firmId = request.firm!.id;
      const connection = await findConnection(db, firmId);
      return {
        settings: await findSettings(db, firmId),
        connection: {
          state: connection?.state ?? ("none" as const),
          realmId: connection?.realmId ?? null,
          connectedAt: connection?.connectedAt ?? null,
          lastError: connection?.lastError ?? null,
        },
        vendorStaffIds: [...(await selectVendorStaffIds(db, firmId))].sort(),
        expenseAccounts: [...(await selectExpenseAccounts(db, firmId))].map(([workCodeId, accountId]) => ({
          workCodeId,
          accountId,
        })),
      };
    },
  );

  const firmApp = (slug: string | null) =>
    `${deps.config.publicUrl.replace(/\/+$/, "")}/f/${encodeURIComponent(slug ?? "")}`;
  const CONNECT_MINUTES = 10;

  app.post(
    "/accounting/connect",
    {
      config: { permission: "accounting_transfer:E" },
      schema: {
        tags,
        summary: "Start connecting QuickBooks Online: where to send the browser",
        description:
          "Answers Intuit's consent page for this firm; after consent Intuit returns the browser to the " +
          "server's one return address, GET /oauth/quickbooks/callback, which sends it on to " +
          "GET /accounting/callback, which stores the connection. The page's address is good for 10 minutes.",
        params: firmParams,
        response: { 200: z.object({ authorizeUrl: z.string() }) },
      },
    },
    async (request) => {
      may(request.actor, "E");
      const qbo = requireQboApp(deps.config);
      const firm = request.firm!;
      // The state names the firm, so the server's one return address can send the browser on.
      const state = `${firm.slug ?? ""}.${newSecret()}`;
      const now = deps.clock.now();
      const expires = new Date(now.getTime() + CONNECT_MINUTES * 60_000).toISOString();
      await beginConnect(db, firm.id, sha256(state), expires, now.toISOString());
      const { qboAuthorizeUrl } = await import("./qbo/qbo-client.js");
      return { authorizeUrl: qboAuthorizeUrl(qbo, qboReturnUrl(deps.config.publicUrl), state) };
    },
  );

  app.get(
    "/accounting/callback",
    {
      config: { permission: "accounting_transfer:E" },
      schema: {
        tags,
        summary: "Where Intuit returns the browser after consent: stores the connection",
        description:
          "Checks the state against the connect this firm started, exchanges the code for tokens, and " +
          "sends the browser to the web app's Accounting page, with connected=1 or connectError.",
        params: firmParams,
        querystring: z
          .object({
            code: z.string().max(2000).optional(),
            state: z.string().max(200).optional(),
            realmId: z.string().max(40).optional(),
            error: z.string().max(200).optional(),
            error_description: z.string().max(1000).optional(),
          })
          .strict(),
        response: { 302: noContent },
      },
    },
    async (request, reply) => {
      may(request.actor, "E");
      const firm = request.firm!;
      const back = (outcome: string) => reply.redirect(`${firmApp(firm.slug)}/accounting?${outcome}`, 302);
      const { code, state, realmId, error } = request.query;
      const connection = await findConnection(db, firm.id);
      const now = deps.clock.now();
      if (error) return back(`connectError=${encodeURIComponent(`QuickBooks Online said: ${error}`)}`);
      if (
        !code ||
        !state ||
        !realmId ||
        !connection?.oauthState ||
        connection.oauthState !== sha256(state) ||
        !connection.oauthStateExpiresAt ||
        connection.oauthStateExpiresAt < now.toISOString()
      )
        return back(
          `connectError=${encodeURIComponent("this connection link is not the one started here or has expired; connect again")}`,
        );
      try {
        const qbo = requireQboApp(deps.config);
        // The code is exchanged under the address Intuit sent it to (it must match the consent's).
        const returnUrl = qboReturnUrl(deps.config.publicUrl);
        const answer = `${returnUrl}?${new URLSearchParams({ code, state, realmId }).toString()}`;
        const { qboExchangeCode } = await import("./qbo/qbo-client.js");
        const { tokens } = await qboExchangeCode(qbo, returnUrl, answer, now);
        const userId = request.actor.kind === "user" ? request.actor.user.id : "";
        const sealed = new TokenSeal(qbo.clientSecret).sealTokens(firm.id, tokens);
        await completeConnect(db, firm.id, realmId, sealed, userId, now.toISOString());
      } catch (caught) {
        request.log.warn({ err: caught }, "QuickBooks Online connection refused");
        return back(
          `connectError=${encodeURIComponent("QuickBooks Online did not accept the connection; connect again")}`,
        );
      }
      return back("connected=1");
    },
  );

  app.delete(
    "/accounting/connection",
    {
      config: { permission: "accounting_transfer:E" },
      schema: {
        tags,
        summary: "Disconnect QuickBooks Online (the tokens are forgotten; links and history stay)",
        params: firmParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      may(request.actor, "E");
      await deleteConnection(db, request.firm!.id);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    "/accounting/settings",
    {
      config: { permission: "accounting_transfer:E" },
      schema: {
        tags,
        summary: "Change the firm's accounting settings",
        description:
          "Only the fields given change. The relationship cannot change while projects or work codes are linked.",
        params: firmParams,
        body: z
          .object({
            target: settingsSchema.shape.target.optional(),
            relationship: settingsSchema.shape.relationship.optional(),
            leads: z
              .object({ employees: lead, customers: lead, vendors: lead })
              .partial()
              .strict()
              .optional(),
            expenseAccountId: z.string().trim().min(1).max(64).nullable().optional(),
            schedule: settingsSchema.shape.schedule.optional(),
            scheduleHour: z.number().int().min(0).max(23).optional(),
          })
          .strict(),
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      may(request.actor, "E");
      return editSettings(db, deps.clock, request.firm!.id, userIdOf(request.actor), request.body);
    },
  );

  app.put(
    "/accounting/workers/:id",
    {
      config: { permission: "accounting_transfer:E" },
      schema: {
        tags,
        summary: "Whether a staff member is an employee or a vendor (contractor) in the books",
        params: idParams,
        body: z.object({ kind: z.enum(["employee", "vendor"]) }).strict(),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      may(request.actor, "E");
      const firmId = request.firm!.id;
      if (!(await findStaff(db, firmId, request.params.id)))
        throw notFound("staff member", request.params.id);
      await setWorkerKind(db, firmId, request.params.id, request.body.kind);
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/accounting/expense-accounts/:id",
    {
      config: { permission: "accounting_transfer:E" },
      schema: {
        tags,
        summary: "The books' expense account for an expense work code (null: the default account)",
        params: idParams,
        body: z.object({ accountId: z.string().trim().min(1).max(64).nullable() }).strict(),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      may(request.actor, "E");
      const firmId = request.firm!.id;
      const code = await findWorkCode(db, firmId, request.params.id);
      if (!code) throw notFound("work code", request.params.id);
      if (code.kind !== "expense")
        throw new AppError("WORK_CODE_KIND_MISMATCH", `work code ${code.code} is for time, not expenses`);
      await setExpenseAccount(db, firmId, code.id, request.body.accountId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/accounting/links",
    {
      config: { permission: "accounting_transfer:R" },
      schema: {
        tags,
        summary: "The links between firmtime's records and the books' records",
        params: firmParams,
        querystring: z.object({ localKind: z.enum(LOCAL_KINDS).optional() }).strict(),
        response: { 200: z.object({ items: z.array(linkSchema) }) },
      },
    },
    async (request) => {
      may(request.actor, "R");
      const settings = await findSettings(db, request.firm!.id);
      const links = await selectLinks(db, request.firm!.id, settings.target, request.query.localKind);
      return {
        items: links.map(({ externalVersion: _version, ...link }) => link),
      };
    },
  );

  app.delete(
    "/accounting/links/:localKind/:id",
    {
      config: { permission: "accounting_transfer:E" },
      schema: {
        tags,
        summary: "Unlink a firmtime record from its record in the books",
        description: "The next run links it again, by name, or creates it.",
        params: idParams.extend({ localKind: z.enum(LOCAL_KINDS) }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      may(request.actor, "E");
      const firmId = request.firm!.id;
      const settings = await findSettings(db, firmId);
      const links = await selectLinks(db, firmId, settings.target, request.params.localKind);
      if (!links.some((link) => link.localId === request.params.id))
        throw notFound("link", `${request.params.localKind}/${request.params.id}`);
      await deleteLink(db, firmId, settings.target, request.params.localKind, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/accounting/runs",
    {
      config: { permission: "accounting_transfer:C" },
      schema: {
        tags,
        summary: "Ask for a transfer, an import, a readiness check or an export",
        description:
          "Queued for `firmtime connector`, which checks the asker's right again when it runs it. " +
          "Asking for a kind of run already waiting or running returns that run (200) instead of a new one (202).",
        params: firmParams,
        body: z
          .object({
            kind: z.enum(["transfer", "import", "readiness", "export"]),
            format: z.enum(["iif", "hledger"]).optional().describe("exports: which file"),
            again: z.boolean().optional().describe("exports: include entries exported before"),
          })
          .strict(),
        response: { 200: runSchema, 202: runSchema },
      },
    },
    async (request, reply) => {
      may(request.actor, "C");
      const firmId = request.firm!.id;
      const { run, queued } = await requestRun(db, deps.clock, firmId, userIdOf(request.actor), request.body);
      return reply.code(queued ? 202 : 200).send(await presentRun(db, firmId, run));
    },
  );

  app.get(
    "/accounting/runs",
    {
      config: { permission: "accounting_transfer:R" },
      schema: {
        tags,
        summary: "The firm's runs, newest first",
        params: firmParams,
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            before: z.uuid().optional().describe("the last run of the previous page"),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(runSchema) }) },
      },
    },
    async (request) => {
      may(request.actor, "R");
      const firmId = request.firm!.id;
      const before = request.query.before ? await getRun(db, firmId, request.query.before) : undefined;
      const runs = await selectRuns(db, firmId, {
        limit: request.query.limit,
        before: before && { requestedAt: before.requestedAt, id: before.id },
      });
      return { items: await Promise.all(runs.map((run) => presentRun(db, firmId, run))) };
    },
  );

  app.get(
    "/accounting/runs/:id",
    {
      config: { permission: "accounting_transfer:R" },
      schema: { tags, summary: "One run", params: idParams, response: { 200: runSchema } },
    },
    async (request) => {
      may(request.actor, "R");
      const firmId = request.firm!.id;
      return presentRun(db, firmId, await getRun(db, firmId, request.params.id));
    },
  );

  app.get(
    "/accounting/runs/:id/items",
    {
      config: { permission: "accounting_transfer:R" },
      schema: {
        tags,
        summary: "What a run moved, refused, skipped or left waiting, and why",
        params: idParams,
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(1000).default(200),
            after: z.coerce.number().int().min(0).optional().describe("the last seq of the previous page"),
            outcome: z.string().max(40).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(runItemSchema) }) },
      },
    },
    async (request) => {
      may(request.actor, "R");
      const firmId = request.firm!.id;
      await getRun(db, firmId, request.params.id);
      const { limit, after, outcome } = request.query;
      return {
        items: await selectRunItems(db, firmId, request.params.id, { limit, afterSeq: after, outcome }),
      };
    },
  );

  app.get(
    "/accounting/runs/:id/file",
    {
      config: { permission: "accounting_transfer:R" },
      schema: {
        tags,
        summary: "An export run's file (IIF or hledger journal), as an attachment",
        params: idParams,
        response: { 200: z.any().describe("the file's text") },
      },
    },
    async (request, reply) => {
      may(request.actor, "R");
      const firmId = request.firm!.id;
      const run = await getRun(db, firmId, request.params.id);
      if (!run.file) throw notFound("export file of run", run.id);
      const body = await deps.files.open(run.file.key);
      return reply
        .header("content-type", "text/plain; charset=utf-8")
        .header("content-disposition", `attachment; filename="${run.file.name.replace(/[^\w.-]/g, "_")}"`)
        .header("x-content-type-options", "nosniff")
        .send(body);
    },
  );
};

/**
 * Where Intuit returns the browser after consent: one address for the whole server, so the
 * QuickBooks app registers a single redirect URI however many firms connect (Intuit refuses an
 * address it does not know).
 */
export const QBO_RETURN_PATH = "/oauth/quickbooks/callback";
export const qboReturnUrl = (publicUrl: string): string =>
  `${publicUrl.replace(/\/+$/, "")}${QBO_RETURN_PATH}`;

/** A connect's state is "<firm slug>.<secret>"; the slug says which firm's callback to go on to. */
const returnQuery = z
  .object({
    code: z.string().max(2000).optional(),
    state: z
      .string()
      .max(200)
      .regex(/^[a-z0-9-]*\.[A-Za-z0-9_-]+$/, "not a state this server gave out"),
    realmId: z.string().max(40).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(1000).optional(),
  })
  .strict();

/**
 * GET /oauth/quickbooks/callback, outside any firm: sends the browser, query unchanged, to the
 * callback of the firm the state names, which checks the state against the connect that firm
 * started (and who is signed in) before anything is stored. It reads and stores nothing itself.
 */
export const registerQboReturnRoute: RouteModule = (app, deps) => {
  app.get(
    QBO_RETURN_PATH,
    {
      config: { permission: "public" },
      schema: {
        tags,
        summary: "Where Intuit returns the browser after consent: on to the firm that started the connect",
        querystring: returnQuery,
        response: { 302: noContent },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const slug = query.state.slice(0, query.state.indexOf("."));
      const onward = new URLSearchParams(
        Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      const firmApp = `${deps.config.publicUrl.replace(/\/+$/, "")}/f/${encodeURIComponent(slug)}`;
      return reply.redirect(`${firmApp}/api/v1/accounting/callback?${onward.toString()}`, 302);
    },
  );
};
