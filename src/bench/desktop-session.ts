/**
 * The integrated desktop file served by `firmtime desktop` (its own process, background merge
 * on), signed in to as the web app signs in: session cookie, CSRF token on changes. Shared by
 * the scenarios that act on the desktop (latency, single).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { BENCH_PASSWORD, startFirmtimeServer, type BenchCloud, type RunningServer } from "./bench-firm.js";

export interface DesktopSession {
  /** http://127.0.0.1:PORT/f/SLUG/api/v1 */
  api: string;
  /** The session cookie and CSRF token, for any request. */
  headers: Record<string, string>;
}

export async function waitFor(what: string, ready: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

export async function checked(response: Response, what: string): Promise<Response> {
  if (!response.ok)
    throw new Error(`${what}: HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`);
  return response;
}

/** Starts `firmtime desktop` on the cloud's integrated file and waits until its first merge went through. */
export async function startOnlineDesktop(cloud: BenchCloud): Promise<RunningServer> {
  const desktop = await startFirmtimeServer(["desktop", cloud.desktopFile, "--port", "0"], cloud.env);
  try {
    // Online means a first merge went through (it brings whatever other scenarios wrote).
    await waitFor("the desktop to go online", () => desktop.console().includes("Online: merging"), 120_000);
    return desktop;
  } catch (error) {
    await desktop.stop();
    throw error;
  }
}

export async function signInToDesktop(desktop: RunningServer, email: string): Promise<DesktopSession> {
  const slug = /\/f\/([a-z0-9-]+)/.exec(desktop.console().split("serving at")[1] ?? "")?.[1];
  if (!slug) throw new Error(`the desktop's banner names no firm URL: ${desktop.console()}`);
  const api = `${desktop.url}/f/${slug}/api/v1`;
  const login = await checked(
    await fetch(`${api}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    }),
    "signing in to the desktop",
  );
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { api, headers: { cookie, "x-csrf-token": csrfToken } };
}
