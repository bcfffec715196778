/**
 * Phases 1 and 2: lists (employees, vendors, customers) and then jobs and items, in the
 * direction the firm chose for each list.
 *
 * The first time, records are linked by name (names.ts: trimmed, case-folded, inner whitespace
 * collapsed); after that by the stored external id, so a rename on either side carries over
 * instead of making a second record. A name the books already use for a record of another kind
 * (QuickBooks names are unique across customers, vendors and employees together) is reported
 * with both records and never created; so is a name two unlinked records share.
 *
 * Creates carry a request id derived from the firmtime record, so a create whose answer was lost
 * replays on the next run and is linked, instead of making a twin.
 */
import { addClient, editClient } from "../../firm-setup/client-service.js";
import { selectClients, type Client } from "../../firm-setup/client-store.js";
import { addProject, editProject } from "../../firm-setup/project-service.js";
import { selectProjects } from "../../firm-setup/project-store.js";
import { addStaff, editStaff } from "../../firm-setup/staff-service.js";
import { selectStaff } from "../../firm-setup/staff-store.js";
import { addWorkCode, editWorkCode } from "../../firm-setup/work-code-service.js";
import { selectWorkCodes } from "../../firm-setup/work-code-store.js";
import { AppError } from "../../domain/errors.js";
import type { AccountingLocalKind } from "../../store/tables.js";
import {
  selectLinks,
  selectVendorStaffIds,
  upsertLink,
  type AccountingLink,
  type Lead,
  type RunItemDraft,
} from "../accounting-store.js";
import { assertBookName, jobFullName, nameKey, tidyName } from "../names.js";
import { TargetError, type ExternalRecord, type ListKind } from "../target.js";
import { readBooks } from "./read-books.js";
import type { RunContext } from "./run-context.js";

/** A firmtime record as the books would hold it. */
export interface LocalRecord {
  localKind: AccountingLocalKind;
  id: string;
  externalKind: ListKind;
  name: string;
  fullName: string;
  active: boolean;
  /** A project's client (for a job's parent). */
  parentLocalId: string | null;
  givenName?: string;
  familyName?: string;
  email?: string | null;
}

/**
 * What the books hold now, read once per run (read-books.ts: whole the first time, by their
 * changes after that): every list, for names unique across kinds.
 */
export class BooksSnapshot {
  private readonly byKind = new Map<ListKind, ExternalRecord[]>();

  static async read(ctx: RunContext): Promise<BooksSnapshot> {
    return BooksSnapshot.of((await readBooks(ctx)).records);
  }

  static of(records: readonly ExternalRecord[]): BooksSnapshot {
    const snapshot = new BooksSnapshot();
    for (const record of records) {
      const list = snapshot.byKind.get(record.kind) ?? [];
      list.push(record);
      snapshot.byKind.set(record.kind, list);
    }
    return snapshot;
  }

  list(kind: ListKind): ExternalRecord[] {
    return this.byKind.get(kind) ?? [];
  }

  find(kind: ListKind, externalId: string): ExternalRecord | undefined {
    return this.list(kind).find((record) => record.externalId === externalId);
  }

  add(record: ExternalRecord): void {
    const list = this.byKind.get(record.kind) ?? [];
    const at = list.findIndex((existing) => existing.externalId === record.externalId);
    if (at >= 0) list[at] = record;
    else list.push(record);
    this.byKind.set(record.kind, list);
  }

  /** Records whose name would collide with `fullName` in the books' one namespace. */
  namesakes(kind: ListKind, fullName: string): ExternalRecord[] {
    const key = nameKey(fullName);
    const kinds: ListKind[] = kind === "item" ? ["item"] : ["employee", "vendor", "customer"];
    return kinds.flatMap((each) => this.list(each).filter((record) => nameKey(record.fullName) === key));
  }
}

const KIND_WORDS: Record<ListKind, string> = {
  employee: "employee",
  vendor: "vendor",
  customer: "customer",
  item: "item",
};

const describe = (record: ExternalRecord): string =>
  `the ${record.parentExternalId ? "job" : KIND_WORDS[record.kind]} "${record.fullName}" (id ${record.externalId})`;

/** Reads firmtime's side of the four local kinds, as the firm's relationship shapes them. */
export async function readLocalRecords(ctx: RunContext): Promise<Record<AccountingLocalKind, LocalRecord[]>> {
  const firmId = ctx.scope.firm.id;
  const vendors = await selectVendorStaffIds(ctx.db, firmId);
  const staff = (await selectStaff(ctx.db, firmId)).map((member): LocalRecord => ({
    localKind: "staff",
    id: member.id,
    externalKind: vendors.has(member.id) ? "vendor" : "employee",
    name: tidyName(`${member.firstName} ${member.lastName}`),
    fullName: tidyName(`${member.firstName} ${member.lastName}`),
    active: member.status === "active",
    parentLocalId: null,
    givenName: member.firstName,
    familyName: member.lastName,
    email: member.email,
  }));
  const clients = await selectClients(ctx.db, firmId);
  const clientById = new Map<string, Client>(clients.map((client) => [client.id, client]));
  const customers = clients.map((client): LocalRecord => ({
    localKind: "client",
    id: client.id,
    externalKind: "customer",
    name: tidyName(client.name),
    fullName: tidyName(client.name),
    active: client.status === "active",
    parentLocalId: null,
  }));
  const projects = (await selectProjects(ctx.db, firmId)).map((project): LocalRecord => {
    const asJob = ctx.settings.relationship === "jobs";
    const clientName = clientById.get(project.clientId)?.name ?? "";
    return {
      localKind: "project",
      id: project.id,
      externalKind: asJob ? "customer" : "item",
      name: tidyName(project.name),
      fullName: asJob ? jobFullName(clientName, project.name) : tidyName(project.name),
      active: project.status === "open",
      parentLocalId: asJob ? project.clientId : null,
    };
  });
  const workCodes =
    ctx.settings.relationship === "jobs"
      ? (await selectWorkCodes(ctx.db, firmId))
          .filter((code) => code.kind === "time")
          .map((code): LocalRecord => ({
            localKind: "work_code",
            id: code.id,
            externalKind: "item",
            name: tidyName(code.name),
            fullName: tidyName(code.name),
            active: code.active,
            parentLocalId: null,
          }))
      : [];
  return { staff, client: customers, project: projects, work_code: workCodes };
}

/** Which side leads a local kind's list. Jobs and items follow customers. */
function leadOf(ctx: RunContext, record: LocalRecord): Lead {
  if (record.externalKind === "employee") return ctx.settings.leads.employees;
  if (record.externalKind === "vendor") return ctx.settings.leads.vendors;
  return ctx.settings.leads.customers;
}

interface ListState {
  snapshot: BooksSnapshot;
  /** local kind → local id → link */
  links: Map<string, AccountingLink>;
  /** external kind:id → link */
  linkedExternal: Map<string, AccountingLink>;
}

const externalKey = (kind: ListKind, id: string) => `${kind}:${id}`;
const localKey = (kind: AccountingLocalKind, id: string) => `${kind}:${id}`;

async function loadState(ctx: RunContext, snapshot: BooksSnapshot): Promise<ListState> {
  const links = await selectLinks(ctx.db, ctx.scope.firm.id, ctx.targetName);
  return {
    snapshot,
    links: new Map(links.map((link) => [localKey(link.localKind, link.localId), link])),
    linkedExternal: new Map(links.map((link) => [externalKey(link.externalKind, link.externalId), link])),
  };
}

async function saveLink(ctx: RunContext, state: ListState, local: LocalRecord, record: ExternalRecord) {
  const link = {
    localKind: local.localKind,
    localId: local.id,
    externalKind: record.kind,
    externalId: record.externalId,
    externalVersion: record.version,
    localName: local.fullName,
    externalName: record.fullName,
  };
  const now = ctx.scope.clock.now().toISOString();
  await upsertLink(ctx.db, ctx.scope.firm.id, ctx.targetName, link, now);
  const saved = { ...link, linkedAt: now, syncedAt: now };
  state.links.set(localKey(local.localKind, local.id), saved);
  state.linkedExternal.set(externalKey(record.kind, record.externalId), saved);
  state.snapshot.add(record);
}

const item = (
  phase: string,
  outcome: string,
  local: LocalRecord | null,
  externalId: string | null,
  name: string,
  message: string,
): RunItemDraft => ({
  phase,
  outcome,
  localKind: local?.localKind ?? null,
  localId: local?.id ?? null,
  externalId,
  name,
  message,
});

/** firmtime leads: link, create or update this record in the books. */
async function pushRecord(ctx: RunContext, state: ListState, phase: string, local: LocalRecord) {
  const link = state.links.get(localKey(local.localKind, local.id));
  const parentLink = local.parentLocalId
    ? state.links.get(localKey("client", local.parentLocalId))
    : undefined;
  if (link) {
    const record = state.snapshot.find(link.externalKind, link.externalId);
    if (!record) {
      return item(
        phase,
        "refused",
        local,
        link.externalId,
        local.fullName,
        `linked to a record the books no longer hold (id ${link.externalId}); unlink it to link again`,
      );
    }
    if (record.kind !== local.externalKind) {
      return item(
        phase,
        "refused",
        local,
        record.externalId,
        local.fullName,
        `linked to ${describe(record)}, but the settings now make it a ${KIND_WORDS[local.externalKind]}`,
      );
    }
    if (local.fullName === link.localName && record.active === local.active) return null;
    const updated = await ctx.target.updateRecord({
      kind: record.kind,
      externalId: record.externalId,
      version: record.version,
      name: local.name,
      active: local.active,
    });
    await saveLink(ctx, state, local, updated);
    return item(
      phase,
      "updated",
      local,
      updated.externalId,
      local.fullName,
      local.active === record.active
        ? `renamed from "${record.fullName}"`
        : local.active
          ? "made active"
          : "made inactive",
    );
  }
  if (!local.active) return null; // an inactive record is never created in the books
  if (local.parentLocalId && !parentLink) {
    return item(phase, "waiting", local, null, local.fullName, "its client has no customer in the books yet");
  }
  const key = nameKey(local.fullName);
  const sameKind = state.snapshot
    .list(local.externalKind)
    .filter((record) => nameKey(record.fullName) === key)
    .filter((record) => !state.linkedExternal.has(externalKey(record.kind, record.externalId)));
  if (sameKind.length === 1) {
    await saveLink(ctx, state, local, sameKind[0]!);
    return item(
      phase,
      "linked",
      local,
      sameKind[0]!.externalId,
      local.fullName,
      `linked by name to ${describe(sameKind[0]!)}`,
    );
  }
  try {
    assertBookName(local.name, local.externalKind === "item" ? "item" : "person");
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return item(phase, "refused", local, null, local.fullName, `not created: ${error.message}`);
  }
  const namesakes = state.snapshot.namesakes(local.externalKind, local.fullName);
  if (namesakes.length > 0) {
    return item(
      phase,
      "duplicate",
      local,
      namesakes[0]!.externalId,
      local.fullName,
      `not created: the books already use this name for ${namesakes.map(describe).join(" and ")}`,
    );
  }
  try {
    const created = await ctx.target.createRecord(
      {
        kind: local.externalKind,
        name: local.name,
        parentExternalId: parentLink?.externalId ?? null,
        givenName: local.givenName,
        familyName: local.familyName,
        email: local.email,
      },
      `ft-${local.localKind}-${local.id}`,
    );
    await saveLink(ctx, state, local, created);
    return item(
      phase,
      "created",
      local,
      created.externalId,
      local.fullName,
      `created as ${describe(created)}`,
    );
  } catch (error) {
    if (error instanceof TargetError && (error.code === "duplicate_name" || error.code === "invalid")) {
      return item(
        phase,
        error.code === "duplicate_name" ? "duplicate" : "refused",
        local,
        null,
        local.fullName,
        `not created: ${error.message}`,
      );
    }
    throw error;
  }
}

/** The accounting system leads: bring its record into firmtime, or carry a rename over. */
async function pullRecord(
  ctx: RunContext,
  state: ListState,
  phase: string,
  localKind: AccountingLocalKind,
  record: ExternalRecord,
  locals: LocalRecord[],
) {
  const link = state.linkedExternal.get(externalKey(record.kind, record.externalId));
  const scope = { ...ctx.scope, actor: "accounting connector" };
  if (link) {
    if (link.localKind !== localKind) return null;
    const local = locals.find((each) => each.id === link.localId);
    if (!local || record.fullName === link.externalName) return null;
    await renameLocal(ctx, localKind, local.id, record);
    await saveLink(ctx, state, { ...local, name: record.name, fullName: record.fullName }, record);
    return item(
      phase,
      "updated",
      local,
      record.externalId,
      record.fullName,
      `renamed from "${local.fullName}"`,
    );
  }
  if (!record.active) return null;
  const key = nameKey(record.fullName);
  const candidates = locals.filter(
    (local) => nameKey(local.fullName) === key && !state.links.has(localKey(local.localKind, local.id)),
  );
  if (candidates.length === 1) {
    await saveLink(ctx, state, candidates[0]!, record);
    return item(
      phase,
      "linked",
      candidates[0]!,
      record.externalId,
      record.fullName,
      `linked by name to ${describe(record)}`,
    );
  }
  if (candidates.length > 1) {
    return item(
      phase,
      "duplicate",
      null,
      record.externalId,
      record.fullName,
      `${candidates.length} firmtime records have this name; link one by hand`,
    );
  }
  const parent = record.parentExternalId
    ? state.linkedExternal.get(externalKey("customer", record.parentExternalId))
    : undefined;
  if (record.parentExternalId && !parent) {
    return item(
      phase,
      "waiting",
      null,
      record.externalId,
      record.fullName,
      "its customer has no client in firmtime yet",
    );
  }
  try {
    const local = await createLocal(ctx, scope, localKind, record, parent?.localId ?? null);
    await saveLink(ctx, state, local, record);
    locals.push(local);
    return item(
      phase,
      "imported",
      local,
      record.externalId,
      record.fullName,
      `added to firmtime from ${describe(record)}`,
    );
  } catch (error) {
    if (error instanceof AppError) {
      return item(phase, "refused", null, record.externalId, record.fullName, `not added: ${error.message}`);
    }
    throw error;
  }
}

/** A code for a record made from the books: their id, which is unique and stable. */
const codeFromBooks = (record: ExternalRecord) => `QB-${record.externalId}`.slice(0, 20);

async function createLocal(
  ctx: RunContext,
  scope: RunContext["scope"],
  localKind: AccountingLocalKind,
  record: ExternalRecord,
  parentLocalId: string | null,
): Promise<LocalRecord> {
  const base = {
    localKind,
    externalKind: record.kind,
    name: record.name,
    fullName: record.fullName,
    active: true,
  };
  if (localKind === "client") {
    const client = await addClient(ctx.db, scope, { code: codeFromBooks(record), name: record.name });
    return { ...base, id: client.id, parentLocalId: null };
  }
  if (localKind === "staff") {
    const [first, ...rest] = record.name.split(" ");
    const member = await addStaff(ctx.db, scope, {
      staffNumber: codeFromBooks(record),
      firstName: first ?? record.name,
      lastName: rest.join(" ") || "-",
    });
    return { ...base, id: member.id, parentLocalId: null };
  }
  if (localKind === "project") {
    if (!parentLocalId) throw new AppError("VALIDATION", "a project needs its client");
    const project = await addProject(ctx.db, scope, {
      client: parentLocalId,
      code: codeFromBooks(record),
      name: record.name,
    });
    return { ...base, id: project.id, parentLocalId };
  }
  const code = await addWorkCode(ctx.db, scope, {
    code: codeFromBooks(record),
    kind: "time",
    name: record.name,
  });
  return { ...base, id: code.id, parentLocalId: null };
}

async function renameLocal(
  ctx: RunContext,
  localKind: AccountingLocalKind,
  id: string,
  record: ExternalRecord,
) {
  const scope = { ...ctx.scope, actor: "accounting connector" };
  if (localKind === "client") await editClient(ctx.db, scope, id, { name: record.name });
  else if (localKind === "project") await editProject(ctx.db, scope, id, undefined, { name: record.name });
  else if (localKind === "work_code") await editWorkCode(ctx.db, scope, id, { name: record.name });
  else {
    const [first, ...rest] = record.name.split(" ");
    await editStaff(ctx.db, scope, id, { firstName: first ?? record.name, lastName: rest.join(" ") || "-" });
  }
}

/**
 * Runs one list phase over the given local kinds. Returns how many records it reported on.
 * `phase` names the run items ("lists" for phase 1, "jobs" for phase 2).
 */
export async function syncLists(
  ctx: RunContext,
  snapshot: BooksSnapshot,
  phase: "lists" | "jobs",
  localKinds: readonly AccountingLocalKind[],
): Promise<void> {
  const locals = await readLocalRecords(ctx);
  const state = await loadState(ctx, snapshot);
  const work: (() => Promise<RunItemDraft | null>)[] = [];
  for (const localKind of localKinds) {
    const records = locals[localKind];
    const pushed = records.filter((local) => leadOf(ctx, local) === "firmtime");
    for (const local of pushed) work.push(() => pushRecord(ctx, state, phase, local));
    for (const kind of pulledKinds(ctx, localKind)) {
      for (const record of snapshot.list(kind).filter((each) => isOfLocalKind(ctx, localKind, each))) {
        work.push(() => pullRecord(ctx, state, phase, localKind, record, records));
      }
    }
  }
  let done = 0;
  const pending: RunItemDraft[] = [];
  for (const step of work) {
    const reported = await step();
    if (reported) pending.push(reported);
    done += 1;
    if (done % 50 === 0 || done === work.length) {
      await ctx.report(pending.splice(0));
      await ctx.progress(phase, done, work.length);
      await ctx.checkpoint();
    }
  }
  await ctx.report(pending);
}

/** The books' lists a local kind is pulled from, when the books lead it. */
function pulledKinds(ctx: RunContext, localKind: AccountingLocalKind): ListKind[] {
  const { leads, relationship } = ctx.settings;
  if (localKind === "staff") {
    return [
      ...(leads.employees === "accounting" ? (["employee"] as const) : []),
      ...(leads.vendors === "accounting" ? (["vendor"] as const) : []),
    ];
  }
  if (leads.customers !== "accounting") return [];
  if (localKind === "client") return ["customer"];
  if (localKind === "project") return [relationship === "jobs" ? "customer" : "item"];
  return relationship === "jobs" ? ["item"] : [];
}

/** Customers without a parent are clients; with one, jobs (projects). */
function isOfLocalKind(ctx: RunContext, localKind: AccountingLocalKind, record: ExternalRecord): boolean {
  if (record.kind !== "customer") {
    if (record.kind !== "item") return true;
    return ctx.settings.relationship === "jobs" ? localKind === "work_code" : localKind === "project";
  }
  return localKind === "client" ? record.parentExternalId === null : record.parentExternalId !== null;
}
