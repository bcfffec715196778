/**
 * The clients a contact reaches: GET /clients lists only those the caller may read, and a contact
 * reads the clients shared with them (usually one or two; a page of 100 holds them all).
 */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";

export function useMyClients() {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["files", "my-clients"],
    queryFn: () => unwrap(api.GET("/clients", { params: { query: { sort: "name", limit: 100 } } })),
  });
}
