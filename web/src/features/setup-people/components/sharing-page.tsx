/**
 * Sharing a client: who holds which role on it. Roles given here (to a staff member, a staff
 * group, a contact or a contact group) are listed with a way to take them away; roles that reach people another way (a group
 * they are in, a firm-wide role, being the client's partner or manager) are listed apart, with
 * where each comes from, to be changed there. The server decides who may share what.
 */
import { Button, Paper, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { ClientPicker } from "../../../components/record-pickers";
import { mayDo, useMe } from "../../../lib/me";
import { clientLabel, useClient } from "../../../lib/records";
import {
  useDirectAssignments,
  useInheritedRoles,
  useSharingChanges,
  useUserAccount,
  type Assignment,
  type InheritedRole,
} from "../api/sharing";
import { useStaffGroups } from "../api/staff-groups";
import { useContactGroups } from "../api/contact-groups";
import { contactName, useContactRecord } from "../api/contacts";
import { ShareForm } from "./share-form";

const WHERE = { system: "Firm-wide", entity: "This client", item: "A project of it" } as const;

/** Whom a role is given to: a staff member's email, a contact's name, a group's kind and name. */
function PrincipalName({ assignment }: { assignment: Assignment }) {
  const me = useMe();
  const { principalKind, principalId } = assignment;
  const user = useUserAccount(
    principalKind === "user" && mayDo(me, "users", "R", "firm") ? principalId : null,
  );
  const contact = useContactRecord(mayDo(me, "contacts", "R", "firm") ? user.data?.contactId : null);
  const staffGroups = useStaffGroups(
    principalKind === "staff_group" && mayDo(me, "staff_groups", "R", "firm"),
  );
  const contactGroups = useContactGroups(
    principalKind === "contact_group" && mayDo(me, "contact_groups", "R", "firm"),
  );
  switch (principalKind) {
    case "user":
      if (!user.data?.contactId) return <>{user.data?.email ?? "a user"}</>;
      return (
        <>
          <Text size="sm" fw={500} span>
            {contact.data ? contactName(contact.data) : user.data.email}
          </Text>
          <Text size="xs" c="dimmed">
            Contact · {user.data.email}
          </Text>
        </>
      );
    case "staff_group":
      return <>Staff group {staffGroups.data?.items.find((g) => g.id === principalId)?.name ?? ""}</>;
    case "contact_group":
      return <>Contact group {contactGroups.data?.items.find((g) => g.id === principalId)?.name ?? ""}</>;
  }
}

function sourceWords(row: InheritedRole): string {
  switch (row.source) {
    case "group": {
      const group = row.groupKind === "contact_group" ? "contact group" : "group";
      return `through the ${group} ${row.groupName ?? ""}${row.scope === "item" ? ", on a project" : ""}`;
    }
    case "firm-wide":
      return row.groupName ? `firm-wide, through the group ${row.groupName}` : "firm-wide";
    case "partner":
      return "as the client's partner";
    case "manager":
      return "as the client's manager";
  }
}

function DirectGrants({ clientId, mayShare }: { clientId: string; mayShare: boolean }) {
  const direct = useDirectAssignments(clientId);
  const { revoke } = useSharingChanges();
  const [problem, setProblem] = useState<string>();
  const items = direct.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="direct-title">
      <Title order={2} size="h4" id="direct-title" mb="xs">
        Given on this client
      </Title>
      {direct.isError ? <FormAlert message={problemText(direct.error)} /> : null}
      {items.length === 0 ? (
        <Text size="sm" mb="sm">
          {direct.data ? "No role is given on this client itself." : "Loading…"}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table striped mb="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>To</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((assignment) => (
                <Table.Tr key={assignment.id}>
                  <Table.Td>
                    <PrincipalName assignment={assignment} />
                  </Table.Td>
                  <Table.Td>{assignment.roleName}</Table.Td>
                  <Table.Td>{WHERE[assignment.scope]}</Table.Td>
                  <Table.Td>
                    {mayShare ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={revoke.isPending && revoke.variables === assignment.id}
                        onClick={() => {
                          setProblem(undefined);
                          revoke
                            .mutateAsync(assignment.id)
                            .catch((error: unknown) => setProblem(problemText(error)));
                        }}
                      >
                        Take away<VisuallyHidden> {assignment.roleName}</VisuallyHidden>
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FormAlert message={problem} />
      {mayShare ? <ShareForm clientId={clientId} /> : null}
    </Paper>
  );
}

function InheritedRoles({ clientId }: { clientId: string }) {
  const inherited = useInheritedRoles(clientId);
  const items = inherited.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="inherited-title">
      <Title order={2} size="h4" id="inherited-title" mb="xs">
        Inherited
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Roles that reach people another way. Change them where they come from: the group, the person's
        firm-wide roles, or the client's partner and manager.
      </Text>
      {inherited.isError ? <FormAlert message={problemText(inherited.error)} /> : null}
      {items.length === 0 ? (
        <Text size="sm">{inherited.data ? "Nobody inherits a role here." : "Loading…"}</Text>
      ) : (
        <Table striped aria-label="Inherited roles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>From</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((row) => (
              <Table.Tr key={`${row.userId}-${row.assignmentId ?? row.source}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {row.name || row.email}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.groupKind === "contact_group" ? "Contact · " : ""}
                    {row.email}
                    {row.status === "invited" ? " (invited)" : ""}
                  </Text>
                </Table.Td>
                <Table.Td>{row.roleName}</Table.Td>
                <Table.Td>{sourceWords(row)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function SharingPage({ clientId }: { clientId: string | undefined }) {
  const me = useMe();
  const navigate = useNavigate();
  const client = useClient(clientId);
  const mayShare = mayDo(me, "entities", "A") || mayDo(me, "entities", "S");
  return (
    <Stack>
      <PageTitle
        title="Sharing"
        subtitle={
          client.data
            ? `Who holds which role on ${clientLabel(client.data)}`
            : "Choose a client to see who holds which role on it"
        }
      />
      <Stack maw={420}>
        <ClientPicker
          label="Client"
          value={clientId ?? null}
          onChange={(id) => void navigate({ to: "/setup/sharing", search: { client: id ?? undefined } })}
        />
      </Stack>
      {clientId ? (
        <>
          <DirectGrants clientId={clientId} mayShare={mayShare} />
          <InheritedRoles clientId={clientId} />
        </>
      ) : null}
    </Stack>
  );
}
