/** How many files of one kind a folder filter holds (a page of one file: its total is the count). */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { filesKeys, type FileKind, type FolderFilter } from "./file-types";

export function useFileCount(clientId: string, kind: FileKind, folder: FolderFilter) {
  const { api } = useFirm();
  return useQuery({
    queryKey: filesKeys.list(clientId, { count: true, kind, folder }),
    queryFn: async () => {
      const page = await unwrap(
        api.GET("/clients/{id}/files", {
          params: {
            path: { id: clientId },
            query: { kind, ...(folder === "all" ? {} : { folderId: folder }), limit: 1 },
          },
        }),
      );
      return page.total;
    },
  });
}
