/**
 * What each kind of run does, phase by phase (shared/design/accounting.md):
 * - transfer: lists (1), jobs and items (2), the readiness check, then time and expenses (3);
 * - import: lists (1) and jobs and items (2) only, in the directions the firm chose;
 * - readiness: the check alone; it changes nothing on either side.
 * Phase 4 (waiting for the next period) is the connector's schedule.
 */
import type { AccountingRunKind } from "../../store/tables.js";
import { BooksSnapshot, syncLists } from "./lists-phase.js";
import { postEntries } from "./posting-phase.js";
import { checkReadiness } from "./readiness.js";
import type { RunContext } from "./run-context.js";

export async function runPhases(ctx: RunContext, kind: Exclude<AccountingRunKind, "export">): Promise<void> {
  await ctx.progress("reading the books", 0, 0);
  const snapshot = await BooksSnapshot.read(ctx);
  if (kind !== "readiness") {
    await syncLists(ctx, snapshot, "lists", ["staff", "client"]);
    await syncLists(ctx, snapshot, "jobs", ["project", "work_code"]);
  }
  if (kind === "import") return;
  const readiness = await checkReadiness(ctx, snapshot);
  await ctx.report(readiness.problems);
  if (kind === "readiness") return;
  await postEntries(ctx);
}
