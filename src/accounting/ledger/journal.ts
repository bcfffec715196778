/**
 * hledger journals: the writer (write-journal.ts), the names it makes (journal-names.ts), what an
 * existing journal holds (read-journal.ts), our exact-cents check (cents-check.ts) and the real
 * hledger (run-hledger.ts), under the one name the connector imports.
 */
export { appendJournal, writeJournal, type JournalOptions } from "./write-journal.js";
export {
  accountPart,
  expenseCode,
  noteText,
  payeeText,
  recordAccounts,
  tagValue,
  timeCode,
} from "./journal-names.js";
export { journalCodes, readJournal, type JournalContents } from "./read-journal.js";
export { checkJournalCents, type CentsProblem } from "./cents-check.js";
export { HLEDGER, runHledger } from "./run-hledger.js";
