/**
 * Runs before each test file (vitest's setupFiles), isolated or not: what shared helpers opened
 * for the file is closed after it (file-cleanup.ts).
 */
import { afterAll } from "vitest";
import { runFileCleanups } from "./file-cleanup.js";

afterAll(runFileCleanups);
