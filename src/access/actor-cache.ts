/**
 * Who a credential (a session cookie or an API token) belongs to and what they may do, kept
 * between requests so that a request reads one number instead of the session, the account, the
 * groups, the assignments and the managed clients.
 *
 * An entry is good only under the firm's access version it was made under (migration 0015:
 * triggers raise the version with every write that can change access, in the same transaction).
 * Each request reads the version first; an entry of another version is read again from the
 * database. So a revoked token, a disabled user, a changed role, group or sharing takes effect on
 * the very next request, on every server sharing the database.
 *
 * Only the positive answer is kept. A credential that looks expired or idle by what the entry
 * remembers is read again from the database (another server may have seen it since), and a
 * refusal is never cached.
 */
import { firmRowToFirm, type Firm } from "../firm-setup/firm-store.js";
import type { Db } from "../store/database.js";
import type { Actor } from "./authorize.js";

/** A session's times as last read or touched by this server. */
export interface CachedSession {
  expiresAt: string;
  lastSeenAt: string;
}

export interface CachedActor {
  firmId: string;
  /** The firm's access version the entry was read under. */
  version: number;
  actor: Actor;
  csrfToken: string | null;
  /** For a session; null for a token. */
  session: CachedSession | null;
  /** For a token: when it was last marked used. */
  lastUsedAt: string | null;
}

/** How many credentials one server remembers; the oldest entry goes first beyond it. */
const DEFAULT_CAPACITY = 10_000;

export class ActorCache {
  readonly #entries = new Map<string, CachedActor>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The entry for a credential's hash, if it was made for this firm under this version. */
  get(hash: string, firmId: string, version: number): CachedActor | undefined {
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (entry.firmId === firmId && entry.version === version) return entry;
    this.#entries.delete(hash);
    return undefined;
  }

  set(hash: string, entry: CachedActor): void {
    this.#entries.delete(hash);
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(hash, entry);
  }

  forget(hash: string): void {
    this.#entries.delete(hash);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** A firm as a request reads it, with the numbers that say what a server may keep from earlier requests. */
export interface FirmWithVersions {
  firm: Firm;
  /** Raised by every write that can change access (migration 0015): the actor cache's key. */
  accessVersion: number;
  /**
   * Changes whenever any synced record of the firm may have changed (its journal's last sequence
   * number and its merges' apply rounds, migration 0017): what a list's cached total is kept
   * under (src/store/count-cache.ts). Null for a firm without a journal.
   */
  dataVersion: string | null;
}

/**
 * The firm a request names and its versions, in one read: every signed-in request needs them.
 * The versions are read with (not after) the firm, before the credential or the records: an
 * entry made from rows read after a change is then filed under the version before it, and read
 * again.
 */
export async function firmWithVersions(db: Db, slug: string): Promise<FirmWithVersions | undefined> {
  const row = await db
    .selectFrom("firm")
    .leftJoin("access_version", "access_version.firm_id", "firm.firm_id")
    .leftJoin("sync_state", "sync_state.firm_id", "firm.firm_id")
    .selectAll("firm")
    .select(["access_version.version as access_version", "sync_state.last_seq", "sync_state.apply_round"])
    .where("firm.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const { access_version: version, last_seq: lastSeq, apply_round: applyRound, ...firm } = row;
  return {
    firm: firmRowToFirm(firm),
    accessVersion: Number(version ?? 0),
    dataVersion: lastSeq === null || applyRound === null ? null : `${lastSeq}.${applyRound}`,
  };
}

/** The firm's access version now (0 before anything raised it). */
export async function accessVersionOf(db: Db, firmId: string): Promise<number> {
  const row = await db
    .selectFrom("access_version")
    .select("version")
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return row ? Number(row.version) : 0;
}
