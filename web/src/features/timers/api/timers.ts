/**
 * The person's running timer, kept on the server (one per staff member), and what can be done
 * with it. The timer is read again every minute and whenever the window regains focus, so a
 * timer started, switched or stopped on another device shows here without a reload; every change
 * also refreshes the time entries it recorded.
 */
import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

type Body<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { "application/json": infer T } } };
}
  ? T
  : never;

export type Timer = NonNullable<
  paths["/timers/current"]["get"]["responses"][200]["content"]["application/json"]["timer"]
>;
export type TimerStart = Body<"/timers">;
export type TimerStop = Body<"/timers/stop">;
export type TimerSwitch = Body<"/timers/switch">;

const currentKey = ["timers", "current"] as const;

const currentTimer = (api: FirmApi) =>
  queryOptions({
    queryKey: currentKey,
    queryFn: async () => (await unwrap(api.GET("/timers/current"))).timer,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });

export function useCurrentTimer(enabled = true) {
  const { api } = useFirm();
  return useQuery({ ...currentTimer(api), enabled });
}

/** The browser's IANA time zone: a timer's entry is dated on the day it started, where it started. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function useTimerActions() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, currentKey, ["time-entries"]);
  const start = useMutation({
    mutationFn: (body: TimerStart) =>
      unwrap(api.POST("/timers", { body: { timeZone: browserTimeZone(), ...body } })),
    onSettled: refresh,
  });
  const stop = useMutation({
    mutationFn: (body: TimerStop) => unwrap(api.POST("/timers/stop", { body })),
    onSettled: refresh,
  });
  const switchTo = useMutation({
    mutationFn: (body: TimerSwitch) =>
      unwrap(api.POST("/timers/switch", { body: { timeZone: browserTimeZone(), ...body } })),
    onSettled: refresh,
  });
  const discard = useMutation({
    mutationFn: () => unwrap(api.POST("/timers/discard", { body: {} })),
    onSettled: refresh,
  });
  return { start, stop, switchTo, discard };
}
