/**
 * The list/get/create/edit/delete routes both entry kinds share: the same rights
 * (entry-access.ts), the same placement and work-code checks, the same shapes; only the body
 * schema and the services differ, and each kind's routes file supplies those.
 */
import type { FastifyBaseLogger } from "fastify";
import { z } from "zod";
import type { EntryStatus } from "../domain/entries.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { staffNamesOf } from "../firm-setup/staff-service.js";
import { scopeOf, type ServerDeps } from "../http/context.js";
import { firmParams, idParams, listOf } from "../http/schemas.js";
import type { ZodApp } from "../http/route-module.js";
import type { Db } from "../store/database.js";
import { CountCache, type Counter } from "../store/count-cache.js";
import { inTransaction } from "../store/transaction.js";
import { authorizeEntry, entryVisibility, seesNothing, staffIdFor } from "./entry-access.js";
import {
  authorizeNewPlacement,
  authorizeWorkCode,
  entryListFilter,
  entryListQuery,
  entryPaths,
  presentEntry,
  registerEntryStatusRoute,
  staffNameSchema,
} from "./entry-http.js";
import { createEntryReferences, type EntryReferences } from "./entry-references.js";
import type { EntryKind } from "./entry-store.js";
import type { EntryListFilter, EntryPage } from "./time-entry-service.js";

/** What every entry body carries; each kind adds its own amounts. */
export interface EntryBodyBase {
  staffId?: string;
  clientId: string;
  projectId?: string | null;
  workCodeId: string;
  date: string;
}

export interface EntryRouteSpec<
  Entry extends { id: string; staffId: string; clientId: string; status: EntryStatus; date: string },
  Body extends EntryBodyBase,
  Patch,
> {
  kind: EntryKind;
  tag: string;
  listSummary: string;
  createSummary: string;
  // Untyped here: the schemas validate and document; the services give the types.
  entrySchema: z.ZodObject;
  bodySchema: z.ZodObject;
  /** A partial body as the service's patch (references by id). */
  toPatch(body: Partial<Body>): Patch;
  /** `references` already hold the entry's staff and client, read when its placement was authorized. */
  add(db: Db, scope: FirmScope, body: Body, staffId: string, references: EntryReferences): Promise<Entry>;
  get(db: Db, scope: FirmScope, id: string): Promise<Entry>;
  /** `counter` answers the filter's total, from the route's cache when nothing changed since. */
  page(db: Db, scope: FirmScope, filter: EntryListFilter, counter: Counter): Promise<EntryPage<Entry>>;
  edit(db: Db, scope: FirmScope, id: string, patch: Patch): Promise<Entry>;
  remove(db: Db, scope: FirmScope, id: string): Promise<unknown>;
  /** After a delete commits: what it left to tidy outside the database (files). */
  afterRemove?(scope: FirmScope, log: FastifyBaseLogger): Promise<unknown>;
}

export function registerEntryCrudRoutes<
  Entry extends { id: string; staffId: string; clientId: string; status: EntryStatus; date: string },
  Body extends EntryBodyBase,
  Patch,
>(app: ZodApp, deps: ServerDeps, spec: EntryRouteSpec<Entry, Body, Patch>): void {
  const { kind } = spec;
  const path = entryPaths[kind];
  const object = kind === "time" ? "time_entries" : "expense_entries";
  const tags = [spec.tag];
  // A month's total, asked again with every page, is counted once per change to the firm.
  const totals = new CountCache();

  app.get(
    path,
    {
      config: { permission: `${object}:R` },
      schema: {
        tags,
        summary: spec.listSummary,
        params: firmParams,
        querystring: entryListQuery,
        response: { 200: listOf(spec.entrySchema.extend({ staff: staffNameSchema })) },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const visibility = entryVisibility(request.actor, kind);
      if (seesNothing(visibility)) return { items: [], total: 0, limit, offset };
      const scope = scopeOf(request.firm!, deps, request.actor);
      const filter = await entryListFilter(deps.store.db, scope, request.query, visibility);
      const { items, total } = await spec.page(
        deps.store.db,
        scope,
        filter,
        totals.counter(scope.firm.id, request.dataVersion),
      );
      const staff = await staffNamesOf(
        deps.store.db,
        scope,
        items.map((entry) => entry.staffId),
      );
      return {
        items: items.map((entry) => ({
          ...presentEntry(entry, scope.firm),
          staff: staff.get(entry.staffId),
        })),
        total,
        limit,
        offset,
      };
    },
  );

  app.get(
    `${path}/:id`,
    {
      config: { permission: `${object}:R` },
      schema: { tags, params: idParams, response: { 200: spec.entrySchema } },
    },
    async (request) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      const entry = await spec.get(deps.store.db, scope, request.params.id);
      authorizeEntry(request.actor, "R", kind, entry);
      return presentEntry(entry, scope.firm);
    },
  );

  app.post(
    path,
    {
      config: { permission: `${object}:C` },
      schema: {
        tags,
        summary: spec.createSummary,
        params: firmParams,
        body: spec.bodySchema,
        response: { 201: spec.entrySchema },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const body = request.body as Body;
      const scope = scopeOf(request.firm!, deps, actor);
      const staffId = staffIdFor(actor, body.staffId);
      const entry = await inTransaction(deps.store.db, async (tx) => {
        const references = createEntryReferences(tx, scope.firm.id);
        await authorizeNewPlacement(references, actor, kind, { staffId, clientId: body.clientId });
        authorizeWorkCode(actor, body.workCodeId);
        return spec.add(tx, scope, body, staffId, references);
      });
      return reply.code(201).send(presentEntry(entry, scope.firm));
    },
  );

  app.patch(
    `${path}/:id`,
    {
      config: { permission: `${object}:E` },
      schema: {
        tags,
        params: idParams,
        body: spec.bodySchema.partial().strict(),
        response: { 200: spec.entrySchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const body = request.body as Partial<Body>;
      const scope = scopeOf(request.firm!, deps, actor);
      return inTransaction(deps.store.db, async (tx) => {
        const current = await spec.get(tx, scope, request.params.id);
        authorizeEntry(actor, "E", kind, current);
        // Moving an entry to another staff member or client is placing it there anew.
        if (body.staffId !== undefined || body.clientId !== undefined) {
          const placement = {
            staffId: body.staffId ?? current.staffId,
            clientId: body.clientId ?? current.clientId,
          };
          await authorizeNewPlacement(createEntryReferences(tx, scope.firm.id), actor, kind, placement);
        }
        authorizeWorkCode(actor, body.workCodeId);
        return presentEntry(await spec.edit(tx, scope, current.id, spec.toPatch(body)), scope.firm);
      });
    },
  );

  app.delete(
    `${path}/:id`,
    {
      config: { permission: `${object}:D` },
      schema: { tags, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const scope = scopeOf(request.firm!, deps, request.actor);
      await inTransaction(deps.store.db, async (tx) => {
        const current = await spec.get(tx, scope, request.params.id);
        authorizeEntry(request.actor, "D", kind, current);
        await spec.remove(tx, scope, current.id);
      });
      await spec.afterRemove?.(scope, request.log);
      return reply.code(204).send(null);
    },
  );

  registerEntryStatusRoute(app, deps, kind);
}
