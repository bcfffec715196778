/**
 * Names as the two systems compare them. The first time, a firmtime record and an accounting
 * record are linked by name: trimmed, case-folded, inner whitespace collapsed, so "Acme  Ltd "
 * and "ACME Ltd" are one customer. After that they are linked by the stored external id, and a
 * rename on either side never breaks the link.
 */
import { invalid } from "../domain/errors.js";

/** The key two names are matched by: "  Acme\t Ltd " and "acme ltd" have the same key. */
export function nameKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();
}

/** A name as sent to the books: trimmed, inner whitespace collapsed (case kept). */
export function tidyName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/gu, " ");
}

/**
 * QuickBooks names may not contain ':' (it separates a job from its customer) and are at most
 * 100 characters for items and 500 for people and customers; an empty name is refused.
 */
export function assertBookName(name: string, kind: "item" | "person"): string {
  const tidy = tidyName(name);
  if (!tidy) throw invalid("a name in the books cannot be empty");
  if (tidy.includes(":"))
    throw invalid(`"${tidy}" contains ':', which the books use between a customer and its job`);
  const limit = kind === "item" ? 100 : 500;
  if ([...tidy].length > limit) throw invalid(`"${tidy.slice(0, 40)}…" is longer than ${limit} characters`);
  return tidy;
}

/** "Client:Project", the way QuickBooks names a job. */
export const jobFullName = (clientName: string, projectName: string): string =>
  `${tidyName(clientName)}:${tidyName(projectName)}`;
