/**
 * The firm's staff, a page at a time from the server, sorted there; a new member added in a
 * dialog. Adding is offered only to people who may create staff.
 */
import { Badge, Button, Modal, SegmentedControl, Stack } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { notifyDone } from "./notify-done";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { mayDo, useMe } from "../../../lib/me";
import { useStaffChanges, useStaffPage, type StaffMember } from "../api/staff";
import { useStaffGroups } from "../api/staff-groups";
import { StaffForm, staffBody } from "./staff-form";

const COLUMNS: RecordColumn<StaffMember>[] = [
  { key: "staffNumber", header: "Number", render: (staff) => staff.staffNumber, sortable: true },
  {
    key: "lastName",
    header: "Name",
    render: (staff) => `${staff.firstName} ${staff.lastName}`,
    sortable: true,
  },
  { key: "email", header: "Email", render: (staff) => staff.email ?? "—" },
  {
    key: "status",
    header: "Status",
    render: (staff) => (
      <Badge color={staff.status === "active" ? "teal.9" : "gray.7"} variant="filled">
        {staff.status}
      </Badge>
    ),
  },
  { key: "groups", header: "Groups", render: (staff) => staff.groups.join(", ") || "—" },
];

export function StaffListPage() {
  const me = useMe();
  const list = useRecordList("staffNumber");
  const [status, setStatus] = useState<"active" | "inactive" | "all">("active");
  const staff = useStaffPage({
    sort: list.sort,
    status: status === "all" ? undefined : status,
    limit: list.limit,
    offset: list.offset,
  });
  const mayAdd = mayDo(me, "staff", "C", "firm");
  const readsGroups = mayDo(me, "staff_groups", "R", "firm");
  const groups = useStaffGroups(readsGroups && mayAdd);
  const { add } = useStaffChanges();
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  return (
    <Stack>
      <PageTitle
        title="Staff"
        subtitle="Everyone who records time, and their groups"
        actions={mayAdd ? <Button onClick={() => setAdding(true)}>Add a staff member</Button> : null}
      />
      {staff.isError ? <FormAlert message={problemText(staff.error)} /> : null}
      <RecordTable
        label="Staff"
        columns={COLUMNS}
        rows={staff.data?.items}
        total={staff.data?.total}
        rowKey={(row) => row.id}
        rowLink={(row) => `/setup/staff/${row.id}`}
        state={list}
        loading={staff.isFetching}
        empty="No staff member matches."
        toolbar={
          <SegmentedControl
            aria-label="Which staff"
            value={status}
            onChange={(value) => {
              setStatus(value);
              list.setPage(0);
            }}
            data={[
              { value: "active", label: "Active" },
              { value: "inactive", label: "Inactive" },
              { value: "all", label: "All" },
            ]}
          />
        }
      />
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title="Add a staff member"
        size="lg"
        closeButtonProps={{ "aria-label": "Close" }}
      >
        <StaffForm
          groupNames={readsGroups ? (groups.data?.items.map((group) => group.name) ?? []) : null}
          submitLabel="Add the staff member"
          onCancel={() => setAdding(false)}
          onSubmit={async (values) => {
            const created = await add.mutateAsync(staffBody(values, readsGroups));
            setAdding(false);
            notifyDone(`${created.staffNumber} · ${created.firstName} ${created.lastName} is added.`);
            void navigate({ to: "/setup/staff/$staffId", params: { staffId: created.id } });
          }}
        />
      </Modal>
    </Stack>
  );
}
