/** Projects: a page of a list (a client's, or the firm's), one project, and the changes. */
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import type { ProjectChange, ProjectInput, ProjectQuery } from "./types";
import { refreshAfterChange } from "../../../lib/refresh";

export function useProjectList(query: ProjectQuery, enabled = true) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["projects", "list", query],
    queryFn: () => unwrap(api.GET("/projects", { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProjectChanges() {
  const { api, queryClient } = useFirm();
  const refresh = () => refreshAfterChange(queryClient, ["projects"]);
  const create = useMutation({
    mutationFn: (body: ProjectInput) => unwrap(api.POST("/projects", { body })),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: ProjectChange }) =>
      unwrap(api.PATCH("/projects/{id}", { params: { path: { id } }, body: change })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/projects/{id}", { params: { path: { id } } })),
    onSettled: refresh,
  });
  return { create, update, remove };
}
