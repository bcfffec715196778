/**
 * Staff as the books see them: employees (the default) or vendors (contractors the firm pays by
 * bill). Lists the vendors, and sets any staff member, found by search, as one or the other.
 */
import { Button, Group, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { StaffPicker } from "../../../components/record-pickers";
import { staffMemberLabel, useStaffMember } from "../../../lib/records";
import { useSetWorkerKind } from "../api/settings";
import { notifyAccounting } from "./notify";

function VendorRow({ staffId, editable }: { staffId: string; editable: boolean }) {
  const staff = useStaffMember(staffId);
  const set = useSetWorkerKind();
  const name = staffMemberLabel(staff.data);
  return (
    <Group justify="space-between" gap="xs" wrap="wrap">
      <Text size="sm">{name}</Text>
      {editable ? (
        <Button
          size="xs"
          variant="default"
          loading={set.isPending}
          aria-label={`Make ${name} an employee`}
          onClick={() => set.mutate({ staffId, kind: "employee" })}
        >
          Make an employee
        </Button>
      ) : null}
    </Group>
  );
}

function WorkerForm() {
  const set = useSetWorkerKind();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [kind, setKind] = useState<"employee" | "vendor">("vendor");
  const [missing, setMissing] = useState(false);
  const save = () => {
    if (!staffId) {
      setMissing(true);
      return;
    }
    set.mutate(
      { staffId, kind },
      {
        onSuccess: () => {
          notifyAccounting(
            kind === "vendor" ? "Saved: a vendor in the books." : "Saved: an employee in the books.",
          );
          setStaffId(null);
        },
      },
    );
  };
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <div style={{ flex: "1 1 16rem" }}>
        <StaffPicker
          value={staffId}
          onChange={(id) => {
            setStaffId(id);
            setMissing(false);
          }}
          error={missing ? "Choose a staff member" : set.isError ? problemText(set.error) : undefined}
        />
      </div>
      <SegmentedControl
        aria-label="In the books as"
        value={kind}
        onChange={(value) => setKind(value)}
        data={[
          { value: "employee", label: "Employee" },
          { value: "vendor", label: "Vendor" },
        ]}
      />
      <Button onClick={save} loading={set.isPending}>
        Save
      </Button>
    </Group>
  );
}

export function WorkersSection({
  vendorStaffIds,
  editable,
}: {
  vendorStaffIds: string[];
  editable: boolean;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="workers-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="workers-title">
          Staff in the books
        </Title>
        <Text size="sm">
          Staff are employees in the books unless marked as vendors: contractors whose time is recorded under
          a vendor and whose expenses are paid by bill.
        </Text>
        {vendorStaffIds.length === 0 ? (
          <Text size="sm" c="dimmed">
            No staff member is a vendor.
          </Text>
        ) : (
          <Stack gap={6} aria-label="Vendors" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {vendorStaffIds.map((id) => (
              <li key={id}>
                <VendorRow staffId={id} editable={editable} />
              </li>
            ))}
          </Stack>
        )}
        {editable ? <WorkerForm /> : null}
      </Stack>
    </Paper>
  );
}
