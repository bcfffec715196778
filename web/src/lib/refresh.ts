/**
 * Fetch a query afresh after a change the server has just committed.
 *
 * `invalidateQueries` alone is not enough for a query whose first fetch is still in flight:
 * TanStack Query then joins that fetch instead of starting another, and the answer, read
 * before the change was committed, stays as if fresh. (A new expense's receipts hit this: the
 * card asks for them while the photo is still uploading.) Cancelling first drops that fetch,
 * so the refetch reads what is there now.
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";

export async function refreshAfterChange(queryClient: QueryClient, queryKey: QueryKey): Promise<void> {
  await queryClient.cancelQueries({ queryKey });
  await queryClient.invalidateQueries({ queryKey });
}
