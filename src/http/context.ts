/**
 * What a route handler gets besides its validated input: the firm addressed by the URL, the
 * actor behind the request, and the services' dependencies.
 */
import type { Actor } from "../access/authorize.js";
import type { LinkDeps } from "../access/link-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Clock } from "../store/clock.js";
import type { Store } from "../store/database.js";
import type { ServerConfig } from "../config/config.js";
import type { DesktopConnection } from "../merge/desktop-connection.js";
import type { FileStore } from "../files/file-store.js";

export interface ServerDeps {
  store: Store;
  clock: Clock;
  /**
   * Replaced once, right after listening, when the public URL follows the address actually bound
   * (--port 0, no --public-url): read it while handling a request, never copy it at registration.
   */
  config: ServerConfig;
  /** Wakes the mail deliverer after an email is queued (tests and the server both pass one). */
  notifyMail: () => void;
  /** `firmtime desktop` only: the file's connection to its cloud; the cloud has none. */
  desktop?: DesktopConnection;
  /** Uploaded files' bytes (expense receipts): the data folder's files/ or an S3 bucket. */
  files: FileStore;
}

declare module "fastify" {
  interface FastifyRequest {
    firm: Firm | null;
    /** The firm's data version when the request began (FirmWithVersions): what cached list totals are kept under. */
    dataVersion: string | null;
    actor: Actor;
    /** The CSRF token of the cookie session behind the request; null for bearer tokens and anonymous. */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** The permission a route needs: "public", "authenticated" (checked per object) or object:action. */
    permission?: RoutePermission;
    /** What the OpenAPI document says of a body or answer that no zod schema describes. */
    openapi?: OpenApiExtras;
    /**
     * The route serves a session opened by a request email's link (it checks the request itself);
     * every other route refuses such a session.
     */
    requestLink?: boolean;
  }
}

/**
 * A route that reads its body itself (a multipart upload) or answers bytes (a download) declares
 * them here for the OpenAPI document; the route validates them in its handler.
 */
export interface OpenApiExtras {
  body?: { contentType: string; schema: Record<string, unknown>; description: string };
  binaryResponse?: { mediaTypes: readonly string[]; description: string };
}

export type RoutePermission = "public" | "authenticated" | `${string}:${"C" | "R" | "E" | "D" | "A" | "S"}`;

/** The scope services need, for the firm in the URL. */
export function scopeOf(firm: Firm, deps: ServerDeps, actor: Actor): FirmScope {
  const who = actor.kind === "user" ? actor.user.email : actor.kind;
  return { firm, clock: deps.clock, actor: who };
}

/**
 * What the one-time link services need, as of this request: emailed links start with the public
 * URL the server settled on (see ServerDeps.config). Call it in a handler, not when registering.
 */
export const linkDepsOf = (deps: ServerDeps): LinkDeps => ({ clock: deps.clock, links: deps.config });
