/**
 * Fetch queries afresh after a change the server has just committed. Every refresh after a
 * change goes through here (lint forbids `invalidateQueries` elsewhere in the web app).
 *
 * `invalidateQueries` alone is not enough for a query whose first fetch is still in flight:
 * TanStack Query then joins that fetch instead of starting another (its `cancelRefetch` only
 * applies to a query that already has data), and the answer, read before the change was
 * committed, stays as if fresh. A new expense's receipts hit this (the card asks for them while
 * the photo is still uploading), and so did a file uploaded into a folder just made (its list's
 * first read was still on the way). Cancelling first drops that fetch, so the refetch reads
 * what is there now.
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";

/** Every query whose key starts with one of `queryKeys` is read again; `[]` means every query. */
export async function refreshAfterChange(queryClient: QueryClient, ...queryKeys: QueryKey[]): Promise<void> {
  await Promise.all(
    queryKeys.map(async (queryKey) => {
      await queryClient.cancelQueries({ queryKey });
      // eslint-disable-next-line no-restricted-syntax -- the one place allowed to invalidate
      await queryClient.invalidateQueries({ queryKey });
    }),
  );
}
