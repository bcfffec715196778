/** Ask for a reset email. The answer is the same whether the address has an account or not. */
import { zodResolver } from "@hookform/resolvers/zod";
import { Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { PublicPage } from "../../../components/public-page";
import { showProblem } from "../../../lib/form-problems";
import { useRequestPasswordReset } from "../api/auth-mutations";
import { useFirmName } from "../api/firm-name";

const schema = z.object({ email: z.email("Enter the email address you sign in with").max(254) });

export function ForgotPasswordPage() {
  const firm = useFirmName();
  const request = useRequestPasswordReset();
  const form = useForm<z.infer<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { email: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (fields) => {
    try {
      await request.mutateAsync({ email: fields.email.trim() });
    } catch (error) {
      showProblem(error, form.setError, ["email"]);
    }
  });
  return (
    <PublicPage
      title="Reset your password"
      firmName={firm.data?.name}
      footer={
        <Anchor component={Link} to="/sign-in" size="sm">
          Back to sign in
        </Anchor>
      }
    >
      {request.isSuccess ? (
        <Text role="status">
          If {form.getValues("email")} has an account here, an email with a reset link is on its way. The link
          works once, for a limited time.
        </Text>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              inputMode="email"
              autoFocus
              error={errors.email?.message}
              {...form.register("email")}
            />
            <FormAlert message={errors.root?.server?.message} />
            <Button type="submit" loading={isSubmitting} size="md" fullWidth>
              Email me a reset link
            </Button>
          </Stack>
        </form>
      )}
    </PublicPage>
  );
}
