/** One page of a client's files of one kind (or every kind a contact sees), in one folder or all. */
import { useQuery } from "@tanstack/react-query";
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
    // Another page of the same list stays on screen while the next loads; another kind or folder
    // does not (a firm-only file must never show, even for a moment, under "Shared").
    placeholderData: (previous, previousQuery) => {
      const before = previousQuery?.queryKey[3] as FilesQuery | undefined;
      return before && before.kind === query.kind && before.folder === query.folder ? previous : undefined;
    },
  });
}
