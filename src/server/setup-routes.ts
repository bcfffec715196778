/**
 * POST /setup: the first firm and its Admin, with the one-time token `firmtime serve` printed.
 * Public (there is no one to sign in as yet) but useless without the token; it lives outside
 * /f/ because it belongs to the server, not to a firm.
 */
import { z } from "zod";
import { AppError } from "../domain/errors.js";
import { createFirstFirm, hasAnyFirm, SETUP_CLOSED, type SetupGate } from "./first-run.js";
import type { RouteModule } from "../http/route-module.js";

export const setupBody = z
  .object({
    token: z.string().min(1).max(200),
    firmName: z.string().min(1).max(200),
    slug: z.string().min(1).max(40),
    currency: z.string().min(3).max(3).optional(),
    adminEmail: z.string().min(3).max(254),
    adminFirstName: z.string().min(1).max(60),
    adminLastName: z.string().min(1).max(60),
    adminStaffNumber: z
      .string()
      .min(1)
      .max(10)
      .optional()
      .describe("the Admin is also a staff member; default: their initials"),
    password: z.string().min(1).max(1024),
  })
  .strict();

const setupResult = z.object({
  firm: z.object({ id: z.string(), name: z.string(), slug: z.string(), currency: z.string() }),
  admin: z.object({ id: z.string(), email: z.string(), staffNumber: z.string() }),
  /** Where the firm lives, and where its users sign in. */
  url: z.string(),
  login: z.string(),
});

/** The firm's address on this server: its URL name under /f/. */
export const firmUrl = (publicUrl: string, slug: string): string =>
  `${publicUrl.replace(/\/+$/, "")}/f/${slug}`;

/** `gate` is absent when the server started with a firm already in its store. */
export function setupRoutes(
  gate: SetupGate | undefined,
  onCreated: (url: string, admin: { email: string; staffNumber: string }) => void,
): RouteModule {
  return (app, deps) => {
    app.post(
      "/setup",
      {
        config: { permission: "public" },
        schema: {
          tags: ["setup"],
          summary: "Create the first firm and its Admin with the one-time token printed by firmtime serve",
          body: setupBody,
          response: { 201: setupResult },
        },
      },
      async (request, reply) => {
        const input = request.body;
        if (await hasAnyFirm(deps.store.db)) throw new AppError("LINK_INVALID", SETUP_CLOSED);
        if (!gate) throw new AppError("LINK_INVALID", SETUP_CLOSED);
        const { firm, admin, staff } = await gate.use(input.token, () =>
          createFirstFirm(deps.store.db, deps.clock, {
            name: input.firmName,
            slug: input.slug,
            currency: input.currency,
            admin: {
              email: input.adminEmail,
              firstName: input.adminFirstName,
              lastName: input.adminLastName,
              staffNumber: input.adminStaffNumber,
              password: input.password,
            },
          }),
        );
        const url = firmUrl(deps.config.publicUrl, firm.slug!);
        request.log.info({ firmId: firm.id, slug: firm.slug }, "first firm created through /setup");
        onCreated(url, { email: admin.email, staffNumber: staff.staffNumber });
        return reply.code(201).send({
          firm: { id: firm.id, name: firm.name, slug: firm.slug!, currency: firm.currency },
          admin: { id: admin.id, email: admin.email, staffNumber: staff.staffNumber },
          url,
          login: `${url}/api/v1/auth/login`,
        });
      },
    );
  };
}
