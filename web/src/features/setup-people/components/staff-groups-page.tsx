/**
 * Staff groups: the firm's groups, a new one, and one group's members a page at a time, with
 * members added and taken out. Groups carry roles, so the server may refuse a change that
 * would share a role the person may not share; its words show beside the change.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import {
  ActionIcon,
  Button,
  Group,
  NavLink,
  Paper,
  Select,
  Grid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { problemText } from "../../../api/problem";
import { notifyDone } from "./notify-done";
import { FormAlert } from "../../../components/form-alert";
import { PagePagination } from "../../../components/page-pagination";
import { PageTitle } from "../../../components/page-title";
import { showProblem } from "../../../lib/form-problems";
import { mayDo, useMe } from "../../../lib/me";
import { useGroupMembers, useStaffPage } from "../api/staff";
import { useStaffGroupChanges, useStaffGroups, type StaffGroup } from "../api/staff-groups";

const MEMBERS_PER_PAGE = 25;
const groupSchema = z.object({
  name: z.string().trim().min(1, "Name the group").max(60, "At most 60 characters"),
});

function NewGroupForm({ onCreated }: { onCreated: (group: StaffGroup) => void }) {
  const { add } = useStaffGroupChanges();
  const form = useForm<{ name: string }>({ resolver: zodResolver(groupSchema), defaultValues: { name: "" } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ name }) => {
    try {
      const group = await add.mutateAsync(name.trim());
      form.reset();
      notifyDone(`Group ${group.name} is added.`);
      onCreated(group);
    } catch (error) {
      showProblem(error, form.setError, ["name"]);
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Group align="flex-start" gap="sm">
        <TextInput label="New group's name" error={errors.name?.message} {...form.register("name")} />
        <Button type="submit" loading={isSubmitting} mt={{ base: 0, xs: 25 }}>
          Add the group
        </Button>
      </Group>
      <FormAlert message={errors.root?.server?.message} />
    </form>
  );
}

/** Active staff to add, searched on the server by number, name or email (20 at most). */
function AddMember({ group }: { group: StaffGroup }) {
  const [typed, setTyped] = useState("");
  const [search] = useDebouncedValue(typed.trim(), 200);
  const candidates = useStaffPage({ sort: "lastName", search, status: "active", limit: 20, offset: 0 });
  const { addMember } = useStaffGroupChanges();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();
  const options = (candidates.data?.items ?? [])
    .filter((staff) => !group.memberIds.includes(staff.id))
    .map((staff) => ({
      value: staff.id,
      label: `${staff.staffNumber} · ${staff.firstName} ${staff.lastName}`,
    }));
  const add = async () => {
    if (!staffId) {
      setProblem("Choose whom to add");
      return;
    }
    setProblem(undefined);
    try {
      await addMember.mutateAsync({ id: group.id, staffId });
      setStaffId(null);
      setTyped("");
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  return (
    <Group align="flex-start" gap="sm">
      <Select
        label={`Add to ${group.name}`}
        placeholder="Type a number or name"
        searchable
        searchValue={typed}
        onSearchChange={setTyped}
        filter={({ options }) => options}
        nothingFoundMessage={candidates.isFetching ? "Looking…" : "No active staff member matches"}
        clearable
        data={options}
        value={staffId}
        onChange={setStaffId}
        error={problem}
        style={{ flex: "1 1 14rem", maxWidth: "22rem" }}
      />
      <Button onClick={() => void add()} loading={addMember.isPending} mt={{ base: 0, xs: 25 }}>
        Add the member
      </Button>
    </Group>
  );
}

function Members({ group, editable }: { group: StaffGroup; editable: boolean }) {
  const [page, setPage] = useState(0);
  const members = useGroupMembers(group.id, MEMBERS_PER_PAGE, page * MEMBERS_PER_PAGE);
  const { removeMember } = useStaffGroupChanges();
  const [problem, setProblem] = useState<string>();
  const remove = async (staffId: string) => {
    setProblem(undefined);
    try {
      await removeMember.mutateAsync({ id: group.id, staffId });
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  const total = members.data?.total ?? 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="members-title">
      <Title order={2} size="h4" id="members-title" mb="xs">
        Members of {group.name}
      </Title>
      <Text size="sm" c="dimmed" mb="sm" aria-live="polite">
        {members.data ? (total === 1 ? "1 member" : `${total} members`) : "Loading…"}
      </Text>
      {editable ? <AddMember group={group} /> : null}
      <FormAlert message={problem} />
      {members.data && members.data.items.length > 0 ? (
        <Table striped mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Staff member</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.items.map((staff) => (
              <Table.Tr key={staff.id}>
                <Table.Td>
                  {staff.staffNumber} · {staff.firstName} {staff.lastName}
                </Table.Td>
                <Table.Td style={{ textAlign: "right" }}>
                  {editable ? (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Take ${staff.staffNumber} out of ${group.name}`}
                      loading={removeMember.isPending && removeMember.variables.staffId === staff.id}
                      onClick={() => void remove(staff.id)}
                    >
                      ✕
                    </ActionIcon>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <PagePagination total={Math.ceil(total / MEMBERS_PER_PAGE)} page={page} onChange={setPage} />
    </Paper>
  );
}

export function StaffGroupsPage() {
  const me = useMe();
  const groups = useStaffGroups();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const mayCreate = mayDo(me, "staff_groups", "C", "firm");
  const editable = mayDo(me, "staff_groups", "E", "firm");
  const list = groups.data?.items ?? [];
  const chosen = list.find((group) => group.id === chosenId) ?? list[0];
  return (
    <Stack>
      <PageTitle title="Staff groups" subtitle="Roles given to a group reach everyone in it" />
      {groups.isError ? <FormAlert message={problemText(groups.error)} /> : null}
      {mayCreate ? <NewGroupForm onCreated={(group) => setChosenId(group.id)} /> : null}
      <Grid>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Paper withBorder p="xs" component="nav" aria-label="Groups">
            {list.length === 0 ? (
              <Text size="sm" p="xs">
                {groups.data ? "The firm has no staff groups yet." : "Loading…"}
              </Text>
            ) : null}
            {list.map((group) => (
              <NavLink
                key={group.id}
                component="button"
                variant="filled"
                color="blue.9"
                label={group.name}
                description={group.memberIds.length === 1 ? "1 member" : `${group.memberIds.length} members`}
                active={group.id === chosen?.id}
                aria-current={group.id === chosen?.id ? "true" : undefined}
                onClick={() => setChosenId(group.id)}
              />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          {chosen ? <Members key={chosen.id} group={chosen} editable={editable} /> : null}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
