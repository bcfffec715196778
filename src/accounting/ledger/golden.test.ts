/**
 * The hledger journal written for a small batch, byte for byte, so any change in what lands in
 * the books is seen in review. After an intended change: UPDATE_GOLDEN=1 npx vitest run <this file>.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { smallBatch } from "../iif/fixtures/small-batch.js";
import { checkJournalCents, runHledger, writeJournal } from "./journal.js";

const golden = new URL("./fixtures/small-batch.journal", import.meta.url);

describe("the journal golden file", () => {
  const text = writeJournal(smallBatch());
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, text);

  it("is what the writer writes, byte for byte", () => {
    expect(text).toBe(readFileSync(golden, "utf8"));
  });

  it("passes hledger's strict check and ours", async () => {
    await runHledger(["check", "-s"], fileURLToPath(golden));
    expect(checkJournalCents(readFileSync(golden, "utf8"), 2)).toEqual([]);
  });
});
