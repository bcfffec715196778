/**
 * /desktop/protection: the local app's first run on an unprotected firm file. `firmtime desktop`
 * starts on such a file and its page turns protection on: one of the file's staff (or, with none
 * yet, a first staff member made here) becomes the Admin with a password, then signs in as usual.
 *
 * Public, as there is nobody to sign in as yet, so it works only where that is safe: on a desktop
 * (the cloud answers DESKTOP_ONLY), while the file is unprotected (then STATUS_TRANSITION), and
 * for a browser on this machine addressing it as this machine (127.0.0.1 or localhost, which
 * also turns away a web page that rebinds its own name to 127.0.0.1).
 */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../domain/errors.js";
import { selectStaff } from "../firm-setup/staff-store.js";
import type { ServerDeps } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { firmParams } from "../http/schemas.js";
import { protectWithFirstAdmin } from "./protection-service.js";

const LOOPBACK_ADDRESSES = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

const protectionAnswer = z.object({
  protected: z.boolean(),
  staff: z
    .array(
      z.object({
        id: z.string(),
        staffNumber: z.string(),
        name: z.string(),
        email: z
          .string()
          .nullable()
          .describe("the Admin signs in with it: staff without one cannot be chosen"),
        active: z.boolean(),
      }),
    )
    .describe("the file's staff, any of whom may become its Admin (empty once protected)"),
});

const firstAdminBody = z
  .strictObject({
    staffId: z.uuid().optional().describe("the staff member who becomes the Admin"),
    newStaff: z
      .strictObject({
        staffNumber: z.string().min(1).max(10),
        firstName: z.string().min(1).max(60),
        lastName: z.string().min(1).max(60),
        email: z.string().min(3).max(254),
      })
      .optional()
      .describe("on a file with no staff yet: the first staff member, who becomes the Admin"),
    password: z.string().min(1).max(1024),
  })
  .refine((body) => (body.staffId === undefined) !== (body.newStaff === undefined), {
    message: "choose a staff member (staffId) or, on a file with none, describe one (newStaff)",
    path: ["staffId"],
  });

function onlyHere(request: FastifyRequest, deps: ServerDeps): void {
  if (!deps.desktop)
    throw new AppError("DESKTOP_ONLY", "protection is turned on in firmtime desktop, on the firm file");
  const host = (request.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
  if (!LOOPBACK_ADDRESSES.has(request.ip) || !LOOPBACK_NAMES.has(host))
    throw new AppError("FORBIDDEN", "the first run is open only to a browser on this computer (127.0.0.1)");
}

export const registerProtectionRoutes: RouteModule = (app, deps) => {
  app.get(
    "/desktop/protection",
    {
      config: { permission: "public" },
      schema: {
        tags: ["desktop"],
        summary:
          "Whether the firm file is protected, and while it is not, its staff to choose the Admin from",
        description: "firmtime desktop only, from this computer (127.0.0.1).",
        params: firmParams,
        response: { 200: protectionAnswer },
      },
    },
    async (request) => {
      onlyHere(request, deps);
      const firm = request.firm!;
      if (firm.protection) return { protected: true, staff: [] };
      const staff = await selectStaff(deps.store.db, firm.id);
      return {
        protected: false,
        staff: staff.map((member) => ({
          id: member.id,
          staffNumber: member.staffNumber,
          name: `${member.firstName} ${member.lastName}`.trim(),
          email: member.email,
          active: member.status === "active",
        })),
      };
    },
  );

  app.post(
    "/desktop/protection",
    {
      config: { permission: "public" },
      schema: {
        tags: ["desktop"],
        summary: "First run: turn protection on, making a staff member the Admin with a password",
        description:
          "Only while the file is unprotected (else STATUS_TRANSITION), on firmtime desktop, from this computer. Then sign in with the Admin's email and this password.",
        params: firmParams,
        body: firstAdminBody,
        response: { 200: z.object({ slug: z.string(), email: z.string() }) },
      },
    },
    async (request) => {
      onlyHere(request, deps);
      const { staffId, newStaff, password } = request.body;
      const { firm, adminEmail } = await protectWithFirstAdmin(
        deps.store.db,
        deps.clock,
        newStaff ? { newStaff, password } : { staffId: staffId!, password },
      );
      return { slug: firm.slug!, email: adminEmail };
    },
  );
};
