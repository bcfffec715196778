/**
 * /auth routes for one's own account: activating it and resetting its password by emailed
 * link (public: the link's secret is the credential), and changing the password when signed in.
 */
import { z } from "zod";
import { firmParams, noContent } from "../http/schemas.js";
import { linkDepsOf } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { activateAccount } from "./invitation-service.js";
import { changePassword, confirmPasswordReset, requestPasswordReset } from "./password-service.js";

const linkBody = z
  .object({ token: z.string().min(1).max(200), password: z.string().min(1).max(1024) })
  .strict();

const RESET_ACCEPTED = "if the email belongs to an active account, a reset link is on its way";

export const registerAccountRoutes: RouteModule = (app, deps) => {
  app.post(
    "/auth/activate",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "Activate an invited account: set its first password with the emailed link's token",
        description: "An unknown, used or expired token answers 410 LINK_INVALID, the same for all three.",
        params: firmParams,
        body: linkBody,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await activateAccount(deps.store.db, deps.clock, request.firm!.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/auth/password-reset",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "Ask for a password-reset link by email; answers 202 alike whether the email exists",
        params: firmParams,
        body: z.object({ email: z.string().min(1).max(254) }).strict(),
        response: { 202: z.object({ detail: z.string() }) },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps.store.db, linkDepsOf(deps), request.firm!, request.body.email);
      deps.notifyMail();
      return reply.code(202).send({ detail: RESET_ACCEPTED });
    },
  );

  app.post(
    "/auth/password-reset/confirm",
    {
      config: { permission: "public" },
      schema: {
        tags: ["auth"],
        summary: "Set a new password with a reset link's token; ends every session of the account",
        params: firmParams,
        body: linkBody,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(deps.store.db, deps.clock, request.firm!.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/auth/password",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "Change one's own password; ends one's other sessions",
        params: firmParams,
        body: z
          .object({
            currentPassword: z.string().min(1).max(1024),
            newPassword: z.string().min(1).max(1024),
          })
          .strict(),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await changePassword(deps.store.db, deps.clock, request.actor, {
        ...request.body,
        address: request.ip,
      });
      return reply.code(204).send(null);
    },
  );
};
