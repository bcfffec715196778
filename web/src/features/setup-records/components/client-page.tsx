/** One client: its fields, its projects, contacts and rates; edit, deactivate and delete. */
import { Badge, Button, Group, Paper, Stack, Title } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { PageTitle } from "../../../components/page-title";
import { RecordTable, useRecordList } from "../../../components/record-table";
import { mayDo, useMe } from "../../../lib/me";
import { useClient } from "../../../lib/records";
import { useClientChanges } from "../api/clients";
import { useCompany, useContactList } from "../api/contacts";
import { useProjectList } from "../api/projects";
import { staffLabel, useStaffMember } from "../api/staff";
import { ClientForm } from "./client-form";
import { contactColumns } from "./contacts-page";
import { projectColumns } from "./projects-page";
import { RateHistoryPanel } from "./rate-history-panel";
import { BackLink, ErrorAlert, Fields, ReadOnlyNote, setupPath, ButtonLink } from "./setup-parts";
import { ConfirmButton } from "../../../components/confirm-button";

function StaffName({ id }: { id: string | null }) {
  const staff = useStaffMember(id);
  if (!id) return "—";
  return staff.data ? staffLabel(staff.data) : "…";
}

function CompanyName({ id }: { id: string | null }) {
  const company = useCompany(id);
  if (!id) return "—";
  return company.data ? <Link to={setupPath(`contact-companies/${id}`)}>{company.data.name}</Link> : "…";
}

function ClientProjects({ clientId, mayAdd }: { clientId: string; mayAdd: boolean }) {
  const list = useRecordList("code", 10);
  const projects = useProjectList({ clientId, limit: list.limit, offset: list.offset });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="projects-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="projects-title">
          Projects
        </Title>
        {mayAdd ? (
          <ButtonLink
            to="/setup/$kind/$id"
            params={{ kind: "projects", id: "new" }}
            search={{ clientId }}
            variant="light"
          >
            Add a project
          </ButtonLink>
        ) : null}
      </Group>
      <ErrorAlert error={projects.error} />
      <RecordTable
        label="The client's projects"
        columns={projectColumns.filter((column) => column.key !== "client")}
        rows={projects.data?.items}
        total={projects.data?.total}
        rowKey={(project) => project.id}
        rowLink={(project) => setupPath(`projects/${project.id}`)}
        state={list}
        loading={projects.isFetching}
        empty="No project yet."
      />
    </Paper>
  );
}

function ClientContacts({ clientId, mayAdd }: { clientId: string; mayAdd: boolean }) {
  const list = useRecordList("lastName", 10);
  const contacts = useContactList({ clientId, limit: list.limit, offset: list.offset });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contacts-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="contacts-title">
          Contacts
        </Title>
        {mayAdd ? (
          <ButtonLink
            to="/setup/$kind/$id"
            params={{ kind: "contacts", id: "new" }}
            search={{ clientId }}
            variant="light"
          >
            Add a contact
          </ButtonLink>
        ) : null}
      </Group>
      <ErrorAlert error={contacts.error} />
      <RecordTable
        label="The client's contacts"
        columns={contactColumns}
        rows={contacts.data?.items}
        total={contacts.data?.total}
        rowKey={(contact) => contact.id}
        rowLink={(contact) => setupPath(`contacts/${contact.id}`)}
        state={list}
        loading={contacts.isFetching}
        empty="No contact yet."
      />
    </Paper>
  );
}

export function ClientPage({ id }: { id: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const client = useClient(id);
  const { update, remove } = useClientChanges();
  const [editing, setEditing] = useState(false);
  if (client.error) return <ErrorAlert error={client.error} />;
  if (!client.data) return null;
  const current = client.data;
  const mayEdit = mayDo(me, "entities", "E");
  const mayDelete = mayDo(me, "entities", "D");
  return (
    <Stack>
      <BackLink to={setupPath("clients")}>Clients</BackLink>
      <PageTitle
        title={`${current.code} · ${current.name}`}
        subtitle="Client"
        actions={
          editing ? null : (
            <>
              {mayEdit ? <Button onClick={() => setEditing(true)}>Edit</Button> : null}
              {/* The client portal: ask this client's contacts for documents (features/requests). */}
              {me?.staffId != null && mayDo(me, "activities", "R") && current.status === "active" ? (
                <ButtonLink to="/requests/new" search={{ clientId: id }} variant="default">
                  New request
                </ButtonLink>
              ) : null}
              {mayDo(me, "files", "R") ? (
                <ButtonLink to="/clients/$clientId/files" params={{ clientId: id }} variant="default">
                  Files
                </ButtonLink>
              ) : null}
              {mayEdit ? (
                <ConfirmButton
                  label={current.status === "active" ? "Deactivate" : "Reactivate"}
                  name={`${current.status === "active" ? "Deactivate" : "Reactivate"} client ${current.code}`}
                  question={
                    current.status === "active"
                      ? `Deactivate ${current.code}? Its history stays; it is no longer offered for new time.`
                      : `Make ${current.code} active again?`
                  }
                  confirmLabel={current.status === "active" ? "Deactivate" : "Reactivate"}
                  color={current.status === "active" ? "dark" : "blue"}
                  onConfirm={() =>
                    update.mutateAsync({
                      id,
                      change: { status: current.status === "active" ? "inactive" : "active" },
                    })
                  }
                />
              ) : null}
              {mayDelete ? (
                <ConfirmButton
                  label="Delete"
                  name={`Delete client ${current.code}`}
                  question={`Delete ${current.code} · ${current.name}? Only a client with no projects or entries can be deleted; deactivate the others.`}
                  confirmLabel="Delete the client"
                  onConfirm={async () => {
                    await remove.mutateAsync(id);
                    await navigate({ to: setupPath("clients") });
                  }}
                />
              ) : null}
            </>
          )
        }
      />
      {!mayEdit && !mayDelete ? (
        <ReadOnlyNote>Your role lets you read this client, not change it.</ReadOnlyNote>
      ) : null}
      {editing ? (
        <Paper withBorder p="md">
          <ClientForm client={current} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
        </Paper>
      ) : (
        <Paper withBorder p="md">
          <Fields
            items={[
              ["Code", current.code],
              ["Name", current.name],
              [
                "Status",
                <Badge key="status" variant="default">
                  {current.status}
                </Badge>,
              ],
              ["Contact company", <CompanyName key="company" id={current.contactCompanyId} />],
              ["Partner", <StaffName key="partner" id={current.partnerId} />],
              ["Manager", <StaffName key="manager" id={current.managerId} />],
              ["Address", current.address],
              ["Notes", current.notes],
            ]}
          />
        </Paper>
      )}
      {mayDo(me, "projects", "R") ? (
        <ClientProjects clientId={id} mayAdd={mayDo(me, "projects", "C")} />
      ) : null}
      {mayDo(me, "contacts", "R", "firm") ? (
        <ClientContacts clientId={id} mayAdd={mayDo(me, "contacts", "C", "firm")} />
      ) : (
        <ReadOnlyNote>
          Contacts are not shown: your role does not let you read the firm&apos;s contacts.
        </ReadOnlyNote>
      )}
      {mayDo(me, "entity_details", "R") ? (
        <RateHistoryPanel
          title="Client rates"
          filter={{ clientId: id }}
          owner={{ clientId: id }}
          mayChange={mayEdit}
        />
      ) : null}
    </Stack>
  );
}
