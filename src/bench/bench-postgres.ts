/**
 * The PostgreSQL a benchmark run's cloud uses: an embedded server (test-support's), started on
 * first use and stopped with the run.
 *
 * Durability is set like the SQLite cloud's (WAL with synchronous=NORMAL: a crash of the
 * process loses nothing, a power loss may lose the last commits): synchronous_commit=off,
 * fsync on. So the two engines are compared at the same promise.
 */
import { createDatabase, startEmbeddedPostgres } from "../test-support/embedded-postgres.js";

export interface BenchPostgres {
  /** A new, empty database; its URL. */
  newDatabase(prefix: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startEmbeddedPostgres("firmtime-bench-pg", ["synchronous_commit=off"]);
  let counter = 0;
  return {
    newDatabase: (prefix) => createDatabase(server.baseUrl, `${prefix}_${counter++}`),
    stop: () => server.stop(),
  };
}
