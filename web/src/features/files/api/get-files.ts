/** One page of a client's files of one kind (or every kind a contact sees), in one folder or all. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { filesKeys, type FileKind, type FolderFilter } from "./file-types";

export interface FilesQuery {
  kind?: FileKind;
  folder: FolderFilter;
  limit: number;
  offset: number;
}

export function useClientFiles(clientId: string, query: FilesQuery) {
  const { api } = useFirm();
  return useQuery({
    queryKey: filesKeys.list(clientId, query),
    queryFn: () =>
      unwrap(
        api.GET("/clients/{id}/files", {
          params: {
            path: { id: clientId },
            query: {
              ...(query.kind ? { kind: query.kind } : {}),
              ...(query.folder === "all" ? {} : { folderId: query.folder }),
              sort: "-updatedAt",
              limit: query.limit,
              offset: query.offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
