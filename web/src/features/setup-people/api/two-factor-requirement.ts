/** Whom the firm requires to sign in with two factors (GET/PUT /firm/two-factor). */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";

export type TwoFactorRequirement =
  paths["/firm/two-factor"]["get"]["responses"][200]["content"]["application/json"];

const requirementKey = ["firm", "two-factor"] as const;

export function useTwoFactorRequirement() {
  const { api } = useFirm();
  return useQuery({ queryKey: requirementKey, queryFn: () => unwrap(api.GET("/firm/two-factor")) });
}

export function useSetTwoFactorRequirement() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: (body: TwoFactorRequirement) => unwrap(api.PUT("/firm/two-factor", { body })),
    onSuccess: (requirement) => queryClient.setQueryData(requirementKey, requirement),
  });
}
