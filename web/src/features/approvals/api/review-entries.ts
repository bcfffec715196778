/**
 * What a reviewer works through: the submitted time or expense entries they may see, a page at
 * a time from the server (sorted and filtered there), and the decision on a selection of them,
 * approved or returned to their staff member with a comment: all of them, or none.
 */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type ReviewKind = "time" | "expense";

type TimeList = paths["/time-entries"]["get"]["responses"][200]["content"]["application/json"];
type ExpenseList = paths["/expense-entries"]["get"]["responses"][200]["content"]["application/json"];
export type ReviewEntry = TimeList["items"][number] | ExpenseList["items"][number];
type EntrySort = NonNullable<NonNullable<paths["/time-entries"]["get"]["parameters"]["query"]>["sort"]>;

export interface ReviewQuery {
  /** `date`, `-date`, `staff` or `-staff`, as the server takes it. */
  sort: string;
  staffId: string | null;
  clientId: string | null;
  from: string;
  to: string;
  limit: number;
  offset: number;
}

const PATHS = { time: "/time-entries", expense: "/expense-entries" } as const;
const reviewKey = (kind: ReviewKind) => ["approvals", kind] as const;

/** One page of the submitted entries of a kind that the reviewer may see. */
export function useSubmittedEntries(kind: ReviewKind, query: ReviewQuery) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...reviewKey(kind), query],
    queryFn: async (): Promise<{ items: ReviewEntry[]; total: number }> =>
      unwrap(
        api.GET(PATHS[kind], {
          params: {
            query: {
              status: "submitted",
              sort: query.sort as EntrySort,
              staffId: query.staffId ?? undefined,
              clientId: query.clientId ?? undefined,
              from: query.from || undefined,
              to: query.to || undefined,
              limit: query.limit,
              offset: query.offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export type ReviewDecision =
  { ids: string[]; decision: "approve" } | { ids: string[]; decision: "return"; comment: string };

/** Approves the entries, or returns them with a comment; the list refreshes either way. */
export function useReviewDecision(kind: ReviewKind) {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: (decision: ReviewDecision) =>
      unwrap(
        api.POST(`${PATHS[kind]}/status`, {
          body:
            decision.decision === "approve"
              ? { ids: decision.ids, status: "approved" }
              : { ids: decision.ids, status: "draft", comment: decision.comment },
        }),
      ),
    // Refused or not, the list is read again: what someone else changed meanwhile shows.
    onSettled: () => refreshAfterChange(queryClient, reviewKey(kind)),
  });
}

export type EntryStaff =
  paths["/entry-staff"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/**
 * The staff members with submitted entries of a kind the reviewer may see, searched on the
 * server by number or name, 20 at most: a reviewer may not read the staff list itself.
 */
export function useReviewedStaff(kind: ReviewKind, search: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["approvals", "staff", kind, search],
    queryFn: () =>
      unwrap(
        api.GET("/entry-staff", {
          params: { query: { kind, status: "submitted", search: search || undefined, limit: 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
