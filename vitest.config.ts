import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * FIRMTIME_BROWSER_TESTS=smoke keeps one browser test file (the accounts pages, which also check
 * how the server serves the app) and leaves the others out: .ci/run's second Node.js runs the
 * whole suite but those, which drive the same browser code against the same server routes.
 */
const browserSmokeOnly = process.env.FIRMTIME_BROWSER_TESTS === "smoke";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"],
    exclude: browserSmokeOnly
      ? ["**/node_modules/**", "test/web/!(accounts).browser.test.ts"]
      : ["**/node_modules/**"],
    globalSetup: ["./src/test-support/global-setup.ts"],
    // What shared helpers opened for a file (Chromium, QBO-compatible servers, firmtime
    // processes) is closed after it (file-cleanup.ts).
    setupFiles: ["./src/test-support/per-file-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at once even on two cores: most tests wait on a database, a child process or a
    // browser, so the second worker fills the first one's waits (vitest's default is cores − 1).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
