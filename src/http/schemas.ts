/** Schemas shared by many routes: the firm in the path, ids, pagination, list envelopes. */
import { z } from "zod";
import { NAME_SORTS, sortValues, type Sort } from "../store/list-query.js";

export const firmParams = z.object({ firm: z.string().min(1).max(40) });
export const idParams = firmParams.extend({ id: z.uuid() });

/** limit/offset pagination with a stable sort; the envelope says the total. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });

/**
 * A list's `sort` parameter: one of its keys, or `-key` for descending. Every order ends on a
 * unique column (the key itself when it is a unique code, else the id), so consecutive pages
 * never overlap or skip a row. `meaning` documents each key in the OpenAPI document.
 */
export function sortParam<K extends string>(
  keys: readonly [K, ...K[]],
  fallback: Sort<K>,
  meaning: Record<K, string>,
) {
  const each = keys.map((key) => `${key}: ${meaning[key]}`).join("; ");
  return (
    z
      .enum(sortValues(keys))
      // zod cannot relate a generic default to its generic enum; the value is one of sortValues(keys).
      .default(fallback as never)
      .describe(`the order (default ${fallback}): ${each}. A leading - reverses it; ties are broken by id.`)
  );
}

/** The sort of a list of named records (groups, companies). */
export const nameSortParam = () =>
  sortParam(NAME_SORTS, "name", { name: "the name, case-insensitive", createdAt: "when it was added" });

/** Free-text search: a case-insensitive "contains" on the fields `what` names. */
export const searchParam = (what: string) =>
  z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(`case-insensitive; matches ${what} containing it (empty: no search)`);

/** Lookup by code: exactly this code (case-insensitive); a page of at most one row. */
export const codeParam = (what: string) =>
  z.string().trim().min(1).max(20).optional().describe(`exactly this ${what}, case-insensitive`);

export const noContent = z.null().describe("no content");
