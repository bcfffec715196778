/** One's own two-factor sign-in (/auth/two-factor): its state, enrolment, recovery codes, turning off. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type TwoFactorStatus =
  paths["/auth/two-factor"]["get"]["responses"][200]["content"]["application/json"];
export type StartedEnrolment =
  paths["/auth/two-factor/enrolment"]["post"]["responses"][200]["content"]["application/json"];

const statusKey = ["auth", "two-factor"] as const;

export function useTwoFactorStatus() {
  const { api } = useFirm();
  return useQuery({ queryKey: statusKey, queryFn: () => unwrap(api.GET("/auth/two-factor")) });
}

function useRefreshStatus() {
  const { queryClient } = useFirm();
  return () => void refreshAfterChange(queryClient, statusKey);
}

export function useStartEnrolment() {
  const { api } = useFirm();
  return useMutation({ mutationFn: () => unwrap(api.POST("/auth/two-factor/enrolment")) });
}

export function useConfirmEnrolment() {
  const { api } = useFirm();
  const refresh = useRefreshStatus();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST("/auth/two-factor/enrolment/confirm", { body: { code } })),
    onSuccess: refresh,
  });
}

export function useRegenerateRecoveryCodes() {
  const { api } = useFirm();
  const refresh = useRefreshStatus();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST("/auth/two-factor/recovery-codes", { body: { code } })),
    onSuccess: refresh,
  });
}

export function useTurnOffTwoFactor() {
  const { api } = useFirm();
  const refresh = useRefreshStatus();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST("/auth/two-factor/turn-off", { body: { code } })),
    onSuccess: refresh,
  });
}
