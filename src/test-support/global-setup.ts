/**
 * Starts one embedded PostgreSQL server for the whole test run, on a free loopback port, in a
 * temporary folder; each test file then creates its own databases in it, as copies of one
 * database migrated here once (CREATE DATABASE ... TEMPLATE copies files: about a tenth of the
 * time migrating each new database took). Stopped at the end.
 */
import type { TestProject } from "vitest/node";
import { openPostgresStore } from "../store/database.js";
import { createDatabase, POSTGRES_TEMPLATE, startEmbeddedPostgres } from "./embedded-postgres.js";

export { freePort } from "./embedded-postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Tests need no durability: no fsync, no waiting for the WAL.
  const server = await startEmbeddedPostgres("firmtime-pg", ["fsync=off", "synchronous_commit=off"]);
  const template = await openPostgresStore(await createDatabase(server.baseUrl, POSTGRES_TEMPLATE), {
    max: 1,
  });
  await template.close();
  project.provide("postgresUrl", server.baseUrl);
  return () => server.stop();
}
