/** An import: the server checks the whole text (a dry run: the preview) or imports it. */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import type { ImportBody, ImportKind } from "./types";
import { refreshAfterChange } from "../../../lib/refresh";

export function useImport() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: ({ kind, body }: { kind: ImportKind; body: ImportBody }) => {
      switch (kind) {
        case "workcodes":
          return unwrap(api.POST("/imports/workcodes", { body }));
        case "staff":
          return unwrap(api.POST("/imports/staff", { body }));
        case "clients":
          return unwrap(api.POST("/imports/clients", { body }));
        case "contacts":
          return unwrap(api.POST("/imports/contacts", { body }));
        case "time":
          return unwrap(api.POST("/imports/time", { body }));
        case "expenses":
          return unwrap(api.POST("/imports/expenses", { body }));
      }
    },
    // An import writes many records of its kind (and contact companies): everything may have changed.
    onSuccess: (result) => (result.dryRun ? undefined : refreshAfterChange(queryClient, [])),
  });
}
