/**
 * Closing a conflict on every replica. A conflict is logged by each replica that meets it (the
 * cloud logs every one, a desktop those where its own value lost), each copy under its own id.
 * Restoring or dismissing one copy journals the resolution as a change of the pseudo-table
 * `sync_conflict`, filed under the conflict's key (table|row|field|lost HLC), which names the
 * same conflict everywhere. It travels like any change: pushed, acknowledged, sequenced, pulled
 * by every desktop, sent again after a restored cloud's new epoch; a duplicate is answered, not
 * applied twice. Applying it closes the copy held here, if there is one.
 *
 * Invariant: a conflict's status on every replica is its first resolution's (by HLC), or open
 * when none is held; so two replicas that resolved one conflict differently while apart end
 * alike, and a resolution the cloud refused leaves the desktop's copy open again, as the
 * cloud's is.
 *
 * The cloud takes a pushed resolution from a holder of the Merge permission, or from the user
 * whose value lost; it looks the conflict up within the pushing firm only.
 */
import { AppError } from "../domain/errors.js";
import { currentAuthor } from "../store/author-context.js";
import type { Db } from "../store/database.js";
import type { ApplyContext, ApplyResult } from "./apply-context.js";
import type { HeldChange } from "./change.js";
import { compareHlc, createHlcClock, formatHlc, parseHlc } from "./hlc.js";
import {
  appendChange,
  changesOfRows,
  findChange,
  findConflictByKey,
  lockSyncState,
  setConflictStatus,
  updateSyncState,
  type ConflictKey,
} from "./journal-store.js";
import { syncedTable } from "./synced-tables.js";

export const RESOLUTION_TABLE = "sync_conflict";
const RESOLUTIONS = ["restored", "dismissed"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const resolutionRowId = (key: ConflictKey): string =>
  [key.tbl, key.rowId, key.field, key.lostHlc].join("|");

function keyOf(rowId: string): ConflictKey | null {
  const [tbl, row, field, lostHlc, ...rest] = rowId.split("|");
  if (!tbl || !row || !field || !lostHlc || rest.length > 0) return null;
  return { tbl, rowId: row, field, lostHlc };
}

/** Why a resolution change is malformed, or null. */
export function resolutionProblem(change: HeldChange): string | null {
  const key = keyOf(change.rowId);
  const table = key && syncedTable(key.tbl);
  if (!key || !table || (key.field !== "*" && !(key.field in table.fields))) {
    return `a conflict's resolution is filed under table|row|field|lost HLC, not ${change.rowId}`;
  }
  try {
    parseHlc(key.lostHlc);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  if (change.op !== "put") return "a conflict's resolution is never deleted";
  const { status, resolved_at: resolvedAt, ...rest } = change.data;
  if (!RESOLUTIONS.includes(status as Resolution)) return "a conflict is restored or dismissed";
  if (typeof resolvedAt !== "string" || resolvedAt.length > 40 || Object.keys(rest).length > 0) {
    return "a conflict's resolution carries its status and resolved_at only";
  }
  return null;
}

/** Journals this replica's resolution of a conflict, inside the caller's transaction. */
export async function journalResolution(
  db: Db,
  firmId: string,
  key: ConflictKey,
  status: Resolution,
  resolvedAt: string,
): Promise<void> {
  const state = await lockSyncState(db, firmId);
  // The journal triggers tick the same clock, from the same wall clock.
  const clock = createHlcClock(state.replicaId, Date.now, { last: state.clock });
  const hlc = formatHlc(clock.tick());
  await updateSyncState(db, firmId, { clock: clock.last() });
  await appendChange(db, firmId, {
    hlc,
    tbl: RESOLUTION_TABLE,
    rowId: resolutionRowId(key),
    op: "put",
    data: { status, resolved_at: resolvedAt },
    seen: state.cursor,
    cloudSeq: null,
    author: currentAuthor(),
  });
}

/** Applies a resolution that came from another replica: journals it and closes the copy held here. */
export async function applyResolution(
  db: Db,
  context: ApplyContext,
  change: HeldChange,
): Promise<ApplyResult> {
  const held = await findChange(db, context.firmId, change);
  if (held) return { status: "accepted", seq: held.seq, duplicate: true, followUps: [] };
  const conflict = await findConflictByKey(db, context.firmId, keyOf(change.rowId)!);
  try {
    context.mayResolve?.(conflict, change.author ?? null);
  } catch (error) {
    if (error instanceof AppError) return { status: "refused", code: error.code, message: error.message };
    throw error;
  }
  const seq = await appendChange(db, context.firmId, change);
  await settleResolution(db, context.firmId, change.rowId);
  return { status: "accepted", seq, duplicate: false, followUps: [] };
}

/** Makes the conflict's status here match the resolutions held for it (see the invariant above). */
export async function settleResolution(db: Db, firmId: string, rowId: string): Promise<void> {
  const key = keyOf(rowId);
  if (!key) return;
  const conflict = await findConflictByKey(db, firmId, key);
  if (!conflict) return;
  const held = (await changesOfRows(db, firmId, RESOLUTION_TABLE, [rowId])).get(rowId) ?? [];
  const first = held
    .filter((change) => change.op === "put")
    .sort((a, b) => compareHlc(parseHlc(a.hlc), parseHlc(b.hlc)))[0];
  const status = first ? (first.data.status as Resolution) : "open";
  const resolvedAt = first ? String(first.data.resolved_at) : null;
  if (conflict.status === status && conflict.resolvedAt === resolvedAt) return;
  await setConflictStatus(db, firmId, key, status, resolvedAt);
}
