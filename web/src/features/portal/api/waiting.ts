/**
 * What waits for the signed-in contact (GET /portal/waiting): requests with items still to
 * answer and documents to approve. The request pages (features/requests) refresh it under the
 * same key after every answer.
 */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import type { paths } from "../../../api/schema";
import { useFirm } from "../../../lib/firm-context";

export type Waiting = paths["/portal/waiting"]["get"]["responses"][200]["content"]["application/json"];

export const waitingKey = ["portal", "waiting"] as const;

export function useWaiting() {
  const { api } = useFirm();
  return useQuery({ queryKey: waitingKey, queryFn: () => unwrap(api.GET("/portal/waiting")) });
}
