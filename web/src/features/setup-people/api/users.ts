/**
 * The firm's user accounts: invitations (the server emails the activation link), resending
 * them, disabling and enabling, and a password reset link sent to an active user's email.
 */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { refreshAfterChange } from "../../../lib/refresh";

export type UserAccount = paths["/users/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type UserStatus = UserAccount["status"];

const usersKey = ["users"] as const;

type UsersQuery = NonNullable<paths["/users"]["get"]["parameters"]["query"]>;

export function useUsersPage(
  query: {
    status: UserStatus | undefined;
    search: string;
    sort: string;
    limit: number;
    offset: number;
    /** Staff members' accounts or contacts' (portal users); both when left out. */
    kind?: "staff" | "contact";
  },
  enabled = true,
) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...usersKey, "page", query],
    queryFn: () =>
      unwrap(
        api.GET("/users", {
          params: {
            query: {
              ...query,
              search: query.search || undefined,
              sort: query.sort as NonNullable<UsersQuery["sort"]>,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUserChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, usersKey);
  const invite = useMutation({
    mutationFn: (staffId: string) => unwrap(api.POST("/users", { body: { staffId } })),
    onSuccess: refresh,
  });
  const inviteContact = useMutation({
    mutationFn: (contactId: string) => unwrap(api.POST("/users", { body: { contactId } })),
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
  return { invite, inviteContact, resend, setStatus, sendReset };
}

/** A contact's portal account, if they were ever invited (a contact has one at most). */
export function useContactAccount(contactId: string, enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...usersKey, "contact", contactId],
    queryFn: async () => {
      const found = await unwrap(api.GET("/users", { params: { query: { contactId, limit: 1 } } }));
      return found.items[0] ?? null;
    },
    enabled,
  });
}
