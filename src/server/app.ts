/**
 * The cloud's HTTP application: security headers, cookies, problem+json errors, /healthz,
 * the OpenAPI document and docs page, every capability's routes under /f/:firm/api/v1, and the
 * web app's pages and files (web-app.ts).
 * Every firm route must declare its permission; the app refuses to start otherwise.
 */
import cookie from "@fastify/cookie";
import helmet from "helmet";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { newId } from "../store/ids.js";
import { registerAuth } from "./auth-plugin.js";
import type { RoutePermission, ServerDeps } from "../http/context.js";
import { errorHandler, sendProblem } from "../http/problem.js";
import type { RouteModule } from "../http/route-module.js";
import { FIRM_ROUTE_MODULES } from "./route-modules.js";
import { registerWebApp, type WebAppOptions } from "./web-app.js";

export const API_PREFIX = "/f/:firm/api/v1";

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
}

export type App = FastifyInstance & { firmRoutes: RegisteredRoute[] };

/**
 * `rootRoutes` are registered outside /f/ (the first-run POST /setup of `firmtime serve`):
 * they belong to the server, not to a firm, so they are not in the firm permission matrix.
 */
export async function buildApp(
  deps: ServerDeps,
  logger: FastifyServerOptions["logger"] = false,
  rootRoutes: readonly RouteModule[] = [],
  web: WebAppOptions = {},
): Promise<App> {
  const app = Fastify({
    logger,
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: () => newId(),
    requestIdHeader: false,
    trustProxy: false,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, "ROUTE_NOT_FOUND", 404, `no route ${request.method} ${request.url}`),
  );

  const firmRoutes: RegisteredRoute[] = [];
  app.addHook("onRoute", (route) => {
    // The firm's API; the web app's pages under /f/{slug}/ are the same public page for everyone.
    if (!route.url.startsWith(API_PREFIX)) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") firmRoutes.push({ method, url: route.url, permission });
    }
  });

  // Security headers (CSP and the rest) for every answer. Helmet's middleware is made once:
  // @fastify/helmet made it again on every request, parsing the policy each time.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
  });
  app.addHook("onRequest", (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "firmtime API",
        version: "1",
        description:
          "Time & billing for accounting firms. Every route names the permission it needs (x-permission).",
      },
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description: "an API token (ftk_...) from POST /f/{firm}/api/v1/auth/tokens",
          },
          session: { type: "apiKey", in: "cookie", name: "__Host-firmtime-session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      const permission = input.route.config?.permission;
      const extras = input.route.config?.openapi;
      const schema = transformed.schema as Record<string, unknown>;
      return {
        ...transformed,
        schema: {
          ...schema,
          ...(permission ? { "x-permission": permission } : {}),
          ...(extras?.body
            ? {
                consumes: [extras.body.contentType],
                body: { ...extras.body.schema, description: extras.body.description },
              }
            : {}),
          ...(extras?.binaryResponse
            ? {
                response: {
                  ...(schema.response as Record<string, unknown> | undefined),
                  200: {
                    description: extras.binaryResponse.description,
                    content: Object.fromEntries(
                      extras.binaryResponse.mediaTypes.map((type) => [
                        type,
                        { schema: { type: "string", format: "binary" } },
                      ]),
                    ),
                  },
                },
              }
            : {}),
        },
      };
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());
  app.get("/healthz", { schema: { hide: true } }, async () => {
    await deps.store.db.selectFrom("firm").select("firm_id").limit(1).execute();
    return { status: "ok" };
  });

  registerAuth(app, deps);
  await app.register(
    async (scoped) => {
      for (const register of FIRM_ROUTE_MODULES)
        await register(scoped.withTypeProvider<ZodTypeProvider>(), deps);
    },
    { prefix: API_PREFIX },
  );
  for (const register of rootRoutes) await register(app, deps);
  await registerWebApp(app, web);
  await app.ready();
  return Object.assign(app, { firmRoutes });
}
