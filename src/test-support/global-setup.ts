/**
 * Starts one embedded PostgreSQL server for the whole test run, on a free loopback port, in a
 * temporary folder; each test file then creates its own database in it. Stopped at the end.
 */
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "./embedded-postgres.js";

export { freePort } from "./embedded-postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Tests need no durability: no fsync, no waiting for the WAL.
  const server = await startEmbeddedPostgres("firmtime-pg", ["fsync=off", "synchronous_commit=off"]);
  project.provide("postgresUrl", server.baseUrl);
  return () => server.stop();
}
