/** Rates: those of one owner (or work code), a new rate from a date, and removing a future one. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import type { RateInput, RateQuery } from "./types";
import { refreshAfterChange } from "../../../lib/refresh";

/** Rates of one owner hold a few rows per work code; 500 is far more than any owner has. */
export function useRates(query: RateQuery, enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["rates", query],
    queryFn: () => unwrap(api.GET("/rates", { params: { query: { limit: 500, ...query } } })),
    enabled,
  });
}

export function useRateChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, ["rates"]);
  const set = useMutation({
    mutationFn: (body: RateInput) => unwrap(api.POST("/rates", { body })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/rates/{id}", { params: { path: { id } } })),
    onSettled: refresh,
  });
  return { set, remove };
}
