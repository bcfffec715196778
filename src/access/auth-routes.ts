/** /auth: sign in and out, who am I, and API tokens for the CLI, scripts and desktop replicas. */
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { AppError, notFound } from "../domain/errors.js";
import { SESSION_COOKIE } from "../http/session-cookie.js";
import { firmParams, idParams } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { revokeApiToken, revokeSessions, selectApiTokens } from "./account-store.js";
import type { Db } from "../store/database.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { findStaff } from "../firm-setup/staff-store.js";
import { findContact } from "../firm-setup/contact-store.js";
import { loadRights } from "./access-store.js";
import type { UserAccount } from "./account-store.js";
import type { Actor } from "./authorize.js";
import { reviewsEntries, summarizeRights, type Rights } from "./permissions.js";
import { logIn } from "./login-service.js";
import { redeemRequestLink } from "./request-link-service.js";
import { createApiToken, startSession, type NewSession } from "./session-service.js";
import { secondStepFor } from "./two-factor-login-service.js";
import { inTransaction } from "../store/transaction.js";

const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  /** The staff member's or contact's name, else the email. */
  name: z.string(),
  staffId: z.string().nullable(),
  contactId: z.string().nullable(),
  firm: z.object({
    id: z.string(),
    name: z.string(),
    slug: z.string().nullable(),
    currency: z.string(),
    minorDigits: z.number().int().describe("decimal places of the currency's minor unit"),
    timeIncrement: z.number().int().describe("minutes every time entry is rounded up to"),
    lockDate: z.string().nullable().describe("entries on or before it are locked"),
  }),
  /** Per access object, the actions allowed firm-wide and on at least one record. */
  permissions: z.record(z.string(), z.object({ firm: z.string(), some: z.string() })),
  reviewer: z
    .boolean()
    .describe(
      "may approve or return others' entries on at least one client (a role or a partner / manager post)",
    ),
  /** A cookie session's CSRF token, to send back on changes; null for a bearer token. */
  csrfToken: z.string().nullable(),
  requestOnly: z
    .string()
    .nullable()
    .describe("a session opened by a request email's link: the one file request it may reach"),
});

/** The answer that opens a session: who signed in, and the CSRF token to send on changes. */
export const signedInSchema = z.object({ user: meSchema, csrfToken: z.string(), expiresAt: z.string() });

const challengeSchema = z.object({
  twoFactor: z
    .enum(["code", "enrol"])
    .describe(
      "code: send a code (or a recovery code); enrol: the firm requires two-factor sign-in, enrol first",
    ),
  challenge: z.string().describe("send it back with the second step; it works once, until expiresAt"),
  expiresAt: z.string(),
});

/** Sets the session cookie and answers who signed in: the last step of every way of signing in. */
export async function openedSession(
  db: Db,
  reply: FastifyReply,
  firm: Firm,
  user: UserAccount,
  session: NewSession,
): Promise<z.infer<typeof signedInSchema>> {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: "/",
    httpOnly: true,
    secure: true,
    sameSite: "strict",
    expires: new Date(session.expiresAt),
  });
  const rights = await loadRights(db, firm.id, user);
  return {
    user: await describeUser(db, firm, { user, rights, requestOnly: session.requestId }, session.csrfToken),
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

function userOf(actor: Actor) {
  if (actor.kind !== "user") throw new AppError("UNAUTHENTICATED", "sign in as a user first");
  return actor;
}

/** Who is signed in, in the words and rights summary the web app shows. */
async function describeUser(
  db: Db,
  firm: Firm,
  actor: { user: UserAccount; rights: Rights; requestOnly?: string | null },
  csrfToken: string | null,
) {
  const { user } = actor;
  const staff = user.staffId ? await findStaff(db, firm.id, user.staffId) : undefined;
  const contact = user.contactId ? await findContact(db, firm.id, user.contactId) : undefined;
  const name = staff
    ? `${staff.firstName} ${staff.lastName}`.trim()
    : contact
      ? `${contact.firstName} ${contact.lastName}`.trim()
      : "";
  return {
    id: user.id,
    email: user.email,
    name: name || user.email,
    staffId: user.staffId,
    contactId: user.contactId,
    requestOnly: actor.requestOnly ?? null,
    firm: {
      id: firm.id,
      name: firm.name,
      slug: firm.slug,
      currency: firm.currency,
      minorDigits: firm.minorDigits,
      timeIncrement: firm.timeIncrement,
      lockDate: firm.lockDate,
    },
    permissions: summarizeRights(actor.rights),
    reviewer: reviewsEntries(actor.rights),
    csrfToken,
  };
}

export const registerAuthRoutes: RouteModule = (app, deps) => {
  const policy = {
    idleMinutes: deps.config.sessionIdleMinutes,
    absoluteHours: deps.config.sessionAbsoluteHours,
  };

  app.post(
    "/auth/login",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary:
          "Sign in; sets the session cookie and returns the CSRF token to send on changes. " +
          "An unknown email and a wrong password answer alike; the 11th failure within 15 minutes on " +
          "one email (or the 101st from one address) answers 429 RATE_LIMITED.",
        params: firmParams,
        body: z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) }).strict(),
        description:
          "When the user has two-factor sign-in, or the firm requires it and the user has none, the " +
          "answer is 202 with a short-lived challenge instead of a session: send it with a code to " +
          "POST /auth/login/two-factor (twoFactor: code), or enrol with it first " +
          "(twoFactor: enrol: POST /auth/login/two-factor/enrolment, then .../enrolment/confirm).",
        response: { 200: signedInSchema, 202: challengeSchema },
      },
    },
    async (request, reply) => {
      const firm = request.firm!;
      const result = await logIn(deps.store.db, deps.clock, policy, firm.id, {
        ...request.body,
        address: request.ip,
      });
      if (result.challenge) {
        const { challenge, purpose, expiresAt } = result.challenge;
        return reply.code(202).send({ twoFactor: purpose, challenge, expiresAt });
      }
      return reply.send(await openedSession(deps.store.db, reply, firm, result.user, result.session));
    },
  );

  app.post(
    "/auth/request-link",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "Open a file request from its email's link; sets a session cookie for that request only",
        description:
          "The token of the link in a file request's email (or a reminder's). It works once, until it " +
          "expires; a spent, expired or unknown token answers 410 LINK_INVALID. The session reaches that " +
          "request only (every other route answers 403) and never changes a password: for anything else " +
          "the contact signs in with their password. A contact with two-factor sign-in (or whom the " +
          "firm requires to have it) answers 202 with a challenge, as at sign-in: the second step's " +
          "session then reaches that request only.",
        params: firmParams,
        body: z.object({ token: z.string().min(1).max(200) }).strict(),
        response: {
          200: signedInSchema.extend({ requestId: z.string() }),
          202: challengeSchema.extend({ requestId: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const firm = request.firm!;
      const { db } = deps.store;
      const opened = await inTransaction(db, async (tx) => {
        const { user, requestId } = await redeemRequestLink(tx, deps.clock, firm.id, request.body.token);
        const challenge = await secondStepFor(tx, deps.clock, user, requestId);
        if (challenge) return { user, requestId, challenge };
        return { user, requestId, session: await startSession(tx, deps.clock, policy, user, requestId) };
      });
      const { user, requestId } = opened;
      if (opened.challenge) {
        const { challenge, purpose, expiresAt } = opened.challenge;
        return reply.code(202).send({ twoFactor: purpose, challenge, expiresAt, requestId });
      }
      return { ...(await openedSession(db, reply, firm, user, opened.session)), requestId };
    },
  );

  app.get(
    "/auth/firm",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "The firm at this address, for its sign-in page (its name and slug; 404 if none)",
        params: firmParams,
        response: {
          200: z.object({
            name: z.string(),
            slug: z.string(),
            desktop: z
              .object({ protected: z.boolean().describe("false: the first run turns protection on") })
              .nullable()
              .describe("served by firmtime desktop on a firm file; null on the cloud"),
          }),
        },
      },
    },
    (request) => ({
      name: request.firm!.name,
      slug: request.params.firm,
      desktop: deps.desktop ? { protected: request.firm!.protection } : null,
    }),
  );

  app.post(
    "/auth/logout",
    {
      config: { permission: "authenticated", requestLink: true },
      schema: { tags: ["auth"], params: firmParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const actor = userOf(request.actor);
      if (actor.sessionId)
        await revokeSessions(deps.store.db, { id: actor.sessionId }, deps.clock.now().toISOString());
      reply.clearCookie(SESSION_COOKIE, { path: "/", secure: true, httpOnly: true, sameSite: "strict" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    {
      config: { permission: "authenticated", requestLink: true },
      schema: { tags: ["auth"], params: firmParams, response: { 200: meSchema } },
    },
    (request) => describeUser(deps.store.db, request.firm!, userOf(request.actor), request.csrfToken),
  );

  app.post(
    "/auth/tokens",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "Create an API token acting for the caller; the token is shown once",
        params: firmParams,
        body: z.object({ name: z.string().min(1).max(100) }).strict(),
        response: { 201: z.object({ id: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) => {
      const { user } = userOf(request.actor);
      return reply.code(201).send(await createApiToken(deps.store.db, deps.clock, user, request.body.name));
    },
  );

  app.get(
    "/auth/tokens",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        params: firmParams,
        response: { 200: z.object({ items: z.array(tokenSchema) }) },
      },
    },
    async (request) => {
      const { user } = userOf(request.actor);
      const tokens = await selectApiTokens(deps.store.db, user.firmId, user.id);
      return {
        items: tokens.map(({ id, name, createdAt, lastUsedAt, revokedAt }) => ({
          id,
          name,
          createdAt,
          lastUsedAt,
          revokedAt,
        })),
      };
    },
  );

  app.delete(
    "/auth/tokens/:id",
    {
      config: { permission: "authenticated" },
      schema: { tags: ["auth"], params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { user } = userOf(request.actor);
      const revoked = await revokeApiToken(
        deps.store.db,
        user.firmId,
        user.id,
        request.params.id,
        deps.clock.now().toISOString(),
      );
      if (!revoked) throw notFound("token", request.params.id);
      return reply.code(204).send(null);
    },
  );
};
