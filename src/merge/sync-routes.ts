/**
 * /sync: the merge protocol over HTTP.
 *
 * - POST /sync/push: any staff user; each change in the batch is then authorized as its author
 *   would be on the cloud, so a push can never do what its sender could not do by hand.
 * - GET /sync/pull and /sync/state: a pull reads the whole firm's journal (a desktop file holds
 *   the whole firm). That is for holders of the Merge permission, or for a staff user whose
 *   request names the integrated file's id: 128 random bits only the file and the cloud know,
 *   so cloud credentials alone never download the firm.
 * - /sync/conflicts: the conflict log, paged (merge:R to read all of it, anyone their own
 *   lost values; merge:E to restore or dismiss); the same routes serve a desktop's own log.
 * - /sync/log: the warning and error logs (merge:R), paged, as `firmtime log` shows them. A resolution made here, or on a desktop,
 *   closes the conflict in every replica's log (conflict-resolution.ts).
 * - POST /sync/bind: the integration's last step, binding the cloud firm to one desktop file.
 * - POST /sync/permissions: the integration's upload of the file's roles and assignments, by an
 *   Admin (roles:A) of the cloud firm bound to that file.
 */
import { z } from "zod";
import { authorize, can, rightsOf, type Actor } from "../access/authorize.js";
import { sameSecret } from "../access/secrets.js";
import { AppError } from "../domain/errors.js";
import { firmParams, idParams, listOf, pageQuery } from "../http/schemas.js";
import type { RouteModule } from "../http/route-module.js";
import { SCHEMA_VERSION } from "../store/migrate.js";
import { pullChanges, pushChanges } from "./cloud-sync-service.js";
import { bindToFile } from "./cloud-binding-service.js";
import { restoreConflict, dismissConflict } from "./conflict-service.js";
import { countChangesAfter, headSeq, pageConflicts, pageLog, readSyncState } from "./journal-store.js";
import { recordLabeler } from "./record-labels.js";
import { applyPermissions } from "./permissions-upload.js";
import { isCopy } from "./replica-copy.js";
import {
  permissionsAnswer,
  permissionsUpload,
  pullAnswer,
  pullQuery,
  pushAnswer,
  pushRequest,
} from "./sync-protocol.js";

const LONG_POLL_STEP_MS = 100;

const stateAnswer = z.object({
  epoch: z.string(),
  schema: z.string(),
  cloudReplica: z.string(),
  head: z.number().int(),
  boundFileId: z.string().nullable(),
  waiting: z
    .number()
    .int()
    .nullable()
    .describe("changes after `after` made by other replicas (null without `after`)"),
  copy: z
    .boolean()
    .describe("the asking file is a copy of another desktop file (see `acked`); false without `acked`"),
  you: z.object({
    email: z.string().nullable(),
    mayMergeForOthers: z.boolean().describe("merge:E: may send changes other people made"),
  }),
});

const you = (actor: Actor) => ({
  email: actor.kind === "user" ? actor.user.email : null,
  mayMergeForOthers: can(actor, "E", { object: "merge" }),
});

const conflictSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(["overwrite", "deleted", "unique"]),
  tbl: z.string(),
  rowId: z.string(),
  field: z.string(),
  lostValue: z.union([z.string(), z.number(), z.null()]),
  lostHlc: z.string(),
  lostAuthor: z.string().nullable().describe("who wrote the value that lost, when known"),
  keptValue: z.union([z.string(), z.number(), z.null()]),
  keptHlc: z.string(),
  status: z.enum(["open", "restored", "dismissed"]),
  resolvedAt: z.string().nullable(),
  record: z.string().optional().describe("the record as people know it: client ACME, staff JD"),
});

const logEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  level: z.enum(["warning", "error"]),
  code: z.string(),
  tbl: z.string(),
  rowId: z.string(),
  hlc: z.string().nullable(),
  message: z.string(),
  data: z
    .record(z.string(), z.union([z.string(), z.number(), z.null()]))
    .describe("a refused change's values"),
  closedAt: z.string().nullable().describe("when a warning closed; null while open"),
  record: z.string().describe("the record as people know it"),
});

const bindBody = z.strictObject({
  fileId: z.string().regex(/^[0-9a-z-]{1,40}$/),
  staff: z
    .array(
      z.strictObject({
        id: z.uuid(),
        email: z.string().max(320).nullable(),
        staffNumber: z.string().max(40),
      }),
    )
    .max(100_000)
    .default([]),
  finish: z.boolean().default(false),
});

export const registerSyncRoutes: RouteModule = (app, deps) => {
  const db = deps.store.db;
  // A stopping server answers its long polls at once (with what there is): waiting out their
  // `wait` would hold it for its whole grace period, and then cut them.
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });

  const authorizeWholeFirm = async (actor: Actor, firmId: string, fileId: string | undefined) => {
    if (can(actor, "R", { object: "merge" })) return;
    const bound = (await readSyncState(db, firmId)).boundFileId;
    const staff = actor.kind === "user" && actor.user.staffId !== null;
    if (!staff || !fileId || bound === null || !sameSecret(fileId, bound))
      authorize(actor, "R", { object: "merge" });
  };

  app.post(
    "/sync/push",
    {
      config: { permission: "authenticated" },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ["merge"],
        summary: "Apply a batch of a desktop's changes once; each change is answered accepted or refused",
        params: firmParams,
        body: pushRequest,
        response: { 200: pushAnswer },
      },
    },
    async (request) => {
      if (rightsOf(request.actor).staffId === null && !can(request.actor, "E", { object: "merge" })) {
        throw new AppError("FORBIDDEN", "only staff merge desktop files", { permission: "merge:E" });
      }
      return pushChanges(db, request.firm!, request.actor, request.body, deps.clock);
    },
  );

  app.get(
    "/sync/pull",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["merge"],
        summary: "The firm's changes after a cursor, in server-sequence order; `wait` long-polls",
        params: firmParams,
        querystring: pullQuery,
        response: { 200: pullAnswer },
      },
    },
    async (request, reply) => {
      const firm = request.firm!;
      await authorizeWholeFirm(request.actor, firm.id, request.query.fileId);
      const deadline = Date.now() + request.query.wait * 1000;
      // Long poll: nothing new yet, so look again shortly (any process's commit shows up here).
      while (Date.now() < deadline && !closing && !request.raw.destroyed) {
        if ((await headSeq(db, firm.id)) > request.query.after) break;
        await new Promise((resolve) => setTimeout(resolve, LONG_POLL_STEP_MS));
      }
      // The caller left: no one to answer, and a stopping server may have closed the store since
      // (its connections count as closed once gone, so close() does not wait for this handler).
      if (request.raw.destroyed) return reply.hijack();
      return pullChanges(db, firm, request.query);
    },
  );

  app.get(
    "/sync/state",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["merge"],
        summary: "The cloud's epoch, schema, head and binding, and how many changes wait after a cursor",
        params: firmParams,
        querystring: z.strictObject({
          fileId: z
            .string()
            .regex(/^[0-9a-f]{32}$/)
            .optional(),
          after: z.coerce.number().int().min(0).optional(),
          replica: z
            .string()
            .regex(/^[0-9a-z-]{1,40}$/)
            .default("none"),
          acked: z
            .string()
            .max(80)
            .regex(/^[0-9a-z-]*$/)
            .optional()
            .describe("the newest of the replica's changes the desktop has an answer for"),
          next: z
            .string()
            .max(80)
            .regex(/^[0-9a-z-]*$/)
            .optional()
            .describe("the oldest of the replica's changes the desktop has not sent yet"),
        }),
        response: { 200: stateAnswer },
      },
    },
    async (request) => {
      const firm = request.firm!;
      await authorizeWholeFirm(request.actor, firm.id, request.query.fileId);
      const state = await readSyncState(db, firm.id);
      return {
        epoch: state.epoch,
        schema: SCHEMA_VERSION,
        cloudReplica: state.replicaId,
        head: await headSeq(db, firm.id),
        boundFileId: state.boundFileId,
        // Counting reads the journal after the cursor: only when asked (a status), never per merge.
        waiting:
          request.query.after === undefined
            ? null
            : await countChangesAfter(db, firm.id, request.query.after, request.query.replica),
        copy:
          request.query.acked !== undefined &&
          (await isCopy(db, firm.id, {
            replica: request.query.replica,
            acked: request.query.acked || null,
            next: request.query.next || null,
          })),
        you: you(request.actor),
      };
    },
  );

  app.post(
    "/sync/bind",
    {
      config: { permission: "merge:E" },
      schema: {
        tags: ["merge"],
        summary: "Bind this cloud firm to a desktop file (integration); refused if bound to another file",
        params: firmParams,
        body: bindBody,
        response: { 200: stateAnswer },
      },
    },
    async (request) => {
      authorize(request.actor, "E", { object: "merge" });
      authorize(request.actor, "E", { object: "settings" });
      const firm = request.firm!;
      const state = await bindToFile(db, firm, request.body, deps.clock);
      return {
        epoch: state.epoch,
        schema: SCHEMA_VERSION,
        cloudReplica: state.replicaId,
        head: await headSeq(db, firm.id),
        boundFileId: state.boundFileId,
        waiting: 0,
        copy: false,
        you: you(request.actor),
      };
    },
  );

  app.post(
    "/sync/permissions",
    {
      config: { permission: "roles:A" },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ["merge"],
        summary:
          "Integration: take a desktop file's custom roles and role assignments (once; a repeat changes nothing)",
        params: firmParams,
        body: permissionsUpload.extend({ fileId: z.string().regex(/^[0-9a-z-]{1,40}$/) }),
        response: { 200: permissionsAnswer },
      },
    },
    async (request) => {
      authorize(request.actor, "A", { object: "roles" });
      authorize(request.actor, "E", { object: "merge" });
      const firm = request.firm!;
      const bound = (await readSyncState(db, firm.id)).boundFileId;
      if (!bound || !sameSecret(request.body.fileId, bound))
        throw new AppError(
          "NOT_INTEGRATED",
          "permissions come with the integration of the file this cloud firm is bound to",
        );
      const { fileId: _fileId, ...upload } = request.body;
      const actor = request.actor.kind === "user" ? request.actor.user.email : "integration";
      return applyPermissions(db, firm, upload, deps.clock, actor);
    },
  );

  app.get(
    "/sync/conflicts",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["merge"],
        summary:
          "The conflict log: values that lost to a concurrent change, and renamed keys, a page at a time",
        description:
          "All of it with merge:R; otherwise the conflicts where the caller's own value lost. Oldest first; each names its record as people know it (client ACME, staff JD).",
        params: firmParams,
        querystring: pageQuery
          .extend({ status: z.enum(["open", "restored", "dismissed"]).optional() })
          .strict(),
        response: { 200: listOf(conflictSchema) },
      },
    },
    async (request) => {
      const { actor } = request;
      const { status, limit, offset } = request.query;
      const mine = can(actor, "R", { object: "merge" })
        ? undefined
        : actor.kind === "user"
          ? actor.user.email
          : "";
      const firmId = request.firm!.id;
      const found = await pageConflicts(
        db,
        firmId,
        { ...(status && { status }), ...(mine !== undefined && { lostBy: mine }) },
        { limit, offset },
      );
      const labels = recordLabeler(db, firmId);
      const items = [];
      for (const conflict of found.items)
        items.push({ ...conflict, record: await labels.label(conflict.tbl, conflict.rowId) });
      return { items, total: found.total, limit, offset };
    },
  );

  app.get(
    "/sync/log",
    {
      config: { permission: "merge:R" },
      schema: {
        tags: ["merge"],
        summary: "The merge's warning and error logs, a page at a time",
        description:
          "Warnings: what integration left out or changed, entries held on a desktop, copies that became desktops of their own. Errors: changes the cloud refused, with the refused values. Open warnings only unless `all`.",
        params: firmParams,
        querystring: pageQuery
          .extend({
            level: z.enum(["warning", "error"]).optional(),
            all: z
              .enum(["true", "false"])
              .default("false")
              .transform((value) => value === "true")
              .describe("include closed warnings"),
          })
          .strict(),
        response: { 200: listOf(logEntrySchema) },
      },
    },
    async (request) => {
      authorize(request.actor, "R", { object: "merge" });
      const { level, all, limit, offset } = request.query;
      const firmId = request.firm!.id;
      const found = await pageLog(db, firmId, { ...(level && { level }), openOnly: !all }, { limit, offset });
      const labels = recordLabeler(db, firmId);
      const items = [];
      for (const entry of found.items)
        items.push({ ...entry, record: await labels.label(entry.tbl, entry.rowId, entry.data) });
      return { items, total: found.total, limit, offset };
    },
  );

  app.post(
    "/sync/conflicts/:id/restore",
    {
      config: { permission: "merge:E" },
      schema: {
        tags: ["merge"],
        summary: "Put a conflict's lost value back, as a new change every replica receives",
        params: idParams,
        response: { 200: conflictSchema },
      },
    },
    async (request) => {
      authorize(request.actor, "E", { object: "merge" });
      const firmId = request.firm!.id;
      const conflict = await restoreConflict(db, firmId, request.params.id, deps.clock);
      return { ...conflict, record: await recordLabeler(db, firmId).label(conflict.tbl, conflict.rowId) };
    },
  );

  app.post(
    "/sync/conflicts/:id/dismiss",
    {
      config: { permission: "merge:E" },
      schema: {
        tags: ["merge"],
        summary: "Mark a conflict reviewed, keeping the value that won",
        params: idParams,
        response: { 200: conflictSchema },
      },
    },
    async (request) => {
      authorize(request.actor, "E", { object: "merge" });
      const firmId = request.firm!.id;
      const conflict = await dismissConflict(db, firmId, request.params.id, deps.clock);
      return { ...conflict, record: await recordLabeler(db, firmId).label(conflict.tbl, conflict.rowId) };
    },
  );
};
