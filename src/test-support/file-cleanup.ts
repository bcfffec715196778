/**
 * What a shared test helper opened for the test file now running, closed after that file
 * (per-file-setup.ts runs these in an afterAll of every file). A module-level afterAll in the
 * helper would run after the first file only if a worker ran several files in one process
 * (vitest's isolate: false, tried on 2026-12-06 and not kept); this works either way.
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
