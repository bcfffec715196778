/**
 * Opening the store on either engine, and the firm file (a SQLite database marked as ours).
 * Everything above this file sees one `Db` type whichever engine is underneath.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from "kysely";
import type pg from "pg";
import { AppError } from "../domain/errors.js";
import { currentAuthor } from "./author-context.js";
import { BACKSTOP_PAGES, checkpointInBackground } from "./background-checkpoints.js";
import { migrateToLatest } from "./migrate.js";
import type { Database } from "./tables.js";

export type Db = Kysely<Database>;
export type Engine = "sqlite" | "postgres";

export interface Store {
  readonly db: Db;
  readonly engine: Engine;
  close(): Promise<void>;
}

/** SQLite's application_id header field: "FTM1". Marks a file as a firmtime firm file. */
export const FIRM_FILE_APPLICATION_ID = 0x46544d31;

function sqliteConnection(path: string, fileMustExist: boolean): BetterSqlite3.Database {
  const connection = new BetterSqlite3(path, { fileMustExist });
  connection.pragma("journal_mode = WAL");
  connection.pragma("foreign_keys = ON");
  connection.pragma("busy_timeout = 5000");
  // WAL with synchronous=NORMAL is durable against application crashes; a power loss can
  // lose the last transactions but never corrupts the file.
  connection.pragma("synchronous = NORMAL");
  // The journal triggers record each change's author (author-context.ts).
  connection.function("ftm_author", { deterministic: false }, () => currentAuthor());
  return connection;
}

/**
 * Kysely prepares every query afresh; preparing costs more than running most of ours. The same
 * SQL text reuses its prepared statement, unless that one is busy (a stream still reading it).
 *
 * The cache is bounded by the SQL text it holds as well as by count: a prepared statement's
 * program lives in SQLite's memory, outside V8's heap, and grows with its parameters (a
 * multi-row INSERT of 850 rows of 20 columns, 36 KB of text, holds about 1.5 MB; an IN list of
 * 450 ids about 90 KB). By count alone, 500 statements of distinct sizes could hold most of a
 * gigabyte. A statement over a quarter of the budget is not kept at all.
 */
export function withStatementCache(
  connection: BetterSqlite3.Database,
  limits: { count: number; sqlChars: number } = STATEMENT_CACHE_LIMITS,
) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  let cachedChars = 0;
  return {
    close: () => connection.close(),
    prepare(sql: string): BetterSqlite3.Statement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last, so the oldest goes first when the cache is full.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = connection.prepare(sql);
      if (!cached && sql.length <= limits.sqlChars / 4) {
        cache.set(sql, statement);
        cachedChars += sql.length;
        while (cache.size > limits.count || cachedChars > limits.sqlChars) {
          const oldest = cache.keys().next().value!;
          cache.delete(oldest);
          cachedChars -= oldest.length;
        }
      }
      return statement;
    },
    /** What the cache holds now (tests). */
    held: () => ({ count: cache.size, sqlChars: cachedChars }),
  };
}

/** About 500 KB of SQL text: some tens of MB of prepared programs at most. */
export const STATEMENT_CACHE_LIMITS = { count: 500, sqlChars: 512 * 1024 };

/**
 * SQLite transactions begin IMMEDIATE: they take the file's write lock first, waiting for it
 * through the busy timeout. Kysely's plain BEGIN defers the lock to the first write, and a
 * transaction that has read by then cannot wait: if another process holds the lock at that
 * moment, SQLite fails the write at once with "database is locked". A firm file is written by
 * more than one process (the desktop app and its background merge, a firmtime command, a
 * second command): two processes each running read-then-write transactions on one file failed
 * 10-16 % of them that way. Every process has one connection to a file, so taking the lock
 * early queues nothing that was not already queued behind it.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class FirmSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

function sqliteStore(connection: BetterSqlite3.Database): Store {
  const db = new Kysely<Database>({
    dialect: new FirmSqliteDialect({ database: withStatementCache(connection) }),
  });
  return { db, engine: "sqlite", close: () => db.destroy() };
}

export interface SqliteOpenOptions {
  /**
   * WAL checkpoints in a worker thread instead of inside a COMMIT (background-checkpoints.ts):
   * for a server that runs for long, never for a command that opens a file and exits.
   */
  backgroundCheckpoints?: boolean;
}

async function withBackgroundCheckpoints(
  store: Store,
  connection: BetterSqlite3.Database,
  options: SqliteOpenOptions,
): Promise<Store> {
  if (!options.backgroundCheckpoints) return store;
  const checkpoints = await checkpointInBackground(connection.name);
  connection.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  return {
    ...store,
    close: async () => {
      // The worker's connection first: the server's, closing last, checkpoints the whole WAL.
      await checkpoints.stop();
      await store.close();
    },
  };
}

/**
 * A fresh SQLite store (for the cloud's data folder or tests); migrates to the latest schema
 * (tests of a migration stop at the one before it with `upTo`).
 */
export async function openSqliteStore(
  path: string,
  options: { upTo?: string } & SqliteOpenOptions = {},
): Promise<Store> {
  const connection = sqliteConnection(path, false);
  const store = sqliteStore(connection);
  await migrateToLatest(store.db, options.upTo);
  return withBackgroundCheckpoints(store, connection, options);
}

// pg returns int8 as text by default; firmtime's 64-bit columns hold safe integers.
const INT8_OID = 20;
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer ${text} is outside the safe range`);
  return value;
}
const pgTypes = (types: typeof pg.types): pg.CustomTypesConfig => ({
  getTypeParser: ((oid: number) => {
    if (oid === INT8_OID) return parseInt8;
    return types.getTypeParser(oid) as (text: string) => unknown;
  }) as pg.CustomTypesConfig["getTypeParser"],
});

export async function openPostgresStore(
  connectionString: string,
  options: { max?: number; upTo?: string } = {},
): Promise<Store> {
  // pg loads only when a PostgreSQL store is opened: firm-file commands never need it.
  const { default: postgres } = await import("pg");
  const pool = new postgres.Pool({
    connectionString,
    max: options.max ?? 10,
    types: pgTypes(postgres.types),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, options.upTo);
  return { db, engine: "postgres", close: () => db.destroy() };
}

/** Creates a new firm file. Refuses to overwrite anything. */
export async function createFirmFile(path: string): Promise<Store> {
  const exists = () =>
    new AppError("FILE_EXISTS", `${path} already exists; init only creates new firm files`);
  if (existsSync(path)) throw exists();
  try {
    // "wx" creates the file or fails if something appeared meanwhile: never overwrite.
    closeSync(openSync(path, "wx"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw exists();
    if (code === "ENOENT") throw new AppError("FILE_NOT_FOUND", `folder ${dirname(path)} does not exist`);
    throw error;
  }
  // The application_id must reach the main file's header at once. Set under the default
  // rollback journal, before WAL: in WAL mode page 1 would sit in the -wal file until a
  // checkpoint, and openFirmFile (which reads the header directly) would refuse the file
  // while its creator still has it open, or for good after a crash.
  const marker = new BetterSqlite3(path, { fileMustExist: true });
  try {
    marker.pragma(`application_id = ${FIRM_FILE_APPLICATION_ID}`);
  } finally {
    marker.close();
  }
  const store = sqliteStore(sqliteConnection(path, true));
  await migrateToLatest(store.db);
  return store;
}

const SQLITE_HEADER = "SQLite format 3\0";

/** Opens an existing firm file; a missing path or a file that is not ours is a clear error. */
export async function openFirmFile(path: string, options: SqliteOpenOptions = {}): Promise<Store> {
  if (!existsSync(path)) {
    throw new AppError(
      "FILE_NOT_FOUND",
      `${path} does not exist (create a firm file with: firmtime init ${path} --firm NAME)`,
    );
  }
  if (!hasFirmFileHeader(path)) throw new AppError("NOT_A_FIRM_FILE", `${path} is not a firmtime firm file`);
  const connection = sqliteConnection(path, true);
  const store = sqliteStore(connection);
  await migrateToLatest(store.db);
  return withBackgroundCheckpoints(store, connection, options);
}

/** Reads the 100-byte SQLite header: the magic string and the application_id at offset 68. */
function hasFirmFileHeader(path: string): boolean {
  if (!statSync(path).isFile()) return false;
  const header = Buffer.alloc(100);
  const fd = openSync(path, "r");
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) return false;
  } finally {
    closeSync(fd);
  }
  return (
    header.toString("latin1", 0, 16) === SQLITE_HEADER && header.readUInt32BE(68) === FIRM_FILE_APPLICATION_ID
  );
}

/** Unique-key violations on either engine, so services can turn them into DUPLICATE errors. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * Foreign-key violations on either engine: a row still named by another (deleting it) or naming
 * one that is gone, so services can turn them into IN_USE or REFERENCE errors.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}
