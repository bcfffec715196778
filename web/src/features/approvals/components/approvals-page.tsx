/**
 * The reviewer's page: the submitted time and expense entries they may see, a page at a time
 * from the server, filtered by staff member, client and dates; a selection approved, or returned
 * to its staff member with a comment. The API moves all of a selection or none of it, so a
 * refusal (someone else changed an entry meanwhile) leaves everything as it was, and says why.
 */
import { Button, Group, Stack, Tabs, Text, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { ClientPicker } from "../../../components/record-pickers";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { formatDate, formatMinutes, formatMoney } from "../../../lib/format";
import { useMe } from "../../../lib/me";
import { clientLabel, useClient, useProject, useWorkCodes, workCodeLabel } from "../../../lib/records";
import {
  useReviewDecision,
  useSubmittedEntries,
  type ReviewEntry,
  type ReviewKind,
} from "../api/review-entries";
import { ReturnDialog } from "./return-dialog";
import { ReviewedStaffPicker } from "./reviewed-staff-picker";

const staffName = (entry: ReviewEntry) => `${entry.staff.firstName} ${entry.staff.lastName}`;

function ClientProject({ entry }: { entry: ReviewEntry }) {
  const client = useClient(entry.clientId);
  const project = useProject(entry.projectId);
  return (
    <>
      {clientLabel(client.data)}
      {entry.projectId ? ` / ${project.data ? project.data.code : "…"}` : null}
    </>
  );
}

function WorkCode({ kind, id }: { kind: ReviewKind; id: string }) {
  const codes = useWorkCodes(kind);
  return <>{workCodeLabel(codes.data?.items.find((code) => code.id === id))}</>;
}

function columnsFor(kind: ReviewKind, minorDigits: number): RecordColumn<ReviewEntry>[] {
  return [
    {
      key: "staff",
      header: "Staff member",
      render: (entry) => `${entry.staff.staffNumber} · ${staffName(entry)}`,
      sortable: true,
    },
    { key: "date", header: "Date", render: (entry) => formatDate(entry.date), sortable: true, date: true },
    { key: "client", header: "Client / project", render: (entry) => <ClientProject entry={entry} /> },
    {
      key: "workCode",
      header: "Work code",
      render: (entry) => <WorkCode kind={kind} id={entry.workCodeId} />,
    },
    kind === "time"
      ? {
          key: "hours",
          header: "Hours",
          numeric: true,
          render: (entry) => ("minutes" in entry ? formatMinutes(entry.minutes) : "—"),
        }
      : {
          key: "amount",
          header: "Amount",
          numeric: true,
          render: (entry) => formatMoney(entry.amount, minorDigits),
        },
    { key: "billable", header: "Billable", render: (entry) => (entry.billable ? "Yes" : "No") },
    { key: "description", header: "Description", render: (entry) => entry.description || "—" },
  ];
}

const entriesWord = (count: number) => (count === 1 ? "1 entry" : `${count} entries`);

function ReviewList({ kind }: { kind: ReviewKind }) {
  const me = useMe();
  const list = useRecordList("date");
  const [staffId, setStaffId] = useState<string | null>(null);
  const [clientId, setClientId] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [chosen, setSelected] = useState<string[]>([]);
  const [returning, setReturning] = useState(false);
  const [done, setDone] = useState("");
  const entries = useSubmittedEntries(kind, {
    sort: list.sort,
    staffId,
    clientId,
    from,
    to,
    limit: list.limit,
    offset: list.offset,
  });
  const decide = useReviewDecision(kind);
  // A selection belongs to the page it was made on: another page, order or filter starts afresh.
  useEffect(() => setSelected([]), [list.offset, list.sort, staffId, clientId, from, to]);
  const filtered =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      list.setPage(0);
    };
  const rows = entries.data?.items;
  // Only what is on the page as last read: an entry someone else moved is no longer offered.
  const selected = chosen.filter((id) => rows?.some((entry) => entry.id === id));
  const describe = (entry: ReviewEntry) =>
    `${staffName(entry)}, ${formatDate(entry.date)}, ${
      "minutes" in entry ? formatMinutes(entry.minutes) : formatMoney(entry.amount, me?.firm.minorDigits ?? 2)
    }${entry.description ? `, ${entry.description}` : ""}`;
  const approve = () => {
    const ids = selected;
    setDone("");
    decide.mutate(
      { ids, decision: "approve" },
      {
        onSuccess: () => {
          setSelected([]);
          setDone(`Approved ${entriesWord(ids.length)}.`);
        },
      },
    );
  };
  const returnSelected = async (comment: string) => {
    const ids = selected;
    setDone("");
    decide.reset();
    await decide.mutateAsync({ ids, decision: "return", comment });
    setSelected([]);
    setDone(`Returned ${entriesWord(ids.length)} to the staff member.`);
  };
  const noun = kind === "time" ? "time entries" : "expenses";
  return (
    <Stack gap="sm" pt="sm">
      <Group gap="sm" wrap="wrap" align="flex-end">
        <Button disabled={selected.length === 0} loading={decide.isPending && !returning} onClick={approve}>
          {selected.length ? `Approve ${entriesWord(selected.length)}` : "Approve"}
        </Button>
        <Button
          variant="default"
          disabled={selected.length === 0}
          onClick={() => (decide.reset(), setReturning(true))}
        >
          Return…
        </Button>
      </Group>
      <Text role="status" size="sm" fw={500} c="teal.9">
        {done}
      </Text>
      {decide.isError && !returning ? (
        <FormAlert message={`Nothing was approved: ${problemText(decide.error)}`} />
      ) : null}
      {entries.isError ? <FormAlert message={problemText(entries.error)} /> : null}
      <RecordTable
        label={`Submitted ${noun}`}
        columns={columnsFor(kind, me?.firm.minorDigits ?? 2)}
        rows={rows}
        total={entries.data?.total}
        rowKey={(entry) => entry.id}
        state={list}
        loading={entries.isFetching}
        empty={`No submitted ${noun} wait for you${staffId || clientId || from || to ? " with these filters" : ""}.`}
        selection={{ selected, onChange: setSelected, rowLabel: describe }}
        toolbar={
          <>
            <div style={{ flex: "1 1 12rem", maxWidth: "18rem" }}>
              <ReviewedStaffPicker kind={kind} value={staffId} onChange={filtered(setStaffId)} />
            </div>
            <div style={{ flex: "1 1 12rem", maxWidth: "18rem" }}>
              <ClientPicker value={clientId} onChange={filtered(setClientId)} />
            </div>
            <TextInput
              type="date"
              size="sm"
              label="From"
              value={from}
              onChange={(event) => filtered(setFrom)(event.currentTarget.value)}
              style={{ flex: "0 1 10rem" }}
            />
            <TextInput
              type="date"
              size="sm"
              label="To"
              value={to}
              onChange={(event) => filtered(setTo)(event.currentTarget.value)}
              style={{ flex: "0 1 10rem" }}
            />
          </>
        }
      />
      <ReturnDialog
        opened={returning}
        count={selected.length}
        onClose={() => setReturning(false)}
        onReturn={returnSelected}
      />
    </Stack>
  );
}

export function ApprovalsPage() {
  const me = useMe();
  if (me && !me.reviewer) {
    return (
      <Stack>
        <PageTitle title="Approvals" />
        <Text>
          You are not a reviewer: approving and returning entries needs the right to approve a client&apos;s
          entries, through a role or as the client&apos;s partner or manager. Your firm&apos;s administrator
          can give it.
        </Text>
      </Stack>
    );
  }
  return (
    <Stack>
      <PageTitle title="Approvals" subtitle="Submitted entries waiting for your review" />
      <Tabs defaultValue="time" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="time">Time</Tabs.Tab>
          <Tabs.Tab value="expense">Expenses</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="time">
          <ReviewList kind="time" />
        </Tabs.Panel>
        <Tabs.Panel value="expense">
          <ReviewList kind="expense" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
