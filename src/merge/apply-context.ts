/**
 * What applying a remote change needs and answers (see apply-changes.ts): kept apart so the
 * conflict resolutions applied inside it can name these types without importing it back.
 */
import type { FieldValue, HeldChange } from "./change.js";
import type { Conflict } from "./journal-store.js";
import type { LookupField, SyncedTable } from "./synced-tables.js";

export type Row = Record<string, FieldValue>;

export interface ApplyContext {
  firmId: string;
  side: "cloud" | "desktop";
  /** This replica's id. */
  ownReplica: string;
  /** The cloud's replica id: changes it made saw everything sequenced before them. */
  cloudReplica: string | null;
  minorDigits: number;
  now: () => string;
  /** Cloud: a new cloud change (for a rename that keeps a key unique); returns its HLC. */
  tick?: () => string;
  /** Cloud: validates and authorizes a record's change as its author; throws AppError to refuse. */
  check?: (
    table: SyncedTable,
    before: Row | undefined,
    after: Row | undefined,
    lookup: LookupField,
  ) => Promise<void>;
  /** Cloud: whether `author` may close this conflict (undefined: not logged here); throws AppError. */
  mayResolve?: (conflict: Conflict | undefined, author: string | null) => void;
  /** Hears of each conflict newly logged here: a desktop's merge counts its own, not the log's. */
  onConflict?: () => void;
}

export type ApplyResult =
  | { status: "accepted"; seq: number; duplicate: boolean; followUps: HeldChange[] }
  | { status: "refused"; code: string; message: string };
