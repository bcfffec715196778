/** The signed-in person's own account: their password, two-factor sign-in and API tokens. */
import { zodResolver } from "@hookform/resolvers/zod";
import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { formatDateTime } from "../../../lib/format";
import { showProblem } from "../../../lib/form-problems";
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from "../api/api-tokens";
import { useChangePassword } from "../api/auth-mutations";
import { useMe } from "../../../lib/me";
import { newPasswordSchema, NewPasswordFields } from "./new-password-fields";
import { TwoFactorSection } from "./two-factor-section";

const changeSchema = z.intersection(
  z.object({ currentPassword: z.string().min(1, "Enter your current password") }),
  newPasswordSchema,
);
type ChangeFields = z.infer<typeof changeSchema>;

function ChangePasswordForm() {
  const change = useChangePassword();
  const form = useForm<ChangeFields>({
    resolver: zodResolver(changeSchema),
    defaultValues: { currentPassword: "", password: "", repeat: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ currentPassword, password }) => {
    try {
      await change.mutateAsync({ currentPassword, newPassword: password });
      form.reset();
      notifications.show({ color: "green", message: "Your password is changed." });
    } catch (error) {
      showProblem(error, form.setError, ["currentPassword", "password"]);
    }
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="password-title">
      <Title order={2} size="h4" id="password-title" mb="sm">
        Password
      </Title>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack maw={420}>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            error={errors.currentPassword?.message}
            {...form.register("currentPassword")}
          />
          <NewPasswordFields
            password={form.register("password")}
            repeat={form.register("repeat")}
            errors={errors}
          />
          <FormAlert message={errors.root?.server?.message} />
          <Group>
            <Button type="submit" loading={isSubmitting}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ApiTokens() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const form = useForm<{ name: string }>({ defaultValues: { name: "" } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ name }) => {
    const trimmed = name.trim();
    if (!trimmed) {
      form.setError("name", { message: "Name the token after where it will be used" });
      return;
    }
    try {
      const answer = await create.mutateAsync(trimmed);
      setCreated({ name: trimmed, token: answer.token });
      form.reset();
    } catch (error) {
      showProblem(error, form.setError, ["name"]);
    }
  });
  const active = tokens.data?.items.filter((token) => !token.revokedAt) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tokens-title">
      <Title order={2} size="h4" id="tokens-title" mb="xs">
        API tokens
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A token lets the firmtime command line or a script act as you. Revoke it when it is no longer used.
      </Text>
      {created ? (
        <Alert color="green" mb="sm" title={`Token “${created.name}” created`} role="status">
          <Stack gap="xs">
            <Text size="sm">Copy it now: it is shown only once.</Text>
            <Group gap="xs">
              <Code style={{ overflowWrap: "anywhere" }}>{created.token}</Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? "Copied" : "Copy"}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Group align="flex-start" mb="md">
          <TextInput
            label="New token's name"
            placeholder="e.g. my laptop"
            error={errors.name?.message}
            {...form.register("name")}
          />
          <Button type="submit" loading={isSubmitting} mt={{ base: 0, xs: 28 }}>
            Create token
          </Button>
        </Group>
        <FormAlert message={errors.root?.server?.message} />
      </form>
      {tokens.isError ? <FormAlert message={problemText(tokens.error)} /> : null}
      {active.length === 0 ? (
        <Text size="sm">You have no API tokens.</Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {active.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                  <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "never"}</Table.Td>
                  <Table.Td>
                    <Tooltip label={`Revoke ${token.name}`}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Revoke token ${token.name}`}
                        loading={revoke.isPending && revoke.variables === token.id}
                        onClick={() => revoke.mutate(token.id)}
                      >
                        ✕
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

export function AccountPage() {
  const me = useMe();
  return (
    <Stack>
      <PageTitle title="Your account" subtitle={me ? `${me.name} · ${me.email}` : undefined} />
      <ChangePasswordForm />
      <TwoFactorSection />
      <ApiTokens />
    </Stack>
  );
}
