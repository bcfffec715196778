/**
 * Time and expense entries and repricing on a cloud firm. Entries name their staff, client,
 * project and work code by code here and by id in the API; answers get their codes back
 * (withCodes) as the file's do. Entries themselves are named by id, as in the file.
 */
import type { EntryStatus } from "../../domain/entries.js";
import { invalid, notFound } from "../../domain/errors.js";
import type { Client } from "../../firm-setup/client-store.js";
import { looksLikeId } from "../../store/unique.js";
import type { EntryKind, ExpenseEntry, TimeEntry } from "../../time-expense/entry-store.js";
import type { ExpenseEntryInput } from "../../time-expense/expense-entry-service.js";
import { checkRepriceRange, type RepriceResult } from "../../time-expense/reprice-service.js";
import type { EntryListFilter, TimeEntryInput } from "../../time-expense/time-entry-service.js";
import type { EntriesBackend, RepriceRange } from "./backend.js";
import type { CloudClient } from "./cloud-client.js";
import { pagesFrom, type CloudRefs } from "./cloud-refs.js";
import { entryShape, withCodes } from "./entry-shapes.js";

const PATHS: Record<EntryKind, string> = { time: "/time-entries", expense: "/expense-entries" };

/** What both kinds of entry name. */
type Placement = Partial<Pick<TimeEntryInput, "staff" | "client" | "project" | "workCode">>;

/** A project filter or placement needs its client: the given one, or the entry's own. */
async function projectId(refs: CloudRefs, client: Client | undefined, project: string | null | undefined) {
  if (project === undefined) return undefined;
  if (project === null || project.trim() === "") return null;
  if (!client) throw invalid("a project filter names its client too (--client CODE --project CODE)");
  return (await refs.project(client, project, `${client.code}/${project}`)).id;
}

/** Placement codes to ids, in the order the file's service resolves them. */
async function placementIds(refs: CloudRefs, placement: Placement, entryClientId?: string) {
  const staffId = placement.staff === undefined ? undefined : (await refs.staff(placement.staff)).id;
  const client = placement.client === undefined ? undefined : await refs.client(placement.client);
  const projectClient = client ?? (entryClientId ? await refs.client(entryClientId) : undefined);
  return {
    staffId,
    clientId: client?.id,
    projectId: await projectId(refs, projectClient, placement.project),
    workCodeId: placement.workCode === undefined ? undefined : (await refs.workCode(placement.workCode)).id,
  };
}

async function listQuery(refs: CloudRefs, filter: EntryListFilter) {
  const staffId = filter.staff ? (await refs.staff(filter.staff)).id : undefined;
  const client = filter.client ? await refs.client(filter.client) : undefined;
  return {
    from: filter.from,
    to: filter.to,
    staffId,
    clientId: client?.id,
    projectId: filter.project ? ((await projectId(refs, client, filter.project)) ?? undefined) : undefined,
    workCodeId: filter.workCode ? (await refs.workCode(filter.workCode)).id : undefined,
    status: filter.status?.join(","),
    billable: filter.billable === undefined ? undefined : String(filter.billable),
    sort: filter.sort,
  };
}

function cloudEntries<E extends TimeEntry | ExpenseEntry, Input extends Placement>(
  cloud: CloudClient,
  refs: CloudRefs,
  kind: EntryKind,
): EntriesBackend<E, Input> {
  const path = PATHS[kind];
  const shown = async (entry: E) => withCodes(entry, await refs.codes());
  const get = async (id: string) => {
    if (!looksLikeId(id)) throw notFound(`${kind} entry`, id);
    return cloud.request<E>("GET", `${path}/${id.trim()}`);
  };
  const bodyOf = async (input: Partial<Input>, entryClientId?: string) => {
    const { staff, client, project, workCode, ...amounts } = input;
    const ids = await placementIds(refs, { staff, client, project, workCode }, entryClientId);
    // Everything but the placement goes as it is: date, minutes or quantity, rates, text.
    return { ...ids, ...amounts };
  };
  return {
    add: async (input) => shown(await cloud.request<E>("POST", path, await bodyOf(input))),
    async list(filter) {
      const query = await listQuery(refs, filter);
      const { items, total } = await pagesFrom<E>(cloud, path, query, filter.offset ?? 0, filter.limit);
      const code = await refs.codes();
      return { items: items.map((entry) => withCodes(entry, code)), total };
    },
    get: async (id) => shown(await get(id)),
    async edit(id, patch) {
      const current = await get(id);
      return shown(
        await cloud.request<E>("PATCH", `${path}/${current.id}`, await bodyOf(patch, current.clientId)),
      );
    },
    async delete(id) {
      const current = await get(id);
      await cloud.request("DELETE", `${path}/${current.id}`);
      return entryShape(current);
    },
    async setStatus(ids: string[], status: EntryStatus) {
      const unique = [...new Set(ids.map((id) => id.trim()))];
      for (const id of unique) if (!looksLikeId(id)) throw notFound(`${kind} entry`, id);
      const moved = await cloud.request<{ updated: number }>("POST", `${path}/status`, {
        ids: unique,
        status,
      });
      return moved.updated;
    },
  };
}

export const cloudTimeEntries = (cloud: CloudClient, refs: CloudRefs) =>
  cloudEntries<TimeEntry, TimeEntryInput>(cloud, refs, "time");

export const cloudExpenseEntries = (cloud: CloudClient, refs: CloudRefs) =>
  cloudEntries<ExpenseEntry, ExpenseEntryInput>(cloud, refs, "expense");

export async function cloudReprice(
  cloud: CloudClient,
  refs: CloudRefs,
  range: RepriceRange,
): Promise<RepriceResult> {
  const { from, to } = checkRepriceRange(range);
  const body = {
    from,
    to,
    staffId: range.staff ? (await refs.staff(range.staff)).id : undefined,
    clientId: range.client ? (await refs.client(range.client)).id : undefined,
    workCodeId: range.workCode ? (await refs.workCode(range.workCode)).id : undefined,
  };
  return cloud.request<RepriceResult>("POST", "/reprice", body);
}
