/**
 * The web app in the browser: its built files (dist/web, made by `npm run build`) under
 * /assets/app/, and its page at `/` (finding a firm), `/f/{slug}/` and every path below it
 * except the API. The page carries a fresh CSP nonce on every answer: scripts and styles load
 * only from this server, and the few style elements the UI library writes carry the nonce.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendProblem } from "../http/problem.js";

/** dist/web beside dist/server (built) or two folders above src/server (tests). */
export const WEB_BUILD_DIR = join(import.meta.dirname, "..", "..", "dist", "web");
const NONCE_PLACEHOLDER = "FIRMTIME_CSP_NONCE";

export interface WebAppOptions {
  /** Where the built app is (default dist/web). */
  dir?: string;
  /** The desktop's one firm: `/` opens it instead of the firm finder. */
  homeFirmSlug?: string | null;
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

export async function registerWebApp(app: FastifyInstance, options: WebAppOptions = {}): Promise<void> {
  const dir = options.dir ?? WEB_BUILD_DIR;
  const indexFile = join(dir, "index.html");
  const page = existsSync(indexFile) ? readFileSync(indexFile, "utf8") : null;

  if (page) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: "/assets/app/",
      index: false,
      wildcard: true,
      // The page is served below with its nonce, never as a file.
      allowedPath: (path) => path !== "/index.html",
      immutable: true,
      maxAge: "365d",
      // The build writes .br and .gz beside each script and style (web/vite.config.ts): sent
      // to browsers that accept them, with the plain file for those that do not.
      preCompressed: true,
    });
  }

  const sendPage = (request: FastifyRequest, reply: FastifyReply) => {
    if (!page) {
      return sendProblem(
        reply,
        request,
        "INTERNAL",
        503,
        "the web app is not built: run `npm run build` (the API under /f/{firm}/api/v1 works without it)",
      );
    }
    const nonce = randomBytes(18).toString("base64");
    return reply
      .header("content-security-policy", contentSecurityPolicy(nonce))
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(page.replaceAll(NONCE_PLACEHOLDER, nonce));
  };

  const home = options.homeFirmSlug;
  app.get("/", { schema: { hide: true } }, (request, reply) =>
    home ? reply.redirect(`/f/${encodeURIComponent(home)}/`) : sendPage(request, reply),
  );
  // `slug`, not `firm`: these pages are the app's, the same for every address, signed in or not.
  app.get("/f/:slug", { schema: { hide: true } }, (request, reply) =>
    reply.redirect(`/f/${encodeURIComponent((request.params as { slug: string }).slug)}/`),
  );
  app.get("/f/:slug/*", { schema: { hide: true } }, (request, reply) => {
    const rest = (request.params as { "*": string })["*"];
    if (rest === "api" || rest.startsWith("api/")) {
      return sendProblem(reply, request, "ROUTE_NOT_FOUND", 404, `no route ${request.method} ${request.url}`);
    }
    return sendPage(request, reply);
  });
}
