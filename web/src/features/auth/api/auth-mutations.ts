/**
 * Signing in and out, activating an account, resetting and changing a password: each a mutation
 * of /auth. Signing in or out replaces what the cache knew about the person.
 */
import { useMutation } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { meQueryOptions } from "../../../lib/me";

export interface Credentials {
  email: string;
  password: string;
}

/** A session's opening answer, from the password alone or from a second step. */
export type SignedInAnswer =
  paths["/auth/login/two-factor"]["post"]["responses"][200]["content"]["application/json"];

/** What the browser does when a session opens: remember the CSRF token, forget the last person's data. */
function useSessionOpened() {
  const { api, session, queryClient } = useFirm();
  return (answer: { csrfToken: string; user: SignedInAnswer["user"] }) => {
    session.signedIn(answer.csrfToken);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "auth" });
    queryClient.setQueryData(meQueryOptions(api).queryKey, answer.user);
  };
}

/** The password step: a session, or (202) a two-factor challenge to answer next. */
export function useSignIn() {
  const { api } = useFirm();
  const opened = useSessionOpened();
  return useMutation({
    mutationFn: (body: Credentials) => unwrap(api.POST("/auth/login", { body })),
    onSuccess: (answer) => {
      if ("csrfToken" in answer) opened(answer);
    },
  });
}

/**
 * A request email's link: a session that reaches that one request, or (202) the second step first
 * for a contact with two-factor sign-in. Either answer names the request.
 */
export function useOpenRequestLink() {
  const { api } = useFirm();
  const opened = useSessionOpened();
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST("/auth/request-link", { body: { token } })),
    onSuccess: (answer) => {
      if ("csrfToken" in answer) opened(answer);
    },
  });
}

/** The second step: the challenge with a code from the app, or a recovery code. */
export function useSignInSecondStep() {
  const { api } = useFirm();
  const opened = useSessionOpened();
  return useMutation({
    mutationFn: (body: { challenge: string; code: string } | { challenge: string; recoveryCode: string }) =>
      unwrap(api.POST("/auth/login/two-factor", { body })),
    onSuccess: opened,
  });
}

/** Enrolment the firm requires, during sign-in: a new key, then its confirmation opens the session. */
export function useStartChallengeEnrolment() {
  const { api } = useFirm();
  return useMutation({
    mutationFn: (challenge: string) =>
      unwrap(api.POST("/auth/login/two-factor/enrolment", { body: { challenge } })),
  });
}

export function useConfirmChallengeEnrolment() {
  const { api } = useFirm();
  const opened = useSessionOpened();
  return useMutation({
    mutationFn: (body: { challenge: string; code: string }) =>
      unwrap(api.POST("/auth/login/two-factor/enrolment/confirm", { body })),
    onSuccess: opened,
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
