/** Sign in to the firm at this address; then on to the page the person was going to. */
import { zodResolver } from "@hookform/resolvers/zod";
import { Anchor, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { Link, Navigate, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FormAlert } from "../../../components/form-alert";
import { PublicPage } from "../../../components/public-page";
import { showProblem } from "../../../lib/form-problems";
import { useSignIn } from "../api/auth-mutations";
import { useFirmName } from "../api/firm-name";
import { RequiredEnrolment, SecondFactorForm } from "./sign-in-second-step";

const schema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254),
  password: z.string().min(1, "Enter your password").max(1024),
});
type SignInFields = z.infer<typeof schema>;

/** Only a path inside this app: never another site, whatever the link said. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next : "/";
}

export function SignInPage({ next }: { next?: string | undefined }) {
  const firm = useFirmName();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const form = useForm<SignInFields>({
    resolver: zodResolver(schema),
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const [challenge, setChallenge] = useState<{ challenge: string; twoFactor: "code" | "enrol" } | null>(null);
  const signedIn = () => void navigate({ to: safeNext(next) });

  const submit = form.handleSubmit(async (fields) => {
    try {
      const answer = await signIn.mutateAsync(fields);
      if ("twoFactor" in answer) {
        setChallenge(answer);
        return;
      }
      await navigate({ to: safeNext(next) });
    } catch (error) {
      form.resetField("password", { keepError: false });
      showProblem(error, form.setError, [], (problem) =>
        problem.status === 401 ? "That email and password do not match an active account here." : null,
      );
    }
  });

  // A desktop firm file not yet protected has nobody to sign in as: its first run comes first.
  if (firm.data?.desktop?.protected === false) return <Navigate to="/first-run" />;

  if (challenge) {
    const startOver = (
      <Anchor component="button" type="button" size="sm" onClick={() => setChallenge(null)}>
        Start over
      </Anchor>
    );
    return challenge.twoFactor === "code" ? (
      <PublicPage title="Two-factor sign-in" firmName={firm.data?.name} footer={startOver}>
        <SecondFactorForm challenge={challenge.challenge} onSignedIn={signedIn} />
      </PublicPage>
    ) : (
      <PublicPage title="Set up two-factor sign-in" firmName={firm.data?.name} footer={startOver}>
        <RequiredEnrolment challenge={challenge.challenge} onSignedIn={signedIn} />
      </PublicPage>
    );
  }

  return (
    <PublicPage
      title="Sign in"
      firmName={firm.data?.name}
      footer={
        <Anchor component={Link} to="/forgot-password" size="sm">
          Forgot your password?
        </Anchor>
      }
    >
      {firm.isError ? (
        <FormAlert message="There is no firm at this address. Check the link your firm sent you." />
      ) : null}
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
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            error={errors.password?.message}
            {...form.register("password")}
          />
          <FormAlert message={errors.root?.server?.message} />
          <Button type="submit" loading={isSubmitting} size="md" fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
