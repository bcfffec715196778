/**
 * The readiness check before phase 3: are employees, vendors, customers, jobs and items
 * consistent between the two systems? It changes nothing; it lists what is not:
 * - missing: a firmtime record (active) with no counterpart in the books;
 * - gone: linked to a record the books no longer hold, or hold as inactive;
 * - differs: linked, but the names no longer match (the next transfer carries the leader's);
 * - books only: an active record in the books that nothing in firmtime is linked to.
 * Entries waiting in phase 3 point at the same gaps, entry by entry.
 */
import { selectLinks, type RunItemDraft } from "../accounting-store.js";
import { nameKey } from "../names.js";
import type { BooksSnapshot, LocalRecord } from "./lists-phase.js";
import { readLocalRecords } from "./lists-phase.js";
import type { RunContext } from "./run-context.js";

export interface Readiness {
  ready: boolean;
  checked: number;
  problems: RunItemDraft[];
}

const WORDS: Record<LocalRecord["localKind"], string> = {
  staff: "staff member",
  client: "client",
  project: "project",
  work_code: "work code",
};

export async function checkReadiness(ctx: RunContext, snapshot: BooksSnapshot): Promise<Readiness> {
  const locals = await readLocalRecords(ctx);
  const links = new Map(
    (await selectLinks(ctx.db, ctx.scope.firm.id, ctx.targetName)).map((link) => [
      `${link.localKind}:${link.localId}`,
      link,
    ]),
  );
  const linkedExternal = new Set(
    [...links.values()].map((link) => `${link.externalKind}:${link.externalId}`),
  );
  const problems: RunItemDraft[] = [];
  const problem = (
    outcome: string,
    local: LocalRecord | null,
    externalId: string | null,
    name: string,
    message: string,
  ) =>
    problems.push({
      phase: "readiness",
      outcome,
      localKind: local?.localKind ?? null,
      localId: local?.id ?? null,
      externalId,
      name,
      message,
    });
  let checked = 0;
  for (const local of Object.values(locals).flat()) {
    if (!local.active) continue;
    checked += 1;
    const link = links.get(`${local.localKind}:${local.id}`);
    if (!link) {
      problem(
        "missing",
        local,
        null,
        local.fullName,
        `the ${WORDS[local.localKind]} has no ${local.externalKind} in the books`,
      );
      continue;
    }
    const record = snapshot.find(link.externalKind, link.externalId);
    if (!record || !record.active) {
      problem(
        "gone",
        local,
        link.externalId,
        local.fullName,
        record
          ? `its ${record.kind} in the books is inactive`
          : `its ${link.externalKind} is no longer in the books`,
      );
    } else if (nameKey(record.fullName) !== nameKey(local.fullName)) {
      problem("differs", local, record.externalId, local.fullName, `named "${record.fullName}" in the books`);
    }
  }
  for (const kind of ["employee", "vendor", "customer"] as const) {
    for (const record of snapshot.list(kind)) {
      if (!record.active || linkedExternal.has(`${kind}:${record.externalId}`)) continue;
      checked += 1;
      problem(
        "books_only",
        null,
        record.externalId,
        record.fullName,
        `the ${record.parentExternalId ? "job" : kind} is in the books but linked to nothing in firmtime`,
      );
    }
  }
  return { ready: problems.length === 0, checked, problems };
}
