/**
 * Every query on the accounting connector's tables (migration 0013 states their rules). Every
 * query names its firm: a firm's runs, links and tokens are never reachable from another's.
 */
import { sql, type Selectable } from "kysely";
import type { Db } from "../store/database.js";
import { newId } from "../store/ids.js";
import { inTransaction } from "../store/transaction.js";
import { forgetBooks } from "./books-mirror-store.js";
import type {
  AccountingExternalKind,
  AccountingLinkTable,
  AccountingLocalKind,
  AccountingRunKind,
  AccountingRunStatus,
  AccountingSettingTable,
  AccountingTarget as TargetName,
} from "../store/tables.js";

// ---- settings -------------------------------------------------------------------------------

export interface AccountingSettings {
  target: TargetName;
  relationship: "jobs" | "items";
  leads: { employees: Lead; customers: Lead; vendors: Lead };
  expenseAccountId: string | null;
  schedule: "off" | "nightly";
  /** The hour (UTC) of the nightly run. */
  scheduleHour: number;
  updatedAt: string | null;
}
export type Lead = "firmtime" | "accounting";

export const DEFAULT_SETTINGS: AccountingSettings = {
  target: "qbo",
  relationship: "jobs",
  leads: { employees: "firmtime", customers: "firmtime", vendors: "firmtime" },
  expenseAccountId: null,
  schedule: "nightly",
  scheduleHour: 2,
  updatedAt: null,
};

const settingsOf = (row: Selectable<AccountingSettingTable>): AccountingSettings => ({
  target: row.target,
  relationship: row.relationship,
  leads: { employees: row.employees_lead, customers: row.customers_lead, vendors: row.vendors_lead },
  expenseAccountId: row.expense_account_id,
  schedule: row.schedule,
  scheduleHour: row.schedule_hour,
  updatedAt: row.updated_at,
});

export async function findSettings(db: Db, firmId: string): Promise<AccountingSettings> {
  const row = await db
    .selectFrom("accounting_setting")
    .selectAll()
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return row ? settingsOf(row) : DEFAULT_SETTINGS;
}

export async function saveSettings(
  db: Db,
  firmId: string,
  settings: Omit<AccountingSettings, "updatedAt">,
  now: string,
  userId: string | null,
): Promise<void> {
  const values = {
    target: settings.target,
    relationship: settings.relationship,
    employees_lead: settings.leads.employees,
    customers_lead: settings.leads.customers,
    vendors_lead: settings.leads.vendors,
    expense_account_id: settings.expenseAccountId,
    schedule: settings.schedule,
    schedule_hour: settings.scheduleHour,
    updated_at: now,
    updated_by: userId,
  };
  await db
    .insertInto("accounting_setting")
    .values({ firm_id: firmId, ...values })
    .onConflict((oc) => oc.column("firm_id").doUpdateSet(values))
    .execute();
}

/** Staff who are vendors in the books (contractors); everyone else is an employee. */
export async function selectVendorStaffIds(db: Db, firmId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("accounting_worker")
    .select("staff_id")
    .where("firm_id", "=", firmId)
    .where("kind", "=", "vendor")
    .execute();
  return new Set(rows.map((row) => row.staff_id));
}

export async function setWorkerKind(
  db: Db,
  firmId: string,
  staffId: string,
  kind: "employee" | "vendor",
): Promise<void> {
  await db
    .insertInto("accounting_worker")
    .values({ firm_id: firmId, staff_id: staffId, kind })
    .onConflict((oc) => oc.columns(["firm_id", "staff_id"]).doUpdateSet({ kind }))
    .execute();
}

/** Expense account per expense work code (the target's account id). */
export async function selectExpenseAccounts(db: Db, firmId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("accounting_expense_account")
    .select(["work_code_id", "account_id"])
    .where("firm_id", "=", firmId)
    .execute();
  return new Map(rows.map((row) => [row.work_code_id, row.account_id]));
}

export async function setExpenseAccount(
  db: Db,
  firmId: string,
  workCodeId: string,
  accountId: string | null,
): Promise<void> {
  if (accountId === null) {
    await db
      .deleteFrom("accounting_expense_account")
      .where("firm_id", "=", firmId)
      .where("work_code_id", "=", workCodeId)
      .execute();
    return;
  }
  await db
    .insertInto("accounting_expense_account")
    .values({ firm_id: firmId, work_code_id: workCodeId, account_id: accountId })
    .onConflict((oc) => oc.columns(["firm_id", "work_code_id"]).doUpdateSet({ account_id: accountId }))
    .execute();
}

// ---- connection -----------------------------------------------------------------------------

export interface AccountingConnection {
  state: "connecting" | "connected" | "reconnect";
  realmId: string | null;
  tokens: StoredTokens | null;
  oauthState: string | null;
  oauthStateExpiresAt: string | null;
  connectedBy: string | null;
  connectedAt: string | null;
  lastError: string | null;
  updatedAt: string;
}

/** As stored: the two tokens sealed (qbo/token-seal.ts), the times in the clear. */
export interface StoredTokens {
  accessToken: string;
  accessExpiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

export async function findConnection(db: Db, firmId: string): Promise<AccountingConnection | undefined> {
  const row = await db
    .selectFrom("accounting_connection")
    .selectAll()
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  if (!row) return undefined;
  const tokens =
    row.access_token && row.refresh_token && row.access_expires_at && row.refresh_expires_at
      ? {
          accessToken: row.access_token,
          accessExpiresAt: row.access_expires_at,
          refreshToken: row.refresh_token,
          refreshExpiresAt: row.refresh_expires_at,
        }
      : null;
  return {
    state: row.state,
    realmId: row.realm_id,
    tokens,
    oauthState: row.oauth_state,
    oauthStateExpiresAt: row.oauth_state_expires_at,
    connectedBy: row.connected_by,
    connectedAt: row.connected_at,
    lastError: row.last_error,
    updatedAt: row.updated_at,
  };
}

/** A connect started: the anti-forgery state the callback must bring back. */
export async function beginConnect(
  db: Db,
  firmId: string,
  oauthState: string,
  expiresAt: string,
  now: string,
): Promise<void> {
  const values = { oauth_state: oauthState, oauth_state_expires_at: expiresAt, updated_at: now };
  await db
    .insertInto("accounting_connection")
    .values({ firm_id: firmId, target: "qbo", state: "connecting", ...values })
    .onConflict((oc) => oc.column("firm_id").doUpdateSet(values))
    .execute();
}

/** The callback's tokens, in one statement: the connection is whole or unchanged. */
export async function completeConnect(
  db: Db,
  firmId: string,
  realmId: string,
  tokens: StoredTokens,
  userId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable("accounting_connection")
    .set({
      state: "connected",
      realm_id: realmId,
      access_token: tokens.accessToken,
      access_expires_at: tokens.accessExpiresAt,
      refresh_token: tokens.refreshToken,
      refresh_expires_at: tokens.refreshExpiresAt,
      oauth_state: null,
      oauth_state_expires_at: null,
      connected_by: userId,
      connected_at: now,
      last_error: null,
      updated_at: now,
    })
    .where("firm_id", "=", firmId)
    .execute();
}

/**
 * The newest tokens, written before the connector uses them (a rotated refresh token that was
 * used but not stored would lose the connection for good). One UPDATE: atomic on both engines.
 */
export async function saveTokens(db: Db, firmId: string, tokens: StoredTokens, now: string): Promise<void> {
  await db
    .updateTable("accounting_connection")
    .set({
      access_token: tokens.accessToken,
      access_expires_at: tokens.accessExpiresAt,
      refresh_token: tokens.refreshToken,
      refresh_expires_at: tokens.refreshExpiresAt,
      updated_at: now,
    })
    .where("firm_id", "=", firmId)
    .execute();
}

export async function markReconnect(db: Db, firmId: string, reason: string, now: string): Promise<void> {
  await db
    .updateTable("accounting_connection")
    .set({ state: "reconnect", last_error: reason, updated_at: now })
    .where("firm_id", "=", firmId)
    .execute();
}

/** Forgets the tokens and what was read from the books (links and history stay). */
export async function deleteConnection(db: Db, firmId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.deleteFrom("accounting_connection").where("firm_id", "=", firmId).execute();
    await forgetBooks(tx, firmId);
  });
}

// ---- links ----------------------------------------------------------------------------------

export interface AccountingLink {
  localKind: AccountingLocalKind;
  localId: string;
  externalKind: AccountingExternalKind;
  externalId: string;
  externalVersion: string | null;
  localName: string;
  externalName: string;
  linkedAt: string;
  syncedAt: string;
}

const linkOf = (row: Selectable<AccountingLinkTable>): AccountingLink => ({
  localKind: row.local_kind,
  localId: row.local_id,
  externalKind: row.external_kind,
  externalId: row.external_id,
  externalVersion: row.external_version,
  localName: row.local_name,
  externalName: row.external_name,
  linkedAt: row.linked_at,
  syncedAt: row.synced_at,
});

export async function selectLinks(
  db: Db,
  firmId: string,
  target: TargetName,
  localKind?: AccountingLocalKind,
): Promise<AccountingLink[]> {
  const rows = await db
    .selectFrom("accounting_link")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("target", "=", target)
    .$if(localKind !== undefined, (query) => query.where("local_kind", "=", localKind!))
    .orderBy("local_kind")
    .orderBy("local_id")
    .execute();
  return rows.map(linkOf);
}

export async function upsertLink(
  db: Db,
  firmId: string,
  target: TargetName,
  link: Omit<AccountingLink, "linkedAt" | "syncedAt">,
  now: string,
): Promise<void> {
  const values = {
    external_kind: link.externalKind,
    external_id: link.externalId,
    external_version: link.externalVersion,
    local_name: link.localName,
    external_name: link.externalName,
    synced_at: now,
  };
  await db
    .insertInto("accounting_link")
    .values({
      firm_id: firmId,
      target,
      local_kind: link.localKind,
      local_id: link.localId,
      linked_at: now,
      ...values,
    })
    .onConflict((oc) => oc.columns(["firm_id", "target", "local_kind", "local_id"]).doUpdateSet(values))
    .execute();
}

export async function deleteLink(
  db: Db,
  firmId: string,
  target: TargetName,
  localKind: AccountingLocalKind,
  localId: string,
): Promise<void> {
  await db
    .deleteFrom("accounting_link")
    .where("firm_id", "=", firmId)
    .where("target", "=", target)
    .where("local_kind", "=", localKind)
    .where("local_id", "=", localId)
    .execute();
}

// ---- runs -----------------------------------------------------------------------------------

export interface AccountingRun {
  id: string;
  kind: AccountingRunKind;
  target: TargetName;
  requestedBy: string | null;
  scheduled: boolean;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  status: AccountingRunStatus;
  phase: string | null;
  progress: { done: number; total: number };
  options: RunOptions;
  summary: Record<string, number> | null;
  error: string | null;
  file: { key: string; name: string } | null;
  jobId: string | null;
}

export interface RunOptions {
  /** Exports: write entries already exported again. */
  again?: boolean;
  /** Exports: which file. */
  format?: "iif" | "hledger";
}

type RunRow = Selectable<import("../store/tables.js").AccountingRunTable>;

const runOf = (row: RunRow): AccountingRun => ({
  id: row.id,
  kind: row.kind,
  target: row.target,
  requestedBy: row.requested_by,
  scheduled: Number(row.scheduled) === 1,
  requestedAt: row.requested_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  status: row.status,
  phase: row.phase,
  progress: { done: Number(row.progress_done), total: Number(row.progress_total) },
  options: JSON.parse(row.options) as RunOptions,
  summary: row.summary ? (JSON.parse(row.summary) as Record<string, number>) : null,
  error: row.error,
  file: row.file_key && row.file_name ? { key: row.file_key, name: row.file_name } : null,
  jobId: row.job_id,
});

export async function insertRun(
  db: Db,
  firmId: string,
  run: {
    kind: AccountingRunKind;
    target: TargetName;
    requestedBy: string | null;
    scheduled: boolean;
    options: RunOptions;
    jobId: string | null;
  },
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("accounting_run")
    .values({
      id,
      firm_id: firmId,
      kind: run.kind,
      target: run.target,
      requested_by: run.requestedBy,
      scheduled: run.scheduled ? 1 : 0,
      requested_at: now,
      status: "queued",
      options: JSON.stringify(run.options),
      job_id: run.jobId,
    })
    .execute();
  return id;
}

export async function findRun(db: Db, firmId: string, runId: string): Promise<AccountingRun | undefined> {
  const row = await db
    .selectFrom("accounting_run")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", runId)
    .executeTakeFirst();
  return row && runOf(row);
}

/** Newest first, `limit` at a time, before a run id (keyset paging). */
export async function selectRuns(
  db: Db,
  firmId: string,
  page: { limit: number; before?: { requestedAt: string; id: string } },
): Promise<AccountingRun[]> {
  const rows = await db
    .selectFrom("accounting_run")
    .selectAll()
    .where("firm_id", "=", firmId)
    .$if(page.before !== undefined, (query) =>
      query.where((eb) =>
        eb.or([
          eb("requested_at", "<", page.before!.requestedAt),
          eb.and([eb("requested_at", "=", page.before!.requestedAt), eb("id", "<", page.before!.id)]),
        ]),
      ),
    )
    .orderBy("requested_at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit)
    .execute();
  return rows.map(runOf);
}

/** The last run of a kind that finished well: where "only what changed since" starts. */
export async function findLastDoneRun(
  db: Db,
  firmId: string,
  kind: AccountingRunKind,
  target: TargetName,
): Promise<AccountingRun | undefined> {
  const row = await db
    .selectFrom("accounting_run")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("kind", "=", kind)
    .where("target", "=", target)
    .where("status", "=", "done")
    .orderBy("started_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && runOf(row);
}

export async function updateRun(
  db: Db,
  firmId: string,
  runId: string,
  patch: Partial<{
    status: AccountingRunStatus;
    startedAt: string;
    finishedAt: string;
    phase: string | null;
    progress: { done: number; total: number };
    summary: Record<string, number>;
    error: string | null;
    file: { key: string; name: string };
    jobId: string;
  }>,
): Promise<void> {
  await db
    .updateTable("accounting_run")
    .set({
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.startedAt !== undefined && { started_at: patch.startedAt }),
      ...(patch.finishedAt !== undefined && { finished_at: patch.finishedAt }),
      ...(patch.phase !== undefined && { phase: patch.phase }),
      ...(patch.progress !== undefined && {
        progress_done: patch.progress.done,
        progress_total: patch.progress.total,
      }),
      ...(patch.summary !== undefined && { summary: JSON.stringify(patch.summary) }),
      ...(patch.error !== undefined && { error: patch.error }),
      ...(patch.file !== undefined && { file_key: patch.file.key, file_name: patch.file.name }),
      ...(patch.jobId !== undefined && { job_id: patch.jobId }),
    })
    .where("firm_id", "=", firmId)
    .where("id", "=", runId)
    .execute();
}

export interface RunItem {
  seq: number;
  phase: string;
  outcome: string;
  localKind: string | null;
  localId: string | null;
  externalId: string | null;
  name: string;
  message: string;
  createdAt: string;
}

export type RunItemDraft = Omit<RunItem, "seq" | "createdAt">;

/** Appends items after the run's last one (a resumed run continues the numbering). */
export async function insertRunItems(
  db: Db,
  firmId: string,
  runId: string,
  items: readonly RunItemDraft[],
  now: string,
): Promise<void> {
  if (items.length === 0) return;
  const last = await db
    .selectFrom("accounting_run_item")
    .select(sql<number>`coalesce(max(seq), 0)`.as("seq"))
    .where("firm_id", "=", firmId)
    .where("run_id", "=", runId)
    .executeTakeFirstOrThrow();
  const first = Number(last.seq) + 1;
  // Bounded chunks: SQLite takes at most 32,766 parameters per statement.
  for (let start = 0; start < items.length; start += 500) {
    await db
      .insertInto("accounting_run_item")
      .values(
        items.slice(start, start + 500).map((item, index) => ({
          id: newId(),
          firm_id: firmId,
          run_id: runId,
          seq: first + start + index,
          phase: item.phase,
          outcome: item.outcome,
          local_kind: item.localKind,
          local_id: item.localId,
          external_id: item.externalId,
          name: item.name,
          message: item.message,
          created_at: now,
        })),
      )
      .execute();
  }
}

export async function selectRunItems(
  db: Db,
  firmId: string,
  runId: string,
  page: { limit: number; afterSeq?: number; outcome?: string },
): Promise<RunItem[]> {
  const rows = await db
    .selectFrom("accounting_run_item")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("run_id", "=", runId)
    .$if(page.afterSeq !== undefined, (query) => query.where("seq", ">", page.afterSeq!))
    .$if(page.outcome !== undefined, (query) => query.where("outcome", "=", page.outcome!))
    .orderBy("seq")
    .limit(page.limit)
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    phase: row.phase,
    outcome: row.outcome,
    localKind: row.local_kind,
    localId: row.local_id,
    externalId: row.external_id,
    name: row.name,
    message: row.message,
    createdAt: row.created_at,
  }));
}

/** Counts of a run's items by phase and outcome ("time.posted": 120). */
export async function countRunItems(db: Db, firmId: string, runId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("accounting_run_item")
    .select(["phase", "outcome", sql<number>`count(*)`.as("n")])
    .where("firm_id", "=", firmId)
    .where("run_id", "=", runId)
    .groupBy(["phase", "outcome"])
    .execute();
  return Object.fromEntries(rows.map((row) => [`${row.phase}.${row.outcome}`, Number(row.n)]));
}

// ---- posting batches ------------------------------------------------------------------------

export type EntryKind = "time" | "expense";

export interface PendingBatch {
  id: string;
  entryKind: EntryKind;
  entryIds: string[];
}

/** Records a batch and its entries as pending, before it is sent. */
export async function insertBatch(
  db: Db,
  firmId: string,
  target: string,
  runId: string,
  entryKind: EntryKind,
  entryIds: readonly string[],
  now: string,
): Promise<string> {
  // Short enough for QBO's batch requestid (36 characters): a UUID is exactly 36.
  const id = newId();
  await db
    .insertInto("accounting_batch")
    .values({
      id,
      firm_id: firmId,
      target,
      entry_kind: entryKind,
      run_id: runId,
      state: "pending",
      created_at: now,
    })
    .execute();
  await db
    .insertInto("accounting_posting")
    .values(
      entryIds.map((entryId) => ({
        firm_id: firmId,
        target,
        entry_kind: entryKind,
        entry_id: entryId,
        batch_id: id,
        state: "pending" as const,
      })),
    )
    .execute();
  return id;
}

export async function selectPendingBatches(db: Db, firmId: string, target: string): Promise<PendingBatch[]> {
  const batches = await db
    .selectFrom("accounting_batch")
    .select(["id", "entry_kind"])
    .where("firm_id", "=", firmId)
    .where("target", "=", target)
    .where("state", "=", "pending")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const result: PendingBatch[] = [];
  for (const batch of batches) {
    const postings = await db
      .selectFrom("accounting_posting")
      .select("entry_id")
      .where("firm_id", "=", firmId)
      .where("batch_id", "=", batch.id)
      .orderBy("entry_id")
      .execute();
    result.push({ id: batch.id, entryKind: batch.entry_kind, entryIds: postings.map((row) => row.entry_id) });
  }
  return result;
}

export interface PostingOutcome {
  entryId: string;
  externalId: string | null;
  /** Why the target refused it; null when posted. */
  refusal: string | null;
}

export async function finishBatch(
  db: Db,
  firmId: string,
  batchId: string,
  outcomes: readonly PostingOutcome[],
  now: string,
): Promise<void> {
  for (const outcome of outcomes) {
    await db
      .updateTable("accounting_posting")
      .set({
        state: outcome.refusal === null ? "posted" : "refused",
        external_id: outcome.externalId,
        message: outcome.refusal,
        posted_at: outcome.refusal === null ? now : null,
      })
      .where("firm_id", "=", firmId)
      .where("batch_id", "=", batchId)
      .where("entry_id", "=", outcome.entryId)
      .execute();
  }
  await db
    .updateTable("accounting_batch")
    .set({ state: "sent", sent_at: now })
    .where("firm_id", "=", firmId)
    .where("id", "=", batchId)
    .execute();
}

/**
 * Refused postings are forgotten at the start of a run so the entries are tried again (in a new
 * batch, under a new key: the target refused them, so nothing of theirs was written).
 */
export async function forgetRefusedPostings(db: Db, firmId: string, target: string): Promise<void> {
  await db
    .deleteFrom("accounting_posting")
    .where("firm_id", "=", firmId)
    .where("target", "=", target)
    .where("state", "=", "refused")
    .execute();
}

// ---- exports --------------------------------------------------------------------------------

export async function selectExportedIds(
  db: Db,
  firmId: string,
  format: "iif" | "hledger",
  entryKind: EntryKind,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("accounting_export")
    .select("entry_id")
    .where("firm_id", "=", firmId)
    .where("format", "=", format)
    .where("entry_kind", "=", entryKind)
    .execute();
  return new Set(rows.map((row) => row.entry_id));
}

export async function recordExported(
  db: Db,
  firmId: string,
  format: "iif" | "hledger",
  entryKind: EntryKind,
  entryIds: readonly string[],
  runId: string,
  now: string,
): Promise<void> {
  for (let start = 0; start < entryIds.length; start += 500) {
    const values = entryIds.slice(start, start + 500).map((entryId) => ({
      firm_id: firmId,
      format,
      entry_kind: entryKind,
      entry_id: entryId,
      run_id: runId,
      exported_at: now,
    }));
    await db
      .insertInto("accounting_export")
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(["firm_id", "format", "entry_kind", "entry_id"])
          .doUpdateSet({ run_id: runId, exported_at: now }),
      )
      .execute();
  }
}

// ---- the firm's connector lease ------------------------------------------------------------

/**
 * Takes or keeps the firm's lease for `holder` until `until`: true when this holder has it now.
 * One statement on both engines: an insert, or an update that only succeeds for the same holder
 * or over an expired lease, so two connectors never both hold a firm.
 */
export async function acquireFirmLease(
  db: Db,
  firmId: string,
  holder: string,
  until: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .insertInto("accounting_firm_lease")
    .values({ firm_id: firmId, holder, lease_until: until, updated_at: now })
    .onConflict((oc) =>
      oc
        .column("firm_id")
        .doUpdateSet({ holder, lease_until: until, updated_at: now })
        .where((eb) =>
          eb.or([
            eb("accounting_firm_lease.holder", "=", holder),
            eb("accounting_firm_lease.lease_until", "<", now),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function releaseFirmLease(db: Db, firmId: string, holder: string): Promise<void> {
  await db
    .deleteFrom("accounting_firm_lease")
    .where("firm_id", "=", firmId)
    .where("holder", "=", holder)
    .execute();
}

/** Firms with connector jobs due now: the ones a connector should try to hold. */
export async function selectFirmsWithDueJobs(db: Db, kindPrefix: string, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom("job")
    .select("firm_id")
    .distinct()
    .where("kind", "like", `${kindPrefix}%`)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("run_at", "<=", now)]),
        eb.and([eb("status", "=", "running"), eb("lease_until", "<", now)]),
      ]),
    )
    .execute();
  return rows.map((row) => row.firm_id);
}

// ---- what phase 3 may post -------------------------------------------------------------------

export interface PostableEntry {
  kind: EntryKind;
  id: string;
  staffId: string;
  clientId: string;
  projectId: string | null;
  workCodeId: string;
  date: string;
  billable: boolean;
  amount: number;
  description: string;
  /** Time only (0 for expenses). */
  minutes: number;
  rate: number;
}

/**
 * Approved entries with no posting to this target (pending batches are resent separately), in
 * date order. Billed entries are left alone: an invoice already took them.
 */
export async function selectPostableEntries(
  db: Db,
  firmId: string,
  target: string,
  kind: EntryKind,
  onlyIds?: readonly string[],
): Promise<PostableEntry[]> {
  const table = kind === "time" ? "time_entry" : "expense_entry";
  let query = db
    .selectFrom(`${table} as e` as "time_entry as e")
    .leftJoin("accounting_posting as p", (join) =>
      join
        .onRef("p.firm_id", "=", "e.firm_id")
        .onRef("p.entry_id", "=", "e.id")
        .on("p.target", "=", target)
        .on("p.entry_kind", "=", kind),
    )
    .select([
      "e.id",
      "e.staff_id",
      "e.client_id",
      "e.project_id",
      "e.work_code_id",
      "e.entry_date",
      "e.billable",
      "e.amount",
      "e.description",
    ])
    .where("e.firm_id", "=", firmId);
  if (onlyIds) {
    if (onlyIds.length === 0) return [];
    query = query.where("e.id", "in", onlyIds);
  } else {
    query = query.where("e.status", "=", "approved").where("p.entry_id", "is", null);
  }
  const rows = await query.orderBy("e.entry_date").orderBy("e.id").execute();
  const timeFields =
    kind === "time" && rows.length > 0
      ? await timeFieldsOf(
          db,
          firmId,
          rows.map((row) => row.id),
        )
      : new Map<string, { minutes: number; rate: number }>();
  return rows.map((row) => ({
    kind,
    id: row.id,
    staffId: row.staff_id,
    clientId: row.client_id,
    projectId: row.project_id,
    workCodeId: row.work_code_id,
    date: row.entry_date,
    billable: Number(row.billable) === 1,
    amount: Number(row.amount),
    description: row.description,
    minutes: timeFields.get(row.id)?.minutes ?? 0,
    rate: timeFields.get(row.id)?.rate ?? 0,
  }));
}

async function timeFieldsOf(db: Db, firmId: string, ids: string[]) {
  const result = new Map<string, { minutes: number; rate: number }>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom("time_entry")
      .select(["id", "minutes", "rate"])
      .where("firm_id", "=", firmId)
      .where("id", "in", ids.slice(start, start + 500))
      .execute();
    for (const row of rows) result.set(row.id, { minutes: Number(row.minutes), rate: Number(row.rate) });
  }
  return result;
}
