/**
 * What the signed-in person may do in one client's files as a whole (which kinds they may add,
 * what they may do with folders), as the server decides it from their rights on that client: a
 * role on one client says nothing about another.
 */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { filesKeys } from "./file-types";

export function useFileRights(clientId: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: filesKeys.list(clientId, { rights: true }),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/clients/{id}/files", { params: { path: { id: clientId }, query: { limit: 1 } } }),
        )
      ).you,
  });
}
