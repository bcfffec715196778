/**
 * `firmtime login URL` and `firmtime logout URL`: sign in to a cloud firm once, keep an API
 * token (acting for you, revocable) for later `--cloud URL` commands.
 */
import { AppError, invalid } from "../../domain/errors.js";
import { createCloudClient } from "../backend/cloud-client.js";
import { normaliseFirmUrl, removeCredential, saveCredential } from "../backend/credentials.js";
import type { CommandContext } from "../context.js";
import type { Register } from "../context.js";
import { password, secondFactor } from "../password-prompt.js";

export const registerLoginCommands: Register = (program, context) => {
  program
    .command("login <url>")
    .description("sign in to a cloud firm (e.g. https://cloud.example/f/smith) and keep a token for --cloud")
    .requiredOption("--email <email>")
    .option("--password-stdin", "read the password from standard input")
    .option("--code <code>", "with two-factor sign-in: the app's code or a recovery code (or FIRMTIME_CODE)")
    .action(async (url: string, options: { email: string; passwordStdin?: boolean; code?: string }) => {
      const ctx = context();
      const firmUrl = normaliseFirmUrl(url);
      await loginToCloud(
        ctx,
        firmUrl,
        options.email,
        await password(ctx, options.passwordStdin ?? ctx.options.passwordStdin),
        options.code,
      );
      ctx.output({ firmUrl, email: options.email }, () => `Signed in to ${firmUrl} as ${options.email}\n`);
    });

  program
    .command("logout <url>")
    .description("revoke and forget the token kept for a cloud firm")
    .action(async (url: string) => {
      const ctx = context();
      const firmUrl = normaliseFirmUrl(url);
      const credential = removeCredential(ctx.io.env, firmUrl);
      if (!credential) throw invalid(`not signed in to ${firmUrl}`);
      await createCloudClient(firmUrl, credential.token, ctx.io.fetch)
        .request("DELETE", `/auth/tokens/${credential.tokenId}`)
        .catch(() => undefined);
      ctx.output({ firmUrl }, () => `Signed out of ${firmUrl}\n`);
    });
};

/** Signs in once, turns the session into a named API token, ends the session, keeps the token. */
export async function loginToCloud(
  ctx: CommandContext,
  firmUrl: string,
  email: string,
  secret: string,
  code?: string,
) {
  const login = await signIn(ctx, firmUrl, email, secret, code);
  const session = createSessionClient(firmUrl, login, ctx.io.fetch);
  const created = await session.request<{ id: string; token: string }>("POST", "/auth/tokens", {
    name: `firmtime CLI (${ctx.actor})`,
  });
  await session.request("POST", "/auth/logout");
  const credential = {
    firmUrl,
    email: email.trim().toLowerCase(),
    tokenId: created.id,
    token: created.token,
  };
  saveCredential(ctx.io.env, credential);
  return credential;
}

interface SessionLogin {
  cookie: string;
  csrfToken: string;
}

async function signIn(
  ctx: CommandContext,
  firmUrl: string,
  email: string,
  secret: string,
  code: string | undefined,
): Promise<SessionLogin> {
  const first = await postJson(ctx, firmUrl, "/auth/login", { email, password: secret });
  if (first.status !== 202) return sessionOf(firmUrl, first);
  const { twoFactor, challenge } = first.body as { twoFactor?: string; challenge?: string };
  if (twoFactor === "enrol")
    throw new AppError(
      "TWO_FACTOR_REQUIRED",
      `${firmUrl} requires two-factor sign-in for your account: set it up by signing in once at ${firmUrl}/sign-in, then sign in here again`,
    );
  const factor = await secondFactor(ctx, code);
  return sessionOf(firmUrl, await postJson(ctx, firmUrl, "/auth/login/two-factor", { challenge, ...factor }));
}

interface JsonAnswer {
  status: number;
  ok: boolean;
  body: Record<string, unknown>;
  cookies: string[];
}

async function postJson(
  ctx: CommandContext,
  firmUrl: string,
  path: string,
  payload: object,
): Promise<JsonAnswer> {
  const fetchImpl = ctx.io.fetch ?? fetch;
  const response = await fetchImpl(`${firmUrl}/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(payload),
  }).catch((error: unknown) => {
    throw invalid(`cannot reach ${firmUrl}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    // Reuse the client's mapping of problem+json to AppError.
    await createCloudClient(firmUrl, null, () =>
      Promise.resolve(new Response(JSON.stringify(body), { status: response.status })),
    ).request("POST", path);
  }
  return { status: response.status, ok: response.ok, body, cookies: response.headers.getSetCookie?.() ?? [] };
}

function sessionOf(firmUrl: string, answer: JsonAnswer): SessionLogin {
  const cookie = answer.cookies
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("__Host-firmtime-session="));
  const csrfToken = answer.body.csrfToken;
  if (!cookie || typeof csrfToken !== "string") throw invalid(`${firmUrl} did not start a session`);
  return { cookie, csrfToken };
}

function createSessionClient(firmUrl: string, login: SessionLogin, fetchImpl: typeof fetch = fetch) {
  const withSession: typeof fetch = (input, init) =>
    fetchImpl(input, {
      ...init,
      headers: {
        ...(init?.headers as Record<string, string>),
        cookie: login.cookie,
        "x-csrf-token": login.csrfToken,
      },
    });
  return createCloudClient(firmUrl, null, withSession);
}
