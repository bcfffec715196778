/**
 * The firm's user accounts: invitations (the server emails the activation link), resending
 * them, disabling and enabling, and a password reset link sent to an active user's email.
 */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";

export type UserAccount = paths["/users/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type UserStatus = UserAccount["status"];

const usersKey = ["users"] as const;

export function useUsersPage(query: { status: UserStatus | undefined; limit: number; offset: number }) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...usersKey, "page", query],
    queryFn: () => unwrap(api.GET("/users", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** The account of a staff member, if they have one (found in the firm's user list). */
export function useUserOfStaff(staffId: string, enabled: boolean) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...usersKey, "of-staff", staffId],
    queryFn: async () => {
      const all = await unwrap(api.GET("/users", { params: { query: { limit: 500 } } }));
      return all.items.find((user) => user.staffId === staffId) ?? null;
    },
    enabled,
  });
}

export function useUserChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey });
  const invite = useMutation({
    mutationFn: (staffId: string) => unwrap(api.POST("/users", { body: { staffId } })),
    onSuccess: refresh,
  });
  const resend = useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/users/{id}/invitation", { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const setStatus = useMutation({
    mutationFn: ({ id, status }: { id: string; status: "active" | "disabled" }) =>
      unwrap(api.PATCH("/users/{id}", { params: { path: { id } }, body: { status } })),
    onSuccess: refresh,
  });
  /** The same emailed link as "Forgot your password?" (the server sends it to active users only). */
  const sendReset = useMutation({
    mutationFn: (email: string) => unwrap(api.POST("/auth/password-reset", { body: { email } })),
  });
  return { invite, resend, setStatus, sendReset };
}
