/** Projects, a page at a time: of one client (chosen) or of the firm, by status. */
import { Badge, Select, Stack } from "@mantine/core";
import { useState } from "react";
import { PageTitle } from "../../../components/page-title";
import { ClientPicker } from "../../../components/record-pickers";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { formatMinutes, formatMoney } from "../../../lib/format";
import { mayDo, useMe } from "../../../lib/me";
import { useClient } from "../../../lib/records";
import { useProjectList } from "../api/projects";
import type { Project } from "../api/types";
import { ReadOnlyNote, setupPath, ButtonLink } from "./setup-parts";

function ClientCode({ id }: { id: string }) {
  const client = useClient(id);
  return client.data?.code ?? "…";
}

export const projectColumns: RecordColumn<Project>[] = [
  { key: "code", header: "Code", render: (project) => project.code },
  { key: "name", header: "Name", render: (project) => project.name },
  { key: "client", header: "Client", render: (project) => <ClientCode id={project.clientId} /> },
  {
    key: "status",
    header: "Status",
    render: (project) => <Badge variant="default">{project.status}</Badge>,
  },
  {
    key: "budget",
    header: "Budget",
    numeric: true,
    render: (project) =>
      [
        project.budgetMinutes === null ? null : `${formatMinutes(project.budgetMinutes)} h`,
        project.budgetFee === null ? null : formatMoney(project.budgetFee),
      ]
        .filter(Boolean)
        .join(" · ") || "—",
  },
];

export function ProjectsPage() {
  const me = useMe();
  const list = useRecordList("code");
  const [clientId, setClientId] = useState<string | null>(null);
  const [status, setStatus] = useState("all");
  const projects = useProjectList({
    clientId: clientId ?? undefined,
    status: status === "all" ? undefined : (status as "open" | "closed"),
    limit: list.limit,
    offset: list.offset,
  });
  const mayAdd = mayDo(me, "projects", "C");
  return (
    <Stack>
      <PageTitle
        title="Projects"
        subtitle="Jobs and engagements of the firm's clients"
        actions={
          mayAdd ? (
            <ButtonLink
              to="/setup/$kind/$id"
              params={{ kind: "projects", id: "new" }}
              search={{ clientId: clientId ?? undefined }}
            >
              Add a project
            </ButtonLink>
          ) : null
        }
      />
      {mayAdd ? null : <ReadOnlyNote>Your role does not let you add projects.</ReadOnlyNote>}
      <RecordTable
        label="Projects"
        columns={projectColumns}
        rows={projects.data?.items}
        total={projects.data?.total}
        rowKey={(project) => project.id}
        rowLink={(project) => setupPath(`projects/${project.id}`)}
        state={list}
        loading={projects.isFetching}
        empty="No project matches."
        toolbar={
          <>
            <div style={{ flex: "1 1 14rem", maxWidth: "24rem" }}>
              <ClientPicker
                label="Of client"
                value={clientId}
                onChange={(id) => {
                  setClientId(id);
                  list.setPage(0);
                }}
              />
            </div>
            <Select
              label="Status"
              data={[
                { value: "all", label: "All" },
                { value: "open", label: "Open" },
                { value: "closed", label: "Closed" },
              ]}
              value={status}
              onChange={(value) => {
                setStatus(value ?? "all");
                list.setPage(0);
              }}
              allowDeselect={false}
              w={140}
              size="md"
            />
          </>
        }
      />
    </Stack>
  );
}
