/**
 * `firmtime login URL` and `firmtime logout URL`: sign in to a cloud firm once, keep an API
 * token (acting for you, revocable) for later `--cloud URL` commands.
 */
import { invalid } from "../../domain/errors.js";
import { createCloudClient } from "../backend/cloud-client.js";
import { normaliseFirmUrl, removeCredential, saveCredential } from "../backend/credentials.js";
import type { CommandContext } from "../context.js";
import type { Register } from "../context.js";
import { password } from "../password-prompt.js";

export const registerLoginCommands: Register = (program, context) => {
  program
    .command("login <url>")
    .description("sign in to a cloud firm (e.g. https://cloud.example/f/smith) and keep a token for --cloud")
    .requiredOption("--email <email>")
    .option("--password-stdin", "read the password from standard input")
    .action(async (url: string, options: { email: string; passwordStdin?: boolean }) => {
      const ctx = context();
      const firmUrl = normaliseFirmUrl(url);
      await loginToCloud(
        ctx,
        firmUrl,
        options.email,
        await password(ctx, options.passwordStdin ?? ctx.options.passwordStdin),
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
export async function loginToCloud(ctx: CommandContext, firmUrl: string, email: string, secret: string) {
  const login = await signIn(ctx, firmUrl, email, secret);
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
): Promise<SessionLogin> {
  const fetchImpl = ctx.io.fetch ?? fetch;
  const response = await fetchImpl(`${firmUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ email, password: secret }),
  }).catch((error: unknown) => {
    throw invalid(`cannot reach ${firmUrl}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const body = (await response.json()) as { csrfToken?: string; detail?: string };
  if (!response.ok) {
    // Reuse the client's mapping of problem+json to AppError.
    await createCloudClient(firmUrl, null, () =>
      Promise.resolve(new Response(JSON.stringify(body), { status: response.status })),
    ).request("POST", "/auth/login");
  }
  const cookie = (response.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("__Host-firmtime-session="));
  if (!cookie || !body.csrfToken) throw invalid(`${firmUrl} did not start a session`);
  return { cookie, csrfToken: body.csrfToken };
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
