/**
 * The one place firmtime speaks to QuickBooks Online, through the maintained npm clients:
 * node-quickbooks for the v3 API and intuit-oauth for tokens. It adds what they leave to us:
 * - tokens: the access token is refreshed before it expires and after a 401; a refresh rotates
 *   the refresh token, and the new pair is handed to `saveTokens` (which stores it atomically)
 *   before it is used, so a crash never leaves the firm with a spent token; concurrent calls
 *   share one refresh; `invalid_grant` is TargetError "reconnect";
 * - limits: every request passes the company's gate (qbo-limits.ts);
 * - retries: 429, 5xx and dropped connections back off exponentially with jitter (or as long
 *   as Retry-After says), a bounded number of times. A write is retried after a 5xx or a lost
 *   answer only when it carries a `requestid`, so the retry replays instead of writing twice.
 */
import { createRequire } from "node:module";
import OAuthClient from "intuit-oauth";
import QuickBooks from "node-quickbooks";
import { TargetError } from "../target.js";
import { QBO_LIMITS, realmGate, type QboLimits } from "./qbo-limits.js";

export interface QboTokens {
  accessToken: string;
  /** ISO time. */
  accessExpiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

export interface QboApp {
  clientId: string;
  clientSecret: string;
  /** ".../v3/company/" */
  apiUrl: string;
  tokenUrl: string;
  authorizeUrl: string;
}

export interface QboClientOptions {
  app: QboApp;
  realmId: string;
  tokens: QboTokens;
  saveTokens: (tokens: QboTokens) => Promise<void>;
  limits?: QboLimits;
  /** First backoff; doubles each attempt (with jitter), capped at 30 s. */
  retryBaseMs?: number;
  /** Attempts per request before TargetError "throttled" / "transient" (default 8). */
  maxAttempts?: number;
  now?: () => Date;
}

/** A QuickBooks fault: the HTTP status and Intuit's error code ("6240", "5010"...). */
export interface QboFault {
  status: number;
  code: string;
  message: string;
  /** Milliseconds the server asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number;
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(header: unknown, now: number): number | undefined {
  if (typeof header !== "string" || !header.trim()) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Reads the status and Intuit's code from whatever node-quickbooks or axios threw. */
export function faultOf(error: unknown): QboFault | undefined {
  interface FaultBody {
    Fault?: { Error?: { code?: string; Message?: string; Detail?: string }[] };
    fault?: { error?: { code?: string; message?: string }[] };
  }
  const source = error as {
    response?: { status?: number; data?: FaultBody; headers?: Record<string, unknown> };
    Fault?: unknown;
    message?: string;
  };
  const body: FaultBody | undefined =
    source.response?.data ?? (source.Fault ? (source as FaultBody) : undefined);
  const first = body?.Fault?.Error?.[0];
  const lower = body?.fault?.error?.[0];
  const status = source.response?.status ?? (source.Fault ? 400 : 0);
  if (!status && !first) return undefined;
  return {
    status,
    code: String(first?.code ?? lower?.code ?? status),
    message:
      [first?.Message, first?.Detail].filter(Boolean).join(": ") || lower?.message || source.message || "",
    retryAfterMs: retryAfterMs(source.response?.headers?.["retry-after"], Date.now()),
  };
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "ECONNABORTED",
  "ERR_BAD_RESPONSE",
]);

function isTransient(error: unknown): "throttled" | "transient" | undefined {
  const fault = faultOf(error);
  if (fault?.status === 429) return "throttled";
  if (fault && fault.status >= 500) return "transient";
  const code = (error as { code?: string }).code;
  if (!fault && code && NETWORK_CODES.has(code)) return "transient";
  if (!fault && /socket hang up|network|aborted/i.test((error as Error).message ?? "")) return "transient";
  return undefined;
}

/** node-quickbooks calls back with a fault body (not an Error) when QuickBooks answers 200 with a Fault. */
const asError = (error: unknown): Error =>
  error instanceof Error ? error : Object.assign(new Error("QuickBooks Online answered with a fault"), error);

/** node-quickbooks methods that write; the rest only read and may always be sent again. */
const WRITE_METHOD = /^(create|update|delete|void|send|upload)/;

/** The longest wait between attempts, whatever Retry-After asks. */
const MAX_BACKOFF_MS = 30_000;

/** node-quickbooks' internal request function: the only way to send a /batch with a requestid. */
type RawRequest = (
  context: QuickBooks,
  verb: string,
  options: { url: string },
  entity: unknown,
  callback: (error: unknown, body: unknown) => void,
) => void;

function nodeQuickbooksRequest(): RawRequest {
  // node-quickbooks' batch() builds its body itself and cannot carry a requestid, so a resent
  // batch would post twice. Its module-level `request` (set on the CommonJS module object, not
  // exported) does take one: an entity's `requestId` becomes `?requestid=`. We reach it through
  // Node's module cache; the dependency is pinned to 2.0.x, whose index.js defines it.
  const require = createRequire(import.meta.url);
  const path = require.resolve("node-quickbooks");
  require(path);
  const request = (require.cache[path] as unknown as { request?: RawRequest }).request;
  if (typeof request !== "function")
    throw new Error("node-quickbooks no longer exposes its request function");
  return request;
}

export class QboClient {
  private tokens: QboTokens;
  private refreshing: Promise<void> | undefined;
  private readonly qbo: QuickBooks;
  private readonly oauth: OAuthClient;
  private readonly gate;
  private readonly now: () => Date;
  private inFlight = new Set<Promise<unknown>>();
  /** Backoff waits in progress, woken at once by close(). */
  private readonly sleepers = new Set<() => void>();
  private closed = false;

  constructor(private readonly options: QboClientOptions) {
    const { app, realmId, tokens } = options;
    this.tokens = tokens;
    this.now = options.now ?? (() => new Date());
    this.qbo = new QuickBooks(
      app.clientId,
      app.clientSecret,
      tokens.accessToken,
      false,
      realmId,
      false,
      false,
      75,
      "2.0",
      tokens.refreshToken,
    );
    this.qbo.endpoint = app.apiUrl;
    this.oauth = oauthClient(app, "");
    this.gate = realmGate(realmId, options.limits ?? QBO_LIMITS);
  }

  /**
   * Calls a node-quickbooks method (e.g. "findCustomers", "createTimeActivity") with retries.
   * A write's entity should carry `requestId`; without one it is never sent twice after a 5xx or
   * a lost answer (QuickBooks may have stored it), only after a 429 or 401 (it did not).
   */
  call<T>(method: string, ...args: unknown[]): Promise<T> {
    const first = args[0] as { requestId?: unknown } | undefined;
    const replayable = !WRITE_METHOD.test(method) || typeof first?.requestId === "string";
    return this.send(
      () =>
        new Promise<T>((resolve, reject) => {
          const fn = this.qbo[method] as (...params: unknown[]) => void;
          // node-quickbooks deletes `requestId` from the entity it sends (and sets `sparse`), so
          // each attempt gets its own copy: a retry must carry the same requestid again.
          fn.call(this.qbo, ...structuredClone(args), (error: unknown, body: unknown) =>
            error ? reject(asError(error)) : resolve(body as T),
          );
        }),
      replayable,
    );
  }

  /** POST /batch with a requestid, so the same batch sent again replays its first answer. */
  batch<T>(items: unknown[], requestId: string): Promise<T> {
    if (!requestId || requestId.length > 36)
      throw new TargetError("invalid", `a batch's requestid must be 1 to 36 characters: "${requestId}"`);
    const request = nodeQuickbooksRequest();
    return this.send(
      () =>
        new Promise<T>((resolve, reject) => {
          request(
            this.qbo,
            "post",
            { url: "/batch" },
            { BatchItemRequest: items, requestId },
            (error, body) => (error ? reject(asError(error)) : resolve(body as T)),
          );
        }),
      true,
    );
  }

  /**
   * Waits for the requests on the wire to be answered; those waiting to retry give up at once
   * (TargetError "transient"), so no timer of ours outlives the connection.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.sleepers) wake();
    await Promise.allSettled([...this.inFlight]);
  }

  private send<T>(attempt: () => Promise<T>, replayable: boolean): Promise<T> {
    if (this.closed)
      return Promise.reject(new TargetError("transient", "the connection to QuickBooks Online is closed"));
    const work = this.withRetries(attempt, replayable);
    this.inFlight.add(work);
    void work.catch(() => {}).finally(() => this.inFlight.delete(work));
    return work;
  }

  private async withRetries<T>(attempt: () => Promise<T>, replayable: boolean): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    const base = this.options.retryBaseMs ?? 500;
    let refreshedAfter401 = false;
    for (let tries = 1; ; tries += 1) {
      try {
        await this.freshToken();
      } catch (error) {
        // The token service did not answer: nothing was sent to the company yet, so try again.
        const down = error instanceof TargetError && error.code === "transient";
        if (!down || tries >= maxAttempts || this.closed) throw error;
        await this.sleep(this.backoff(tries, base, undefined));
        continue;
      }
      const used = this.tokens.accessToken;
      try {
        return await this.gate.run(attempt);
      } catch (error) {
        const fault = faultOf(error);
        if (fault?.status === 401 && !refreshedAfter401) {
          refreshedAfter401 = true;
          // Calls refused together share one refresh: only the first to see the old token rotates.
          if (this.tokens.accessToken === used) await this.refresh();
          tries -= 1;
          continue;
        }
        if (fault?.status === 401)
          throw new TargetError("reconnect", "QuickBooks Online refused the access token", fault.message);
        const transient = isTransient(error);
        if (!transient) throw error;
        const detail = fault?.message ?? (error as Error).message;
        // A 429 was refused before any work; a 5xx or a cut connection may have written.
        if (transient === "transient" && !replayable)
          throw new TargetError("transient", "QuickBooks Online did not confirm the change", detail);
        // Closed while the answer was on its way: said as the close, whatever the answer was.
        if (this.closed)
          throw new TargetError("transient", "the connection to QuickBooks Online was closed", detail);
        if (tries >= maxAttempts)
          throw new TargetError(
            transient,
            transient === "throttled"
              ? "QuickBooks Online kept asking to slow down"
              : "QuickBooks Online did not answer",
            detail,
          );
        await this.sleep(this.backoff(tries, base, fault?.retryAfterMs));
        if (this.closed)
          throw new TargetError("transient", "the connection to QuickBooks Online was closed", detail);
      }
    }
  }

  /** Exponential with full jitter over its upper half; Retry-After, when given, is the floor. */
  private backoff(tries: number, base: number, retryAfter: number | undefined): number {
    const delay = Math.min(base * 2 ** (tries - 1), MAX_BACKOFF_MS);
    const jittered = delay / 2 + Math.random() * (delay / 2);
    return Math.min(Math.max(jittered, retryAfter ?? 0), MAX_BACKOFF_MS);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** Refreshes ahead of expiry (a minute early), once for all concurrent callers. */
  private async freshToken(): Promise<void> {
    if (Date.parse(this.tokens.accessExpiresAt) - 60_000 > this.now().getTime()) return;
    await this.refresh();
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.rotate().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async rotate(): Promise<void> {
    let json: {
      access_token: string;
      refresh_token: string;
      expires_in: number;
      x_refresh_token_expires_in: number;
    };
    try {
      const answer = (await this.oauth.refreshUsingToken(this.tokens.refreshToken)) as { json?: typeof json };
      json = answer.json ?? (answer as unknown as typeof json);
    } catch (error) {
      const detail = JSON.stringify(
        (error as { authResponse?: { json?: unknown } }).authResponse?.json ?? "",
      );
      const message = `${(error as { error?: string }).error ?? ""} ${(error as Error).message ?? ""} ${detail}`;
      if (/invalid_grant/.test(message))
        throw new TargetError(
          "reconnect",
          "QuickBooks Online refused the firm's connection (invalid_grant)",
          message,
        );
      throw new TargetError("transient", "QuickBooks Online's token service did not answer", message);
    }
    const at = this.now().getTime();
    const tokens: QboTokens = {
      accessToken: json.access_token,
      accessExpiresAt: new Date(at + json.expires_in * 1000).toISOString(),
      refreshToken: json.refresh_token,
      refreshExpiresAt: new Date(at + json.x_refresh_token_expires_in * 1000).toISOString(),
    };
    // Stored before use: if we died after using it unsaved, the old token would be dead too.
    await this.options.saveTokens(tokens);
    this.tokens = tokens;
    this.qbo.token = tokens.accessToken;
  }
}

/** intuit-oauth's client for our app, pointed at the configured token and authorize endpoints. */
export function oauthClient(app: QboApp, redirectUri: string): OAuthClient {
  const client = new OAuthClient({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    environment: "production",
    redirectUri,
  });
  client.setAuthorizeURLs({
    authorizeEndpoint: app.authorizeUrl,
    tokenEndpoint: app.tokenUrl,
    revokeEndpoint: app.tokenUrl.replace(/tokens\/bearer$/, "tokens/revoke"),
    userInfoEndpoint: app.tokenUrl.replace(/oauth2\/.*$/, "v1/openid_connect/userinfo"),
  });
  return client;
}

/** Where to send a person who connects the firm: Intuit's consent page for our app. */
export function qboAuthorizeUrl(app: QboApp, redirectUri: string, state: string): string {
  return oauthClient(app, redirectUri).authorizeUri({ scope: [OAuthClient.scopes.Accounting], state });
}

/** The tokens for the code Intuit sent back to the callback, and the company it is for. */
export async function qboExchangeCode(
  app: QboApp,
  redirectUri: string,
  callbackUrl: string,
  now: Date,
): Promise<{ realmId: string; tokens: QboTokens }> {
  const client = oauthClient(app, redirectUri);
  let json: {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    x_refresh_token_expires_in: number;
  };
  try {
    const answer = (await client.createToken(callbackUrl)) as { json?: typeof json };
    json = answer.json ?? (answer as unknown as typeof json);
  } catch (error) {
    throw new TargetError(
      "reconnect",
      "QuickBooks Online did not accept the connection",
      String((error as Error).message),
    );
  }
  const realmId = new URL(callbackUrl).searchParams.get("realmId") ?? "";
  const at = now.getTime();
  return {
    realmId,
    tokens: {
      accessToken: json.access_token,
      accessExpiresAt: new Date(at + json.expires_in * 1000).toISOString(),
      refreshToken: json.refresh_token,
      refreshExpiresAt: new Date(at + json.x_refresh_token_expires_in * 1000).toISOString(),
    },
  };
}
