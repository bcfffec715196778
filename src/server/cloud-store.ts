/**
 * The cloud's store as the configuration names it: the embedded SQLite database in the data
 * folder (the default), or PostgreSQL at --database. `firmtime serve` and `firmtime firm create`
 * open the same one from the same settings.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { invalid } from "../domain/errors.js";
import { openPostgresStore, openSqliteStore, type SqliteOpenOptions, type Store } from "../store/database.js";
import type { ServerConfig } from "../config/config.js";

export const CLOUD_DATABASE_FILE = "firmtime.db";

/** Where the store is, fit to print: a PostgreSQL password never appears. */
export function describeStore(config: Pick<ServerConfig, "dataDir" | "databaseUrl">): string {
  if (!config.databaseUrl) return `SQLite ${join(config.dataDir, CLOUD_DATABASE_FILE)}`;
  return `PostgreSQL ${hidePassword(config.databaseUrl)}`;
}

export function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

/** Opens and migrates the store; one clear line when it cannot be reached or created. */
export async function openCloudStore(
  config: Pick<ServerConfig, "dataDir" | "databaseUrl">,
  /** For a process that serves for long (database.ts): SQLite's checkpoints off its event loop. */
  options: SqliteOpenOptions = {},
): Promise<Store> {
  try {
    if (config.databaseUrl) return await openPostgresStore(config.databaseUrl);
    mkdirSync(config.dataDir, { recursive: true });
    return await openSqliteStore(join(config.dataDir, CLOUD_DATABASE_FILE), options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`cannot open the store (${describeStore(config)}): ${hidePasswordsIn(reason)}`);
  }
}

/** Driver messages can quote the connection string; keep its password out of them too. */
const hidePasswordsIn = (text: string): string => text.replace(/(\w+:\/\/[^:/@\s]*):[^@\s]*@/g, "$1:***@");
