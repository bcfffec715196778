/**
 * Time entries: validated against the firm's rules, priced by effective-dated rate resolution,
 * stored with their rate and amount as a snapshot. One path serves a single `time add` and a
 * 200,000-row import: prepare every entry (pure checks against cached references), then insert
 * all of them in one transaction, or none.
 */
import { inTransaction } from "../store/transaction.js";
import { parseIsoDate } from "../domain/dates.js";
import { roundUpToIncrement } from "../domain/duration.js";
import {
  assertAfterLockDate,
  assertEditable,
  assertStaffCanRecord,
  type EntryStatus,
} from "../domain/entries.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { optionalText } from "../domain/fields.js";
import { timeAmount } from "../domain/money.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import { definedOnly } from "../firm-setup/staff-service.js";
import type { WorkCode } from "../firm-setup/work-code-store.js";
import type { Db } from "../store/database.js";
import type { Counter } from "../store/count-cache.js";
import { newId } from "../store/ids.js";
import { createEntryReferences, referencesForBatch, type EntryReferences } from "./entry-references.js";
import {
  countEntries,
  deleteEntryRow,
  findTimeEntry,
  insertTimeEntries,
  replaceTimeEntry,
  selectTimeEntries,
  type EntryFilter,
  type EntrySort,
  type EntryVisibility,
  type TimeEntry,
} from "./entry-store.js";

export interface TimeEntryInput {
  staff: string;
  client: string;
  project?: string | null;
  workCode: string;
  date: string;
  /** Whole minutes; rounded up to the firm's time increment. Negative for adjustments. */
  minutes: number;
  billable?: boolean;
  description?: string;
}

/** The longest single entry: one day. */
export const MAX_MINUTES = 24 * 60;

const article = (kind: "time" | "expense") => (kind === "expense" ? "an expense" : "a time");

export function assertWorkCodeKind(
  workCode: Pick<WorkCode, "code" | "kind" | "active">,
  kind: "time" | "expense",
): void {
  if (workCode.kind !== kind) {
    throw new AppError(
      "WORK_CODE_KIND_MISMATCH",
      `work code ${workCode.code} is ${article(workCode.kind)} code; ${article(kind)} entry needs ${article(kind)} work code`,
      { workCode: workCode.code, kind: workCode.kind },
    );
  }
  if (!workCode.active) throw new AppError("INACTIVE", `work code ${workCode.code} is inactive`);
}

/** Everything about an entry that follows from its references and date: checked and priced. */
export async function resolveEntryParties(
  refs: EntryReferences,
  scope: FirmScope,
  input: { staff: string; client: string; project?: string | null; workCode: string; date: string },
  kind: "time" | "expense",
) {
  const date = parseIsoDate(input.date, "entry date");
  assertAfterLockDate(date, scope.firm.lockDate);
  const staff = await refs.staff(input.staff);
  assertStaffCanRecord(staff, date);
  const client = await refs.client(input.client);
  if (client.status !== "active") throw new AppError("INACTIVE", `client ${client.code} is inactive`);
  const project = input.project ? await refs.project(client, input.project) : null;
  if (project && project.status !== "open")
    throw new AppError("INACTIVE", `project ${client.code}/${project.code} is closed`);
  const workCode = await refs.workCode(input.workCode);
  assertWorkCodeKind(workCode, kind);
  const query = {
    staffId: staff.id,
    clientId: client.id,
    projectId: project?.id ?? null,
    workCodeId: workCode.id,
    kind,
  };
  const resolved = (await refs.ratesFor(query)).resolve({ ...query, date });
  return { date, staff, client, project, workCode, resolved };
}

function checkMinutes(minutes: number, increment: number): number {
  if (!Number.isSafeInteger(minutes)) throw invalid("minutes must be a whole number");
  const rounded = roundUpToIncrement(minutes, increment);
  if (rounded === 0) throw invalid("an entry needs a non-zero duration");
  if (Math.abs(rounded) > MAX_MINUTES)
    throw invalid(`an entry may not exceed 24 hours (${rounded} minutes given)`);
  return rounded;
}

/** Builds a new draft entry, or throws the first problem with it. Reads references only. */
export async function prepareTimeEntry(
  refs: EntryReferences,
  scope: FirmScope,
  input: TimeEntryInput,
  now: string,
): Promise<TimeEntry> {
  const parties = await resolveEntryParties(refs, scope, input, "time");
  const minutes = checkMinutes(input.minutes, scope.firm.timeIncrement);
  const rate = parties.resolved.rate;
  return {
    id: newId(),
    staffId: parties.staff.id,
    clientId: parties.client.id,
    projectId: parties.project?.id ?? null,
    workCodeId: parties.workCode.id,
    date: parties.date,
    minutes,
    rate,
    rateSource: parties.resolved.source,
    amount: timeAmount(rate, minutes, scope.firm.minorDigits),
    billable: input.billable ?? parties.workCode.billable,
    description: optionalText(input.description, "description", 4000),
    status: "draft",
    reviewComment: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * One entry. `references` are the caller's when it has already resolved the entry's staff and
 * client in the same transaction (the API authorizes the placement first), so none is read twice.
 */
export async function addTimeEntry(
  db: Db,
  scope: FirmScope,
  input: TimeEntryInput,
  references?: EntryReferences,
): Promise<TimeEntry> {
  const [entry] = await addTimeEntries(db, scope, [input], undefined, references);
  return entry!;
}

/** All-or-nothing: the first bad entry stops the whole batch before anything is written. */
export async function addTimeEntries(
  db: Db,
  scope: FirmScope,
  inputs: readonly TimeEntryInput[],
  onProgress?: (done: number, total: number) => void,
  references?: EntryReferences,
): Promise<TimeEntry[]> {
  return inTransaction(db, async (tx) => {
    const refs = await referencesForBatch(tx, scope.firm.id, inputs.length, references);
    const now = nowIso(scope);
    const entries: TimeEntry[] = [];
    for (const [index, input] of inputs.entries()) {
      try {
        entries.push(await prepareTimeEntry(refs, scope, input, now));
      } catch (error) {
        if (error instanceof AppError && inputs.length > 1) {
          throw new AppError(error.code, `entry ${index + 1}: ${error.message}`, { ...error.details, index });
        }
        throw error;
      }
    }
    await insertInChunks(entries, (chunk) => insertTimeEntries(tx, scope.firm.id, chunk), onProgress);
    return entries;
  });
}

export async function insertInChunks<T>(
  rows: readonly T[],
  insert: (chunk: readonly T[]) => Promise<void>,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const CHUNK = 5_000;
  for (let start = 0; start < rows.length; start += CHUNK) {
    await insert(rows.slice(start, start + CHUNK));
    onProgress?.(Math.min(start + CHUNK, rows.length), rows.length);
  }
}

export async function getTimeEntry(db: Db, scope: FirmScope, id: string): Promise<TimeEntry> {
  const entry = await findTimeEntry(db, scope.firm.id, id);
  if (!entry) throw notFound("time entry", id);
  return entry;
}

export interface EntryListFilter {
  from?: string;
  to?: string;
  staff?: string;
  client?: string;
  project?: string;
  workCode?: string;
  status?: EntryStatus[];
  billable?: boolean;
  /** Which entries the caller may read; absent means all (the CLI acts with the file's rights). */
  visibility?: EntryVisibility;
  limit?: number;
  offset?: number;
  sort?: EntrySort;
}

/** Turns a filter by codes into a filter by ids (an unknown code is an error, not an empty list). */
export async function resolveEntryFilter(
  db: Db,
  scope: FirmScope,
  filter: EntryListFilter,
): Promise<EntryFilter> {
  const refs = createEntryReferences(db, scope.firm.id);
  const resolved: EntryFilter = {
    from: filter.from ? parseIsoDate(filter.from, "from date") : undefined,
    to: filter.to ? parseIsoDate(filter.to, "to date") : undefined,
    status: filter.status,
    billable: filter.billable,
    visibility: filter.visibility,
    limit: filter.limit,
    offset: filter.offset,
    sort: filter.sort,
  };
  if (filter.staff) resolved.staffId = (await refs.staff(filter.staff)).id;
  if (filter.client) {
    const client = await refs.client(filter.client);
    resolved.clientId = client.id;
    if (filter.project) resolved.projectId = (await refs.project(client, filter.project)).id;
  } else if (filter.project) {
    throw invalid("a project filter names its client too (--client CODE --project CODE)");
  }
  if (filter.workCode) resolved.workCodeId = (await refs.workCode(filter.workCode)).id;
  return resolved;
}

export async function listTimeEntries(
  db: Db,
  scope: FirmScope,
  filter: EntryListFilter = {},
): Promise<TimeEntry[]> {
  return selectTimeEntries(db, scope.firm.id, await resolveEntryFilter(db, scope, filter));
}

/** One page of a list, and how many entries the whole filter matches. */
export interface EntryPage<T> {
  items: T[];
  total: number;
}

export async function pageTimeEntries(
  db: Db,
  scope: FirmScope,
  filter: EntryListFilter,
  counter?: Counter,
): Promise<EntryPage<TimeEntry>> {
  const resolved = await resolveEntryFilter(db, scope, filter);
  return {
    items: await selectTimeEntries(db, scope.firm.id, resolved),
    total: await countEntries(db, scope.firm.id, "time", resolved, counter),
  };
}

export type TimeEntryPatch = Partial<TimeEntryInput>;

/**
 * Edits a draft or submitted entry. The rate is resolved again only when something that
 * decides it changes (staff, client, project, work code, date); otherwise the snapshot rate
 * stays and only the amount follows the new minutes.
 */
export async function editTimeEntry(
  db: Db,
  scope: FirmScope,
  id: string,
  patch: TimeEntryPatch,
): Promise<TimeEntry> {
  return inTransaction(db, async (tx) => {
    const current = await getTimeEntry(tx, scope, id);
    assertEditable(current, scope.firm.lockDate);
    const changes = definedOnly(patch);
    const refs = createEntryReferences(tx, scope.firm.id);
    const merged: TimeEntryInput = {
      staff: current.staffId,
      client: current.clientId,
      project: current.projectId,
      workCode: current.workCodeId,
      date: current.date,
      minutes: current.minutes,
      // Billable defaults from the work code: a new work code brings its own.
      billable: "workCode" in changes ? undefined : current.billable,
      description: current.description,
      ...changes,
    };
    if (changes.client !== undefined && patch.project === undefined) merged.project = null;
    const fresh = await prepareTimeEntry(refs, scope, merged, nowIso(scope));
    const repriced = ["staff", "client", "project", "workCode", "date"].some((key) => key in changes);
    // Stored minutes were rounded to the increment of their day; only new minutes are rounded
    // (to today's increment), so an unrelated edit never changes the duration.
    const minutes = changes.minutes !== undefined ? fresh.minutes : current.minutes;
    const rate = repriced ? fresh.rate : current.rate;
    const next: TimeEntry = {
      ...fresh,
      id: current.id,
      status: current.status,
      reviewComment: current.reviewComment,
      createdAt: current.createdAt,
      minutes,
      rate,
      rateSource: repriced ? fresh.rateSource : current.rateSource,
      amount: timeAmount(rate, minutes, scope.firm.minorDigits),
    };
    await replaceTimeEntry(tx, scope.firm.id, next);
    return next;
  });
}

export async function deleteTimeEntry(db: Db, scope: FirmScope, id: string): Promise<TimeEntry> {
  return inTransaction(db, async (tx) => {
    const entry = await getTimeEntry(tx, scope, id);
    assertEditable(entry, scope.firm.lockDate);
    await deleteEntryRow(tx, scope.firm.id, "time", entry.id);
    return entry;
  });
}
