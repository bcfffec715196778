/**
 * A QuickBooks-Online-compatible server on loopback, for tests and the benchmark: the REST v3
 * entities the accounting connector uses (Employee, Vendor, Customer with jobs, Item, Account,
 * TimeActivity, Purchase), their required fields and QuickBooks' rules, `/query` with paging,
 * `/cdc`, `/batch` (30 at most), `requestid` replay, OAuth 2.0 (authorize, code and refresh
 * grants with rotating refresh tokens), the per-company limits (10 requests at once, 500 a
 * minute), and faults a test can inject (429, 401, invalid_grant, 5010, 6240, 500, and a
 * response dropped after the write).
 *
 * It is reached through the real npm clients (node-quickbooks, intuit-oauth), as production
 * reaches Intuit. Facts followed (Intuit's API reference): names are unique across customers,
 * vendors and employees together and may not contain ':'; a job is a Customer with Job true and
 * a ParentRef, its FullyQualifiedName "Parent:Job" read-only; CDC looks back 30 days at most,
 * returns at most 1,000 objects and does not cover TimeActivity; a query without a condition on
 * Active returns active records only; a stale SyncToken is error 5010, a duplicate name 6240.
 *
 * Money: amounts are kept as the decimal text they arrived as and totalled in integer cents.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { divideRounded, formatScaled, parseDecimal, RATE_SCALE } from "../domain/money.js";
import { Fault, matches, parseQuery, text } from "./qbo-server-query.js";

export type QboEntityName =
  "Employee" | "Vendor" | "Customer" | "Item" | "Account" | "TimeActivity" | "Purchase";
const ENTITIES: readonly QboEntityName[] = [
  "Employee",
  "Vendor",
  "Customer",
  "Item",
  "Account",
  "TimeActivity",
  "Purchase",
];
const NAME_LISTS: readonly QboEntityName[] = ["Employee", "Vendor", "Customer"];
const LISTS: readonly QboEntityName[] = ["Employee", "Vendor", "Customer", "Item", "Account"];

export type QboRecord = Record<string, unknown> & { Id: string; SyncToken: string };

export type QboFault =
  /** The next `count` API requests are answered 429, with Retry-After when given. */
  | { kind: "throttle"; count: number; retryAfterSeconds?: number }
  /** Every request of the company answers 429 for this long: a storm, ridden out by backing off. */
  | { kind: "throttle-for"; ms: number }
  | { kind: "server-error"; count: number }
  | { kind: "unauthorized"; count: number }
  | { kind: "invalid-grant" }
  /** The token endpoint answers 500 to the next `count` requests. */
  | { kind: "token-server-error"; count: number }
  | { kind: "stale"; count: number }
  | { kind: "duplicate-name"; count: number }
  /** The next `count` writes are applied, then the connection is cut before the answer. */
  | { kind: "drop-after-write"; count: number };

export interface QboServerOptions {
  realmId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Requests at once per company before 429 (QBO: 10). */
  maxConcurrent?: number;
  /** Requests per rolling window per company before 429 (QBO: 500 a minute). */
  perMinute?: number;
  /** The rolling window's length (QBO: 60,000); tests shorten it rather than wait a minute. */
  windowMs?: number;
  accessTokenSeconds?: number;
  /** Decimals a time activity's HourlyRate is stored with (default: as many as it was sent). */
  rateDecimals?: number;
  /** Milliseconds each API request takes (to make concurrency visible). */
  latencyMs?: number;
  now?: () => Date;
}

export interface QboServerStats {
  requests: number;
  throttled: number;
  maxInFlight: number;
  /** The most requests seen in any rolling window (a minute unless `windowMs` says). */
  maxPerMinute: number;
  writes: number;
  replays: number;
  batches: number;
}

/** One API or token request as the server saw it, for tests to read. */
export interface QboLoggedRequest {
  at: string;
  method: string;
  /** The path after /v3/company/{realm}/ ("query", "batch", "customer"...), or the OAuth path. */
  path: string;
  /** The query's text for /query, the entities for /cdc. */
  query: string | null;
  requestId: string | null;
  status: number;
  /** Answered from the requestid's stored answer, not written again. */
  replayed: boolean;
}

export interface QboServer {
  url: string;
  /** The v3 API base, as node-quickbooks wants it: ".../v3/company/". */
  apiUrl: string;
  tokenUrl: string;
  authorizeUrl: string;
  realmId: string;
  clientId: string;
  clientSecret: string;
  stats: QboServerStats;
  /** Every request, in arrival order. */
  log: QboLoggedRequest[];
  /** The records of an entity, in creation order. */
  records(entity: QboEntityName): QboRecord[];
  /** Adds a record as if someone typed it in QuickBooks (no rules bypassed but uniqueness). */
  seed(entity: QboEntityName, record: Record<string, unknown>): QboRecord;
  /** Changes a record as someone in QuickBooks would (its SyncToken moves on). */
  edit(entity: QboEntityName, id: string, changes: Record<string, unknown>): QboRecord;
  /** Deletes a record (as merging a name away does): /cdc then reports it as status "Deleted". */
  remove(entity: QboEntityName, id: string): void;
  inject(fault: QboFault): void;
  /** Tokens a test can start from, as if the firm had just connected. */
  issueTokens(): { accessToken: string; refreshToken: string; expiresIn: number; refreshExpiresIn: number };
  /** Makes every access token expire now (the next call must refresh). */
  expireAccessTokens(): void;
  /** Registers a redirect URI, as a developer does in the app's settings at Intuit. */
  registerRedirectUri(uri: string): void;
  /** Cents of time (hours × rate, billable or not) and purchases per customer id (a job's under its own). */
  totalsByCustomer(): Map<string, bigint>;
  close(): Promise<void>;
}

const dupName = (name: string) =>
  new Fault(400, "6240", "Duplicate Name Exists Error", `The name supplied already exists. : ${name}`);

const key = (name: unknown) => text(name).normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

interface Token {
  realmId: string;
  expiresAt: number;
}

interface RefreshToken {
  realmId: string;
  /** The token that replaced this one; once that one is used, this one is dead. */
  next: string | null;
  dead: boolean;
}

/**
 * Each server's own company unless one is given: a process keeps one request gate per company
 * (qbo-limits.ts), which servers of the same company would share.
 */
let serversStarted = 0;

export async function startQboServer(options: QboServerOptions = {}): Promise<QboServer> {
  const realmId =
    options.realmId ??
    `9130${String(process.pid).padStart(7, "0")}${String(++serversStarted).padStart(5, "0")}`;
  const clientId = options.clientId ?? "test-client-id";
  const clientSecret = options.clientSecret ?? "test-client-secret";
  const maxConcurrent = options.maxConcurrent ?? 10;
  const perMinute = options.perMinute ?? 500;
  const windowMs = options.windowMs ?? 60_000;
  const accessSeconds = options.accessTokenSeconds ?? 3600;
  const now = options.now ?? (() => new Date());

  const store = new Map<QboEntityName, Map<string, QboRecord>>(ENTITIES.map((entity) => [entity, new Map()]));
  const deleted: { entity: QboEntityName; record: QboRecord; at: string }[] = [];
  let nextId = 1;
  const replays = new Map<string, { status: number; body: string }>();
  /** Each consent's code → the redirect URI it was sent to (the exchange must name the same one). */
  const codes = new Map<string, string>();
  /** The app's registered redirect URIs; until one is registered, any is accepted. */
  const redirectUris = new Set<string>();
  const accessTokens = new Map<string, Token>();
  const refreshTokens = new Map<string, RefreshToken>();
  const faults: QboFault[] = [];
  const log: QboLoggedRequest[] = [];
  const window: number[] = [];
  let inFlight = 0;
  let throttledUntil = 0;
  const stats: QboServerStats = {
    requests: 0,
    throttled: 0,
    maxInFlight: 0,
    maxPerMinute: 0,
    writes: 0,
    replays: 0,
    batches: 0,
  };

  /** Uses up one occurrence of an injected fault of `kind`, if any is waiting. */
  const takeFault = <K extends QboFault["kind"]>(kind: K): Extract<QboFault, { kind: K }> | undefined => {
    const at = faults.findIndex((fault) => fault.kind === kind);
    if (at < 0) return undefined;
    const fault = faults[at]!;
    if ("count" in fault && fault.count > 1) fault.count -= 1;
    else faults.splice(at, 1);
    return { ...fault } as Extract<QboFault, { kind: K }>;
  };

  const meta = (created?: string) => {
    const stamp = now().toISOString();
    return { CreateTime: created ?? stamp, LastUpdatedTime: stamp };
  };

  const all = (entity: QboEntityName) => [...store.get(entity)!.values()];
  const find = (entity: QboEntityName, id: unknown) => store.get(entity)!.get(text(id));
  const displayName = (entity: QboEntityName, record: Record<string, unknown>) =>
    entity === "Item" || entity === "Account" ? record.Name : record.DisplayName;

  function assertUniqueName(entity: QboEntityName, record: Record<string, unknown>, selfId?: string) {
    const name = displayName(entity, record);
    const lists = NAME_LISTS.includes(entity) ? NAME_LISTS : [entity];
    for (const list of lists) {
      for (const other of all(list)) {
        if (other.Id === selfId && list === entity) continue;
        if (key(displayName(list, other)) === key(name)) throw dupName(String(name));
      }
    }
  }

  const ref = (value: unknown): string | undefined =>
    typeof value === "object" && value !== null ? text((value as { value?: unknown }).value) : undefined;

  function requireActive(entity: QboEntityName, id: string | undefined, what: string) {
    const record = id ? find(entity, id) : undefined;
    if (!record || record.Active === false)
      throw new Fault(
        400,
        "2500",
        "Invalid Reference Id",
        `${what} ${id ?? "(none)"} does not exist or is inactive`,
      );
    return record;
  }

  function decimal(value: unknown, what: string): string {
    if (typeof value !== "number" && typeof value !== "string")
      throw new Fault(
        400,
        "2020",
        "Required param missing, need to supply the required value for the API",
        what,
      );
    const text = String(value);
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Fault(400, "2010", "Invalid number", `${what}: ${text}`);
    return text;
  }

  /** Checks and completes a record of `entity` as QuickBooks would before storing it. */
  function validate(entity: QboEntityName, record: Record<string, unknown>, selfId?: string) {
    if (NAME_LISTS.includes(entity)) {
      if (!record.DisplayName && (record.GivenName || record.FamilyName))
        record.DisplayName = [record.GivenName, record.FamilyName].filter(Boolean).join(" ");
      if (typeof record.DisplayName !== "string" || !record.DisplayName.trim())
        throw new Fault(
          400,
          "2020",
          "Required param missing, need to supply the required value for the API",
          "DisplayName",
        );
      if (record.DisplayName.includes(":"))
        throw new Fault(400, "2050", "Invalid character", "DisplayName may not contain ':'");
      assertUniqueName(entity, record, selfId);
    }
    if (entity === "Customer") {
      if (record.Job === true || record.ParentRef) {
        const parent = requireActive("Customer", ref(record.ParentRef), "ParentRef");
        record.Job = true;
        record.FullyQualifiedName = `${String(parent.FullyQualifiedName)}:${String(record.DisplayName)}`;
      } else record.FullyQualifiedName = record.DisplayName;
    }
    if (entity === "Item") {
      if (typeof record.Name !== "string" || !record.Name.trim())
        throw new Fault(
          400,
          "2020",
          "Required param missing, need to supply the required value for the API",
          "Name",
        );
      if (record.Name.includes(":"))
        throw new Fault(400, "2050", "Invalid character", "Name may not contain ':'");
      record.Type ??= "Service";
      if (record.Type === "Service")
        requireActive("Account", ref(record.IncomeAccountRef), "IncomeAccountRef");
      record.FullyQualifiedName = record.Name;
      assertUniqueName(entity, record, selfId);
    }
    if (entity === "TimeActivity") {
      const nameOf = record.NameOf;
      if (nameOf === "Employee") requireActive("Employee", ref(record.EmployeeRef), "EmployeeRef");
      else if (nameOf === "Vendor") requireActive("Vendor", ref(record.VendorRef), "VendorRef");
      else
        throw new Fault(
          400,
          "2020",
          "Required param missing, need to supply the required value for the API",
          "NameOf",
        );
      if (record.CustomerRef) requireActive("Customer", ref(record.CustomerRef), "CustomerRef");
      if (record.ItemRef) requireActive("Item", ref(record.ItemRef), "ItemRef");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text(record.TxnDate)))
        throw new Fault(400, "2010", "Invalid date", `TxnDate ${String(record.TxnDate)}`);
      const hours = Number(record.Hours ?? 0);
      const minutes = Number(record.Minutes ?? 0);
      if (!Number.isInteger(hours) || !Number.isInteger(minutes) || hours < 0 || minutes < 0 || minutes > 59)
        throw new Fault(
          400,
          "2010",
          "Invalid duration",
          `Hours ${String(record.Hours)} Minutes ${String(record.Minutes)}`,
        );
      if (record.BillableStatus === "Billable") {
        if (!record.CustomerRef)
          throw new Fault(400, "2020", "Required param missing", "CustomerRef for a billable activity");
        decimal(record.HourlyRate, "HourlyRate");
      }
      if (record.HourlyRate !== undefined && options.rateDecimals !== undefined) {
        // A company that keeps fewer decimals than it was sent: what the echo check must catch.
        const rate = parseDecimal(decimal(record.HourlyRate, "HourlyRate"), RATE_SCALE);
        const unit = 10n ** BigInt(RATE_SCALE - options.rateDecimals);
        record.HourlyRate = Number(formatScaled(divideRounded(rate, unit) * unit, RATE_SCALE, 0));
      }
    }
    if (entity === "Purchase") {
      requireActive("Account", ref(record.AccountRef), "AccountRef");
      const entityRef = record.EntityRef as { value?: string; type?: string } | undefined;
      const payee = entityRef?.type === "Vendor" ? "Vendor" : "Employee";
      requireActive(payee, ref(entityRef), "EntityRef");
      const lines = Array.isArray(record.Line) ? (record.Line as Record<string, unknown>[]) : [];
      if (lines.length === 0) throw new Fault(400, "2020", "Required param missing", "Line");
      let total = 0n;
      for (const line of lines) {
        const detail = line.AccountBasedExpenseLineDetail as Record<string, unknown> | undefined;
        if (!detail) throw new Fault(400, "2020", "Required param missing", "AccountBasedExpenseLineDetail");
        requireActive("Account", ref(detail.AccountRef), "AccountRef");
        if (detail.CustomerRef) requireActive("Customer", ref(detail.CustomerRef), "CustomerRef");
        total += parseDecimal(decimal(line.Amount, "Amount"), 2);
      }
      record.TotalAmt = Number(formatScaled(total, 2));
    }
  }

  function create(entity: QboEntityName, body: Record<string, unknown>): QboRecord {
    if (takeFault("duplicate-name")) throw dupName(text(displayName(entity, body)));
    const record = { ...body } as Record<string, unknown>;
    delete record.Id;
    validate(entity, record);
    const stored: QboRecord = {
      ...record,
      Id: String(nextId++),
      SyncToken: "0",
      Active: record.Active ?? true,
      MetaData: meta(),
    };
    store.get(entity)!.set(stored.Id, stored);
    stats.writes += 1;
    return stored;
  }

  function update(entity: QboEntityName, body: Record<string, unknown>): QboRecord {
    const current = find(entity, body.Id);
    if (!current) throw new Fault(400, "610", "Object Not Found", `${entity} ${String(body.Id)}`);
    if (takeFault("stale") || String(body.SyncToken) !== current.SyncToken)
      throw new Fault(
        400,
        "5010",
        "Stale Object Error",
        `You and ${"someone else"} were working on this at the same time. (SyncToken ${current.SyncToken})`,
      );
    const merged: Record<string, unknown> = body.sparse === false ? { ...body } : { ...current, ...body };
    delete merged.sparse;
    validate(entity, merged, current.Id);
    const stored: QboRecord = {
      ...merged,
      Id: current.Id,
      SyncToken: String(Number(current.SyncToken) + 1),
      MetaData: meta((current.MetaData as { CreateTime: string }).CreateTime),
    };
    store.get(entity)!.set(stored.Id, stored);
    stats.writes += 1;
    // A rename of a customer renames its jobs' full names, as in QuickBooks.
    if (entity === "Customer") {
      for (const job of all("Customer").filter((each) => ref(each.ParentRef) === stored.Id)) {
        job.FullyQualifiedName = `${String(stored.FullyQualifiedName)}:${String(job.DisplayName)}`;
      }
    }
    return stored;
  }

  // ---- the query language node-quickbooks sends (qbo-server-query.ts) ----------------------

  function runQuery(text: string) {
    const { entity, count, conditions, start, max } = parseQuery(text, ENTITIES);
    let rows = all(entity);
    if (LISTS.includes(entity) && !conditions.some((c) => c.field.toLowerCase() === "active"))
      rows = rows.filter((row) => row.Active !== false);
    rows = rows.filter((row) => matches(row, conditions));
    if (count) return { QueryResponse: { totalCount: rows.length } };
    const page = rows.slice(start - 1, start - 1 + max);
    return {
      QueryResponse: page.length ? { [entity]: page, startPosition: start, maxResults: page.length } : {},
    };
  }

  function runCdc(url: URL) {
    const since = url.searchParams.get("changedSince") ?? "";
    const sinceTime = Date.parse(since);
    if (Number.isNaN(sinceTime)) throw new Fault(400, "2010", "Invalid changedSince", since);
    if (now().getTime() - sinceTime > 30 * 86_400_000)
      throw new Fault(400, "10001", "Invalid changedSince", "changedSince must be within the last 30 days");
    const names = (url.searchParams.get("entities") ?? "").split(",").map((name) => name.trim());
    let budget = 1000;
    const responses = names.map((name) => {
      const entity = ENTITIES.find((each) => each.toLowerCase() === name.toLowerCase());
      if (!entity || entity === "TimeActivity")
        throw new Fault(400, "10000", "Unsupported entity for CDC", name);
      const changed = all(entity).filter(
        (row) => Date.parse((row.MetaData as { LastUpdatedTime: string }).LastUpdatedTime) > sinceTime,
      );
      const gone = deleted
        .filter((each) => each.entity === entity && Date.parse(each.at) > sinceTime)
        .map((each) => ({ Id: each.record.Id, status: "Deleted", MetaData: { LastUpdatedTime: each.at } }));
      const rows = [...changed, ...gone].slice(0, budget);
      budget -= rows.length;
      return { [entity]: rows, startPosition: 1, maxResults: rows.length };
    });
    return { CDCResponse: [{ QueryResponse: responses }] };
  }

  function runBatch(body: Record<string, unknown>) {
    const items = Array.isArray(body.BatchItemRequest)
      ? (body.BatchItemRequest as Record<string, unknown>[])
      : [];
    if (items.length === 0 || items.length > 30)
      throw new Fault(400, "1000", "Batch limit", `a batch holds 1 to 30 items, not ${items.length}`);
    stats.batches += 1;
    const responses = items.map((item) => {
      const bId = text(item.bId);
      const entity = ENTITIES.find((name) => name in item);
      try {
        if (!entity) throw new Fault(400, "2020", "Required param missing", "an entity in the batch item");
        const payload = item[entity] as Record<string, unknown>;
        const record = item.operation === "update" ? update(entity, payload) : create(entity, payload);
        return { bId, [entity]: record };
      } catch (error) {
        if (!(error instanceof Fault)) throw error;
        return {
          bId,
          Fault: {
            type: "ValidationFault",
            Error: [{ Message: error.message, Detail: error.detail, code: error.code }],
          },
        };
      }
    });
    return { BatchItemResponse: responses };
  }

  // ---- OAuth ----------------------------------------------------------------------------

  const newToken = (prefix: string) => `${prefix}-${randomBytes(12).toString("hex")}`;

  function issueTokens() {
    const accessToken = newToken("at");
    const refreshToken = newToken("rt");
    accessTokens.set(accessToken, { realmId, expiresAt: now().getTime() + accessSeconds * 1000 });
    refreshTokens.set(refreshToken, { realmId, next: null, dead: false });
    return { accessToken, refreshToken, expiresIn: accessSeconds, refreshExpiresIn: 8_726_400 };
  }

  const tokenAnswer = (tokens: ReturnType<typeof issueTokens>) => ({
    token_type: "bearer",
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires_in: tokens.expiresIn,
    x_refresh_token_expires_in: tokens.refreshExpiresIn,
  });

  function tokenGrant(request: IncomingMessage, form: URLSearchParams) {
    const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? "");
    const [id, secret] = basic ? Buffer.from(basic[1]!, "base64").toString().split(":") : [];
    if (id !== clientId || secret !== clientSecret) return { status: 401, body: { error: "invalid_client" } };
    const grant = form.get("grant_type");
    if (grant === "authorization_code") {
      const code = form.get("code") ?? "";
      if (!codes.has(code) || codes.get(code) !== form.get("redirect_uri"))
        return { status: 400, body: { error: "invalid_grant" } };
      codes.delete(code);
      return { status: 200, body: tokenAnswer(issueTokens()) };
    }
    if (grant === "refresh_token") {
      if (takeFault("invalid-grant")) return { status: 400, body: { error: "invalid_grant" } };
      const presented = form.get("refresh_token") ?? "";
      const entry = refreshTokens.get(presented);
      if (!entry || entry.dead) return { status: 400, body: { error: "invalid_grant" } };
      // Using a token kills the one it replaced: rotation keeps one chain alive.
      for (const [, other] of refreshTokens) if (other.next === presented) other.dead = true;
      const tokens = issueTokens();
      entry.next = tokens.refreshToken;
      return { status: 200, body: tokenAnswer(tokens) };
    }
    return { status: 400, body: { error: "unsupported_grant_type" } };
  }

  // ---- HTTP -----------------------------------------------------------------------------

  const readBody = (request: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      request.on("error", reject);
    });

  const send = (response: ServerResponse, status: number, body: unknown) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, { "content-type": "application/json" });
    response.end(text);
  };

  const faultBody = (fault: Fault) => ({
    Fault: {
      Error: [{ Message: fault.message, Detail: fault.detail, code: fault.code }],
      type: "ValidationFault",
    },
    time: now().toISOString(),
  });

  /** QuickBooks' requestid: 50 characters at most, 36 for a batch. */
  function checkRequestId(resource: string | undefined, requestId: string | null) {
    const most = resource === "batch" ? 36 : 50;
    if (requestId !== null && (requestId.length === 0 || requestId.length > most))
      throw new Fault(400, "2010", "Invalid requestid", `requestid must be 1 to ${most} characters`);
  }

  async function api(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    path: string[],
    entry: QboLoggedRequest,
  ) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1] ?? "";
    const token = accessTokens.get(bearer);
    if (
      takeFault("unauthorized") ||
      !token ||
      token.expiresAt <= now().getTime() ||
      path[0] !== token.realmId
    ) {
      return send(response, 401, {
        fault: {
          error: [
            { message: "message=AuthenticationFailed; errorCode=003200; statusCode=401", code: "3200" },
          ],
          type: "AUTHENTICATION",
        },
      });
    }
    const [, resource, id] = path;
    const requestId = url.searchParams.get("requestid");
    const method = request.method ?? "GET";
    const body = method === "POST" ? await readBody(request) : "";
    try {
      checkRequestId(resource, requestId);
    } catch (error) {
      return send(response, 400, faultBody(error as Fault));
    }
    if (requestId && method === "POST") {
      const replay = replays.get(`${resource}:${requestId}`);
      if (replay) {
        stats.replays += 1;
        entry.replayed = true;
        return send(response, replay.status, replay.body);
      }
    }
    if (takeFault("server-error"))
      return send(response, 500, { Fault: { Error: [{ Message: "Internal Server Error", code: "500" }] } });
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    let status = 200;
    let answer: unknown;
    try {
      if (resource === "query") answer = runQuery(url.searchParams.get("query") ?? "");
      else if (resource === "cdc") answer = runCdc(url);
      else if (resource === "batch" && method === "POST")
        answer = runBatch(JSON.parse(body) as Record<string, unknown>);
      else {
        const entity = ENTITIES.find((name) => name.toLowerCase() === resource);
        if (!entity) throw new Fault(400, "4000", "Unsupported operation", `${method} ${resource}`);
        if (method === "GET") {
          const record = find(entity, id);
          if (!record) throw new Fault(400, "610", "Object Not Found", `${entity} ${id}`);
          answer = { [entity]: record };
        } else {
          const payload = JSON.parse(body) as Record<string, unknown>;
          const record =
            url.searchParams.get("operation") === "update"
              ? update(entity, payload)
              : create(entity, payload);
          answer = { [entity]: record };
        }
      }
    } catch (error) {
      if (!(error instanceof Fault)) throw error;
      status = error.status;
      answer = faultBody(error);
    }
    const text = JSON.stringify({ ...(answer as object), time: now().toISOString() });
    if (requestId && method === "POST") replays.set(`${resource}:${requestId}`, { status, body: text });
    if (method === "POST" && takeFault("drop-after-write")) {
      response.socket?.destroy();
      return;
    }
    send(response, status, text);
  }

  /** Logs the request now and its status when answered (0 when the connection was cut). */
  function logged(request: IncomingMessage, response: ServerResponse, url: URL, parts: string[]) {
    const api = parts[0] === "v3";
    const entry: QboLoggedRequest = {
      at: now().toISOString(),
      method: request.method ?? "GET",
      path: api ? parts.slice(3).join("/") : url.pathname,
      query: url.searchParams.get("query") ?? url.searchParams.get("entities"),
      requestId: url.searchParams.get("requestid"),
      status: 0,
      replayed: false,
    };
    log.push(entry);
    response.on("finish", () => (entry.status = response.statusCode));
    return entry;
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const parts = url.pathname.split("/").filter(Boolean);
      const entry = logged(request, response, url, parts);
      if (url.pathname === "/oauth2/v1/tokens/bearer" && request.method === "POST") {
        const form = new URLSearchParams(await readBody(request));
        if (takeFault("token-server-error")) return send(response, 500, { error: "server_error" });
        const answer = tokenGrant(request, form);
        return send(response, answer.status, answer.body);
      }
      if (url.pathname === "/connect/oauth2") {
        // Consent given at once: back to the app with a code, as Intuit does after "Connect".
        const redirectUri = url.searchParams.get("redirect_uri") ?? "";
        // Intuit shows an error page, and sends nowhere, for an address the app did not register.
        if (redirectUris.size > 0 && !redirectUris.has(redirectUri))
          return send(response, 400, {
            error: "invalid_request",
            error_description: "redirect_uri is not registered",
          });
        const redirect = new URL(redirectUri);
        const code = newToken("code");
        codes.set(code, redirectUri);
        redirect.searchParams.set("code", code);
        redirect.searchParams.set("state", url.searchParams.get("state") ?? "");
        redirect.searchParams.set("realmId", realmId);
        response.writeHead(302, { location: redirect.toString() });
        return response.end();
      }
      if (parts[0] !== "v3" || parts[1] !== "company") return send(response, 404, { error: "not found" });
      // The company's limits: at most maxConcurrent at once and perMinute in any rolling window.
      const at = now().getTime();
      while (window.length > 0 && window[0]! <= at - windowMs) window.shift();
      stats.requests += 1;
      const injected = takeFault("throttle");
      if (injected || at < throttledUntil || inFlight >= maxConcurrent || window.length >= perMinute) {
        stats.throttled += 1;
        if (injected?.retryAfterSeconds !== undefined)
          response.setHeader("retry-after", String(injected.retryAfterSeconds));
        return send(response, 429, {
          Fault: {
            Error: [{ Message: "message=ThrottleExceeded; errorCode=003001; statusCode=429", code: "3001" }],
            type: "ThrottleExceeded",
          },
        });
      }
      window.push(at);
      stats.maxPerMinute = Math.max(stats.maxPerMinute, window.length);
      inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      try {
        await api(request, response, url, parts.slice(2), entry);
      } finally {
        inFlight -= 1;
      }
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A new company has a bank account to pay from and expense accounts, as QuickBooks sets up.
  for (const [Name, AccountType] of [
    ["Checking", "Bank"],
    ["Services", "Income"],
    ["Reimbursable Expenses", "Expense"],
    ["Travel", "Expense"],
  ] as const) {
    const record: QboRecord = {
      Name,
      AccountType,
      Id: String(nextId++),
      SyncToken: "0",
      Active: true,
      MetaData: meta(),
    };
    store.get("Account")!.set(record.Id, record);
  }

  return {
    url: base,
    apiUrl: `${base}/v3/company/`,
    tokenUrl: `${base}/oauth2/v1/tokens/bearer`,
    authorizeUrl: `${base}/connect/oauth2`,
    realmId,
    clientId,
    clientSecret,
    stats,
    records: (entity) => all(entity),
    seed: (entity, record) => {
      // As QuickBooks' own screen does, a service item typed in gets the income account.
      const income = all("Account").find((account) => account.AccountType === "Income");
      const withIncome =
        entity === "Item" && !record.IncomeAccountRef && income
          ? { ...record, IncomeAccountRef: { value: income.Id } }
          : record;
      return create(entity, withIncome);
    },
    edit: (entity, id, changes) => {
      const current = find(entity, id);
      if (!current) throw new Error(`no ${entity} ${id}`);
      return update(entity, { ...changes, Id: id, SyncToken: current.SyncToken, sparse: true });
    },
    remove: (entity, id) => {
      const record = find(entity, id);
      if (!record) throw new Error(`no ${entity} ${id}`);
      store.get(entity)!.delete(id);
      deleted.push({ entity, record, at: now().toISOString() });
    },
    log,
    inject: (fault) => {
      if (fault.kind === "throttle-for") throttledUntil = now().getTime() + fault.ms;
      else faults.push({ ...fault });
    },
    issueTokens,
    registerRedirectUri: (uri) => void redirectUris.add(uri),
    expireAccessTokens: () => {
      for (const token of accessTokens.values()) token.expiresAt = 0;
    },
    totalsByCustomer: () => {
      const totals = new Map<string, bigint>();
      const add = (customerId: string | undefined, cents: bigint) => {
        if (!customerId) return;
        totals.set(customerId, (totals.get(customerId) ?? 0n) + cents);
      };
      for (const activity of all("TimeActivity")) {
        if (activity.HourlyRate === undefined) continue;
        const rate = parseDecimal(text(activity.HourlyRate), 4); // ten-thousandths per hour
        const minutes = BigInt(Number(activity.Hours ?? 0) * 60 + Number(activity.Minutes ?? 0));
        // cents = rate/10^4 × minutes/60 × 100, rounded half away from zero.
        const numerator = rate * minutes;
        const divisor = 6000n;
        const magnitude = numerator < 0n ? -numerator : numerator;
        const rounded = (magnitude * 2n + divisor) / (divisor * 2n);
        add(ref(activity.CustomerRef), numerator < 0n ? -rounded : rounded);
      }
      for (const purchase of all("Purchase")) {
        for (const line of purchase.Line as Record<string, unknown>[]) {
          const detail = line.AccountBasedExpenseLineDetail as Record<string, unknown>;
          add(ref(detail.CustomerRef), parseDecimal(text(line.Amount), 2));
        }
      }
      return totals;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
