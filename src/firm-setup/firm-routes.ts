/**
 * /firm: the firm's profile and settings. Every signed-in user may read it (staff record time
 * in its increment; contacts see whose portal they are in); changing it needs settings:E.
 * The currency and the URL name are fixed: every amount is stored in the currency's minor
 * units, and links and replicas name the firm by its slug.
 */
import { z } from "zod";
import { authorize } from "../access/authorize.js";
import { firmParams } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { editFirm } from "./firm-service.js";

const firmSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string().nullable(),
  currency: z.string().describe("ISO 4217 code, fixed when the firm is created"),
  minorDigits: z.number().int(),
  timeIncrement: z.number().int().describe("minutes time is recorded in: 1, 6 or 15"),
  lockDate: z.iso.date().nullable().describe("entries dated on or before it are locked"),
  fiscalYearStartMonth: z.number().int(),
  protection: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const firmPatch = z
  .object({
    name: z.string().min(1).max(200),
    timeIncrement: z.union([z.literal(1), z.literal(6), z.literal(15)]),
    lockDate: z.iso.date().nullable().describe("null clears the lock date"),
    fiscalYearStartMonth: z.number().int().min(1).max(12),
  })
  .partial()
  .strict();

export const registerFirmRoutes: RouteModule = (app, deps) => {
  app.get(
    "/firm",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["firm"],
        summary: "The firm's profile and settings; any signed-in user may read them",
        params: firmParams,
        response: { 200: firmSchema },
      },
    },
    (request) => request.firm!,
  );

  app.patch(
    "/firm",
    {
      config: { permission: "settings:E" },
      schema: {
        tags: ["firm"],
        summary: "Change the firm's name, time increment, lock date or fiscal year start",
        params: firmParams,
        body: firmPatch,
        response: { 200: firmSchema },
      },
    },
    async (request) => {
      authorize(request.actor, "E", { object: "settings" });
      return editFirm(deps.store.db, deps.clock, request.firm!.id, request.body);
    },
  );
};
