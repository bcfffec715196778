/**
 * The shape of a capability's HTTP routes: a function that registers them on the firm's API
 * prefix. Capabilities import this floor; the assembly (src/server/route-modules.ts) imports them.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { ServerDeps } from "./context.js";

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type RouteModule = (app: ZodApp, deps: ServerDeps) => Promise<void> | void;
