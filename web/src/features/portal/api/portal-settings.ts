/** The firm's portal settings (GET/PUT /portal-settings): how its emails to contacts read and go. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";

export type PortalSettings =
  paths["/portal-settings"]["get"]["responses"][200]["content"]["application/json"];

const settingsKey = ["portal", "settings"] as const;

export function usePortalSettings() {
  const { api } = useFirm();
  return useQuery({ queryKey: settingsKey, queryFn: () => unwrap(api.GET("/portal-settings")) });
}

export function useSavePortalSettings() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: (body: PortalSettings) => unwrap(api.PUT("/portal-settings", { body })),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
}
