/**
 * The first run of firmtime desktop on an unprotected firm file: choose the Admin among the
 * file's staff (or, with none yet, describe the first staff member) and their password. Then
 * protection is on and the Admin signs in as usual.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, PasswordInput, Radio, Stack, Text, TextInput } from "@mantine/core";
import { Navigate, useNavigate } from "@tanstack/react-router";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { PublicPage } from "../../../components/public-page";
import { showProblem } from "../../../lib/form-problems";
import { useFirmInfo } from "../../../lib/firm-info";
import { useProtection, useTurnProtectionOn } from "../api/protection";

const passwords = {
  password: z
    .string()
    .min(12, "Use at least 12 characters: a few words make a good passphrase")
    .max(128, "Use at most 128 characters"),
  repeat: z.string(),
};

const schema = z
  .object({
    newStaff: z.boolean(),
    staffId: z.string(),
    staffNumber: z.string().trim().max(10),
    firstName: z.string().trim().max(60),
    lastName: z.string().trim().max(60),
    email: z.string().trim().max(254),
    ...passwords,
  })
  .superRefine((fields, ctx) => {
    if (fields.password !== fields.repeat)
      ctx.addIssue({ code: "custom", path: ["repeat"], message: "The two passwords differ" });
    if (!fields.newStaff && !fields.staffId)
      ctx.addIssue({ code: "custom", path: ["staffId"], message: "Choose who is the Admin" });
    if (fields.newStaff) {
      const required: [keyof typeof fields, string][] = [
        ["staffNumber", "Enter a staff number, such as their initials"],
        ["firstName", "Enter a first name"],
        ["lastName", "Enter a last name"],
        ["email", "Enter the email they will sign in with"],
      ];
      for (const [field, message] of required)
        if (!String(fields[field]).trim()) ctx.addIssue({ code: "custom", path: [field], message });
    }
  });
type Fields = z.infer<typeof schema>;

export function FirstRunPage() {
  const firm = useFirmInfo();
  const protection = useProtection();
  const turnOn = useTurnProtectionOn();
  const navigate = useNavigate();
  const staff = protection.data?.staff ?? [];
  const form = useForm<Fields>({
    resolver: zodResolver(schema),
    values: {
      newStaff: protection.data ? protection.data.staff.length === 0 : false,
      staffId: "",
      staffNumber: "",
      firstName: "",
      lastName: "",
      email: "",
      password: "",
      repeat: "",
    },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (fields) => {
    try {
      await turnOn.mutateAsync(
        fields.newStaff
          ? {
              newStaff: {
                staffNumber: fields.staffNumber,
                firstName: fields.firstName,
                lastName: fields.lastName,
                email: fields.email,
              },
              password: fields.password,
            }
          : { staffId: fields.staffId, password: fields.password },
      );
      await navigate({ to: "/sign-in", search: { next: undefined } });
    } catch (error) {
      showProblem(error, form.setError, [
        "staffId",
        "staffNumber",
        "firstName",
        "lastName",
        "email",
        "password",
      ]);
    }
  });

  if (protection.data?.protected) return <Navigate to="/sign-in" search={{ next: undefined }} />;
  const newStaff = form.watch("newStaff");

  return (
    <PublicPage title="Protect this firm file" firmName={firm.data?.name}>
      <Text mb="md">
        Before anyone signs in, choose the file&apos;s Admin and their password. The Admin can then add other
        users.
      </Text>
      {protection.isError ? (
        <FormAlert message="This page works only in firmtime desktop, on this computer." />
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {newStaff ? (
            <>
              <Text size="sm">
                The file has no staff yet: describe its first staff member, who becomes the Admin.
              </Text>
              <TextInput
                label="Staff number"
                description="Short, such as their initials"
                error={errors.staffNumber?.message}
                {...form.register("staffNumber")}
              />
              <TextInput
                label="First name"
                autoComplete="given-name"
                error={errors.firstName?.message}
                {...form.register("firstName")}
              />
              <TextInput
                label="Last name"
                autoComplete="family-name"
                error={errors.lastName?.message}
                {...form.register("lastName")}
              />
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                error={errors.email?.message}
                {...form.register("email")}
              />
            </>
          ) : (
            <Controller
              control={form.control}
              name="staffId"
              render={({ field }) => (
                <Radio.Group
                  label="Admin"
                  description="They sign in with their email"
                  error={errors.staffId?.message}
                  value={field.value}
                  onChange={field.onChange}
                >
                  <Stack gap="xs" mt="xs">
                    {staff.map((member) => (
                      <Radio
                        key={member.id}
                        value={member.id}
                        disabled={!member.email || !member.active}
                        label={`${member.name} (${member.staffNumber})`}
                        description={member.email ?? "No email: add one before choosing them"}
                      />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
            />
          )}
          <PasswordInput
            label="Password"
            description="At least 12 characters"
            autoComplete="new-password"
            error={errors.password?.message}
            {...form.register("password")}
          />
          <PasswordInput
            label="Repeat it"
            autoComplete="new-password"
            error={errors.repeat?.message}
            {...form.register("repeat")}
          />
          <FormAlert message={errors.root?.server?.message} />
          <Button type="submit" loading={isSubmitting} size="md" fullWidth>
            Turn protection on
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
