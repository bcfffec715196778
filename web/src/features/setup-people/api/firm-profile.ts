/** The firm's profile and settings (GET/PATCH /firm); the lock date lives here too. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type FirmProfile = paths["/firm"]["get"]["responses"][200]["content"]["application/json"];
export type FirmChange = NonNullable<paths["/firm"]["patch"]["requestBody"]>["content"]["application/json"];

const firmKey = ["firm", "profile"] as const;

export function useFirmProfile() {
  const { api } = useFirm();
  return useQuery({ queryKey: firmKey, queryFn: () => unwrap(api.GET("/firm")) });
}

export function useEditFirm() {
  const { api, queryClient } = useFirm();
  return useMutation({
    mutationFn: (body: FirmChange) => unwrap(api.PATCH("/firm", { body })),
    onSuccess: (firm) => {
      queryClient.setQueryData(firmKey, firm);
      // The header shows the firm's name from /auth/me.
      void refreshAfterChange(queryClient, ["auth", "me"]);
    },
  });
}
