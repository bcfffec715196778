/**
 * /users: the firm's user accounts. Invite staff members and contacts (their email comes from
 * their record), resend invitations, enable and disable accounts. Bodies are strict: roles are
 * never set here, and nobody changes their own account's status.
 */
import { z } from "zod";
import { firmParams, idParams, listOf, pageQuery, searchParam, sortParam } from "../http/schemas.js";
import { linkDepsOf } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { USER_SORTS, type UserAccount } from "./account-store.js";
import { inviteUser, resendInvitation } from "./invitation-service.js";
import { getUser, listUserPage, setUserStatus } from "./user-service.js";

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  status: z.enum(["invited", "active", "disabled"]),
  staffId: z.string().nullable(),
  contactId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Never the password hash. */
const userView = (user: UserAccount): z.infer<typeof userSchema> => ({
  id: user.id,
  email: user.email,
  status: user.status,
  staffId: user.staffId,
  contactId: user.contactId,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

const inviteBody = z.union([
  z.object({ staffId: z.uuid() }).strict(),
  z.object({ contactId: z.uuid() }).strict(),
]);

export const registerUserRoutes: RouteModule = (app, deps) => {
  app.get(
    "/users",
    {
      config: { permission: "users:R" },
      schema: {
        tags: ["users"],
        summary: "List the firm's users (without users:R, only one's own account)",
        params: firmParams,
        querystring: pageQuery
          .extend({
            status: z.enum(["invited", "active", "disabled"]).optional(),
            kind: z
              .enum(["staff", "contact"])
              .optional()
              .describe("staff members' accounts, or contacts' (portal users)"),
            contactId: z.uuid().optional().describe("the account of this contact, if it has one"),
            search: searchParam("email"),
            sort: sortParam(USER_SORTS, "email", {
              email: "the email address",
              createdAt: "when it was added",
            }),
          })
          .strict(),
        response: { 200: listOf(userSchema) },
      },
    },
    async (request) => {
      const { status, kind, contactId, search, sort, limit, offset } = request.query;
      const found = await listUserPage(
        deps.store.db,
        request.actor,
        request.firm!.id,
        { status, kind, contactId, search },
        { sort, limit, offset },
      );
      return { items: found.items.map(userView), total: found.total, limit, offset };
    },
  );

  app.get(
    "/users/:id",
    {
      config: { permission: "users:R" },
      schema: {
        tags: ["users"],
        summary: "One user (one's own account needs no permission)",
        params: idParams,
        response: { 200: userSchema },
      },
    },
    async (request) =>
      userView(await getUser(deps.store.db, request.actor, request.firm!.id, request.params.id)),
  );

  app.post(
    "/users",
    {
      config: { permission: "users:C" },
      schema: {
        tags: ["users"],
        summary: "Invite a staff member or a contact as a user; emails them an activation link",
        description:
          "Needs users:C, or staff:E to invite staff (Staff Admin), or contacts:E to invite contacts " +
          "(Entities Admin). The email address comes from the staff or contact record.",
        params: firmParams,
        body: inviteBody,
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const user = await inviteUser(
        deps.store.db,
        linkDepsOf(deps),
        request.actor,
        request.firm!,
        request.body,
      );
      deps.notifyMail();
      return reply.code(201).send(userView(user));
    },
  );

  app.post(
    "/users/:id/invitation",
    {
      config: { permission: "users:C" },
      schema: {
        tags: ["users"],
        summary: "Send an invited user a new activation link; earlier links stop working",
        params: idParams,
        response: { 202: userSchema },
      },
    },
    async (request, reply) => {
      const user = await resendInvitation(
        deps.store.db,
        linkDepsOf(deps),
        request.actor,
        request.firm!,
        request.params.id,
      );
      deps.notifyMail();
      return reply.code(202).send(userView(user));
    },
  );

  app.patch(
    "/users/:id",
    {
      config: { permission: "users:E" },
      schema: {
        tags: ["users"],
        summary: "Enable or disable a user; disabling ends their sessions and revokes their API tokens",
        params: idParams,
        body: z.object({ status: z.enum(["active", "disabled"]) }).strict(),
        response: { 200: userSchema },
      },
    },
    async (request) =>
      userView(
        await setUserStatus(
          deps.store.db,
          deps.clock,
          request.actor,
          request.firm!.id,
          request.params.id,
          request.body.status,
        ),
      ),
  );
};
