/**
 * An export run: the approved entries not yet written in the format (all with "again"), written
 * by the pure writers (iif/, ledger/), kept in the file store under a generated key, and
 * recorded as exported, so the next export leaves them out. The run's items say what was
 * written and what was left out and why.
 */
import { Readable } from "node:stream";
import type { FileStore } from "../../files/file-store.js";
import { inTransaction } from "../../store/transaction.js";
import { recordExported, type AccountingRun, type RunItemDraft } from "../accounting-store.js";
import type { RunExport } from "../connector.js";
import { writeIif } from "../iif/iif.js";
import { checkJournalCents, expenseCode, timeCode, writeJournal } from "../ledger/journal.js";
import { buildExportBatch } from "./build-batch.js";

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "firm";

export function exportRunner(files: FileStore): RunExport {
  return async (ctx, run: AccountingRun) => {
    const format = run.options.format ?? "iif";
    const firm = ctx.scope.firm;
    await ctx.progress("reading entries", 0, 0);
    const batch = await buildExportBatch(ctx.db, firm, ctx.settings, format, run.options.again === true);
    const items: RunItemDraft[] = [];
    const written = { time: [] as string[], expense: [] as string[] };
    let text: string;
    if (format === "iif") {
      text = writeIif(batch);
      for (const entry of batch.time) {
        if (entry.minutes < 0) {
          items.push(item("time", "skipped", entry.id, "skipped: an IIF time activity cannot be negative"));
        } else {
          written.time.push(entry.id);
          items.push(item("time", "exported", entry.id, "written to the IIF file"));
        }
      }
      for (const entry of batch.expenses)
        items.push(item("expense", "skipped", entry.id, "skipped: IIF time files carry time only"));
    } else {
      text = writeJournal(batch);
      // Ours, as hledger would let a fraction of a cent through.
      const problems = checkJournalCents(text, firm.minorDigits);
      if (problems.length > 0)
        throw new Error(`the journal does not balance to the cent: ${problems[0]!.message}`);
      for (const entry of batch.time) {
        written.time.push(entry.id);
        items.push(item("time", "exported", entry.id, `written as ${timeCode(entry.id)}`));
      }
      for (const entry of batch.expenses) {
        written.expense.push(entry.id);
        items.push(item("expense", "exported", entry.id, `written as ${expenseCode(entry.id)}`));
      }
    }
    const stored = await files.put(Readable.from([Buffer.from(text, "utf8")]));
    const day = ctx.scope.clock.now().toISOString().slice(0, 10);
    const name = `${slug(firm.name)}-${day}.${format === "iif" ? "iif" : "journal"}`;
    const now = ctx.scope.clock.now().toISOString();
    await inTransaction(ctx.db, async (tx) => {
      await recordExported(tx, firm.id, format, "time", written.time, run.id, now);
      await recordExported(tx, firm.id, format, "expense", written.expense, run.id, now);
    });
    for (let start = 0; start < items.length; start += 1000)
      await ctx.report(items.slice(start, start + 1000));
    return { key: stored.key, name };
  };
}

const item = (kind: "time" | "expense", outcome: string, id: string, message: string): RunItemDraft => ({
  phase: kind,
  outcome,
  localKind: `${kind}_entry`,
  localId: id,
  externalId: null,
  name: kind === "time" ? "time entry" : "expense",
  message,
});
