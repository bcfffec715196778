/**
 * Roles: the built-in ones (fixed) and the firm's custom roles, each with its rights as a
 * grid of objects and actions; custom roles made and changed by whoever may (the Admin).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import {
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  NavLink,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { problemText } from "../../../api/problem";
import { notifyDone } from "./notify-done";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { showProblem } from "../../../lib/form-problems";
import { mayDo, useMe } from "../../../lib/me";
import { useRoleChanges, useRoles, type Grants, type Role } from "../api/roles";
import { RightsGrid } from "./rights-grid";

const SCOPE_WORDS = { system: "firm-wide", entity: "on a client", item: "on a project" } as const;

const roleSchema = z.object({
  name: z.string().trim().min(1, "Name the role").max(60, "At most 60 characters"),
  grants: z.record(z.string(), z.string()),
});
type RoleFields = { name: string; grants: Grants };

function RoleForm({ role, onDone }: { role?: Role | undefined; onDone: (role: Role) => void }) {
  const { create, edit } = useRoleChanges();
  const form = useForm<RoleFields>({
    resolver: zodResolver(roleSchema) as never,
    defaultValues: { name: role?.name ?? "", grants: role?.grants ?? {} },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    const body = {
      name: values.name.trim(),
      grants: Object.fromEntries(Object.entries(values.grants).filter(([, actions]) => actions)),
    };
    try {
      const saved = role ? await edit.mutateAsync({ id: role.id, body }) : await create.mutateAsync(body);
      notifyDone(`Role ${saved.name} is saved.`);
      onDone(saved);
    } catch (error) {
      showProblem(error, form.setError, ["name", "grants"]);
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <TextInput
          label="Role name"
          required
          error={errors.name?.message}
          {...form.register("name")}
          maw={360}
        />
        <Controller
          control={form.control}
          name="grants"
          render={({ field }) => (
            <RightsGrid caption="What the role may do" grants={field.value} onChange={field.onChange} />
          )}
        />
        <FormAlert
          message={
            (errors.grants as { message?: string } | undefined)?.message ?? errors.root?.server?.message
          }
        />
        <Group>
          <Button type="submit" loading={isSubmitting}>
            {role ? "Save the role" : "Create the role"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RolesPage() {
  const me = useMe();
  const roles = useRoles();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<"new" | Role | null>(null);
  const mayCreate = mayDo(me, "roles", "C", "firm");
  const mayEdit = mayDo(me, "roles", "E", "firm");
  const list = roles.data?.items ?? [];
  const chosen = list.find((role) => role.id === chosenId) ?? list[0];
  return (
    <Stack>
      <PageTitle
        title="Roles"
        subtitle="What each role lets its holders do. Built-in roles are fixed; custom roles are the firm's."
        actions={mayCreate ? <Button onClick={() => setEditing("new")}>Create a custom role</Button> : null}
      />
      {roles.isError ? <FormAlert message={problemText(roles.error)} /> : null}
      <Grid>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Paper withBorder p="xs" component="nav" aria-label="Roles">
            {list.map((role) => (
              <NavLink
                key={role.id}
                component="button"
                variant="filled"
                color="blue.9"
                label={role.name}
                description={role.builtIn ? "built-in" : "custom"}
                active={role.id === chosen?.id}
                aria-current={role.id === chosen?.id ? "true" : undefined}
                onClick={() => setChosenId(role.id)}
              />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          {chosen ? (
            <Paper withBorder p="md" component="section" aria-labelledby="role-title">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4" id="role-title">
                  {chosen.name}
                </Title>
                {chosen.builtIn ? (
                  <Badge variant="filled" color="gray.7">
                    built-in
                  </Badge>
                ) : mayEdit ? (
                  <Button size="xs" variant="light" onClick={() => setEditing(chosen)}>
                    Edit {chosen.name}
                  </Button>
                ) : null}
              </Group>
              <Text size="sm" mb="sm">
                Given {chosen.scopes.map((scope) => SCOPE_WORDS[scope]).join(", ")}. C create · R read · E
                edit · D delete · A share any role · S share the roles one holds.
              </Text>
              <RightsGrid caption={`What ${chosen.name} may do`} grants={chosen.grants} />
            </Paper>
          ) : null}
        </Grid.Col>
      </Grid>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? "Create a custom role" : `Edit ${editing?.name ?? ""}`}
        size="lg"
        closeButtonProps={{ "aria-label": "Close" }}
      >
        {editing !== null ? (
          <RoleForm
            role={editing === "new" ? undefined : editing}
            onDone={(role) => {
              setEditing(null);
              setChosenId(role.id);
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
