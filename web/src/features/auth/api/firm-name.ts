/** The firm at this address, for its public pages (GET /auth/firm). */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";

export function useFirmName() {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["auth", "firm"],
    queryFn: () => unwrap(api.GET("/auth/firm")),
    staleTime: Infinity,
  });
}
