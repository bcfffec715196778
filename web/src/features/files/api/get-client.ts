/** The client whose files a page shows (its code and name for the heading). */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { ApiProblem } from "../../../api/problem";
import { useFirm } from "../../../lib/firm-context";

export function useClient(clientId: string) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["files", "client", clientId],
    queryFn: () => unwrap(api.GET("/clients/{id}", { params: { path: { id: clientId } } })),
    // A refusal (404: not there or not yours) is the answer; only a lost connection is worth a retry.
    retry: (count, error) => count < 2 && error instanceof ApiProblem && error.code === "NETWORK",
  });
}
