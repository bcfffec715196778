import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * FIRMTIME_BROWSER_TESTS=smoke keeps one browser test file (the accounts pages, which also check
 * how the server serves the app) and leaves the others out: .ci/run's second Node.js runs the
 * whole suite but those, which drive the same browser code against the same server routes.
 */
const browserSmokeOnly = process.env.FIRMTIME_BROWSER_TESTS === "smoke";
const excluded = browserSmokeOnly
  ? ["**/node_modules/**", "test/web/!(accounts).browser.test.ts"]
  : ["**/node_modules/**"];

/**
 * Test files that replace a module of ours (vi.mock): each in a process of its own. (A project's
 * arrays add to the root's with `extends`, so the root has no include or exclude of its own.)
 */
const MOCKING = ["src/merge/apply-batch.test.ts"];
/**
 * The embedded PostgreSQL, one per project that runs (a root globalSetup would start one more,
 * for the root, which runs no file).
 */
const GLOBAL_SETUP = "./src/test-support/global-setup.ts";

export default defineConfig({
  test: {
    setupFiles: ["./src/test-support/per-file-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at once even on two cores: most tests wait on a database, a child process or a
    // browser, so the second worker fills the first one's waits (vitest's default is cores − 1).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          globalSetup: [GLOBAL_SETUP],
          include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"],
          exclude: [...excluded, ...MOCKING],
          // A worker runs file after file in one process: importing the server, the store and
          // their packages anew for each of ~160 files cost about a sixth of the suite's time.
          // Every file starts its own servers and databases and stops them (per-file-setup.ts
          // closes the shared browser), so what carries over is modules and their caches.
          isolate: false,
        },
      },
      { extends: true, test: { name: "isolated", globalSetup: [GLOBAL_SETUP], include: MOCKING } },
    ],
  },
});
