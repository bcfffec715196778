/**
 * Totals of list filters, kept between requests: a client pages through a month of entries,
 * and every page answers the month's total, which is a count over thousands of rows.
 *
 * A total is good only under the firm's data version it was counted under (FirmWithVersions:
 * it changes in the same transaction as any write to a synced record, whoever writes). The
 * version is read when the request begins and the count runs after it, so a total is never
 * older than the version it is filed under; any write since makes the next request count again.
 */

/** How many totals one server remembers; the oldest goes first beyond it. */
const DEFAULT_CAPACITY = 2_000;

interface Counted {
  version: string;
  total: number;
}

/** Answers a filter's total, from memory or by counting. */
export type Counter = (filterKey: string, count: () => Promise<number>) => Promise<number>;

/** Counts every time: for callers without a data version (the CLI, services used alone). */
export const countAlways: Counter = (_key, count) => count();

export class CountCache {
  readonly #totals = new Map<string, Counted>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** A Counter for one request: the firm's and its data version as the request began. */
  counter(firmId: string, dataVersion: string | null): Counter {
    if (dataVersion === null) return countAlways;
    return async (filterKey, count) => {
      const key = `${firmId}|${filterKey}`;
      const kept = this.#totals.get(key);
      if (kept?.version === dataVersion) return kept.total;
      const total = await count();
      this.#totals.delete(key);
      if (this.#totals.size >= this.capacity) {
        const oldest = this.#totals.keys().next().value;
        if (oldest !== undefined) this.#totals.delete(oldest);
      }
      this.#totals.set(key, { version: dataVersion, total });
      return total;
    };
  }
}
