/**
 * Resolves the references an entry names (staff, client, project, work code) with a cache,
 * so one entry costs a few lookups and a 200,000-row import costs one query per table.
 */
import { notFound } from "../domain/errors.js";
import type { RateBook, RateQuery } from "../domain/rates.js";
import { clientRowToClient, type Client } from "../firm-setup/client-store.js";
import { findClient } from "../firm-setup/client-store.js";
import { findProject, selectProjects, type Project } from "../firm-setup/project-store.js";
import { loadRateBook, loadRateBookFor } from "../firm-setup/rate-service.js";
import { findStaff, selectStaff, type Staff } from "../firm-setup/staff-store.js";
import { findWorkCode, selectWorkCodes, type WorkCode } from "../firm-setup/work-code-store.js";
import type { Db } from "../store/database.js";
import { looksLikeId } from "../store/unique.js";

export interface EntryReferences {
  staff(ref: string): Promise<Staff>;
  client(ref: string): Promise<Client>;
  project(client: Client, ref: string): Promise<Project>;
  workCode(ref: string): Promise<WorkCode>;
  rates(): Promise<RateBook>;
  /** A book that resolves this entry's rate: the whole firm's once preloaded, else its targets'. */
  ratesFor(query: Omit<RateQuery, "date">): Promise<RateBook>;
}

const keyOf = (ref: string): string => (looksLikeId(ref) ? ref.trim() : ref.trim().toUpperCase());

export function createEntryReferences(
  db: Db,
  firmId: string,
): EntryReferences & { preload(): Promise<void> } {
  const staff = new Map<string, Staff>();
  const clients = new Map<string, Client>();
  const projects = new Map<string, Project>();
  const workCodes = new Map<string, WorkCode>();
  let rateBook: RateBook | undefined;
  let preloaded = false;

  async function cached<T>(
    cache: Map<string, T>,
    key: string,
    load: () => Promise<T | undefined>,
    what: string,
    ref: string,
  ): Promise<T> {
    const hit = cache.get(key);
    if (hit) return hit;
    const found = preloaded ? undefined : await load();
    if (!found) throw notFound(what, ref);
    cache.set(key, found);
    return found;
  }

  return {
    staff: (ref) => cached(staff, keyOf(ref), () => findStaff(db, firmId, ref), "staff", ref),
    client: (ref) => cached(clients, keyOf(ref), () => findClient(db, firmId, ref), "client", ref),
    workCode: (ref) => cached(workCodes, keyOf(ref), () => findWorkCode(db, firmId, ref), "work code", ref),
    async project(client, ref) {
      const key = looksLikeId(ref) ? ref.trim() : `${client.id}/${keyOf(ref)}`;
      const project = await cached(
        projects,
        key,
        () => findProject(db, firmId, client.id, ref),
        "project",
        `${client.code}/${ref}`,
      );
      if (project.clientId !== client.id) throw notFound("project", `${client.code}/${ref}`);
      return project;
    },
    async rates() {
      rateBook ??= await loadRateBook(db, firmId);
      return rateBook;
    },
    async ratesFor(query) {
      // Bulk work loads the whole book once; a single entry reads only its own targets' rates.
      if (rateBook || preloaded) return this.rates();
      return loadRateBookFor(db, firmId, query);
    },
    /** Loads every reference once, for bulk work; afterwards a miss is "not found" without a query. */
    async preload() {
      for (const member of await selectStaff(db, firmId)) {
        staff.set(member.id, member);
        staff.set(member.staffNumber, member);
      }
      const clientRows = await db.selectFrom("client").selectAll().where("firm_id", "=", firmId).execute();
      for (const client of clientRows.map(clientRowToClient)) {
        clients.set(client.id, client);
        clients.set(client.code, client);
      }
      for (const project of await selectProjects(db, firmId)) {
        projects.set(project.id, project);
        projects.set(`${project.clientId}/${project.code}`, project);
      }
      for (const workCode of await selectWorkCodes(db, firmId)) {
        workCodes.set(workCode.id, workCode);
        workCodes.set(workCode.code, workCode);
      }
      rateBook = await loadRateBook(db, firmId);
      preloaded = true;
    },
  };
}

/**
 * The references a batch of `count` entries resolves through: the caller's when it already holds
 * them in the same transaction (the API authorized the placement with them), else new ones,
 * preloaded whole for a batch large enough that one query per table beats one per entry.
 */
export async function referencesForBatch(
  db: Db,
  firmId: string,
  count: number,
  given?: EntryReferences,
): Promise<EntryReferences> {
  if (given) return given;
  const own = createEntryReferences(db, firmId);
  if (count > 50) await own.preload();
  return own;
}
