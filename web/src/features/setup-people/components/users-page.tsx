/**
 * The firm's user accounts with their state (invited, active, disabled), a page at a time:
 * resend an invitation, disable or enable an account, email an active user a password reset
 * link, and see and change the firm-wide roles given to them. Each action shows only to
 * people whose rights let it work; the server decides (nobody changes their own account or
 * roles, a firm keeps one active Admin) and its words show beside the action.
 */
import {
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { notifyDone } from "./notify-done";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { RecordTable, useRecordList, type RecordColumn } from "../../../components/record-table";
import { mayDo, useMe, type Me } from "../../../lib/me";
import { useRoles } from "../api/roles";
import { usePrincipalAssignments, useSharingChanges } from "../api/sharing";
import { useUserChanges, useUsersPage, type UserAccount, type UserStatus } from "../api/users";

const STATUS_COLOR: Record<UserStatus, string> = {
  invited: "blue.8",
  active: "teal.9",
  disabled: "gray.7",
};

function UserActions({ user, me }: { user: UserAccount; me: Me }) {
  const { resend, setStatus, sendReset } = useUserChanges();
  const [problem, setProblem] = useState<string>();
  const self = user.id === me.id;
  const run = async (action: () => Promise<unknown>, done: string) => {
    setProblem(undefined);
    try {
      await action();
      notifyDone(done);
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  const mayInvite = mayDo(me, "users", "C", "firm") || mayDo(me, "staff", "E", "firm");
  const mayEdit = mayDo(me, "users", "E", "firm");
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {user.status === "invited" && mayInvite ? (
          <Button
            size="xs"
            variant="light"
            loading={resend.isPending}
            onClick={() =>
              void run(() => resend.mutateAsync(user.id), `A new invitation is on its way to ${user.email}.`)
            }
          >
            Resend the invitation
          </Button>
        ) : null}
        {user.status === "active" && mayEdit ? (
          <Button
            size="xs"
            variant="light"
            loading={sendReset.isPending}
            onClick={() =>
              void run(
                () => sendReset.mutateAsync(user.email),
                `A password reset link is on its way to ${user.email}.`,
              )
            }
          >
            Email a password reset link
          </Button>
        ) : null}
        {mayEdit && !self ? (
          user.status === "disabled" ? (
            <Button
              size="xs"
              variant="light"
              loading={setStatus.isPending}
              onClick={() =>
                void run(
                  () => setStatus.mutateAsync({ id: user.id, status: "active" }),
                  `${user.email} is enabled.`,
                )
              }
            >
              Enable
            </Button>
          ) : (
            <Button
              size="xs"
              variant="light"
              color="red"
              loading={setStatus.isPending}
              onClick={() =>
                void run(
                  () => setStatus.mutateAsync({ id: user.id, status: "disabled" }),
                  `${user.email} is disabled: their sessions and tokens stopped working.`,
                )
              }
            >
              Disable
            </Button>
          )
        ) : null}
        {self ? (
          <Text size="sm" c="dimmed">
            Your own account: change it on Your account.
          </Text>
        ) : null}
      </Group>
      <FormAlert message={problem} />
    </Stack>
  );
}

/** The roles given to the user directly, firm-wide or on a client, and a firm-wide role given. */
function UserRoles({ user, me }: { user: UserAccount; me: Me }) {
  const assignments = usePrincipalAssignments(user.id);
  const roles = useRoles();
  const { grant, revoke } = useSharingChanges();
  const [roleId, setRoleId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();
  const mayShare = mayDo(me, "roles", "A", "firm") && user.id !== me.id;
  const systemRoles = (roles.data?.items ?? []).filter((role) => role.scopes.includes("system"));
  const give = async () => {
    if (!roleId) {
      setProblem("Choose the role to give");
      return;
    }
    setProblem(undefined);
    try {
      await grant.mutateAsync({ roleId, principalKind: "user", principalId: user.id, scope: "system" });
      setRoleId(null);
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  const items = assignments.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Roles given to {user.email}
      </Title>
      <Text size="sm" c="dimmed">
        Roles that reach them through a staff group show on the staff groups and sharing pages.
      </Text>
      {assignments.isError ? <FormAlert message={problemText(assignments.error)} /> : null}
      {items.length === 0 ? (
        <Text size="sm">{assignments.data ? "No role is given to them directly." : "Loading…"}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
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
                <Table.Td>{assignment.roleName}</Table.Td>
                <Table.Td>
                  {assignment.scope === "system"
                    ? "Firm-wide"
                    : assignment.scope === "entity"
                      ? "On a client"
                      : "On a project"}
                </Table.Td>
                <Table.Td>
                  {mayShare ? (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        void revoke
                          .mutateAsync(assignment.id)
                          .catch((error: unknown) => setProblem(problemText(error)))
                      }
                    >
                      Take away<VisuallyHidden> {assignment.roleName}</VisuallyHidden>
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mayShare ? (
        <Group align="flex-start" gap="sm">
          <Select
            label="Give a firm-wide role"
            data={systemRoles.map((role) => ({ value: role.id, label: role.name }))}
            value={roleId}
            onChange={setRoleId}
            error={problem}
            style={{ flex: "1 1 12rem", maxWidth: "18rem" }}
          />
          <Button onClick={() => void give()} loading={grant.isPending} mt={{ base: 0, xs: 25 }}>
            Give the role
          </Button>
        </Group>
      ) : (
        <FormAlert message={problem} />
      )}
    </Stack>
  );
}

export function UsersPage() {
  const me = useMe();
  const list = useRecordList("email");
  const [status, setStatus] = useState<UserStatus | "all">("all");
  const users = useUsersPage({
    search: list.sentSearch,
    sort: list.sort,
    status: status === "all" ? undefined : status,
    limit: list.limit,
    offset: list.offset,
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const open = users.data?.items.find((user) => user.id === openId);
  const readsRoles = mayDo(me, "roles", "R", "firm");
  const columns: RecordColumn<UserAccount>[] = [
    {
      key: "email",
      header: "Email",
      sortable: true,
      render: (user) => (
        <UnstyledButton onClick={() => setOpenId(user.id)} c="blue.8" fw={600} td="underline">
          {user.email}
        </UnstyledButton>
      ),
    },
    { key: "kind", header: "Who", render: (user) => (user.staffId ? "Staff" : "Contact") },
    {
      key: "status",
      header: "State",
      render: (user) => (
        <Badge color={STATUS_COLOR[user.status]} variant="filled">
          {user.status}
        </Badge>
      ),
    },
  ];
  return (
    <Stack>
      <PageTitle
        title="Users"
        subtitle="Who can sign in. Invite a staff member from their page under Staff, a contact from Portal access on their page under Contacts."
      />
      {users.isError ? <FormAlert message={problemText(users.error)} /> : null}
      <RecordTable
        label="Users"
        columns={columns}
        rows={users.data?.items}
        total={users.data?.total}
        rowKey={(row) => row.id}
        state={list}
        loading={users.isFetching}
        searchLabel="Search by email"
        empty="No user matches."
        toolbar={
          <SegmentedControl
            aria-label="Which users"
            value={status}
            onChange={(value) => {
              setStatus(value);
              list.setPage(0);
            }}
            data={[
              { value: "all", label: "All" },
              { value: "invited", label: "Invited" },
              { value: "active", label: "Active" },
              { value: "disabled", label: "Disabled" },
            ]}
          />
        }
      />
      <Modal
        opened={Boolean(open)}
        onClose={() => setOpenId(null)}
        title={open?.email ?? ""}
        size="lg"
        closeButtonProps={{ "aria-label": "Close" }}
      >
        {open && me ? (
          <Stack>
            <Group gap="xs">
              <Badge color={STATUS_COLOR[open.status]} variant="filled">
                {open.status}
              </Badge>
              <Text size="sm">{open.staffId ? "Staff member" : "Contact"}</Text>
            </Group>
            <UserActions user={open} me={me} />
            {readsRoles ? <UserRoles user={open} me={me} /> : null}
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
