/**
 * Every error leaves the server as RFC 9457 problem+json with a stable `code`. AppErrors map
 * through the catalogue; framework errors (bad JSON, oversize bodies, schema failures) get
 * catalogue codes too; anything else is a 500 whose details stay in the log.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ERROR_CATALOGUE, isAppError, type ErrorCode } from "../domain/errors.js";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode | "INTERNAL" | "ROUTE_NOT_FOUND" | "UNSUPPORTED_MEDIA_TYPE";
  instance: string;
  [extra: string]: unknown;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: Problem["code"],
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  const title =
    code in ERROR_CATALOGUE
      ? ERROR_CATALOGUE[code as ErrorCode].title
      : code === "INTERNAL"
        ? "Internal error"
        : detail;
  // Details first: a detail named like a standard member (a work code's `code`) must not replace it.
  const problem: Problem = {
    ...extra,
    type: `urn:firmtime:problem:${code.toLowerCase()}`,
    title,
    status,
    detail,
    code,
    instance: request.id,
  };
  return reply.code(status).type("application/problem+json").send(problem);
}

interface ZodLikeIssue {
  path?: unknown[];
  instancePath?: string;
  message?: string;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isAppError(error))
    return sendProblem(reply, request, error.code, error.status, error.message, { ...error.details });
  if (error.validation) {
    const issues = (error.validation as ZodLikeIssue[]).map((issue) => ({
      path: Array.isArray(issue.path) ? issue.path.join(".") : (issue.instancePath ?? ""),
      message: issue.message ?? "invalid",
    }));
    const where = error.validationContext ?? "request";
    const first = issues[0];
    return sendProblem(
      reply,
      request,
      "VALIDATION",
      400,
      `invalid ${where}${first ? `: ${first.path ? first.path + ": " : ""}${first.message}` : ""}`,
      { issues },
    );
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return sendProblem(reply, request, "PAYLOAD_TOO_LARGE", 413, "the request body is too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return sendProblem(reply, request, "UNSUPPORTED_MEDIA_TYPE", 415, "send JSON (application/json)");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return sendProblem(reply, request, "VALIDATION", 400, "the body is not valid JSON");
    default:
      break;
  }
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, request, "VALIDATION", error.statusCode, error.message);
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(
    reply,
    request,
    "INTERNAL",
    500,
    "something went wrong; the request id identifies it in the server log",
  );
}
