/**
 * Signing in and out, activating an account, resetting and changing a password: each a mutation
 * of /auth. Signing in or out replaces what the cache knew about the person.
 */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { meQueryOptions } from "../../../lib/me";

export interface Credentials {
  email: string;
  password: string;
}

export function useSignIn() {
  const { api, session, queryClient } = useFirm();
  return useMutation({
    mutationFn: (body: Credentials) => unwrap(api.POST("/auth/login", { body })),
    onSuccess: (answer) => {
      session.signedIn(answer.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "auth" });
      queryClient.setQueryData(meQueryOptions(api).queryKey, answer.user);
    },
  });
}

export function useSignOut() {
  const { api, session, queryClient } = useFirm();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/auth/logout")),
    onSettled: () => {
      session.signedOut();
      queryClient.clear();
    },
  });
}

export function useActivate() {
  const { api } = useFirm();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => unwrap(api.POST("/auth/activate", { body })),
  });
}

export function useRequestPasswordReset() {
  const { api } = useFirm();
  return useMutation({
    mutationFn: (body: { email: string }) => unwrap(api.POST("/auth/password-reset", { body })),
  });
}

export function useConfirmPasswordReset() {
  const { api } = useFirm();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      unwrap(api.POST("/auth/password-reset/confirm", { body })),
  });
}

export function useChangePassword() {
  const { api } = useFirm();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.POST("/auth/password", { body })),
  });
}
