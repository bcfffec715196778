/**
 * The firm's staff, a page at a time from the server, sorted there; a new member added in a
 * dialog. Adding is offered only to people who may create staff.
 */
import { Badge, Button, Group, Modal, SegmentedControl, Stack, TextInput } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { notifyDone } from "./notify-done";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { mayDo, useMe } from "../../../lib/me";
import { findStaffByNumber, useStaffChanges, useStaffPage, type StaffMember } from "../api/staff";
import { useFirm } from "../../../lib/firm-context";
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

/** Straight to a staff member by their number (exact, any case), asked of the server. */
function NumberLookup() {
  const { api } = useFirm();
  const navigate = useNavigate();
  const [number, setNumber] = useState("");
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    const wanted = number.trim();
    if (!wanted) {
      setProblem("Type a staff number");
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const found = await findStaffByNumber(api, wanted);
      if (found) void navigate({ to: "/setup/staff/$staffId", params: { staffId: found.id } });
      else setProblem(`No staff member has the number ${wanted}`);
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => (event.preventDefault(), void go())} noValidate>
      <Group align="flex-start" gap="xs">
        <TextInput
          label="Go to staff number"
          value={number}
          onChange={(event) => setNumber(event.currentTarget.value)}
          error={problem}
          w="9rem"
        />
        <Button type="submit" variant="default" loading={busy} mt={25}>
          Go
        </Button>
      </Group>
    </form>
  );
}

export function StaffListPage() {
  const me = useMe();
  const list = useRecordList("staffNumber");
  const [status, setStatus] = useState<"active" | "inactive" | "all">("active");
  const staff = useStaffPage({
    sort: list.sort,
    search: list.sentSearch,
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
        searchLabel="Search by number, name or email"
        empty="No staff member matches."
        toolbar={
          <>
            <NumberLookup />
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
          </>
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
