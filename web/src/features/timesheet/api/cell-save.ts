/**
 * One grid cell's save: its own mutation, so each cell shows its own saving / saved / error
 * state while its neighbours save independently.
 */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import type { CellSave, RowKey } from "../timesheet-math";
import { entriesKey, type TimeEntry } from "./time-entries";
import { refreshAfterChange } from "../../../lib/refresh";

interface EntryPage {
  items: TimeEntry[];
}

function applyAnswer(
  page: EntryPage,
  plan: CellSave,
  answer: TimeEntry | null | undefined,
  range: { from: string; to: string },
): EntryPage {
  if (plan.kind === "delete") return { ...page, items: page.items.filter((entry) => entry.id !== plan.id) };
  if (!answer) return page;
  const known = page.items.some((entry) => entry.id === answer.id);
  if (known) return { ...page, items: page.items.map((entry) => (entry.id === answer.id ? answer : entry)) };
  const inRange = answer.date >= range.from && answer.date <= range.to;
  return plan.kind === "create" && inRange ? { ...page, items: [...page.items, answer] } : page;
}

export function useCellSave(staffId: string | null, row: RowKey, date: string) {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: async (plan: CellSave) => {
      switch (plan.kind) {
        case "create":
          return unwrap(
            api.POST("/time-entries", {
              body: {
                staffId: staffId ?? undefined,
                clientId: row.clientId,
                projectId: row.projectId,
                workCodeId: row.workCodeId,
                date,
                minutes: plan.minutes,
              },
            }),
          );
        case "update":
          return unwrap(
            api.PATCH("/time-entries/{id}", {
              params: { path: { id: plan.id } },
              body: { minutes: plan.minutes },
            }),
          );
        case "delete":
          return unwrap(api.DELETE("/time-entries/{id}", { params: { path: { id: plan.id } } }));
        case "none":
        case "refuse":
          return null;
      }
    },
    // The cache learns the answer at once, so a cell typed into again right away plans its next
    // save from what the server now holds (not from a deleted entry); a refetch follows.
    onSuccess: (answer, plan) => {
      for (const [key, page] of queryClient.getQueriesData<EntryPage>({ queryKey: entriesKey(staffId) })) {
        const [, , from, to] = key;
        if (page && typeof from === "string" && typeof to === "string")
          queryClient.setQueryData(key, applyAnswer(page, plan, answer, { from, to }));
      }
    },
    onSettled: () => refreshAfterChange(queryClient, entriesKey(staffId)),
  });
}
