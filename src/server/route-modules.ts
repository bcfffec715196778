/** Every capability's HTTP routes, registered under /f/:firm/api/v1. One line per module. */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { registerAuthRoutes } from "../access/auth-routes.js";
import { registerClientRoutes } from "../firm-setup/client-routes.js";
import type { ServerDeps } from "./context.js";

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type RouteModule = (app: ZodApp, deps: ServerDeps) => Promise<void> | void;

export const FIRM_ROUTE_MODULES: RouteModule[] = [registerAuthRoutes, registerClientRoutes];
