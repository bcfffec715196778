/**
 * Runs before each test file (vitest's setupFiles), also when a worker runs many files in one
 * process (vitest.config.ts): what shared helpers opened for the file is closed after it.
 */
import { afterAll } from "vitest";
import { runFileCleanups } from "./file-cleanup.js";

afterAll(runFileCleanups);
