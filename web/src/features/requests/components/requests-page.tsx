/** The firm's file requests, a page at a time from the server, by status and client. */
import { Badge, Button, Select, Stack } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { PageTitle } from "../../../components/page-title";
import { ClientPicker } from "../../../components/record-pickers";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { problemText } from "../../../api/problem";
import { formatDateTime } from "../../../lib/format";
import { useRequestList, type RequestSummary } from "../api/requests";
import { requestStatusWords, STATUS_COLOR } from "./request-words";

const STATUSES = [
  { value: "open,responded", label: "Not finished" },
  { value: "responded", label: "Answered: to review" },
  { value: "open", label: "Waiting for the client" },
  { value: "completed", label: "Completed" },
  { value: "cancelled", label: "Cancelled" },
];

const columns: RecordColumn<RequestSummary>[] = [
  { key: "subject", header: "Subject", render: (row) => row.subject, sortable: true },
  { key: "client", header: "Client", render: (row) => `${row.clientCode} · ${row.clientName}` },
  {
    key: "status",
    header: "Status",
    render: (row) => (
      <Badge color={STATUS_COLOR[row.status]} variant="filled">
        {requestStatusWords("staff", row.status)}
      </Badge>
    ),
  },
  {
    key: "answered",
    header: "Answered",
    render: (row) => `${row.items.total - row.items.open} of ${row.items.total}`,
    numeric: true,
  },
  {
    key: "createdAt",
    header: "Asked",
    render: (row) => formatDateTime(row.createdAt),
    sortable: true,
    date: true,
  },
  {
    key: "updatedAt",
    header: "Last change",
    render: (row) => formatDateTime(row.updatedAt),
    sortable: true,
    date: true,
  },
];

export function RequestsPage() {
  const state = useRecordList("-createdAt");
  const [status, setStatus] = useState<string | null>("open,responded");
  const [clientId, setClientId] = useState<string | null>(null);
  const list = useRequestList({
    clientId,
    status,
    sort: state.sort,
    limit: state.limit,
    offset: state.offset,
  });
  return (
    <Stack>
      <PageTitle
        title="Requests"
        subtitle="Documents asked of clients, and their answers."
        actions={
          <Button component={Link} to="/requests/new">
            Ask for documents
          </Button>
        }
      />
      <RecordTable
        label="File requests"
        columns={columns}
        rows={list.data?.items}
        total={list.data?.total}
        rowKey={(row) => row.id}
        rowLink={(row) => `/requests/${row.id}`}
        state={state}
        loading={list.isFetching}
        empty={list.isError ? problemText(list.error) : "No requests match."}
        toolbar={
          <>
            <Select
              label="Status"
              data={STATUSES}
              value={status}
              onChange={(value) => {
                setStatus(value);
                state.setPage(0);
              }}
              clearable
              placeholder="All"
              w={220}
            />
            <ClientPicker
              value={clientId}
              onChange={(value) => {
                setClientId(value);
                state.setPage(0);
              }}
            />
          </>
        }
      />
    </Stack>
  );
}
