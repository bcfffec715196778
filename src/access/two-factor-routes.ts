/**
 * Two-factor sign-in over HTTP: the second step of signing in (public: the challenge from
 * POST /auth/login is the credential), one's own enrolment, recovery codes and turning it off
 * (any signed-in user), an Admin's reset of another user's (users:E), and the firm's
 * requirement (read: any signed-in user; change: settings:E).
 */
import { z } from "zod";
import { firmParams, idParams, noContent } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { openedSession, signedInSchema } from "./auth-routes.js";
import {
  confirmEnrolmentByChallenge,
  signInWithSecondFactor,
  startEnrolmentByChallenge,
  TWO_FACTOR_FAILED,
} from "./two-factor-login-service.js";
import {
  confirmEnrolment,
  RECOVERY_CODE_COUNT,
  regenerateRecoveryCodes,
  resetTwoFactor,
  setTwoFactorRequirement,
  startOwnEnrolment,
  turnOffTwoFactor,
  twoFactorRequirement,
  twoFactorStatus,
} from "./two-factor-service.js";

const challenge = z.string().min(1).max(200).describe("the challenge POST /auth/login answered with");
const code = z.string().min(1).max(20).describe("the 6-digit code the authenticator app shows now");
const recoveryCode = z.string().min(1).max(40).describe("one of the recovery codes, each usable once");
const codeBody = z.object({ code }).strict();

const enrolmentSchema = z.object({
  otpauthUri: z.string().describe("otpauth://totp/... for the QR code"),
  secret: z
    .string()
    .describe("the same key in base32, to type into an app by hand; shown only until confirmed"),
});
const recoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).describe(`${RECOVERY_CODE_COUNT} single-use codes, shown only now`),
});
const statusSchema = z.object({
  enabled: z.boolean(),
  pending: z.boolean().describe("enrolment started, not yet confirmed with a code"),
  recoveryCodesLeft: z.number().int(),
  required: z.boolean().describe("the firm requires two-factor sign-in for this kind of user"),
});
const requirementSchema = z.object({
  staff: z.boolean().describe("staff users must sign in with two factors"),
  contacts: z.boolean().describe("contact users must sign in with two factors"),
});

const SAME_FAILURE = `Every failure answers 401 UNAUTHENTICATED "${TWO_FACTOR_FAILED}" and counts against the sign-in rate limits (429 RATE_LIMITED).`;

export const registerTwoFactorRoutes: RouteModule = (app, deps) => {
  const policy = () => ({
    idleMinutes: deps.config.sessionIdleMinutes,
    absoluteHours: deps.config.sessionAbsoluteHours,
  });
  const db = deps.store.db;

  app.post(
    "/auth/login/two-factor",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "Sign in, second step: the challenge with a code from the app or a recovery code",
        description: `A recovery code is used up. ${SAME_FAILURE}`,
        params: firmParams,
        body: z.union([
          z.object({ challenge, code }).strict(),
          z.object({ challenge, recoveryCode }).strict(),
        ]),
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) => {
      const { user, session } = await signInWithSecondFactor(db, deps.clock, policy(), request.firm!.id, {
        ...request.body,
        address: request.ip,
      });
      return openedSession(db, reply, request.firm!, user, session);
    },
  );

  app.post(
    "/auth/login/two-factor/enrolment",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "Sign in, enrolment the firm requires: a new key for the authenticator app",
        description: `With an enrol challenge. ${SAME_FAILURE}`,
        params: firmParams,
        body: z.object({ challenge }).strict(),
        response: { 200: enrolmentSchema },
      },
    },
    (request) =>
      startEnrolmentByChallenge(db, deps.clock, request.firm!, { ...request.body, address: request.ip }),
  );

  app.post(
    "/auth/login/two-factor/enrolment/confirm",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary:
          "Sign in, enrolment: confirm with a code; opens the session and shows the recovery codes once",
        description: SAME_FAILURE,
        params: firmParams,
        body: z.object({ challenge, code }).strict(),
        response: { 200: signedInSchema.extend(recoveryCodesSchema.shape) },
      },
    },
    async (request, reply) => {
      const { user, session, recoveryCodes } = await confirmEnrolmentByChallenge(
        db,
        deps.clock,
        policy(),
        request.firm!.id,
        { ...request.body, address: request.ip },
      );
      return { ...(await openedSession(db, reply, request.firm!, user, session)), recoveryCodes };
    },
  );

  app.get(
    "/auth/two-factor",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "Whether one's own two-factor sign-in is on, and how many recovery codes are left",
        params: firmParams,
        response: { 200: statusSchema },
      },
    },
    (request) => twoFactorStatus(db, request.actor),
  );

  app.post(
    "/auth/two-factor/enrolment",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "Start enrolling (again): a new key for the authenticator app; 409 once it is on",
        params: firmParams,
        response: { 200: enrolmentSchema },
      },
    },
    (request) => startOwnEnrolment(db, deps.clock, request.firm!, request.actor),
  );

  app.post(
    "/auth/two-factor/enrolment/confirm",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "Confirm enrolment with a code: two-factor sign-in is on; the recovery codes are shown once",
        description: "A wrong code answers 400 and counts against the sign-in rate limits.",
        params: firmParams,
        body: codeBody,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => ({
      recoveryCodes: await confirmEnrolment(db, deps.clock, request.actor, {
        ...request.body,
        address: request.ip,
      }),
    }),
  );

  app.post(
    "/auth/two-factor/recovery-codes",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "New recovery codes (the old ones stop working), with a current code; shown once",
        params: firmParams,
        body: codeBody,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => ({
      recoveryCodes: await regenerateRecoveryCodes(db, deps.clock, request.actor, {
        ...request.body,
        address: request.ip,
      }),
    }),
  );

  app.post(
    "/auth/two-factor/turn-off",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "Turn one's own two-factor sign-in off with a current code; ends one's other sessions",
        description: "409 TWO_FACTOR_REQUIRED while the firm requires it for this kind of user.",
        params: firmParams,
        body: codeBody,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await turnOffTwoFactor(db, deps.clock, request.actor, { ...request.body, address: request.ip });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    "/users/:id/two-factor",
    {
      config: { permission: "users:E" },
      schema: {
        tags: ["users"],
        summary: "Reset another user's two-factor sign-in (a lost phone); ends their sessions",
        description: "They sign in with the password alone, or enrol again when the firm requires it.",
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await resetTwoFactor(db, deps.clock, request.actor, request.firm!.id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/firm/two-factor",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["firm"],
        summary: "Whom the firm requires to sign in with two factors",
        params: firmParams,
        response: { 200: requirementSchema },
      },
    },
    (request) => twoFactorRequirement(db, request.firm!.id),
  );

  app.put(
    "/firm/two-factor",
    {
      config: { permission: "settings:E" },
      schema: {
        tags: ["firm"],
        summary: "Require two-factor sign-in for staff, contacts, both or neither",
        description: "Users without it enrol at their next sign-in; sessions already open stay open.",
        params: firmParams,
        body: requirementSchema.strict(),
        response: { 200: requirementSchema },
      },
    },
    (request) => setTwoFactorRequirement(db, deps.clock, request.actor, request.firm!.id, request.body),
  );
};
