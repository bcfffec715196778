/**
 * Sharing a client: who holds which role on it. Roles given here (to a person or a staff
 * group) are listed with a way to take them away; roles that reach people another way (a group
 * they are in, a firm-wide role, being the client's partner or manager) are listed apart, with
 * where each comes from, to be changed there. The server decides who may share what.
 */
import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { notifyDone } from "./notify-done";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { ClientPicker } from "../../../components/record-pickers";
import { mayDo, useMe } from "../../../lib/me";
import { clientLabel, useClient } from "../../../lib/records";
import { useRoles } from "../api/roles";
import {
  useDirectAssignments,
  useInheritedRoles,
  useSharingChanges,
  useUserAccount,
  type Assignment,
  type InheritedRole,
} from "../api/sharing";
import { useStaffGroups } from "../api/staff-groups";
import { useUsersPage } from "../api/users";

const WHERE = { system: "Firm-wide", entity: "This client", item: "A project of it" } as const;

function PrincipalName({ assignment }: { assignment: Assignment }) {
  const me = useMe();
  const readsUsers = mayDo(me, "users", "R", "firm");
  const user = useUserAccount(
    assignment.principalKind === "user" && readsUsers ? assignment.principalId : null,
  );
  const groups = useStaffGroups(
    assignment.principalKind === "staff_group" && mayDo(me, "staff_groups", "R", "firm"),
  );
  if (assignment.principalKind === "user") return <>{user.data?.email ?? "a user"}</>;
  const group = groups.data?.items.find((g) => g.id === assignment.principalId);
  return (
    <>{assignment.principalKind === "staff_group" ? `Staff group ${group?.name ?? ""}` : "A contact group"}</>
  );
}

function sourceWords(row: InheritedRole): string {
  switch (row.source) {
    case "group":
      return `through the group ${row.groupName ?? ""}${row.scope === "item" ? ", on a project" : ""}`;
    case "firm-wide":
      return row.groupName ? `firm-wide, through the group ${row.groupName}` : "firm-wide";
    case "partner":
      return "as the client's partner";
    case "manager":
      return "as the client's manager";
  }
}

function GrantForm({ clientId }: { clientId: string }) {
  const me = useMe();
  const roles = useRoles();
  const [kind, setKind] = useState<"user" | "staff_group">("user");
  const [typed, setTyped] = useState("");
  const [search] = useDebouncedValue(typed.trim(), 200);
  // Invited people too: a firm shares a client with a new member before they first sign in.
  const users = useUsersPage({ status: undefined, search, sort: "email", limit: 20, offset: 0 });
  const groups = useStaffGroups(mayDo(me, "staff_groups", "R", "firm"));
  const [principalId, setPrincipalId] = useState<string | null>(null);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ principal?: string; role?: string; form?: string }>({});
  const { grant } = useSharingChanges();
  const principals =
    kind === "user"
      ? (users.data?.items ?? [])
          .filter((user) => user.id !== me?.id && user.status !== "disabled")
          .map((user) => ({
            value: user.id,
            label: user.status === "invited" ? `${user.email} (invited)` : user.email,
          }))
      : (groups.data?.items ?? []).map((group) => ({ value: group.id, label: group.name }));
  const entityRoles = (roles.data?.items ?? []).filter(
    (role) => role.scopes.includes("entity") && !(role.builtIn && role.name.startsWith("Contact")),
  );
  const submit = async () => {
    const found: typeof errors = {};
    if (!principalId) found.principal = kind === "user" ? "Choose the person" : "Choose the group";
    if (!roleId) found.role = "Choose the role";
    setErrors(found);
    if (!principalId || !roleId) return;
    try {
      await grant.mutateAsync({
        roleId,
        principalKind: kind,
        principalId,
        scope: "entity",
        entityId: clientId,
      });
      setPrincipalId(null);
      setRoleId(null);
      notifyDone("The role is given.");
    } catch (error) {
      setErrors({ form: problemText(error) });
    }
  };
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Give the role to"
        value={kind}
        onChange={(value) => {
          setKind(value);
          setPrincipalId(null);
        }}
        data={[
          { value: "user", label: "A person" },
          { value: "staff_group", label: "A staff group" },
        ]}
        style={{ alignSelf: "flex-start" }}
      />
      <Group align="flex-start" gap="sm">
        <Select
          label={kind === "user" ? "Person" : "Staff group"}
          placeholder={kind === "user" ? "Type an email" : "Choose"}
          searchable
          searchValue={typed}
          onSearchChange={setTyped}
          // People are searched on the server, 20 at a time; groups are few.
          filter={kind === "user" ? ({ options }) => options : undefined}
          nothingFoundMessage={users.isFetching ? "Looking…" : "Nobody matches"}
          data={principals}
          value={principalId}
          onChange={setPrincipalId}
          error={errors.principal}
          style={{ flex: "1 1 14rem", maxWidth: "22rem" }}
        />
        <Select
          label="Role"
          data={entityRoles.map((role) => ({ value: role.id, label: role.name }))}
          value={roleId}
          onChange={setRoleId}
          error={errors.role}
          style={{ flex: "1 1 10rem", maxWidth: "16rem" }}
        />
        <Button onClick={() => void submit()} loading={grant.isPending} mt={{ base: 0, xs: 25 }}>
          Give the role
        </Button>
      </Group>
      <FormAlert message={errors.form} />
    </Stack>
  );
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
      {mayShare ? <GrantForm clientId={clientId} /> : null}
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
