/**
 * The server's structured log: pino through Fastify, one JSON line per event, every request
 * line carrying its request id (reqId). Secrets never reach it: credentials in headers, cookies
 * in both directions, password and token fields anywhere a caller might log a body, and
 * token-like query parameters in logged URLs.
 */
import type { FastifyRequest, FastifyServerOptions } from "fastify";
import type { ServerConfig } from "../config/config.js";

export const REDACTED = "[redacted]";

const SECRET_FIELDS = ["password", "newPassword", "currentPassword", "token", "csrfToken", "secret"];

/** pino redaction paths: a wildcard matches one level, so secrets are listed at the depths bodies use. */
export const REDACT_PATHS: readonly string[] = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

const SECRET_QUERY = /^(token|password|secret|code|key|csrf.*)$/i;

/** A URL with the values of token-like query parameters replaced, so links never land in the log. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf("?");
  if (queryStart < 0) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  for (const name of [...params.keys()]) if (SECRET_QUERY.test(name)) params.set(name, REDACTED);
  return `${url.slice(0, queryStart)}?${params.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED)}`;
}

/** Fastify's request serializer without the query secrets (and, as before, without headers). */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export type LoggerOptions = Exclude<FastifyServerOptions["logger"], boolean | undefined>;

/** Logger options for buildApp; `stream` defaults to stdout (tests pass their own). */
export function loggerOptions(
  level: ServerConfig["logLevel"],
  stream?: NodeJS.WritableStream,
): LoggerOptions {
  const options: LoggerOptions = {
    level,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    serializers: { req: serializeRequest },
  };
  return stream ? { ...options, stream: { write: (line: string) => void stream.write(line) } } : options;
}
