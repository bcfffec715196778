/**
 * One grid cell's save: its own mutation, so each cell shows its own saving / saved / error
 * state while its neighbours save independently.
 */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import type { CellSave, RowKey } from "../timesheet-math";
import { entriesKey } from "./time-entries";

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
    onSettled: () => queryClient.invalidateQueries({ queryKey: entriesKey(staffId) }),
  });
}
