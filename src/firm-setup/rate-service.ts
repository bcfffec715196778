/**
 * Effective-dated rates at four levels (project, client, staff, work code), each optionally
 * for one work code. Setting a rate never rewrites entries (they keep their snapshot); rates
 * dated before the lock date are historical and frozen.
 */
import { inTransaction } from "../store/transaction.js";
import { parseIsoDate, todayIn } from "../domain/dates.js";
import { AppError, invalid, notFound } from "../domain/errors.js";
import { toSafeInteger } from "../domain/money.js";
import {
  createRateBook,
  rateLevels,
  rateTiming,
  type RateBook,
  type RateQuery,
  type RateScope,
} from "../domain/rates.js";
import type { Db } from "../store/database.js";
import type { PageRequest, RowPage } from "../store/list-query.js";
import { uniqueOrDuplicate } from "../store/unique.js";
import { findClient } from "./client-store.js";
import { findProject, selectProjects } from "./project-store.js";
import {
  deleteRateRow,
  findRateAt,
  findRateById,
  findRateWithOwnerById,
  insertRate,
  selectRates,
  selectRatePage,
  selectRatesForListing,
  type RatePageFilter,
  type RateSort,
  selectRatesOfTargets,
  updateRateValue,
  type Rate,
  type RateFilter,
  type RateTarget,
  type RateWithOwner,
} from "./rate-store.js";
import { nowIso, type FirmScope } from "./scope.js";
import { findStaff } from "./staff-store.js";
import { findWorkCode } from "./work-code-store.js";

export interface RateUpsert extends Partial<RateTarget> {
  scope: RateScope;
  effectiveDate: string;
  rate: number;
}

export const NEGATIVE_RATE_MESSAGE =
  "rate must be zero or more; only expense work codes carry negative (credit) rates";

/**
 * Time adjustments are negative minutes, never negative rates. Expense work codes may carry a
 * negative rate (a credit, as desktop files hold them; the cloud merges those as zero).
 */
async function checkRate(db: Db, firmId: string, rate: number, workCodeId: string | null): Promise<number> {
  if (!Number.isSafeInteger(rate)) throw invalid("rate must be a whole number of ten-thousandths");
  if (rate < 0) {
    const workCode = workCodeId ? await findWorkCode(db, firmId, workCodeId) : undefined;
    if (workCode?.kind !== "expense") throw invalid(NEGATIVE_RATE_MESSAGE);
  }
  return toSafeInteger(BigInt(rate), "rate");
}

/** Inserts or replaces the rate of one target on one date; no lock-date check (callers do it). */
export async function upsertRate(db: Db, scope: FirmScope, input: RateUpsert): Promise<Rate> {
  const target: RateTarget = {
    scope: input.scope,
    staffId: input.staffId ?? null,
    clientId: input.clientId ?? null,
    projectId: input.projectId ?? null,
    workCodeId: input.workCodeId ?? null,
  };
  const firmId = scope.firm.id;
  const rate = await checkRate(db, firmId, input.rate, target.workCodeId);
  const now = nowIso(scope);
  const existing = await findRateAt(db, firmId, target, input.effectiveDate);
  if (existing) {
    await updateRateValue(db, firmId, existing.id, rate, now);
    return { ...existing, rate, updatedAt: now };
  }
  const id = await uniqueOrDuplicate(
    () => insertRate(db, firmId, target, input.effectiveDate, rate, now),
    "a rate for this target and date already exists",
  );
  return (await findRateById(db, firmId, id))!;
}

/** A rate target named by references (ids or codes), as people and imports give them. */
export interface RateTargetRefs {
  staff?: string;
  client?: string;
  /** A project is named within its client. */
  project?: string;
  workCode?: string;
}

/**
 * The level a target names (pure, so a cloud client checks it as the file does). Most specific
 * owner wins: project, then client, then staff; a lone work code is its default.
 */
export function rateTargetScope(refs: RateTargetRefs): RateScope {
  const owners = [refs.staff, refs.client].filter(Boolean).length;
  if (owners > 1) throw invalid("a rate belongs to one of staff, client or project, not several");
  if (refs.project) {
    if (!refs.client) throw invalid("a project rate names its client too (--client CODE --project CODE)");
    return "project";
  }
  if (refs.client) return "client";
  if (refs.staff) return "staff";
  if (refs.workCode) return "work_code";
  throw invalid("name whose rate this is: --staff, --client (with --project) or --workcode");
}

export async function resolveRateTarget(db: Db, scope: FirmScope, refs: RateTargetRefs): Promise<RateTarget> {
  const firmId = scope.firm.id;
  const workCode = refs.workCode ? await findWorkCode(db, firmId, refs.workCode) : undefined;
  if (refs.workCode && !workCode) throw notFound("work code", refs.workCode);
  const workCodeId = workCode?.id ?? null;
  const level = rateTargetScope(refs);
  if (level === "project" && refs.client && refs.project) {
    const client = await findClient(db, firmId, refs.client);
    if (!client) throw notFound("client", refs.client);
    const project = await findProject(db, firmId, client.id, refs.project);
    if (!project) throw notFound("project", `${client.code}/${refs.project}`);
    return { scope: "project", staffId: null, clientId: null, projectId: project.id, workCodeId };
  }
  if (level === "client" && refs.client) {
    const client = await findClient(db, firmId, refs.client);
    if (!client) throw notFound("client", refs.client);
    return { scope: "client", staffId: null, clientId: client.id, projectId: null, workCodeId };
  }
  if (level === "staff" && refs.staff) {
    const staff = await findStaff(db, firmId, refs.staff);
    if (!staff) throw notFound("staff", refs.staff);
    return { scope: "staff", staffId: staff.id, clientId: null, projectId: null, workCodeId };
  }
  return { scope: "work_code", staffId: null, clientId: null, projectId: null, workCodeId };
}

function assertNotHistorical(scope: FirmScope, effectiveDate: string): void {
  const lockDate = scope.firm.lockDate;
  if (lockDate && effectiveDate < lockDate) {
    throw new AppError(
      "RATE_HISTORICAL",
      `rates effective before the lock date ${lockDate} are historical and cannot be changed`,
      { effectiveDate, lockDate },
    );
  }
}

export interface SetRateInput extends RateTargetRefs {
  /** Defaults to today. */
  effectiveDate?: string;
  rate: number;
}

const effectiveDateOf = (scope: FirmScope, input: SetRateInput): string =>
  input.effectiveDate ? parseIsoDate(input.effectiveDate, "effective date") : todayIn(scope.clock.now());

/** The rate setRate would replace, if any: setting a new rate and changing one are different rights. */
export async function rateToReplace(
  db: Db,
  scope: FirmScope,
  input: SetRateInput,
): Promise<Rate | undefined> {
  const target = await resolveRateTarget(db, scope, input);
  return findRateAt(db, scope.firm.id, target, effectiveDateOf(scope, input));
}

export async function setRate(db: Db, scope: FirmScope, input: SetRateInput): Promise<Rate> {
  const effectiveDate = effectiveDateOf(scope, input);
  assertNotHistorical(scope, effectiveDate);
  return inTransaction(db, async (tx) => {
    const target = await resolveRateTarget(tx, scope, input);
    return upsertRate(tx, scope, { ...target, effectiveDate, rate: input.rate });
  });
}

export async function getRate(db: Db, scope: FirmScope, id: string): Promise<ListedRate> {
  const rate = await findRateWithOwnerById(db, scope.firm.id, id.trim());
  if (!rate) throw notFound("rate", id);
  return { ...rate, timing: rateTiming(rate.effectiveDate, todayIn(scope.clock.now()), scope.firm.lockDate) };
}

export async function deleteRate(db: Db, scope: FirmScope, id: string): Promise<Rate> {
  return inTransaction(db, async (tx) => {
    const rate = await findRateById(tx, scope.firm.id, id.trim());
    if (!rate) throw notFound("rate", id);
    assertNotHistorical(scope, rate.effectiveDate);
    await deleteRateRow(tx, scope.firm.id, rate.id);
    return rate;
  });
}

export interface ListedRate extends RateWithOwner {
  timing: "historical" | "current" | "future";
}

export async function listRates(db: Db, scope: FirmScope, refs: RateTargetRefs = {}): Promise<ListedRate[]> {
  const filter: RateFilter = {};
  const firmId = scope.firm.id;
  if (refs.workCode)
    filter.workCodeId =
      (await resolveRateTarget(db, scope, { workCode: refs.workCode })).workCodeId ?? undefined;
  if (refs.staff || refs.client || refs.project) {
    const target = await resolveRateTarget(db, scope, { ...refs, workCode: undefined });
    filter.scope = target.scope;
    if (target.staffId) filter.staffId = target.staffId;
    if (target.clientId) filter.clientId = target.clientId;
    if (target.projectId) filter.projectId = target.projectId;
  }
  const today = todayIn(scope.clock.now());
  const rates = await selectRatesForListing(db, firmId, filter);
  return rates.map((rate) => ({
    ...rate,
    timing: rateTiming(rate.effectiveDate, today, scope.firm.lockDate),
  }));
}

/** All of the firm's rates, indexed for resolving many entries. */
export async function loadRateBook(db: Db, firmId: string): Promise<RateBook> {
  return createRateBook(await selectRates(db, firmId));
}

/**
 * The rates one entry can take (its targets' histories, by the rate table's target index):
 * what a single create or edit needs, instead of the whole firm's rates.
 */
export async function loadRateBookFor(
  db: Db,
  firmId: string,
  query: Omit<RateQuery, "date">,
): Promise<RateBook> {
  const keys = rateLevels(query).map(([, key]) => key);
  return createRateBook(await selectRatesOfTargets(db, firmId, keys));
}

export interface RateFilterIds {
  scope?: RateScope;
  staffId?: string;
  clientId?: string;
  projectId?: string;
  workCodeId?: string;
}

/** One page of the rates a filter matches (its ids already checked to exist in the firm), in SQL. */
export async function listRatePage(
  db: Db,
  scope: FirmScope,
  filter: RatePageFilter,
  page: PageRequest<RateSort>,
): Promise<RowPage<ListedRate>> {
  const today = todayIn(scope.clock.now());
  const found = await selectRatePage(db, scope.firm.id, filter, page);
  return {
    total: found.total,
    items: found.items.map((rate) => ({
      ...rate,
      timing: rateTiming(rate.effectiveDate, today, scope.firm.lockDate),
    })),
  };
}

/**
 * The client entity each client or project rate belongs to (by rate id): those rates are
 * entity content, read and changed with rights on that client. Staff and work code rates have none.
 */
export async function rateEntityIds(
  db: Db,
  scope: FirmScope,
  rates: readonly Rate[],
): Promise<Map<string, string>> {
  const entities = new Map<string, string>();
  const projectRates = rates.filter((rate) => rate.scope === "project");
  const projectClients = new Map<string, string>();
  if (projectRates.length > 0) {
    for (const project of await selectProjects(db, scope.firm.id))
      projectClients.set(project.id, project.clientId);
  }
  for (const rate of rates) {
    const entityId = rate.scope === "client" ? rate.clientId : projectClients.get(rate.projectId ?? "");
    if (entityId) entities.set(rate.id, entityId);
  }
  return entities;
}
