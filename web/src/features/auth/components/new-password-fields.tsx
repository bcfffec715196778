/** A new password typed twice, with the server's rule (12 to 128 characters) said up front. */
import { PasswordInput, Stack } from "@mantine/core";
import type { UseFormRegisterReturn } from "react-hook-form";
import { z } from "zod";

export const newPasswordSchema = z
  .object({
    password: z
      .string()
      .min(12, "Use at least 12 characters: a few words make a good passphrase")
      .max(128, "Use at most 128 characters"),
    repeat: z.string(),
  })
  .refine((fields) => fields.password === fields.repeat, {
    path: ["repeat"],
    message: "The two passwords differ",
  });
export type NewPasswordFields = z.infer<typeof newPasswordSchema>;

/** The two inputs, given the form's registrations and its messages for them. */
export function NewPasswordFields({
  password,
  repeat,
  errors,
  label = "New password",
}: {
  password: UseFormRegisterReturn;
  repeat: UseFormRegisterReturn;
  errors: {
    password?: { message?: string | undefined } | undefined;
    repeat?: { message?: string | undefined } | undefined;
  };
  label?: string;
}) {
  return (
    <Stack>
      <PasswordInput
        label={label}
        description="At least 12 characters"
        autoComplete="new-password"
        error={errors.password?.message}
        {...password}
      />
      <PasswordInput
        label="Repeat it"
        autoComplete="new-password"
        error={errors.repeat?.message}
        {...repeat}
      />
    </Stack>
  );
}
