/**
 * What the time-entry and expense-entry routes share: the list query and its conversion to a
 * service filter, the fields every entry has, where a new or moved entry goes, and the
 * all-or-nothing status route.
 */
import { z } from "zod";
import { authorize, type Actor } from "../access/authorize.js";
import { ENTRY_STATUSES, isEntryLocked, type EntryStatus } from "../domain/entries.js";
import { getProject } from "../firm-setup/project-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { scopeOf, type ServerDeps } from "../http/context.js";
import { firmParams, pageQuery } from "../http/schemas.js";
import type { ZodApp } from "../http/route-module.js";
import type { Db } from "../store/database.js";
import {
  assertReturnComment,
  authorizePlacement,
  authorizeStatusChange,
  entryObject,
  type EntryPlacement,
} from "./entry-access.js";
import type { EntryReferences } from "./entry-references.js";
import { ENTRY_SORTS, type EntryKind, type EntryVisibility } from "./entry-store.js";
import { setEntryStatus } from "./status-service.js";
import type { EntryListFilter } from "./time-entry-service.js";

export const entryPaths: Record<EntryKind, string> = { time: "/time-entries", expense: "/expense-entries" };

const STATUS_LIST = new RegExp(`^(${ENTRY_STATUSES.join("|")})(,(${ENTRY_STATUSES.join("|")}))*$`);

export const entryListQuery = pageQuery
  .extend({
    from: z.iso.date().optional().describe("first entry date"),
    to: z.iso.date().optional().describe("last entry date"),
    staffId: z.uuid().optional(),
    clientId: z.uuid().optional(),
    projectId: z.uuid().optional().describe("a project; its client is implied"),
    workCodeId: z.uuid().optional(),
    status: z.string().regex(STATUS_LIST).optional().describe("statuses, comma-separated"),
    billable: z.enum(["true", "false"]).optional(),
    sort: z.enum(ENTRY_SORTS).default("date").describe("a leading - sorts descending"),
  })
  .strict();

export type EntryListQuery = z.infer<typeof entryListQuery>;

/**
 * Who recorded an entry, as entry lists and GET /entry-staff name them: a reviewer learns the
 * names on entries they may read, without the right to read staff records.
 */
export const staffNameSchema = z.object({
  id: z.string(),
  staffNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
});

/** Fields every entry has. Amounts are integer minor units of the firm's currency. */
export const entryFields = {
  id: z.string(),
  staffId: z.string(),
  clientId: z.string(),
  projectId: z.string().nullable(),
  workCodeId: z.string(),
  date: z.string(),
  billable: z.boolean(),
  amount: z.number().int().describe("minor units"),
  description: z.string(),
  status: z.enum(ENTRY_STATUSES),
  reviewComment: z
    .string()
    .nullable()
    .describe("why a reviewer returned the entry to its staff member; null once submitted again"),
  locked: z
    .boolean()
    .describe("approved, billed or transferred, or dated on or before the firm's lock date: not editable"),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** An entry as the API answers it: with whether it is locked, so clients need not know the rule. */
export const presentEntry = <E extends { status: EntryStatus; date: string }>(
  entry: E,
  firm: { lockDate: string | null },
): E & { locked: boolean } => ({ ...entry, locked: isEntryLocked(entry, firm.lockDate) });

/**
 * The service filter for a list query, limited to what the caller may read. Ids of another
 * firm are "not found" (the service resolves each); filters only ever narrow the visible rows.
 */
export async function entryListFilter(
  db: Db,
  scope: FirmScope,
  query: EntryListQuery,
  visibility: EntryVisibility,
): Promise<EntryListFilter> {
  const clientId = query.projectId
    ? (await getProject(db, scope, query.projectId, query.clientId)).clientId
    : query.clientId;
  return {
    from: query.from,
    to: query.to,
    staff: query.staffId,
    client: clientId,
    project: query.projectId,
    workCode: query.workCodeId,
    status: query.status?.split(",") as EntryStatus[] | undefined,
    billable: query.billable === undefined ? undefined : query.billable === "true",
    visibility,
    limit: query.limit,
    offset: query.offset,
    sort: query.sort,
  };
}

/**
 * Checks that a new or moved entry's staff member and client exist in this firm (else 404),
 * then that the caller may put an entry there.
 */
export async function authorizeNewPlacement(
  refs: EntryReferences,
  actor: Actor,
  kind: EntryKind,
  placement: EntryPlacement,
): Promise<void> {
  await refs.staff(placement.staffId);
  await refs.client(placement.clientId);
  authorizePlacement(actor, kind, placement);
}

/**
 * Work codes are the firm's shared list every staff user may read. A project needs no check of
 * its own: the service accepts it only within the entry's client, which is authorized.
 */
export function authorizeWorkCode(actor: Actor, workCodeId: string | undefined): void {
  if (workCodeId) authorize(actor, "R", { object: "work_codes" }, { what: "work code", key: workCodeId });
}

const statusBody = z
  .object({
    ids: z.array(z.uuid()).min(1).max(1000),
    status: z.enum(ENTRY_STATUSES),
    comment: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .describe(
        "with status draft: why the entries go back to their staff member (required when a reviewer returns another's submitted entry); cleared when they are submitted again",
      ),
  })
  .strict();

/** POST /{kind}-entries/status: every entry moves, or none does. */
export function registerEntryStatusRoute(app: ZodApp, deps: ServerDeps, kind: EntryKind): void {
  app.post(
    `${entryPaths[kind]}/status`,
    {
      config: { permission: `${entryObject(kind)}:E` },
      schema: {
        tags: [`${kind} entries`],
        summary: `Move ${kind} entries to a status, all or none`,
        description:
          "Submitting or recalling needs the edit right on the entry (one's own will do); " +
          "approving, billing, transferring or un-approving needs it on the client's entries " +
          "through a role or a partner / manager post. Returning another's submitted entry " +
          "(status draft) needs a comment, which the staff member sees on the entry.",
        params: firmParams,
        body: statusBody,
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (request) => {
      const { actor } = request;
      const scope = scopeOf(request.firm!, deps, actor);
      const { ids, status, comment } = request.body;
      const check = (entry: EntryPlacement & { id: string; status: EntryStatus }, to: EntryStatus) => {
        authorizeStatusChange(actor, kind, entry, to);
        assertReturnComment(actor, entry, to, comment);
      };
      const updated = await setEntryStatus(deps.store.db, scope, kind, ids, status, check, comment);
      return { updated };
    },
  );
}
