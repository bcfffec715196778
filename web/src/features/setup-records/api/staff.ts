/** Staff as the setup pages name them: partners and managers of clients, owners of rates. */
import { useQuery } from "@tanstack/react-query";
import { unwrap } from "../../../api/client";
import { useFirm } from "../../../lib/firm-context";

export function useStaffMember(id: string | null | undefined) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["staff", id],
    queryFn: () => unwrap(api.GET("/staff/{id}", { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

/** Active staff, a page of 100 by number (the picker narrows it as the person types). */
export function useActiveStaff(enabled: boolean) {
  const { api } = useFirm();
  return useQuery({
    queryKey: ["staff", "active"],
    queryFn: () => unwrap(api.GET("/staff", { params: { query: { status: "active", limit: 100 } } })),
    enabled,
    staleTime: 60_000,
  });
}

export const staffLabel = (staff: { staffNumber: string; firstName: string; lastName: string }) =>
  `${staff.staffNumber} · ${staff.firstName} ${staff.lastName}`;
