/**
 * The typed client of the firm's API (/f/{slug}/api/v1), generated from the server's own OpenAPI
 * document (schema.d.ts; `npm run api-types` regenerates it, and a test fails when it is stale).
 * Changes carry the session's CSRF token; a 401 on a page that was signed in marks the session as
 * ended, so the page stays (with its unsaved input) under a sign-in prompt.
 */
import createClient, { type Middleware } from "openapi-fetch";
import { ApiProblem } from "./problem";
import type { paths } from "./schema";
import type { BrowserSession } from "./session";

export type FirmApi = ReturnType<typeof createFirmApi>;

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Routes whose 401 is an answer to the form, not a sign that the session ended. */
const SIGN_IN_PATHS = ["/auth/login", "/auth/me", "/auth/activate", "/auth/password-reset"];

export function firmApiBase(slug: string): string {
  return `/f/${encodeURIComponent(slug)}/api/v1`;
}

export function createFirmApi(session: BrowserSession) {
  const base = firmApiBase(session.firmSlug);
  const client = createClient<paths>({ baseUrl: base, credentials: "same-origin" });
  const middleware: Middleware = {
    onRequest({ request }) {
      const token = session.csrfToken;
      if (UNSAFE.has(request.method) && token) request.headers.set("x-csrf-token", token);
      return request;
    },
    onResponse({ response }) {
      if (response.status !== 401) return response;
      const path = new URL(response.url).pathname.slice(base.length);
      if (!SIGN_IN_PATHS.some((prefix) => path.startsWith(prefix))) session.ended();
      return response;
    },
  };
  client.use(middleware);
  return client;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiProblem with the server's code and words. */
export async function unwrap<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await pending;
  } catch {
    throw ApiProblem.offline();
  }
  if (result.response.ok) return result.data as T;
  const body =
    result.error && typeof result.error === "object" ? (result.error as Record<string, unknown>) : {};
  throw new ApiProblem(result.response.status, body);
}
