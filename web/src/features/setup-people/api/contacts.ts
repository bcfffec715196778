/**
 * The firm's contacts as this feature needs them: searched on the server to pick one (for a
 * group or for sharing), and one by id to name it. The same query keys as the contact pages',
 * so an edit there shows here.
 */
import { keepPreviousData, queryOptions, useQueries, useQuery } from "@tanstack/react-query";
import { unwrap, type FirmApi } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";

export type Contact = paths["/contacts/{id}"]["get"]["responses"][200]["content"]["application/json"];

export const contactName = (contact: Pick<Contact, "firstName" | "lastName"> | undefined) =>
  contact ? `${contact.firstName} ${contact.lastName}` : "…";

const contactQuery = (api: FirmApi, id: string) =>
  queryOptions({
    queryKey: ["contacts", id],
    queryFn: () => unwrap(api.GET("/contacts/{id}", { params: { path: { id } } })),
    staleTime: 60_000,
  });

export function useContactRecord(id: string | null | undefined) {
  const { api } = useFirm();
  return useQuery({ ...contactQuery(api, id ?? ""), enabled: Boolean(id) });
}

/** Several contacts by id (a group's members: tens, each asked once and kept). */
export function useContactRecords(ids: readonly string[]) {
  const { api } = useFirm();
  return useQueries({ queries: ids.map((id) => contactQuery(api, id)) });
}

/** Twenty contacts at most whose name or email matches, asked as the person types. */
export function useContactSearch(search: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["contacts", "list", { search, sort: "name", limit: 20 }],
    queryFn: () =>
      unwrap(
        api.GET("/contacts", { params: { query: { search: search || undefined, sort: "name", limit: 20 } } }),
      ),
    placeholderData: keepPreviousData,
  });
}
