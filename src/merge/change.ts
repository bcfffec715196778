/**
 * Changes and how a record is rebuilt from them: pure, shared by the desktop and the cloud.
 *
 * A record on every replica is a function of the changes that replica holds for it: each field
 * takes the value of the change with the greatest HLC that sets it (last writer wins per field),
 * and a delete (a tombstone) ends the record for good. Because the fold does not depend on the
 * order changes arrived in, replicas that hold the same changes hold the same records.
 */
import { REPLICA_OFFSET } from "./hlc.js";

export type FieldValue = string | number | null;

export interface Change {
  hlc: string;
  tbl: string;
  rowId: string;
  op: "put" | "delete";
  /** The fields a put sets; empty for a delete. */
  data: Record<string, FieldValue>;
  /** The cloud sequence its author had pulled up to when making it (what the author had seen). */
  seen: number | null;
  /** Who made it (a user's email, or a desktop's OS user), when known. */
  author?: string | null;
}

/** A change as a replica holds it: with its cloud sequence number once the cloud has it. */
export interface HeldChange extends Change {
  cloudSeq: number | null;
}

export interface FieldVersion {
  value: FieldValue;
  hlc: string;
  cloudSeq: number | null;
  author?: string | null;
  /** Written by the record's birth (see isBirth), not by an edit. */
  birth?: boolean;
}

export interface FoldedRecord {
  fields: Map<string, FieldVersion>;
  /** The HLC of the tombstone, if the record was deleted. */
  deletedAt: string | null;
}

/*
 * HLCs are compared and taken apart as text: their form orders as time does and puts the replica
 * at a fixed place (hlc.ts). Only well-formed ones get here: each side parses every HLC it
 * receives before it applies anything (pushChanges on the cloud, receiveClock on a desktop), and
 * its own come from formatHlc or the journal triggers' printf of the same form. Parsing each
 * again here, several times per change, was about 3 % of a merge's time on the cloud.
 */
export const hlcAfter = (a: string, b: string): boolean => a > b;

export const replicaOf = (hlc: string): string => hlc.slice(REPLICA_OFFSET);

/**
 * Whether a change makes its record (an insert) rather than edits it. Every synced record
 * carries `created_at`, set when it is made and never edited (the journal writes only the
 * fields an update changed), so a change that sets it is a birth.
 */
export const isBirth = (change: Pick<Change, "op" | "data">): boolean =>
  change.op === "put" && "created_at" in change.data;

export function foldRecord(changes: Iterable<HeldChange>): FoldedRecord {
  const record: FoldedRecord = { fields: new Map(), deletedAt: null };
  for (const change of changes) foldInto(record, change);
  return record;
}

/**
 * The record with one more change: the same as folding it after the changes `record` was folded
 * from, without folding those again. `record` is left as it was.
 */
export function foldChange(record: FoldedRecord, change: HeldChange): FoldedRecord {
  const next: FoldedRecord = { fields: new Map(record.fields), deletedAt: record.deletedAt };
  foldInto(next, change);
  return next;
}

function foldInto(record: FoldedRecord, change: HeldChange): void {
  if (change.op === "delete") {
    if (record.deletedAt === null || hlcAfter(change.hlc, record.deletedAt)) record.deletedAt = change.hlc;
    return;
  }
  const birth = isBirth(change);
  for (const field of Object.keys(change.data)) {
    const current = record.fields.get(field);
    if (!current || hlcAfter(change.hlc, current.hlc)) {
      record.fields.set(field, {
        value: change.data[field] as FieldValue,
        hlc: change.hlc,
        cloudSeq: change.cloudSeq,
        author: change.author ?? null,
        birth,
      });
    }
  }
}

export function recordValues(record: FoldedRecord): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const [field, version] of record.fields) values[field] = version.value;
  return values;
}

/**
 * Whether `incoming` was made without knowing `current` (so one overwrites the other unseen).
 * A replica always knows its own earlier changes; otherwise the author knew `current` only if
 * the cloud had sequenced it at or before the author's cursor. The cloud's own changes saw
 * everything sequenced before them.
 */
export function isConcurrent(
  current: FieldVersion,
  incoming: { hlc: string; seen: number | null; cloudSeq: number | null },
  cloudReplica: string | null,
): boolean {
  if (replicaOf(current.hlc) === replicaOf(incoming.hlc)) return false;
  if (current.cloudSeq === null) return true;
  const seen =
    cloudReplica !== null && replicaOf(incoming.hlc) === cloudReplica
      ? incoming.cloudSeq === null
        ? Number.MAX_SAFE_INTEGER // a cloud change not yet sequenced is being made now: it sees all
        : incoming.cloudSeq - 1
      : (incoming.seen ?? 0);
  return current.cloudSeq > seen;
}

export interface FieldConflict {
  field: string;
  lost: FieldVersion;
  kept: FieldVersion;
}

/**
 * The fields where `incoming` and the record's current values were written concurrently with
 * different values: one of each pair loses, and the loser is what the conflict log keeps.
 *
 * Only two edits conflict. A record made on two replicas apart (the firm's profile on a file
 * and on its cloud, one staff member put in one group on both) has two births: what each
 * holds, its `created_at` above all, is where that replica started, which nobody chose over
 * the other. The later value stands, as always, without a conflict; so does an edit over a
 * birth made elsewhere (a file's renamed profile over the cloud firm's first name).
 */
export function conflictsOf(
  record: FoldedRecord,
  incoming: HeldChange,
  cloudReplica: string | null,
): FieldConflict[] {
  if (incoming.op !== "put") return [];
  const conflicts: FieldConflict[] = [];
  for (const [field, value] of Object.entries(incoming.data)) {
    const current = record.fields.get(field);
    if (!current || current.hlc === incoming.hlc || sameValue(current.value, value)) continue;
    if (current.birth || isBirth(incoming)) continue;
    if (!isConcurrent(current, incoming, cloudReplica)) continue;
    const version: FieldVersion = {
      value,
      hlc: incoming.hlc,
      cloudSeq: incoming.cloudSeq,
      author: incoming.author ?? null,
      birth: false,
    };
    conflicts.push(
      hlcAfter(incoming.hlc, current.hlc)
        ? { field, lost: current, kept: version }
        : { field, lost: version, kept: current },
    );
  }
  return conflicts;
}

const sameValue = (a: FieldValue, b: FieldValue): boolean => a === b;
