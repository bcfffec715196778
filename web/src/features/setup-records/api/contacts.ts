/** Contacts and contact companies: pages of their lists, one of each, and the changes. */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import type {
  ContactChange,
  ContactCompanyInput,
  ContactCompanyQuery,
  ContactInput,
  ContactQuery,
} from "./types";
import { refreshAfterChange } from "../../../lib/refresh";

export function useContactList(query: ContactQuery, enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["contacts", "list", query],
    queryFn: () => unwrap(api.GET("/contacts", { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useContact(id: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["contacts", id],
    queryFn: () => unwrap(api.GET("/contacts/{id}", { params: { path: { id } } })),
  });
}

export function useContactChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, ["contacts"]);
  const create = useMutation({
    mutationFn: (body: ContactInput) => unwrap(api.POST("/contacts", { body })),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: ContactChange }) =>
      unwrap(api.PATCH("/contacts/{id}", { params: { path: { id } }, body: change })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/contacts/{id}", { params: { path: { id } } })),
    onSettled: refresh,
  });
  return { create, update, remove };
}

export function useCompanyList(query: ContactCompanyQuery, enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["contact-companies", "list", query],
    queryFn: () => unwrap(api.GET("/contact-companies", { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCompany(id: string | null | undefined) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["contact-companies", id],
    queryFn: () => unwrap(api.GET("/contact-companies/{id}", { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export function useCompanyChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, ["contact-companies"]);
  const create = useMutation({
    mutationFn: (body: ContactCompanyInput) => unwrap(api.POST("/contact-companies", { body })),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: Partial<ContactCompanyInput> }) =>
      unwrap(api.PATCH("/contact-companies/{id}", { params: { path: { id } }, body: change })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/contact-companies/{id}", { params: { path: { id } } })),
    onSettled: refresh,
  });
  return { create, update, remove };
}
