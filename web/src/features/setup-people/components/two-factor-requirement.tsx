/**
 * The firm's two-factor requirement, on the firm profile page: staff, contacts, both or neither.
 * Whoever may not edit settings reads it; people without two-factor enrol at their next sign-in.
 */
import { Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { showProblem } from "../../../lib/form-problems";
import {
  useSetTwoFactorRequirement,
  useTwoFactorRequirement,
  type TwoFactorRequirement,
} from "../api/two-factor-requirement";
import { notifyDone } from "./notify-done";

export function TwoFactorRequirementSection({ editable }: { editable: boolean }) {
  const current = useTwoFactorRequirement();
  const save = useSetTwoFactorRequirement();
  const form = useForm<TwoFactorRequirement>({ defaultValues: { staff: false, contacts: false } });
  const { errors, isSubmitting, isDirty } = form.formState;
  useEffect(() => {
    if (current.data) form.reset(current.data);
  }, [current.data, form]);
  const submit = form.handleSubmit(async (requirement) => {
    try {
      form.reset(await save.mutateAsync(requirement));
      notifyDone("The two-factor requirement is saved.");
    } catch (error) {
      showProblem(error, form.setError, []);
    }
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="two-factor-requirement-title">
      <Title order={2} size="h4" id="two-factor-requirement-title" mb="xs">
        Two-factor sign-in
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Require a code from an authenticator app besides the password. People who have not set it up do so at
        their next sign-in; API tokens keep working.
      </Text>
      {current.isError ? <FormAlert message={problemText(current.error)} /> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Checkbox label="Required for staff" disabled={!editable} {...form.register("staff")} />
          <Checkbox
            label="Required for contacts (client portal users)"
            disabled={!editable}
            {...form.register("contacts")}
          />
          <FormAlert message={errors.root?.server?.message} />
          {editable ? (
            <Group>
              <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
                Save requirement
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
