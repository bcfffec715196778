/**
 * Resolves, for every request under /f/:firm/, the firm from the URL and the actor from a
 * bearer token or the session cookie; enforces CSRF for cookie sessions on unsafe methods;
 * refuses anonymous callers on every route not declared public.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ANONYMOUS } from "../access/authorize.js";
import { ActorCache, firmWithVersions } from "../access/actor-cache.js";
import { actorFromSession, actorFromToken, type KnownActors } from "../access/session-service.js";
import { sameSecret } from "../access/secrets.js";
import { nameAuthor, withAuthorSlot } from "../store/author-context.js";
import { AppError } from "../domain/errors.js";
import type { ServerDeps } from "../http/context.js";
import { CSRF_HEADER, SESSION_COOKIE } from "../http/session-cookie.js";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function registerAuth(app: FastifyInstance, deps: ServerDeps): void {
  // The callers this server has identified, each good under the firm's access version it was
  // read under (src/access/actor-cache.ts).
  const actors = new ActorCache();
  app.decorateRequest("firm", null);
  app.decorateRequest("dataVersion", null);
  app.decorateRequest("actor", null as never);
  app.decorateRequest("csrfToken", null);
  app.addHook("onRequest", (request, _reply, done) => {
    request.actor = ANONYMOUS;
    // The rest of the request runs in an author slot, named once the caller is identified.
    withAuthorSlot(done);
  });
  // Before validation, so an anonymous caller learns only that they must sign in.
  app.addHook("preValidation", async (request) => {
    request.actor = ANONYMOUS;
    const slug = (request.params as { firm?: unknown } | undefined)?.firm;
    if (typeof slug !== "string") return;
    const found = await firmWithVersions(deps.store.db, slug);
    if (!found) throw new AppError("NOT_FOUND", `firm ${JSON.stringify(slug)} does not exist`);
    const { firm } = found;
    request.firm = firm;
    request.dataVersion = found.dataVersion;
    const permission = request.routeOptions.config.permission;
    // Public routes (sign-in, activation, reset) ignore credentials: a stale cookie must not
    // stop anyone from signing in again.
    if (permission === "public") return;
    await identify(request, deps, firm.id, { cache: actors, version: found.accessVersion });
    if (request.actor.kind === "anonymous") {
      throw new AppError("UNAUTHENTICATED", "sign in first (session cookie or bearer token)");
    }
    if (request.actor.kind === "user") {
      // A request email's link opened this session: it serves that request's routes only, which
      // check the request themselves, and never account or password changes.
      if (request.actor.requestOnly && !request.routeOptions.config.requestLink)
        throw new AppError(
          "FORBIDDEN",
          "this sign-in link opens one request only; sign in with your password for everything else",
        );
      nameAuthor(request.actor.user.email);
    }
  });
}

async function identify(
  request: FastifyRequest,
  deps: ServerDeps,
  firmId: string,
  known: KnownActors,
): Promise<void> {
  const header = request.headers.authorization;
  const cookie = request.cookies[SESSION_COOKIE];
  if (!header && !cookie) return;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match
      ? await actorFromToken(deps.store.db, deps.clock, firmId, match[1]!, known)
      : undefined;
    if (!actor) throw new AppError("UNAUTHENTICATED", "the bearer token is unknown or revoked");
    request.actor = actor;
    return;
  }
  if (!cookie) return;
  const policy = {
    idleMinutes: deps.config.sessionIdleMinutes,
    absoluteHours: deps.config.sessionAbsoluteHours,
  };
  const session = await actorFromSession(deps.store.db, deps.clock, policy, firmId, cookie, known);
  if (!session) throw new AppError("UNAUTHENTICATED", "the session has ended; sign in again");
  if (UNSAFE.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== "string" || !sameSecret(sent, session.csrfToken)) {
      throw new AppError("CSRF", `send the session's CSRF token in the ${CSRF_HEADER} header`);
    }
  }
  request.actor = session.actor;
  request.csrfToken = session.csrfToken;
}
