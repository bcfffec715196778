/** Schemas shared by many routes: the firm in the path, ids, pagination, list envelopes. */
import { z } from "zod";

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

export function page<T>(rows: readonly T[], query: { limit: number; offset: number }) {
  return {
    items: rows.slice(query.offset, query.offset + query.limit),
    total: rows.length,
    limit: query.limit,
    offset: query.offset,
  };
}

export const noContent = z.null().describe("no content");
