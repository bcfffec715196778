/**
 * Connecting QuickBooks Online over HTTP, on both engines, against the QBO-compatible server
 * with the app's one registered redirect URI: the consent page returns the browser to the
 * server's single return address, which sends it on to the firm named in the state; that firm's
 * callback checks the state against the connect it started and stores the tokens, sealed. A state of
 * another firm, a forged one, or a code exchanged twice connects nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQboServer, type QboServer } from "../test-support/qbo-server.js";
import { newCloudFirm, signIn, useTestServer, type SignedIn } from "../test-support/server.js";
import { ENGINES } from "../test-support/stores.js";
import { findConnection } from "./accounting-store.js";
import { QBO_RETURN_PATH, registerQboReturnRoute } from "./accounting-routes.js";
import { TokenSeal } from "./qbo/token-seal.js";
import { TargetError } from "./target.js";

const PUBLIC_URL = "https://cloud.example";
const RETURN_URL = `${PUBLIC_URL}${QBO_RETURN_PATH}`;

describe.each(ENGINES)("connecting QuickBooks Online [%s]", (engine) => {
  let qbo: QboServer;
  beforeAll(async () => {
    qbo = await startQboServer();
    qbo.registerRedirectUri(RETURN_URL);
  });
  afterAll(() => qbo?.close());
  const server = useTestServer(
    engine,
    undefined,
    () => ({
      publicUrl: PUBLIC_URL,
      qboClientId: qbo.clientId,
      qboClientSecret: qbo.clientSecret,
      qboApiUrl: qbo.apiUrl,
      qboTokenUrl: qbo.tokenUrl,
      qboAuthorizeUrl: qbo.authorizeUrl,
    }),
    { rootRoutes: [registerQboReturnRoute] },
  );
  const firms: Record<string, { id: string; admin: SignedIn }> = {};
  beforeAll(async () => {
    for (const slug of ["north", "south"]) {
      const { firm } = await newCloudFirm(server, slug);
      firms[slug] = { id: firm.id, admin: await signIn(server, slug, `admin@${slug}.test`) };
    }
  });

  /** Starts a connect as the firm's Admin and gives consent: where Intuit sends the browser. */
  async function consent(slug: string): Promise<URL> {
    const started = await server.app.inject({
      method: "POST",
      url: `/f/${slug}/api/v1/accounting/connect`,
      headers: firms[slug]!.admin.headers,
    });
    expect(started.statusCode).toBe(200);
    const authorizeUrl = new URL(started.json<{ authorizeUrl: string }>().authorizeUrl);
    // Every firm names the same, registered, return address.
    expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(RETURN_URL);
    const consented = await fetch(authorizeUrl, { redirect: "manual" });
    expect(consented.status).toBe(302);
    return new URL(consented.headers.get("location")!);
  }

  /** The browser at the return address: where it is sent on to, as a path on this server. */
  async function returnTo(back: URL): Promise<string> {
    expect(`${back.origin}${back.pathname}`).toBe(RETURN_URL);
    const answer = await server.app.inject({ method: "GET", url: `${back.pathname}${back.search}` });
    expect(answer.statusCode).toBe(302);
    const onward = new URL(answer.headers.location as string);
    expect(onward.origin).toBe(PUBLIC_URL);
    return `${onward.pathname}${onward.search}`;
  }

  it("returns through the server's one address to the firm that asked, and connects it", async () => {
    const onward = await returnTo(await consent("north"));
    expect(onward).toMatch(/^\/f\/north\/api\/v1\/accounting\/callback\?code=/);
    const done = await server.app.inject({ method: "GET", url: onward, headers: firms.north!.admin.headers });
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe(`${PUBLIC_URL}/f/north/accounting?connected=1`);
    const connection = await findConnection(server.deps.store.db, firms.north!.id);
    expect(connection).toMatchObject({ state: "connected", realmId: qbo.realmId });
    // The tokens are stored sealed: the database alone does not give them away.
    const stored = connection!.tokens!;
    expect(stored.refreshToken).toMatch(/^sealed1:/);
    const seal = new TokenSeal(qbo.clientSecret);
    const tokens = seal.openTokens(firms.north!.id, stored);
    expect(tokens.refreshToken).toMatch(/^rt-/);
    expect(stored.refreshToken).not.toContain(tokens.refreshToken);
    expect(stored.accessToken).not.toContain(tokens.accessToken);
    // Sealed for north: the same value in south's row, or under another app secret, does not open.
    expect(() => seal.open(firms.south!.id, stored.refreshToken)).toThrow(TargetError);
    expect(() => new TokenSeal("another secret").open(firms.north!.id, stored.refreshToken)).toThrow(
      /connect again/,
    );
    // Replaying the same answer connects nothing new: the state was used up.
    const again = await server.app.inject({
      method: "GET",
      url: onward,
      headers: firms.north!.admin.headers,
    });
    expect(again.headers.location).toMatch(/connectError=/);
  });

  it("connects nothing when the state is another firm's or forged", async () => {
    const back = await consent("south");
    // The answer meant for south, taken to north by someone signed in there: north did not ask.
    back.searchParams.set("state", back.searchParams.get("state")!.replace(/^south\./, "north."));
    const onward = await returnTo(back);
    expect(onward).toMatch(/^\/f\/north\//);
    const refused = await server.app.inject({
      method: "GET",
      url: onward,
      headers: firms.north!.admin.headers,
    });
    expect(refused.headers.location).toMatch(/\/f\/north\/accounting\?connectError=/);
    expect((await findConnection(server.deps.store.db, firms.south!.id))?.state).toBe("connecting");

    // A state this server never gives out is refused at the door, with a problem.
    const forged = await server.app.inject({
      method: "GET",
      url: `${QBO_RETURN_PATH}?code=c&state=${encodeURIComponent("../../evil.x")}&realmId=1`,
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("is refused by Intuit when a return address was not registered", async () => {
    const stray = new URL(qbo.authorizeUrl);
    stray.searchParams.set("redirect_uri", `${PUBLIC_URL}/f/north/api/v1/accounting/callback`);
    stray.searchParams.set("state", "north.x");
    const answer = await fetch(stray, { redirect: "manual" });
    expect(answer.status).toBe(400);
  });
});
