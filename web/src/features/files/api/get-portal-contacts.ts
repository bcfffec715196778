/** The client's contacts with a portal account, whom a file can be put up for approval to. */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";

export function usePortalContacts(clientId: string, enabled: boolean) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["portal", "contacts", clientId],
    queryFn: () => unwrap(api.GET("/clients/{id}/portal-contacts", { params: { path: { id: clientId } } })),
    enabled,
  });
}
