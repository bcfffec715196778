/** One file with all its versions (oldest first), read when its versions are opened. */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { filesKeys } from "./file-types";

export function useFileVersions(fileId: string, enabled: boolean) {
  const { api } = useFirm();
  return useQuery({
    queryKey: filesKeys.one(fileId),
    queryFn: () => unwrap(api.GET("/files/{id}", { params: { path: { id: fileId } } })),
    enabled,
  });
}
