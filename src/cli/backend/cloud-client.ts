/**
 * HTTP to a firmtime cloud for the CLI. Problem+json answers become AppErrors with the
 * server's code, detail and extra members (an import's bad rows), so a command fails on the
 * cloud with the same one line as locally.
 */
import { AppError, ERROR_CATALOGUE, type ErrorCode } from "../../domain/errors.js";

export interface CloudClient {
  readonly firmUrl: string;
  request<T>(method: string, path: string, body?: unknown, options?: { signal?: AbortSignal }): Promise<T>;
  /** A route that answers text (a file download) rather than JSON; problems as request's. */
  requestText(method: string, path: string): Promise<string>;
}

/** The standard problem+json members; anything else a problem carries is the error's details. */
const PROBLEM_MEMBERS = new Set(["type", "title", "status", "detail", "code", "instance"]);

function problemError(
  firmUrl: string,
  signedIn: boolean,
  status: number,
  what: string,
  parsed: unknown,
): AppError {
  const problem = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const code =
    typeof problem.code === "string" && problem.code in ERROR_CATALOGUE
      ? (problem.code as ErrorCode)
      : "VALIDATION";
  const details = Object.fromEntries(Object.entries(problem).filter(([key]) => !PROBLEM_MEMBERS.has(key)));
  let message = typeof problem.detail === "string" ? problem.detail : `${what} failed with HTTP ${status}`;
  // A kept token that no longer works (revoked, user disabled) is fixed by signing in again.
  if (signedIn && code === "UNAUTHENTICATED") message += `; run: firmtime login ${firmUrl} --email YOU`;
  return new AppError(code, message, details);
}

/** The JSON of an answer; an error page that is not JSON (a proxy's) is just its status. */
function parseBody(text: string, ok: boolean, what: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (!ok) return undefined;
    throw new AppError("VALIDATION", `${what} did not answer with JSON; is this a firmtime cloud URL?`);
  }
}

export function createCloudClient(
  firmUrl: string,
  token: string | null,
  fetchImpl: typeof fetch = fetch,
): CloudClient {
  const send = async (method: string, path: string, body: unknown, options: { signal?: AbortSignal }) => {
    try {
      return await fetchImpl(`${firmUrl}/api/v1${path}`, {
        method,
        headers: {
          accept: "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      throw new AppError("OFFLINE", `cannot reach ${firmUrl}: ${reason}`);
    }
  };
  return {
    firmUrl,
    async requestText(method: string, path: string): Promise<string> {
      const response = await send(method, path, undefined, {});
      const text = await response.text();
      if (response.ok) return text;
      const what = `${method} ${firmUrl}/api/v1${path.split("?")[0]}`;
      throw problemError(firmUrl, token !== null, response.status, what, parseBody(text, false, what));
    },
    async request<T>(
      method: string,
      path: string,
      body?: unknown,
      options: { signal?: AbortSignal } = {},
    ): Promise<T> {
      const response = await send(method, path, body, options);
      if (response.status === 204) return undefined as T;
      const what = `${method} ${firmUrl}/api/v1${path.split("?")[0]}`;
      const parsed = parseBody(await response.text(), response.ok, what);
      if (!response.ok) throw problemError(firmUrl, token !== null, response.status, what, parsed);
      return parsed as T;
    },
  };
}
