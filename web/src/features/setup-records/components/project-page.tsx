/** One project: its fields and client, its rates; edit, close and delete. */
import { Anchor, Badge, Button, Paper, Stack } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { PageTitle } from "../../../components/page-title";
import { formatMinutes, formatMoney } from "../../../lib/format";
import { mayDo, useMe } from "../../../lib/me";
import { clientLabel, useClient, useProject } from "../../../lib/records";
import { useProjectChanges } from "../api/projects";
import { ProjectForm } from "./project-form";
import { RateHistoryPanel } from "./rate-history-panel";
import { BackLink, ErrorAlert, Fields, setupPath } from "./setup-parts";
import { ConfirmButton } from "../../../components/confirm-button";

export function ProjectPage({ id }: { id: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const project = useProject(id);
  const client = useClient(project.data?.clientId);
  const { update, remove } = useProjectChanges();
  const [editing, setEditing] = useState(false);
  if (project.error) return <ErrorAlert error={project.error} />;
  if (!project.data) return null;
  const current = project.data;
  const mayEdit = mayDo(me, "projects", "E");
  const open = current.status === "open";
  return (
    <Stack>
      <BackLink to={setupPath(`clients/${current.clientId}`)}>{clientLabel(client.data)}</BackLink>
      <PageTitle
        title={`${client.data?.code ?? "…"}/${current.code} · ${current.name}`}
        subtitle="Project"
        actions={
          editing ? null : (
            <>
              {mayEdit ? <Button onClick={() => setEditing(true)}>Edit</Button> : null}
              {mayEdit ? (
                <ConfirmButton
                  label={open ? "Close" : "Reopen"}
                  name={`${open ? "Close" : "Reopen"} project ${current.code}`}
                  question={
                    open
                      ? `Close ${current.code}? No new time can be recorded on it.`
                      : `Reopen ${current.code}?`
                  }
                  confirmLabel={open ? "Close the project" : "Reopen the project"}
                  color={open ? "dark" : "blue"}
                  onConfirm={() => update.mutateAsync({ id, change: { status: open ? "closed" : "open" } })}
                />
              ) : null}
              {mayDo(me, "projects", "D") ? (
                <ConfirmButton
                  label="Delete"
                  name={`Delete project ${current.code}`}
                  question={`Delete ${current.code} · ${current.name}? Only a project no entry uses can be deleted.`}
                  confirmLabel="Delete the project"
                  onConfirm={async () => {
                    await remove.mutateAsync(id);
                    await navigate({ to: setupPath(`clients/${current.clientId}`) });
                  }}
                />
              ) : null}
            </>
          )
        }
      />
      <Paper withBorder p="md">
        {editing ? (
          <ProjectForm
            project={current}
            onSaved={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Fields
            items={[
              [
                "Client",
                <Anchor key="client" component={Link} to={setupPath(`clients/${current.clientId}`)}>
                  {clientLabel(client.data)}
                </Anchor>,
              ],
              ["Code", current.code],
              ["Name", current.name],
              [
                "Status",
                <Badge key="status" variant="default">
                  {current.status}
                </Badge>,
              ],
              ["Budget hours", current.budgetMinutes === null ? "" : formatMinutes(current.budgetMinutes)],
              ["Budget fee", current.budgetFee === null ? "" : formatMoney(current.budgetFee)],
            ]}
          />
        )}
      </Paper>
      {mayDo(me, "entity_details", "R") ? (
        <RateHistoryPanel
          title="Project rates"
          filter={{ projectId: id }}
          owner={{ projectId: id }}
          mayChange={mayDo(me, "entities", "E")}
        />
      ) : null}
    </Stack>
  );
}
