/**
 * The pages the emailed links open: activating an invited account (its first password) and
 * resetting a forgotten one. Both set a password with the link's single-use token.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { Anchor, Button, Stack, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useForm } from "react-hook-form";
import { FormAlert } from "../../../components/form-alert";
import { PublicPage } from "../../../components/public-page";
import { showProblem } from "../../../lib/form-problems";
import { useActivate, useConfirmPasswordReset } from "../api/auth-mutations";
import { useFirmName } from "../api/firm-name";
import { useLinkToken } from "./link-token";
import {
  NewPasswordFields,
  newPasswordSchema,
  type NewPasswordFields as Fields,
} from "./new-password-fields";

const WORDS = {
  activate: {
    title: "Set up your account",
    intro: "Choose the password you will sign in with.",
    button: "Activate my account",
    done: "Your account is ready. Sign in with your email and the password you chose.",
  },
  reset: {
    title: "Choose a new password",
    intro: "Your new password replaces the old one and signs you out everywhere.",
    button: "Save the new password",
    done: "Your password is changed. Sign in with the new one.",
  },
} as const;

export function LinkPasswordPage({ purpose }: { purpose: keyof typeof WORDS }) {
  const words = WORDS[purpose];
  const token = useLinkToken();
  const firm = useFirmName();
  const activate = useActivate();
  const reset = useConfirmPasswordReset();
  const mutation = purpose === "activate" ? activate : reset;
  const form = useForm<Fields>({
    resolver: zodResolver(newPasswordSchema),
    defaultValues: { password: "", repeat: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ password }) => {
    try {
      await mutation.mutateAsync({ token: token ?? "", password });
    } catch (error) {
      showProblem(error, form.setError, ["password"], (problem) =>
        problem.code === "LINK_INVALID"
          ? "This link has expired or was already used. Ask your firm for a new one" +
            (purpose === "reset" ? ", or ask for another reset email below." : ".")
          : null,
      );
    }
  });

  const signInLink = (
    <Anchor component={Link} to="/sign-in" size="sm">
      Go to sign in
    </Anchor>
  );

  if (!token) {
    return (
      <PublicPage title={words.title} firmName={firm.data?.name} footer={signInLink}>
        <FormAlert message="This page opens from the link in your email, and the link here is incomplete. Open the link again from the email." />
      </PublicPage>
    );
  }
  if (mutation.isSuccess) {
    return (
      <PublicPage title={words.title} firmName={firm.data?.name}>
        <Stack>
          <Text role="status">{words.done}</Text>
          <Button component={Link} to="/sign-in" size="md">
            Sign in
          </Button>
        </Stack>
      </PublicPage>
    );
  }
  return (
    <PublicPage
      title={words.title}
      firmName={firm.data?.name}
      footer={
        purpose === "reset" ? (
          <Anchor component={Link} to="/forgot-password" size="sm">
            Ask for another reset email
          </Anchor>
        ) : (
          signInLink
        )
      }
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">{words.intro}</Text>
          <NewPasswordFields
            password={form.register("password")}
            repeat={form.register("repeat")}
            errors={errors}
          />
          <FormAlert message={errors.root?.server?.message} />
          <Button type="submit" loading={isSubmitting} size="md" fullWidth>
            {words.button}
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
