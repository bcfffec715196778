/**
 * Contact groups: the firm's groups of portal contacts, a new one, and one group at a time to
 * rename, delete, and fill with contacts or empty. Roles given to a group on a client reach every
 * contact in it, so the server refuses a member change that would share a role the person may
 * not share, and deleting a group that still carries roles; its words show beside the change.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import {
  ActionIcon,
  Button,
  Grid,
  Group,
  NavLink,
  Paper,
  Select,
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
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { showProblem } from "../../../lib/form-problems";
import { mayDo, useMe } from "../../../lib/me";
import { useContactGroupChanges, useContactGroups, type ContactGroup } from "../api/contact-groups";
import { contactName, useContactRecords, useContactSearch } from "../api/contacts";
import { ConfirmButton } from "../../../components/confirm-button";
import { notifyDone } from "./notify-done";

const nameSchema = z.object({
  name: z.string().trim().min(1, "Name the group").max(60, "At most 60 characters"),
});
type NameValues = z.infer<typeof nameSchema>;

/** One name field and its button: a new group's, or a group's new name. */
function GroupNameForm({
  label,
  submitLabel,
  initial,
  onSave,
}: {
  label: string;
  submitLabel: string;
  initial: string;
  onSave: (name: string) => Promise<void>;
}) {
  const form = useForm<NameValues>({ resolver: zodResolver(nameSchema), defaultValues: { name: initial } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ name }) => {
    try {
      await onSave(name.trim());
      form.reset({ name: initial });
    } catch (error) {
      showProblem(error, form.setError, ["name"]);
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Group align="flex-start" gap="sm">
        <TextInput
          label={label}
          error={errors.name?.message}
          {...form.register("name")}
          style={{ flex: "1 1 12rem", maxWidth: "20rem" }}
        />
        <Button type="submit" loading={isSubmitting} mt={{ base: 0, xs: 25 }}>
          {submitLabel}
        </Button>
      </Group>
      <FormAlert message={errors.root?.server?.message} />
    </form>
  );
}

/** Contacts to add, searched on the server by name or email (20 at most). */
function AddMember({ group }: { group: ContactGroup }) {
  const [typed, setTyped] = useState("");
  const [search] = useDebouncedValue(typed.trim(), 200);
  const candidates = useContactSearch(search);
  const { addMember } = useContactGroupChanges();
  const [contactId, setContactId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();
  const options = (candidates.data?.items ?? [])
    .filter((contact) => !group.memberIds.includes(contact.id))
    .map((contact) => ({
      value: contact.id,
      label: contact.email ? `${contactName(contact)} · ${contact.email}` : contactName(contact),
    }));
  const add = async () => {
    if (!contactId) {
      setProblem("Choose whom to add");
      return;
    }
    setProblem(undefined);
    try {
      await addMember.mutateAsync({ id: group.id, contactId });
      setContactId(null);
      setTyped("");
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  return (
    <Group align="flex-start" gap="sm">
      <Select
        label={`Add to ${group.name}`}
        placeholder="Type a name or email"
        searchable
        searchValue={typed}
        onSearchChange={setTyped}
        filter={({ options }) => options}
        nothingFoundMessage={candidates.isFetching ? "Looking…" : "No contact matches"}
        clearable
        data={options}
        value={contactId}
        onChange={setContactId}
        error={problem}
        style={{ flex: "1 1 14rem", maxWidth: "22rem" }}
      />
      <Button onClick={() => void add()} loading={addMember.isPending} mt={{ base: 0, xs: 25 }}>
        Add the contact
      </Button>
    </Group>
  );
}

function Members({ group, editable }: { group: ContactGroup; editable: boolean }) {
  const members = useContactRecords(group.memberIds);
  const { removeMember } = useContactGroupChanges();
  const [problem, setProblem] = useState<string>();
  const remove = async (contactId: string) => {
    setProblem(undefined);
    try {
      await removeMember.mutateAsync({ id: group.id, contactId });
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  const count = group.memberIds.length;
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Members
      </Title>
      <Text size="sm" c="dimmed" aria-live="polite">
        {count === 1 ? "1 contact" : `${count} contacts`}
      </Text>
      {editable ? <AddMember group={group} /> : null}
      <FormAlert message={problem} />
      {count > 0 ? (
        <Table striped aria-label={`Members of ${group.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Contact</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.memberIds.map((contactId, index) => {
              const contact = members[index]?.data;
              const name = contactName(contact);
              return (
                <Table.Tr key={contactId}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {name}
                    </Text>
                    {contact?.email ? (
                      <Text size="xs" c="dimmed">
                        {contact.email}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>
                    {editable ? (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Take ${name} out of ${group.name}`}
                        loading={removeMember.isPending && removeMember.variables.contactId === contactId}
                        onClick={() => void remove(contactId)}
                      >
                        ✕
                      </ActionIcon>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}

function GroupPanel({ group, onDeleted }: { group: ContactGroup; onDeleted: () => void }) {
  const me = useMe();
  const { rename, remove } = useContactGroupChanges();
  const editable = mayDo(me, "contact_groups", "E", "firm");
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="group-title">
      <Stack>
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h4" id="group-title">
            {group.name}
          </Title>
          {mayDo(me, "contact_groups", "D", "firm") ? (
            <ConfirmButton
              label={`Delete ${group.name}`}
              question={`Delete the contact group ${group.name}? Its contacts stay; a group that still has roles on clients cannot be deleted.`}
              confirmLabel="Delete the group"
              onConfirm={async () => {
                await remove.mutateAsync(group.id);
                notifyDone(`Group ${group.name} is deleted.`);
                onDeleted();
              }}
            />
          ) : null}
        </Group>
        {editable ? (
          <GroupNameForm
            key={group.name}
            label="Group's name"
            submitLabel="Rename"
            initial={group.name}
            onSave={async (name) => {
              await rename.mutateAsync({ id: group.id, name });
              notifyDone(`The group is now called ${name}.`);
            }}
          />
        ) : null}
        <Members group={group} editable={editable} />
      </Stack>
    </Paper>
  );
}

export function ContactGroupsPage() {
  const me = useMe();
  const groups = useContactGroups();
  const { add } = useContactGroupChanges();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const list = groups.data?.items ?? [];
  const chosen = list.find((group) => group.id === chosenId) ?? list[0];
  return (
    <Stack>
      <PageTitle
        title="Contact groups"
        subtitle="Roles given to a group on a client reach every contact in it"
      />
      {groups.isError ? <FormAlert message={problemText(groups.error)} /> : null}
      {mayDo(me, "contact_groups", "C", "firm") ? (
        <GroupNameForm
          label="New group's name"
          submitLabel="Add the group"
          initial=""
          onSave={async (name) => {
            const group = await add.mutateAsync(name);
            notifyDone(`Group ${group.name} is added.`);
            setChosenId(group.id);
          }}
        />
      ) : null}
      <Grid>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Paper withBorder p="xs" component="nav" aria-label="Contact groups">
            {list.length === 0 ? (
              <Text size="sm" p="xs">
                {groups.data ? "The firm has no contact groups yet." : "Loading…"}
              </Text>
            ) : null}
            {list.map((group) => (
              <NavLink
                key={group.id}
                component="button"
                variant="filled"
                color="blue.9"
                label={group.name}
                description={
                  group.memberIds.length === 1 ? "1 contact" : `${group.memberIds.length} contacts`
                }
                active={group.id === chosen?.id}
                aria-current={group.id === chosen?.id ? "true" : undefined}
                onClick={() => setChosenId(group.id)}
              />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          {chosen ? <GroupPanel key={chosen.id} group={chosen} onDeleted={() => setChosenId(null)} /> : null}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
