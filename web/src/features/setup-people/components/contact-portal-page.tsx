/**
 * A contact's portal access: whether they may sign in (no access, invited, active, disabled),
 * inviting them (their email comes from the contact record), a new invitation, disabling and
 * enabling, and the clients they reach with which role, given to them or to a contact group
 * they are in. Each action shows to those whose rights let it work; the server decides.
 */
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { mayDo, useMe, type Me } from "../../../lib/me";
import { clientLabel, useClient } from "../../../lib/records";
import { useContactGroups } from "../api/contact-groups";
import { contactName, useContactRecord, type Contact } from "../api/contacts";
import { useAssignmentsOfPrincipals } from "../api/sharing";
import { useContactAccount, useUserChanges, type UserAccount } from "../api/users";
import { notifyDone } from "./notify-done";

const STATE: Record<UserAccount["status"] | "none", { label: string; color: string; words: string }> = {
  none: { label: "No access", color: "gray.7", words: "They cannot sign in: invite them to the portal." },
  invited: {
    label: "Invited",
    color: "blue.8",
    words: "An activation link was emailed; they sign in once they choose a password.",
  },
  active: { label: "Active", color: "teal.9", words: "They sign in to the portal with their email." },
  disabled: { label: "Disabled", color: "gray.7", words: "They cannot sign in until enabled again." },
};

/** Invites to the portal: Admin, Staff Admin and Entities Admin (users:C, staff:E or contacts:E). */
const mayInvite = (me: Me | undefined) =>
  mayDo(me, "users", "C", "firm") || mayDo(me, "staff", "E", "firm") || mayDo(me, "contacts", "E", "firm");

function AccessActions({ contact, account }: { contact: Contact; account: UserAccount | null | undefined }) {
  const me = useMe();
  const { inviteContact, resend, setStatus } = useUserChanges();
  const [problem, setProblem] = useState<string>();
  const run = async (action: () => Promise<unknown>, done: string) => {
    setProblem(undefined);
    try {
      await action();
      notifyDone(done);
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  const mayEdit = mayDo(me, "users", "E", "firm");
  const inviting = !account && mayInvite(me);
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {inviting ? (
          <Button
            onClick={() =>
              void run(
                () => inviteContact.mutateAsync(contact.id),
                `The invitation is on its way to ${contact.email ?? ""}.`,
              )
            }
            loading={inviteContact.isPending}
            disabled={!contact.email}
            aria-describedby={contact.email ? undefined : "no-email"}
          >
            Invite to the portal
          </Button>
        ) : null}
        {inviting && !contact.email ? (
          <Text size="sm" c="dimmed" id="no-email">
            Add an email address to the contact first: the invitation is emailed.
          </Text>
        ) : null}
        {account?.status === "invited" && mayInvite(me) ? (
          <Button
            variant="default"
            loading={resend.isPending}
            onClick={() =>
              void run(
                () => resend.mutateAsync(account.id),
                `A new invitation is on its way to ${account.email}.`,
              )
            }
          >
            Send a new invitation
          </Button>
        ) : null}
        {account && mayEdit ? (
          account.status === "disabled" ? (
            <Button
              variant="default"
              loading={setStatus.isPending}
              onClick={() =>
                void run(
                  () => setStatus.mutateAsync({ id: account.id, status: "active" }),
                  `${account.email} is enabled.`,
                )
              }
            >
              Enable
            </Button>
          ) : (
            <Button
              variant="outline"
              color="red.8"
              loading={setStatus.isPending}
              onClick={() =>
                void run(
                  () => setStatus.mutateAsync({ id: account.id, status: "disabled" }),
                  `${account.email} is disabled: their sessions ended.`,
                )
              }
            >
              Disable
            </Button>
          )
        ) : null}
      </Group>
      <FormAlert message={problem} />
    </Stack>
  );
}

function AccessSection({ contact }: { contact: Contact }) {
  const me = useMe();
  const readsUsers = mayDo(me, "users", "R", "firm");
  const account = useContactAccount(contact.id, readsUsers);
  const state = account.data ? account.data.status : "none";
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="access-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="access-title">
          Signing in
        </Title>
        {account.isError ? <FormAlert message={problemText(account.error)} /> : null}
        {readsUsers ? (
          account.isPending ? (
            <Text size="sm">Loading…</Text>
          ) : (
            <Group gap="sm">
              <Badge color={STATE[state].color} variant="filled">
                {STATE[state].label}
              </Badge>
              <Text size="sm">{STATE[state].words}</Text>
            </Group>
          )
        ) : (
          <Text size="sm" c="dimmed">
            Whether they were invited shows to people who may read users.
          </Text>
        )}
        {account.data ? (
          <Text size="sm">
            Signs in as <strong>{account.data.email}</strong>
          </Text>
        ) : null}
        <AccessActions contact={contact} account={readsUsers ? account.data : undefined} />
        <Text size="sm" c="dimmed">
          An invitation gives no role: they reach a client once it is shared with them or a contact group they
          are in.
        </Text>
      </Stack>
    </Paper>
  );
}

function ClientCell({ id }: { id: string }) {
  const client = useClient(id);
  return (
    <Link to="/setup/sharing" search={{ client: id }}>
      {clientLabel(client.data)}
    </Link>
  );
}

/** Clients reached through the contact's own account and each contact group they are in. */
function ReachSection({ contact, accountId }: { contact: Contact; accountId: string | null }) {
  const groups = useContactGroups();
  const theirs = (groups.data?.items ?? []).filter((group) => group.memberIds.includes(contact.id));
  const principals = [...(accountId ? [{ id: accountId, via: "" }] : [])].concat(
    theirs.map((group) => ({ id: group.id, via: `the contact group ${group.name}` })),
  );
  const found = useAssignmentsOfPrincipals(principals.map((principal) => principal.id));
  const rows = found.flatMap((result, index) =>
    (result.data?.items ?? [])
      .filter((assignment) => assignment.entityId)
      .map((assignment) => ({ assignment, via: principals[index]!.via })),
  );
  const loading = groups.isPending || found.some((result) => result.isPending);
  const problem = [groups, ...found].find((result) => result.isError)?.error;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="reach-title">
      <Title order={2} size="h4" id="reach-title" mb="xs">
        Clients they reach
      </Title>
      {problem ? <FormAlert message={problemText(problem)} /> : null}
      {rows.length === 0 ? (
        <Text size="sm">
          {loading ? "Loading…" : "No client is shared with them or their contact groups."}
        </Text>
      ) : (
        <Table striped aria-label="Clients they reach">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Client</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Given</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ assignment, via }) => (
              <Table.Tr key={assignment.id}>
                <Table.Td>
                  <ClientCell id={assignment.entityId!} />
                </Table.Td>
                <Table.Td>
                  {assignment.roleName}
                  {assignment.scope === "item" ? " (on a project)" : ""}
                </Table.Td>
                <Table.Td>{via ? `through ${via}` : "to them"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function ContactPortalPage({ contactId }: { contactId: string }) {
  const me = useMe();
  const contact = useContactRecord(contactId);
  const readsUsers = mayDo(me, "users", "R", "firm");
  const account = useContactAccount(contactId, readsUsers);
  // Who reaches what is sharing, read with roles:R (the Admin); the groups need contact_groups:R.
  const readsReach = mayDo(me, "roles", "R", "firm") && mayDo(me, "contact_groups", "R", "firm");
  return (
    <Stack>
      <Anchor component={Link} to={`/setup/contacts/${contactId}`} size="sm">
        ← {contact.data ? contactName(contact.data) : "The contact"}
      </Anchor>
      <PageTitle
        title="Portal access"
        subtitle={contact.data ? `${contactName(contact.data)}, contact` : undefined}
      />
      {contact.isError ? <FormAlert message={problemText(contact.error)} /> : null}
      {contact.data ? (
        <>
          <AccessSection contact={contact.data} />
          {readsReach && !(readsUsers && account.isPending) ? (
            <ReachSection contact={contact.data} accountId={account.data?.id ?? null} />
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
