/**
 * Commands on a protected firm file act as a signed-in user through the very routes the cloud
 * serves (the app runs in-process on the file's store, reached with app.inject), so the file
 * enforces the same permissions with the same authorize() — no second copy of the rules.
 */
import type { SecondFactor } from "../password-prompt.js";
import { AppError, ERROR_CATALOGUE, type ErrorCode } from "../../domain/errors.js";
import type { Firm } from "../../firm-setup/firm-store.js";
import { buildApp, type App } from "../../server/app.js";
import { CSRF_HEADER, SESSION_COOKIE } from "../../http/session-cookie.js";
import { loadConfig } from "../../config/config.js";
import { openFileStore } from "../../files/open-file-store.js";
import type { Clock } from "../../store/clock.js";
import type { Store } from "../../store/database.js";
import { createCloudClient, type CloudClient } from "./cloud-client.js";

const ORIGIN = "http://firm-file.local";

/** fetch() answered by the in-process app, carrying the session's cookie and CSRF token. */
function injectFetch(app: App, headers: Record<string, string>): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const response = await app.inject({
      method: (init?.method ?? "GET") as "GET",
      url: url.pathname + url.search,
      headers: { ...(init?.headers as Record<string, string> | undefined), ...headers },
      ...(typeof init?.body === "string" ? { payload: init.body } : {}),
    });
    return new Response(response.statusCode === 204 ? null : response.body, {
      status: response.statusCode,
      headers: { "content-type": String(response.headers["content-type"] ?? "application/json") },
    });
  };
}

export async function withProtectedFile<T>(
  store: Store,
  firm: Firm,
  clock: Clock,
  credentials: { email: string; password: string; secondFactor?: () => Promise<SecondFactor> },
  work: (client: CloudClient) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ dataDir: ".", logLevel: "silent", publicUrl: ORIGIN }, {});
  // No command uploads files to a firm file; the folder is made only if one ever does.
  const files = await openFileStore(config);
  const app = await buildApp({ store, clock, config, notifyMail: () => {}, files });
  try {
    const base = `/f/${firm.slug}/api/v1`;
    const { email, password } = credentials;
    let login = await app.inject({ method: "POST", url: `${base}/auth/login`, payload: { email, password } });
    // A user with two-factor sign-in on the file's own server answers its second step too.
    if (login.statusCode === 202 && credentials.secondFactor) {
      const { challenge, twoFactor } = login.json<{ challenge: string; twoFactor: string }>();
      if (twoFactor === "enrol")
        throw new AppError(
          "TWO_FACTOR_REQUIRED",
          "this firm file requires two-factor sign-in for your account: set it up in firmtime desktop first",
        );
      const payload = { challenge, ...(await credentials.secondFactor()) };
      login = await app.inject({ method: "POST", url: `${base}/auth/login/two-factor`, payload });
    }
    if (login.statusCode !== 200) {
      const problem = login.json<{ code?: string; detail?: string }>();
      const code =
        problem.code && problem.code in ERROR_CATALOGUE ? (problem.code as ErrorCode) : "UNAUTHENTICATED";
      throw new AppError(
        code,
        `${problem.detail ?? "sign-in failed"} (this firm file is protected: sign in with --as EMAIL)`,
      );
    }
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const session = {
      cookie: `${SESSION_COOKIE}=${cookie}`,
      [CSRF_HEADER]: login.json<{ csrfToken: string }>().csrfToken,
    };
    const client = createCloudClient(`${ORIGIN}/f/${firm.slug}`, null, injectFetch(app, session));
    try {
      return await work(client);
    } finally {
      await app.inject({ method: "POST", url: `${base}/auth/logout`, headers: session });
    }
  } finally {
    await app.close();
  }
}
