/** The firm's clients, a page at a time from the server: search, status, a code to go to, a new one. */
import { Badge, Button, Select, Stack } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { PageTitle } from "../../../components/page-title";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { useFirm } from "../../../lib/firm-context";
import { mayDo, useMe } from "../../../lib/me";
import { clientByCode, useClientList } from "../api/clients";
import type { Client } from "../api/types";
import { GoToCode, ReadOnlyNote, setupPath } from "./setup-parts";

export const STATUS_OPTIONS = [
  { value: "all", label: "All" },
  { value: "active", label: "Active" },
  { value: "inactive", label: "Inactive" },
];

const columns: RecordColumn<Client>[] = [
  { key: "code", header: "Code", render: (client) => client.code },
  { key: "name", header: "Name", render: (client) => client.name },
  {
    key: "status",
    header: "Status",
    render: (client) => <Badge variant="default">{client.status}</Badge>,
  },
];

export function ClientsPage() {
  const { api } = useFirm();
  const me = useMe();
  const list = useRecordList("code");
  const [status, setStatus] = useState("all");
  const clients = useClientList({
    search: list.sentSearch || undefined,
    status: status === "all" ? undefined : (status as "active" | "inactive"),
    limit: list.limit,
    offset: list.offset,
  });
  const mayAdd = mayDo(me, "entities", "C", "firm");
  return (
    <Stack>
      <PageTitle
        title="Clients"
        subtitle="The firm's client entities"
        actions={
          mayAdd ? (
            <Button component={Link} to={setupPath("clients/new")}>
              Add a client
            </Button>
          ) : null
        }
      />
      {mayAdd ? null : <ReadOnlyNote>Your role does not let you add clients.</ReadOnlyNote>}
      <GoToCode
        what="client"
        find={(code) => clientByCode(api, code)}
        pathOf={(id) => setupPath(`clients/${id}`)}
      />
      <RecordTable
        label="Clients"
        columns={columns}
        rows={clients.data?.items}
        total={clients.data?.total}
        rowKey={(client) => client.id}
        rowLink={(client) => setupPath(`clients/${client.id}`)}
        state={list}
        loading={clients.isFetching}
        searchLabel="Search by code or name"
        empty="No client matches."
        toolbar={
          <Select
            label="Status"
            data={STATUS_OPTIONS}
            value={status}
            onChange={(value) => {
              setStatus(value ?? "all");
              list.setPage(0);
            }}
            allowDeselect={false}
            w={140}
            size="md"
          />
        }
      />
    </Stack>
  );
}
