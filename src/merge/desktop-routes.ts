/**
 * /desktop: the local app's view of its connection to the cloud (`firmtime desktop` only; the
 * cloud answers DESKTOP_ONLY after the same permission checks).
 *
 * - GET /desktop/status and GET /desktop/events: the merge state (Offline, Online, Merge
 *   notification, Merge conflicts) with its counts, for any staff user of the file; the events
 *   route is a stream of server-sent events that sends the state at once and again whenever it
 *   changes, so the app never polls.
 * - POST /desktop/merge (merge now) and PUT /desktop/offline (work offline by choice): they act
 *   for everyone on the file, so they take the Merge permission (merge:E).
 */
import type { ServerResponse } from "node:http";
import { z } from "zod";
import { authorize, can, rightsOf, type Actor } from "../access/authorize.js";
import { AppError } from "../domain/errors.js";
import type { ServerDeps } from "../http/context.js";
import type { RouteModule } from "../http/route-module.js";
import { firmParams } from "../http/schemas.js";
import type { ConnectionStatus, DesktopConnection } from "./desktop-connection.js";

const KEEP_ALIVE_MS = 15_000;

export const connectionStatusSchema = z.object({
  state: z.enum(["Offline", "Online", "Merge notification", "Merge conflicts"]),
  reason: z.string().nullable().describe("why the desktop is offline, or what waits, in words"),
  workingOffline: z.boolean().describe("merging is stopped by choice until turned back on"),
  integration: z.enum(["none", "unfinished", "finished"]),
  cloudUrl: z.string().nullable(),
  waitingUp: z.number().int().nullable().describe("local changes waiting to go up; null if not integrated"),
  waitingDown: z.number().int().nullable().describe("cloud changes waiting to come down; null while offline"),
  held: z.number().int().describe("negative entries kept on this desktop, one open warning each"),
  conflicts: z.number().int().describe("open conflicts in the conflict log"),
  refusals: z.number().int().describe("changes the cloud refused (the error log)"),
  lastMergeAt: z.string().nullable(),
});

const mergeSummarySchema = z.object({
  pushed: z.number().int(),
  refused: z.number().int(),
  pulled: z.number().int(),
  conflicts: z.number().int(),
  epochChanged: z.boolean(),
  ownReplica: z.string().optional(),
});

/** The connection state is the file's staff's business (and the Merge permission holders'). */
function authorizeWatcher(actor: Actor): void {
  if (rightsOf(actor).staffId === null && !can(actor, "R", { object: "merge" }))
    throw new AppError("FORBIDDEN", "the connection state is for the file's staff", {
      permission: "merge:R",
    });
}

function desktopOf(deps: ServerDeps): DesktopConnection {
  if (!deps.desktop)
    throw new AppError(
      "DESKTOP_ONLY",
      "this server is a cloud: only firmtime desktop has a connection state",
    );
  return deps.desktop;
}

export const registerDesktopRoutes: RouteModule = (app, deps) => {
  const streams = new Set<ServerResponse>();
  // Open streams would hold a stopping server for its whole grace period.
  app.addHook("preClose", (done) => {
    for (const stream of streams) stream.end();
    streams.clear();
    done();
  });

  app.get(
    "/desktop/status",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["desktop"],
        summary: "The desktop's merge state with its counts (firmtime desktop only)",
        params: firmParams,
        response: { 200: connectionStatusSchema },
      },
    },
    (request) => {
      authorizeWatcher(request.actor);
      return desktopOf(deps).status();
    },
  );

  app.get(
    "/desktop/events",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["desktop"],
        summary: "Server-sent events: the merge state now and whenever it changes (firmtime desktop only)",
        description:
          "A text/event-stream of `status` events, each one `data:` line holding the JSON of GET /desktop/status; comment lines keep the connection alive.",
        params: firmParams,
        response: { 200: z.string().describe("text/event-stream") },
      },
    },
    async (request, reply) => {
      authorizeWatcher(request.actor);
      const desktop = desktopOf(deps);
      const first = await desktop.status();
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        connection: "keep-alive",
      });
      const send = (status: ConnectionStatus) =>
        stream.write(`event: status\ndata: ${JSON.stringify(status)}\n\n`);
      send(first);
      streams.add(stream);
      const unsubscribe = desktop.subscribe(send);
      const keepAlive = setInterval(() => stream.write(": still here\n\n"), KEEP_ALIVE_MS);
      stream.once("close", () => {
        clearInterval(keepAlive);
        unsubscribe();
        streams.delete(stream);
      });
    },
  );

  app.post(
    "/desktop/merge",
    {
      config: { permission: "merge:E" },
      schema: {
        tags: ["desktop"],
        summary: "Merge with the cloud now; answers what the merge did, or a problem saying why it could not",
        params: firmParams,
        response: { 200: z.object({ summary: mergeSummarySchema, status: connectionStatusSchema }) },
      },
    },
    async (request) => {
      authorize(request.actor, "E", { object: "merge" });
      const desktop = desktopOf(deps);
      const summary = await desktop.mergeNow();
      return { summary, status: await desktop.status() };
    },
  );

  app.put(
    "/desktop/offline",
    {
      config: { permission: "merge:E" },
      schema: {
        tags: ["desktop"],
        summary: "Work offline by choice (stop merging until turned back on), or go back online",
        description: "The choice is kept in the firm file: it holds across restarts of firmtime desktop.",
        params: firmParams,
        body: z.strictObject({ offline: z.boolean() }),
        response: { 200: connectionStatusSchema },
      },
    },
    async (request) => {
      authorize(request.actor, "E", { object: "merge" });
      return desktopOf(deps).setWorkingOffline(request.body.offline);
    },
  );
};
