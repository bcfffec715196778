/**
 * Phase 3: time and expenses, only from firmtime to the books, each entry exactly once.
 *
 * Exactly once, whatever crashes or lost answers:
 * 1. A batch and its entries are written as pending (one transaction) before the batch is sent;
 *    the batch's id is the target's idempotency key (QBO requestid).
 * 2. The answer is stored, and the posted entries marked transferred, in one transaction.
 * 3. A run first resends every batch still pending (the previous run died between 1 and 2)
 *    under the same key: the target replays its stored answer instead of posting again.
 * Entries already in a batch are never put in another, so a second run posts nothing new.
 *
 * Entries that cannot go yet (a staff member, customer, job, item or expense account without a
 * counterpart) wait, listed with what is missing; negative entries are skipped with a warning.
 */
import { inTransaction } from "../../store/transaction.js";
import { selectClients } from "../../firm-setup/client-store.js";
import { selectStaff } from "../../firm-setup/staff-store.js";
import { setEntryStatus } from "../../time-expense/status-service.js";
import {
  finishBatch,
  forgetRefusedPostings,
  insertBatch,
  selectExpenseAccounts,
  selectLinks,
  selectPendingBatches,
  selectPostableEntries,
  selectVendorStaffIds,
  type AccountingLink,
  type EntryKind,
  type PostableEntry,
  type RunItemDraft,
} from "../accounting-store.js";
import type { ExpensePosting, PostingResult, TimePosting } from "../target.js";
import type { RunContext } from "./run-context.js";

interface Counterparts {
  links: Map<string, AccountingLink>;
  vendors: Set<string>;
  expenseAccounts: Map<string, string>;
  /** Staff members' and clients' names by id, for run items a person can recognise. */
  names: Map<string, string>;
}

type Resolved = { ready: true; posting: TimePosting | ExpensePosting } | { ready: false; missing: string[] };

const KIND_NAME: Record<EntryKind, string> = { time: "time entry", expense: "expense" };

async function loadCounterparts(ctx: RunContext): Promise<Counterparts> {
  const firmId = ctx.scope.firm.id;
  const links = await selectLinks(ctx.db, firmId, ctx.targetName);
  return {
    links: new Map(links.map((link) => [`${link.localKind}:${link.localId}`, link])),
    vendors: await selectVendorStaffIds(ctx.db, firmId),
    expenseAccounts: await selectExpenseAccounts(ctx.db, firmId),
    names: new Map([
      ...(await selectStaff(ctx.db, firmId)).map(
        (member) => [member.id, `${member.firstName} ${member.lastName}`] as const,
      ),
      ...(await selectClients(ctx.db, firmId)).map((client) => [client.id, client.name] as const),
    ]),
  };
}

/** "Time entry of 2026-03-04, Ann Lee for Acme Ltd": what a run item says the entry was. */
function entryName(parts: Counterparts, entry: PostableEntry): string {
  const kind = KIND_NAME[entry.kind];
  const who = parts.names.get(entry.staffId) ?? "a former staff member";
  const client = parts.names.get(entry.clientId) ?? "a removed client";
  return `${kind[0]!.toUpperCase()}${kind.slice(1)} of ${entry.date}, ${who} for ${client}`;
}

/** The entry as the target needs it, or what it still lacks there. */
export function resolveEntry(ctx: RunContext, parts: Counterparts, entry: PostableEntry): Resolved {
  const missing: string[] = [];
  const link = (kind: string, id: string | null) => (id ? parts.links.get(`${kind}:${id}`) : undefined);
  const workerKind = parts.vendors.has(entry.staffId) ? "vendor" : "employee";
  const worker = link("staff", entry.staffId);
  if (!worker) missing.push(`the staff member has no ${workerKind} in the books`);
  else if (worker.externalKind !== workerKind)
    missing.push(`the staff member is linked to a ${worker.externalKind} but set up as a ${workerKind}`);
  const asJobs = ctx.settings.relationship === "jobs";
  const customer =
    asJobs && entry.projectId ? link("project", entry.projectId) : link("client", entry.clientId);
  if (!customer)
    missing.push(
      asJobs && entry.projectId
        ? "the project has no job in the books"
        : "the client has no customer in the books",
    );
  let itemId: string | null = null;
  if (entry.kind === "time") {
    const item = asJobs ? link("work_code", entry.workCodeId) : link("project", entry.projectId);
    if (asJobs && !item) missing.push("the work code has no item in the books");
    if (!asJobs && entry.projectId && !item) missing.push("the project has no item in the books");
    itemId = item?.externalId ?? null;
  }
  const account =
    entry.kind === "expense"
      ? (parts.expenseAccounts.get(entry.workCodeId) ?? ctx.settings.expenseAccountId)
      : null;
  if (entry.kind === "expense" && !account) missing.push("no expense account is set for its work code");
  if (missing.length > 0 || !worker || !customer) return { ready: false, missing };
  const common = {
    transferId: entry.id,
    date: entry.date,
    billable: entry.billable,
    description: entry.description,
  };
  if (entry.kind === "time") {
    return {
      ready: true,
      posting: {
        ...common,
        workerKind,
        workerExternalId: worker.externalId,
        customerExternalId: customer.externalId,
        itemExternalId: itemId,
        minutes: entry.minutes,
        rate: entry.rate,
        amount: entry.amount,
      } satisfies TimePosting,
    };
  }
  return {
    ready: true,
    posting: {
      ...common,
      payeeKind: workerKind,
      payeeExternalId: worker.externalId,
      customerExternalId: customer.externalId,
      accountExternalId: account!,
      amount: entry.amount,
    } satisfies ExpensePosting,
  };
}

const isNegative = (entry: PostableEntry) => entry.amount < 0 || entry.minutes < 0;

/** Sends one recorded batch and stores its answer with the entries' new status. */
async function sendBatch(
  ctx: RunContext,
  batchId: string,
  kind: EntryKind,
  postings: (TimePosting | ExpensePosting)[],
  names: ReadonlyMap<string, string>,
  entryIds: readonly string[] = postings.map((posting) => posting.transferId),
): Promise<{ posted: number; refused: number }> {
  const results: PostingResult[] =
    kind === "time"
      ? await ctx.target.postTime(batchId, postings as TimePosting[])
      : await ctx.target.postExpenses(batchId, postings as ExpensePosting[]);
  const byId = new Map(results.map((result) => [result.transferId, result]));
  // Every entry recorded in the batch gets an outcome, so none stays pending for ever; one with
  // no answer is refused for now and tried again, in a new batch, by the next run.
  const outcomes = entryIds.map((entryId) => {
    const result = byId.get(entryId);
    if (!result) return { entryId, externalId: null, refusal: "the books gave no answer for it" };
    return result.ok
      ? { entryId, externalId: result.externalId, refusal: null, warning: result.warning }
      : { entryId, externalId: null, refusal: result.message };
  });
  const posted = outcomes.filter((outcome) => outcome.refusal === null);
  const now = ctx.scope.clock.now().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await finishBatch(tx, ctx.scope.firm.id, batchId, outcomes, now);
    const ids = posted.map((outcome) => outcome.entryId);
    if (ids.length > 0)
      await setEntryStatus(tx, { ...ctx.scope, actor: "accounting connector" }, kind, ids, "transferred");
  });
  await ctx.report(
    outcomes.map((outcome): RunItemDraft => ({
      phase: kind,
      // Posted, but stored otherwise than sent: its own outcome, so the few are easy to find.
      outcome:
        outcome.refusal !== null
          ? "refused"
          : "warning" in outcome && outcome.warning
            ? "posted_differs"
            : "posted",
      localKind: `${kind}_entry`,
      localId: outcome.entryId,
      externalId: outcome.externalId,
      name: names.get(outcome.entryId) ?? KIND_NAME[kind],
      message:
        outcome.refusal !== null
          ? `refused by the books: ${outcome.refusal}`
          : "warning" in outcome && outcome.warning
            ? `posted, but ${outcome.warning}: correct it in the books`
            : "posted",
    })),
  );
  return { posted: posted.length, refused: outcomes.length - posted.length };
}

/** Resends the batches a previous run recorded but did not finish, under their own keys. */
async function resendPending(ctx: RunContext, parts: Counterparts): Promise<void> {
  const firmId = ctx.scope.firm.id;
  for (const batch of await selectPendingBatches(ctx.db, firmId, ctx.targetName)) {
    await ctx.checkpoint();
    const entries = await selectPostableEntries(
      ctx.db,
      firmId,
      ctx.targetName,
      batch.entryKind,
      batch.entryIds,
    );
    const postings = entries.flatMap((entry) => {
      const resolved = resolveEntry(ctx, parts, entry);
      return resolved.ready ? [resolved.posting] : [];
    });
    const names = new Map(entries.map((entry) => [entry.id, entryName(parts, entry)]));
    // The same key with what can still be resolved: the target answers from its record of the
    // first send; an entry whose link went meanwhile gets no answer and is tried again later.
    await sendBatch(ctx, batch.id, batch.entryKind, postings, names, batch.entryIds);
  }
}

export interface PostingSummary {
  posted: number;
  refused: number;
  waiting: number;
  skipped: number;
}

export async function postEntries(ctx: RunContext): Promise<PostingSummary> {
  const firmId = ctx.scope.firm.id;
  const summary: PostingSummary = { posted: 0, refused: 0, waiting: 0, skipped: 0 };
  await forgetRefusedPostings(ctx.db, firmId, ctx.targetName);
  const parts = await loadCounterparts(ctx);
  await resendPending(ctx, parts);
  for (const kind of ["time", "expense"] as const) {
    const entries = await selectPostableEntries(ctx.db, firmId, ctx.targetName, kind);
    const ready: (TimePosting | ExpensePosting)[] = [];
    const notes: RunItemDraft[] = [];
    const names = new Map(entries.map((entry) => [entry.id, entryName(parts, entry)]));
    for (const entry of entries) {
      if (isNegative(entry)) {
        summary.skipped += 1;
        notes.push({
          phase: kind,
          outcome: "skipped",
          localKind: `${kind}_entry`,
          localId: entry.id,
          externalId: null,
          name: names.get(entry.id)!,
          message: "skipped: a negative entry is not sent to the books; record the correction there",
        });
        continue;
      }
      const resolved = resolveEntry(ctx, parts, entry);
      if (resolved.ready) ready.push(resolved.posting);
      else {
        summary.waiting += 1;
        notes.push({
          phase: kind,
          outcome: "waiting",
          localKind: `${kind}_entry`,
          localId: entry.id,
          externalId: null,
          name: names.get(entry.id)!,
          message: `waits: ${resolved.missing.join("; ")}`,
        });
      }
    }
    await ctx.report(notes);
    const size = ctx.target.maxBatch;
    for (let start = 0; start < ready.length; start += size) {
      await ctx.checkpoint();
      const postings = ready.slice(start, start + size);
      const batchId = await inTransaction(ctx.db, (tx) =>
        insertBatch(
          tx,
          firmId,
          ctx.targetName,
          ctx.runId,
          kind,
          postings.map((posting) => posting.transferId),
          ctx.scope.clock.now().toISOString(),
        ),
      );
      const sent = await sendBatch(ctx, batchId, kind, postings, names);
      summary.posted += sent.posted;
      summary.refused += sent.refused;
      await ctx.progress(kind, Math.min(start + size, ready.length), ready.length);
    }
  }
  return summary;
}
