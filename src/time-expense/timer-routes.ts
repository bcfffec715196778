/**
 * /timers: a staff member's running timer, kept on the server (timer-service.ts). Starting,
 * stopping, switching or discarding another staff member's timer takes the same right as
 * recording time for them (a create right on the client, through a role or a partner / manager
 * post); one's own needs none. The list shows the running timers whose time the caller may read.
 */
import { z } from "zod";
import { rightsOf, type Actor } from "../access/authorize.js";
import { scopeOf } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { firmParams, listOf, pageQuery } from "../http/schemas.js";
import { inTransaction } from "../store/transaction.js";
import {
  authorizeEntry,
  authorizePlacement,
  entryVisibility,
  seesNothing,
  staffIdFor,
} from "./entry-access.js";
import { createEntryReferences } from "./entry-references.js";
import { authorizeNewPlacement, authorizeWorkCode, presentEntry } from "./entry-http.js";
import { timeEntrySchema } from "./time-entry-routes.js";
import {
  discardTimer,
  getRunningTimer,
  listRunningTimers,
  startTimer,
  stopTimer,
  switchTimer,
  type TimerInput,
} from "./timer-service.js";
import type { Timer } from "./timer-store.js";
import { FORGOTTEN_AFTER_MINUTES } from "../domain/timers.js";

const tags = ["timers"];

const timerSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  clientId: z.string(),
  projectId: z.string().nullable(),
  workCodeId: z.string(),
  description: z.string(),
  billable: z.boolean().nullable().describe("null: the work code's default"),
  timeZone: z.string().describe("IANA time zone the timer's dates follow"),
  startedAt: z.string().describe("ISO-8601 UTC"),
  createdAt: z.string(),
  updatedAt: z.string(),
  date: z.iso.date().describe("the date its entry gets: the day it started, in its time zone"),
  elapsedMinutes: z.number().int().describe("whole minutes run so far, rounded up"),
  forgotten: z
    .enum(["past_midnight", "over_limit"])
    .nullable()
    .describe(
      `why the timer looks forgotten (it ran past midnight of its day, or over ${FORGOTTEN_AFTER_MINUTES} minutes); ` +
        "stopping a forgotten timer needs the real duration (minutes)",
    ),
});

const startFields = {
  staffId: z.uuid().optional().describe("default: the caller's own staff record"),
  clientId: z.uuid(),
  projectId: z.uuid().nullable().optional(),
  workCodeId: z.uuid().describe("a time work code"),
  description: z.string().max(4000).optional(),
  billable: z.boolean().optional().describe("default: the work code's"),
  timeZone: z.string().min(1).max(64).optional().describe("IANA time zone of the person; default UTC"),
};

const stopFields = {
  minutes: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .optional()
    .describe("the real duration; default: the minutes run. Required for a forgotten timer"),
  description: z.string().max(4000).optional().describe("replaces the timer's description on the entry"),
};

const startBody = z.object(startFields).strict();
const stopBody = z
  .object({ staffId: z.uuid().optional().describe("default: the caller's own"), ...stopFields })
  .strict();
const switchBody = z
  .object({
    ...startFields,
    stop: z.object(stopFields).strict().optional().describe("for the stopped timer"),
  })
  .strict();
const discardBody = z.object({ staffId: z.uuid().optional().describe("default: the caller's own") }).strict();

const toInput = (body: z.infer<typeof startBody>, staffId: string): TimerInput => ({
  staff: staffId,
  client: body.clientId,
  project: body.projectId,
  workCode: body.workCodeId,
  description: body.description,
  billable: body.billable,
  timeZone: body.timeZone,
});

/** Acting on a running timer: the caller must see that time (else 404) and may record it (else 403). */
const timerCheck = (actor: Actor) => (timer: Timer) => {
  authorizeEntry(actor, "R", "time", timer);
  authorizePlacement(actor, "time", timer);
};

export const registerTimerRoutes: RouteModule = (app, deps) => {
  const db = deps.store.db;

  app.get(
    "/timers",
    {
      config: { permission: "time_entries:R" },
      schema: {
        tags,
        summary: "List the running timers whose time the caller may read (a reviewer's clients, or all)",
        params: firmParams,
        querystring: pageQuery.strict(),
        response: { 200: listOf(timerSchema) },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const visibility = entryVisibility(request.actor, "time");
      if (seesNothing(visibility)) return { items: [], total: 0, limit, offset };
      const scope = scopeOf(request.firm!, deps, request.actor);
      return { ...(await listRunningTimers(db, scope, visibility, { limit, offset })), limit, offset };
    },
  );

  app.get(
    "/timers/current",
    {
      config: { permission: "time_entries:R" },
      schema: {
        tags,
        summary: "The caller's own running timer (null when none is running)",
        params: firmParams,
        response: { 200: z.object({ timer: timerSchema.nullable() }) },
      },
    },
    async (request) => {
      // Someone with no staff record (an Admin who records no time) has no timer to show.
      const staffId = rightsOf(request.actor).staffId;
      if (!staffId) return { timer: null };
      const scope = scopeOf(request.firm!, deps, request.actor);
      return { timer: await getRunningTimer(db, scope, staffId) };
    },
  );

  app.post(
    "/timers",
    {
      config: { permission: "time_entries:C" },
      schema: {
        tags,
        summary: "Start a timer: one's own, or another's with a create right on the client; one at a time",
        description: "A staff member with a timer running gets 409 TIMER_RUNNING: stop it, or switch.",
        params: firmParams,
        body: startBody,
        response: { 201: timerSchema },
      },
    },
    async (request, reply) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const staffId = staffIdFor(actor, body.staffId);
      const timer = await inTransaction(db, async (tx) => {
        await authorizeNewPlacement(createEntryReferences(tx, scope.firm.id), actor, "time", {
          staffId,
          clientId: body.clientId,
        });
        authorizeWorkCode(actor, body.workCodeId);
        return startTimer(tx, scope, toInput(body, staffId));
      });
      return reply.code(201).send(timer);
    },
  );

  app.post(
    "/timers/stop",
    {
      config: { permission: "time_entries:C" },
      schema: {
        tags,
        summary: "Stop the running timer into a draft time entry",
        description:
          "The entry is made as any time entry is (rates, rounding to the firm's increment, the lock " +
          "date, rights); if it is refused the timer keeps running. A forgotten timer needs minutes " +
          "(422 TIMER_FORGOTTEN otherwise).",
        params: firmParams,
        body: stopBody,
        response: {
          200: z.object({ entry: timeEntrySchema, timer: timerSchema.describe("the timer stopped") }),
        },
      },
    },
    async (request) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const staffId = staffIdFor(actor, body.staffId);
      const { minutes, description } = body;
      const { entry, timer } = await stopTimer(
        db,
        scope,
        staffId,
        { minutes, description },
        timerCheck(actor),
      );
      return { entry: presentEntry(entry, scope.firm), timer };
    },
  );

  app.post(
    "/timers/switch",
    {
      config: { permission: "time_entries:C" },
      schema: {
        tags,
        summary: "Stop the running timer (if any) into an entry and start another, all or nothing",
        params: firmParams,
        body: switchBody,
        response: {
          200: z.object({
            stopped: timeEntrySchema
              .nullable()
              .describe("the entry the running timer became; null if none ran"),
            timer: timerSchema.describe("the timer started"),
          }),
        },
      },
    },
    async (request) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const staffId = staffIdFor(actor, body.staffId);
      const { stopped, timer } = await inTransaction(db, async (tx) => {
        await authorizeNewPlacement(createEntryReferences(tx, scope.firm.id), actor, "time", {
          staffId,
          clientId: body.clientId,
        });
        authorizeWorkCode(actor, body.workCodeId);
        return switchTimer(tx, scope, toInput(body, staffId), body.stop, timerCheck(actor));
      });
      return { stopped: stopped && presentEntry(stopped, scope.firm), timer };
    },
  );

  app.post(
    "/timers/discard",
    {
      config: { permission: "time_entries:C" },
      schema: {
        tags,
        summary: "Throw the running timer away without recording anything",
        params: firmParams,
        body: discardBody,
        response: { 200: z.object({ timer: timerSchema.describe("the timer discarded") }) },
      },
    },
    async (request) => {
      const { actor, body } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const staffId = staffIdFor(actor, body.staffId);
      return { timer: await discardTimer(db, scope, staffId, timerCheck(actor)) };
    },
  );
};
