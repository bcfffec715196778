/**
 * A temporary folder for the test file now running, removed after that file (with what the
 * file's servers and stores left in it, once they have stopped: per-file-setup.ts's cleanup runs
 * after the file's own afterAll hooks). Runs of the suite leave nothing behind in the system's
 * temporary folder.
 */
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterThisFile } from "./file-cleanup.js";

/** A new folder named firmtime-NAME-XXXXXX in the system's temporary folder. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `firmtime-${name}-`));
  afterThisFile(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
