/**
 * CI judges a run by its exit code, so a failing test must make vitest exit non-zero even with the
 * embedded PostgreSQL of the global setup (whose exit hook once turned every exit into 0).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

it("vitest exits non-zero when a test fails", () => {
  const run = spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "--config", "test/fixtures/failing.config.ts"],
    { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 },
  );
  expect(run.stdout + run.stderr).toContain("fails on purpose");
  expect(run.status).toBe(1);
});
