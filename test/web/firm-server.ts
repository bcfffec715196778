/**
 * A real `firmtime serve` (the built dist/ and dist/web) on a fresh data folder with a firm in
 * it, mail delivered to a local SMTP server, and an API client acting as a user: the setting of
 * the web app's browser tests.
 */
import { expect } from "vitest";
import { runFirmtime, startServe, type ServeProcess } from "../../src/test-support/serve-process.js";
import { startTestSmtp, type TestSmtp } from "../../src/test-support/smtp-server.js";
import { tempDir } from "../../src/test-support/temp-dir.js";

export const ADMIN_PASSWORD = "a long admin passphrase";

export interface FirmServer {
  /** The data folder: firmtime.db (SQLite) and the file store. */
  data: string;
  serve: ServeProcess;
  smtp: TestSmtp;
  url: string;
  slug: string;
  firmUrl: string;
  admin: { email: string; password: string };
}

/** What the helpers below need of a running server: the firm's address and the mail it sent. */
export type FirmSite = Pick<FirmServer, "firmUrl" | "smtp">;

/** A fresh data folder with the firm `slug` in it, made by `firmtime firm create` (removed after the test file). */
export async function createFirm(slug: string): Promise<string> {
  const data = tempDir("web");
  const create = runFirmtime(
    [
      "firm",
      "create",
      "--data",
      data,
      "--name",
      "Smith & Co CPAs",
      "--slug",
      slug,
      "--admin-email",
      "ada@smith.example",
      "--admin-first",
      "Ada",
      "--admin-last",
      "Lovelace",
    ],
    { FIRMTIME_ADMIN_PASSWORD: ADMIN_PASSWORD },
  );
  expect(await create.exited, create.console()).toBe(0);
  return data;
}

/**
 * `env` adds settings (FIRMTIME_*); `port` fixes the port, for a server whose public address must
 * be known before it starts (what it sends other services back to, such as Intuit's consent page).
 */
export async function startFirmServer(
  slug = "smith",
  { env = {}, port = 0 }: { env?: Record<string, string>; port?: number } = {},
): Promise<FirmServer> {
  const data = await createFirm(slug);
  const smtp = await startTestSmtp();
  const serve = await startServe(["--data", data, "--port", String(port), "--smtp-url", smtp.url], env);
  return {
    data,
    serve,
    smtp,
    url: serve.url,
    slug,
    firmUrl: `${serve.url}/f/${slug}`,
    admin: { email: "ada@smith.example", password: ADMIN_PASSWORD },
  };
}

export async function stopFirmServer(server: FirmServer | undefined): Promise<void> {
  await server?.serve.stop();
  await server?.smtp.stop();
}

export interface ApiUser {
  get<T = Record<string, unknown>>(path: string): Promise<T>;
  send<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The firm's API as a user, through an API token made at sign-in (what a script would do). */
export async function apiAs(server: FirmSite, email: string, password: string): Promise<ApiUser> {
  const base = `${server.firmUrl}/api/v1`;
  const login = await fetch(`${base}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const made = await fetch(`${base}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "browser test" }),
  });
  const { token } = (await made.json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return { get: (path) => call("GET", path), send: (method, path, body) => call(method, path, body) };
}

export interface StaffLogin {
  email: string;
  password: string;
}

/**
 * A staff member with an activated account (invited by `admin`, activated from the emailed link)
 * who sees every client's summary (the Entity Access role, firm-wide), so they can pick the
 * clients they work for: the usual member of staff of a browser test.
 */
export async function addStaffMember(
  server: FirmSite,
  admin: ApiUser,
  person: { staffNumber: string; firstName: string; lastName: string; email: string; password: string },
): Promise<StaffLogin> {
  const { email, password, ...names } = person;
  const staff = await admin.send<{ id: string }>("POST", "/staff", { ...names, email });
  const user = await admin.send<{ id: string }>("POST", "/users", { staffId: staff.id });
  const roles = await admin.get<{ items: { id: string; name: string }[] }>("/roles?limit=100");
  const entityAccess = roles.items.find((role) => role.name === "Entity Access")!;
  await admin.send("POST", "/assignments", {
    roleId: entityAccess.id,
    principalKind: "user",
    principalId: user.id,
    scope: "system",
  });
  const mail = await server.smtp.waitFor((message) => message.to.includes(email));
  const token = /token=([^\s&]+)/.exec(mail.text)![1]!;
  const activated = await fetch(`${server.firmUrl}/api/v1/auth/activate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: decodeURIComponent(token), password }),
  });
  expect(activated.ok, `activating ${email}`).toBe(true);
  return { email, password };
}
