/**
 * File requests (src/portal on the server): the list and one request, asking, answering (an upload
 * or a comment per item) and the staff's decisions, plus whom a client's request can go to and the
 * client's history. Every change reads the request again from the server: what it shows is always
 * the server's word.
 */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { ApiProblem } from "../../../api/problem";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";
import { uploadFile, type UploadProgress } from "../../../lib/upload";
import { refreshAfterChange } from "../../../lib/refresh";

type Json<P extends keyof paths, M extends "get" | "post" | "put"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : paths[P][M] extends { responses: { 201: { content: { "application/json": infer T } } } }
    ? T
    : never;

export type FileRequest = Json<"/file-requests/{id}", "get">;
export type RequestItem = FileRequest["items"][number];
export type RequestSummary = Json<"/file-requests", "get">["items"][number];
export type RequestStatus = FileRequest["status"];
export type NewRequest = NonNullable<
  paths["/clients/{id}/file-requests"]["post"]["requestBody"]
>["content"]["application/json"];
export type PortalContact = Json<"/clients/{id}/portal-contacts", "get">["items"][number];
export type ActivityEvent = Json<"/clients/{id}/activity", "get">["items"][number];

const requestsKey = ["file-requests"] as const;
const requestKey = (id: string) => [...requestsKey, "one", id] as const;

export interface RequestListQuery {
  clientId: string | null;
  status: string | null;
  sort: string;
  limit: number;
  offset: number;
}

export function useRequestList(query: RequestListQuery) {
  const { api } = useFirm();
  return useQuery({
    queryKey: [...requestsKey, "list", query],
    queryFn: () =>
      unwrap(
        api.GET("/file-requests", {
          params: {
            query: {
              clientId: query.clientId ?? undefined,
              status: query.status ?? undefined,
              sort: query.sort as never,
              limit: query.limit,
              offset: query.offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: requestKey(id),
    queryFn: () => unwrap(api.GET("/file-requests/{id}", { params: { path: { id } } })),
    // A refusal (404: not there or not yours) is the answer; only a lost connection is worth a retry.
    retry: (count, error) => count < 2 && error instanceof ApiProblem && error.code === "NETWORK",
  });
}

/** After any change to a request: it and the lists are read again; so is what waits for whom. */
function useRequestChanged() {
  const { queryClient } = useFirm();
  return (id: string) => {
    // The contact's home (features/portal) reads /portal/waiting under ["portal", "waiting"].
    void refreshAfterChange(queryClient, requestsKey, ["portal", "waiting"], ["activity"], requestKey(id));
  };
}

export function useCreateRequest() {
  const { api } = useFirm();
  const changed = useRequestChanged();
  return useMutation({
    mutationFn: ({ clientId, body }: { clientId: string; body: NewRequest }) =>
      unwrap(api.POST("/clients/{id}/file-requests", { params: { path: { id: clientId } }, body })),
    onSuccess: (request) => changed(request.id),
  });
}

/** Sends one file for an item, with its progress; the item and the request refresh after. */
export function useItemUpload(requestId: string, itemId: string) {
  const { session } = useFirm();
  const changed = useRequestChanged();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (progress: UploadProgress) => void }) =>
      uploadFile<unknown>(session, `/file-requests/${requestId}/items/${itemId}/uploads`, file, onProgress),
    onSettled: () => changed(requestId),
  });
}

export function useItemComment(requestId: string, itemId: string) {
  const { api } = useFirm();
  const changed = useRequestChanged();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST("/file-requests/{id}/items/{itemId}/comments", {
          params: { path: { id: requestId, itemId } },
          body: { body },
        }),
      ),
    onSettled: () => changed(requestId),
  });
}

export type ItemDecision = "complete" | "return" | "cancel";

/** Staff: accept an item, return it with a comment (the client answers again), or cancel it. */
export function useItemDecision(requestId: string, itemId: string) {
  const { api } = useFirm();
  const changed = useRequestChanged();
  return useMutation({
    mutationFn: ({ decision, comment }: { decision: ItemDecision; comment?: string }) => {
      const params = { path: { id: requestId, itemId } };
      const body = comment ? { comment } : {};
      if (decision === "complete")
        return unwrap(api.POST("/file-requests/{id}/items/{itemId}/complete", { params, body }));
      if (decision === "return")
        return unwrap(
          api.POST("/file-requests/{id}/items/{itemId}/return", { params, body: { comment: comment ?? "" } }),
        );
      return unwrap(api.POST("/file-requests/{id}/items/{itemId}/cancel", { params, body }));
    },
    onSettled: () => changed(requestId),
  });
}

/** Staff: complete or cancel the whole request, or send a reminder now. */
export function useRequestAction(requestId: string) {
  const { api } = useFirm();
  const changed = useRequestChanged();
  return useMutation({
    mutationFn: (action: "complete" | "cancel" | "remind") => {
      const params = { path: { id: requestId } };
      if (action === "complete")
        return unwrap(api.POST("/file-requests/{id}/complete", { params, body: {} }));
      if (action === "cancel") return unwrap(api.POST("/file-requests/{id}/cancel", { params, body: {} }));
      return unwrap(api.POST("/file-requests/{id}/remind", { params, body: {} }));
    },
    onSettled: () => changed(requestId),
  });
}

/** Whom a request for this client can go to. */
export function usePortalContacts(clientId: string | null) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["portal", "contacts", clientId],
    queryFn: () =>
      unwrap(api.GET("/clients/{id}/portal-contacts", { params: { path: { id: clientId ?? "" } } })),
    enabled: clientId !== null,
  });
}

/** The client's history, newest first; for one request when `requestId` is given. */
export function useActivity(clientId: string | null, requestId?: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["activity", clientId, requestId ?? null],
    queryFn: () =>
      unwrap(
        api.GET("/clients/{id}/activity", {
          params: {
            path: { id: clientId ?? "" },
            query: { order: "newest", limit: 100, ...(requestId ? { requestId } : {}) },
          },
        }),
      ),
    enabled: clientId !== null,
  });
}
