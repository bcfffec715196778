/**
 * What a shared test helper opened for the test file now running, closed after that file
 * (per-file-setup.ts runs these in an afterAll of every file). A helper's module is evaluated
 * once per worker process, which runs many files one after the other (vitest.config.ts), so a
 * module-level afterAll would run after the first file only.
 */
const cleanups = new Set<() => Promise<void>>();

/** Runs `cleanup` once after the current test file, whatever its outcome (once, however often it is given). */
export function afterThisFile(cleanup: () => Promise<void>): void {
  cleanups.add(cleanup);
}

export async function runFileCleanups(): Promise<void> {
  const due = [...cleanups];
  cleanups.clear();
  await Promise.all(due.map((cleanup) => cleanup()));
}
