/** A client's folders, flat, each naming its parent (a contact gets those leading to their files). */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";
import { filesKeys } from "./file-types";

export function useFolders(clientId: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: filesKeys.folders(clientId),
    queryFn: () => unwrap(api.GET("/clients/{id}/folders", { params: { path: { id: clientId } } })),
  });
}
