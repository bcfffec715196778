/**
 * People name records by code (JD, ACME, AUD), email or name; the cloud API by id. These
 * lookups read the list endpoints (every page) once per command and find the record the way
 * the firm file's stores do: an id as given, a code upper-cased, so an unknown code fails with
 * the same "does not exist" line. A command changes at most the records it names, so the
 * lists it has read stay true for the rest of it.
 */
import { isAppError, notFound } from "../../domain/errors.js";
import type { Client } from "../../firm-setup/client-store.js";
import type { ContactCompany } from "../../firm-setup/contact-company-store.js";
import type { Project } from "../../firm-setup/project-store.js";
import type { StaffGroup } from "../../firm-setup/staff-group-store.js";
import type { Staff } from "../../firm-setup/staff-store.js";
import type { WorkCode } from "../../firm-setup/work-code-store.js";
import { looksLikeId } from "../../store/unique.js";
import type { CloudClient } from "./cloud-client.js";
import { codeLookup, type CodeOf } from "./entry-shapes.js";

interface Page<T> {
  items: T[];
  total: number;
}

/** The largest page the API serves. */
const PAGE = 500;

export type Query = Record<string, string | undefined>;

/** The items of a list endpoint, page after page: all of them, or the first `max`. */
export async function pages<T>(
  cloud: CloudClient,
  path: string,
  query: Query = {},
  max?: number,
): Promise<T[]> {
  return (await pagesFrom<T>(cloud, path, query, 0, max)).items;
}

/** The items from `offset` on (all, or the first `max`), and how many the query matches in all. */
export async function pagesFrom<T>(
  cloud: CloudClient,
  path: string,
  query: Query,
  offset: number,
  max?: number,
): Promise<Page<T>> {
  const items: T[] = [];
  for (;;) {
    const want = max === undefined ? PAGE : Math.min(PAGE, max - items.length);
    const params = new URLSearchParams({ limit: String(want), offset: String(offset + items.length) });
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
    const page = await cloud.request<Page<T>>("GET", `${path}?${params.toString()}`);
    items.push(...page.items);
    const done = offset + items.length >= page.total || page.items.length === 0;
    if (done || (max !== undefined && items.length >= max)) return { items, total: page.total };
  }
}

/** A record by id, or by its key as the stores compare it; `label` names it when missing. */
export function pick<T extends { id: string }>(
  rows: readonly T[],
  ref: string,
  keyOf: (row: T) => string,
  what: string,
  options: { normalise?: (key: string) => string; label?: string } = {},
): T {
  const wanted = ref.trim();
  const normalise = options.normalise ?? ((key: string) => key.toUpperCase());
  const found = looksLikeId(wanted)
    ? rows.find((row) => row.id === wanted)
    : rows.find((row) => keyOf(row) === normalise(wanted));
  if (!found) throw notFound(what, options.label ?? ref);
  return found;
}

/** A list the caller may not read at all labels nothing: entries then show those ids. */
async function readable<T>(list: Promise<T[]>): Promise<T[]> {
  try {
    return await list;
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") return [];
    throw error;
  }
}

export type CloudRefs = ReturnType<typeof cloudRefs>;

export function cloudRefs(cloud: CloudClient) {
  const lists = new Map<string, Promise<unknown[]>>();
  function list<T>(path: string): Promise<T[]> {
    if (!lists.has(path)) lists.set(path, pages<T>(cloud, path));
    return lists.get(path) as Promise<T[]>;
  }
  const staffList = () => list<Staff>("/staff");
  const clientList = () => list<Client>("/clients");
  const workCodeList = () => list<WorkCode>("/work-codes");
  const projectList = () => list<Project>("/projects");
  const companyList = () => list<ContactCompany>("/contact-companies");
  return {
    staffList,
    clientList,
    groupList: () => list<StaffGroup>("/staff-groups"),
    companyList,
    /** `what` names a missing one as the file's service does ("partner (staff)"). */
    staff: async (ref: string, what = "staff") => pick(await staffList(), ref, (s) => s.staffNumber, what),
    client: async (ref: string) => pick(await clientList(), ref, (c) => c.code, "client"),
    workCode: async (ref: string) => pick(await workCodeList(), ref, (w) => w.code, "work code"),
    company: async (ref: string) =>
      pick(await companyList(), ref, (c) => c.name, "contact company", {
        normalise: (key) => key,
      }),
    /** A project of `client`, by id or code; `label` is how the file's service names a missing one. */
    async project(client: Client, ref: string, label: string): Promise<Project> {
      const ofClient = (await projectList()).filter((p) => looksLikeId(ref) || p.clientId === client.id);
      const found = pick(ofClient, ref, (p) => p.code, "project", { label });
      if (found.clientId !== client.id) throw notFound("project", label);
      return found;
    },
    /** Codes for the ids entries hold; records the caller may not read show as their ids. */
    async codes(): Promise<CodeOf> {
      const [staff, clients, workCodes, projects] = await Promise.all([
        readable(staffList()),
        readable(clientList()),
        readable(workCodeList()),
        readable(projectList()),
      ]);
      return codeLookup([
        ...staff.map((s) => ({ id: s.id, code: s.staffNumber })),
        ...clients,
        ...workCodes,
        ...projects,
      ]);
    },
  };
}
