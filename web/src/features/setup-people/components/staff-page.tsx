/**
 * One staff member: their record (edited in place by whoever may edit staff), their groups,
 * making them inactive or active again, and inviting them to sign in (the server emails the
 * activation link to the address on the record).
 */
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { notifyDone } from "./notify-done";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { mayDo, useMe } from "../../../lib/me";
import { useStaffChanges, useStaffMember, type StaffMember } from "../api/staff";
import { useStaffGroups } from "../api/staff-groups";
import { useUserChanges } from "../api/users";
import { StaffForm, staffBody } from "./staff-form";

const today = () => new Date().toISOString().slice(0, 10);

function StatusSection({ staff, editable }: { staff: StaffMember; editable: boolean }) {
  const { edit } = useStaffChanges();
  const [problem, setProblem] = useState<string>();
  const active = staff.status === "active";
  const change = async () => {
    setProblem(undefined);
    try {
      await edit.mutateAsync({
        id: staff.id,
        change: active
          ? { status: "inactive", inactiveDate: today() }
          : { status: "active", inactiveDate: null },
      });
      notifyDone(active ? `${staff.staffNumber} is inactive.` : `${staff.staffNumber} is active again.`);
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="status-title">
      <Title order={2} size="h4" id="status-title" mb="xs">
        Status
      </Title>
      <Text size="sm" mb="sm">
        {active
          ? "Active: records time and can be invited to sign in."
          : `Inactive${staff.inactiveDate ? ` since ${staff.inactiveDate}` : ""}: keeps their history, records no new time.`}
      </Text>
      {editable ? (
        <Button
          variant={active ? "default" : "filled"}
          color={active ? "red" : undefined}
          loading={edit.isPending}
          onClick={() => void change()}
        >
          {active ? "Make inactive" : "Make active again"}
        </Button>
      ) : (
        <Text size="sm" c="dimmed">
          Only people who may edit staff can change this.
        </Text>
      )}
      <FormAlert message={problem} />
    </Paper>
  );
}

function InviteSection({ staff }: { staff: StaffMember }) {
  const me = useMe();
  const { invite } = useUserChanges();
  const [sent, setSent] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const mayInvite = mayDo(me, "users", "C", "firm") || mayDo(me, "staff", "E", "firm");
  const reason = !mayInvite
    ? "Only people who may invite users can do this."
    : staff.status !== "active"
      ? "An inactive staff member cannot be invited."
      : !staff.email
        ? "Add an email address to the record first."
        : null;
  const send = async () => {
    setProblem(undefined);
    try {
      const user = await invite.mutateAsync(staff.id);
      setSent(user.email);
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="invite-title">
      <Title order={2} size="h4" id="invite-title" mb="xs">
        Signing in
      </Title>
      <Text size="sm" mb="sm">
        An invitation emails them a link to choose a password. It gives no role: give roles on the{" "}
        <Link to="/setup/users">users</Link> and{" "}
        <Link to="/setup/sharing" search={{ client: undefined }}>
          sharing
        </Link>{" "}
        pages.
      </Text>
      {sent ? (
        <Alert color="green" variant="light" role="status" mb="sm">
          The invitation is on its way to {sent}.
        </Alert>
      ) : null}
      <Group gap="sm">
        <Button onClick={() => void send()} loading={invite.isPending} disabled={reason !== null}>
          Invite to sign in
        </Button>
        {reason ? (
          <Text size="sm" c="dimmed">
            {reason}
          </Text>
        ) : null}
      </Group>
      <FormAlert message={problem} />
    </Paper>
  );
}

export function StaffPage({ staffId }: { staffId: string }) {
  const me = useMe();
  const staff = useStaffMember(staffId);
  const editable = mayDo(me, "staff", "E", "firm");
  const readsGroups = mayDo(me, "staff_groups", "R", "firm");
  const groups = useStaffGroups(readsGroups);
  const { edit } = useStaffChanges();
  const member = staff.data;
  return (
    <Stack>
      <PageTitle
        title={member ? `${member.staffNumber} · ${member.firstName} ${member.lastName}` : "Staff member"}
        subtitle={member?.email ?? undefined}
        actions={
          <Button component={Link} to="/setup/staff" variant="default">
            All staff
          </Button>
        }
      />
      {staff.isError ? <FormAlert message={problemText(staff.error)} /> : null}
      {member ? (
        <>
          <Group gap="xs">
            <Badge color={member.status === "active" ? "teal.9" : "gray.7"} variant="filled">
              {member.status}
            </Badge>
            {member.groups.map((group) => (
              <Badge key={group} variant="outline" color="blue.8">
                {group}
              </Badge>
            ))}
          </Group>
          <Paper withBorder p="md" component="section" aria-labelledby="record-title">
            <Title order={2} size="h4" id="record-title" mb="sm">
              Record
            </Title>
            <StaffForm
              key={member.updatedAt}
              staff={member}
              readOnly={!editable}
              groupNames={readsGroups ? (groups.data?.items.map((group) => group.name) ?? []) : null}
              submitLabel="Save the changes"
              onSubmit={async (values) => {
                await edit.mutateAsync({ id: member.id, change: staffBody(values, readsGroups) });
                notifyDone("The staff member is saved.");
              }}
            />
          </Paper>
          <StatusSection staff={member} editable={editable} />
          <InviteSection staff={member} />
        </>
      ) : null}
    </Stack>
  );
}
