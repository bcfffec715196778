/**
 * A staff member's record, new or changed: number, names, email and groups. The form checks
 * only the shape; the server decides (a number or email already used, a group that carries
 * roles one may not share) and its words land beside the field.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Group, MultiSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { ApiProblem } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { showProblem } from "../../../lib/form-problems";
import type { StaffMember } from "../api/staff";

const staffSchema = z.object({
  staffNumber: z.string().trim().min(1, "Give a staff number, like JD").max(10, "At most 10 characters"),
  firstName: z.string().trim().min(1, "Type the first name").max(60),
  lastName: z.string().trim().min(1, "Type the last name").max(60),
  email: z.string().trim().max(254),
  groups: z.array(z.string()),
});
export type StaffFields = z.infer<typeof staffSchema>;
const FIELDS = ["staffNumber", "firstName", "lastName", "email", "groups"] as const;

export function StaffForm({
  staff,
  groupNames,
  readOnly,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  staff?: StaffMember | undefined;
  /** The firm's groups to choose from; null when the person may not read groups. */
  groupNames: string[] | null;
  readOnly?: boolean;
  submitLabel: string;
  onSubmit: (values: StaffFields) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const form = useForm<StaffFields>({
    resolver: zodResolver(staffSchema),
    defaultValues: {
      staffNumber: staff?.staffNumber ?? "",
      firstName: staff?.firstName ?? "",
      lastName: staff?.lastName ?? "",
      email: staff?.email ?? "",
      groups: staff?.groups ?? [],
    },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values);
      if (!staff) form.reset();
    } catch (error) {
      // A number already used names itself in the answer as `staffNumber`.
      if (error instanceof ApiProblem && typeof error.body.staffNumber === "string")
        form.setError("staffNumber", { type: "server", message: error.detail }, { shouldFocus: true });
      else showProblem(error, form.setError, FIELDS);
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Staff number"
            required
            readOnly={readOnly}
            error={errors.staffNumber?.message}
            {...form.register("staffNumber")}
          />
          <TextInput
            label="Email"
            type="email"
            readOnly={readOnly}
            description="Needed to invite them to sign in"
            error={errors.email?.message}
            {...form.register("email")}
          />
          <TextInput
            label="First name"
            required
            readOnly={readOnly}
            error={errors.firstName?.message}
            {...form.register("firstName")}
          />
          <TextInput
            label="Last name"
            required
            readOnly={readOnly}
            error={errors.lastName?.message}
            {...form.register("lastName")}
          />
        </SimpleGrid>
        {groupNames ? (
          <Controller
            control={form.control}
            name="groups"
            render={({ field }) => (
              <MultiSelect
                label="Staff groups"
                description="Groups carry roles: joining one gives its roles"
                data={[...new Set([...groupNames, ...field.value])]}
                searchable
                readOnly={readOnly}
                value={field.value}
                onChange={field.onChange}
                error={errors.groups?.message}
              />
            )}
          />
        ) : null}
        <FormAlert message={errors.root?.server?.message} />
        {readOnly ? null : (
          <Group>
            <Button type="submit" loading={isSubmitting}>
              {submitLabel}
            </Button>
            {onCancel ? (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            ) : null}
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** The body the API takes from the form's values (an empty email is none). */
export const staffBody = (values: StaffFields, withGroups: boolean) => ({
  staffNumber: values.staffNumber.trim(),
  firstName: values.firstName.trim(),
  lastName: values.lastName.trim(),
  email: values.email.trim() || null,
  ...(withGroups ? { groups: values.groups } : {}),
});
