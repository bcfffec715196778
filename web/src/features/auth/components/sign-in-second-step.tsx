/**
 * Signing in, after a right password, for an account with two-factor sign-in: a code from the
 * app or a recovery code; or, when the firm requires it of someone who has none, enrolment
 * first. Either way the session opens only at the end.
 */
import { Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormAlert } from "../../../components/form-alert";
import { showProblem } from "../../../lib/form-problems";
import {
  useConfirmChallengeEnrolment,
  useSignInSecondStep,
  useStartChallengeEnrolment,
} from "../api/auth-mutations";
import { CodeInput, EnrolmentSteps, RecoveryCodes } from "./two-factor-parts";

const EXPIRED = "That did not work, or this sign-in has expired. Try again, or start over.";

export function SecondFactorForm({ challenge, onSignedIn }: { challenge: string; onSignedIn: () => void }) {
  const second = useSignInSecondStep();
  const [recovery, setRecovery] = useState(false);
  const form = useForm<{ code: string; recoveryCode: string }>({
    defaultValues: { code: "", recoveryCode: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const field = recovery ? "recoveryCode" : "code";
  const submit = form.handleSubmit(async ({ code, recoveryCode }) => {
    const typed = recovery ? recoveryCode.trim() : code.replace(/\s/g, "");
    if (!typed) {
      form.setError(field, {
        message: recovery ? "Enter one of your recovery codes" : "Enter the 6-digit code",
      });
      return;
    }
    try {
      await second.mutateAsync(recovery ? { challenge, recoveryCode: typed } : { challenge, code: typed });
      onSignedIn();
    } catch (error) {
      form.resetField(field, { keepError: false });
      showProblem(error, form.setError, [field], (problem) => (problem.status === 401 ? EXPIRED : null));
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <Text size="sm">
          {recovery
            ? "Enter one of the recovery codes you saved when you turned on two-factor sign-in. Each works once."
            : "Open your authenticator app and enter the code it shows for this firm."}
        </Text>
        {recovery ? (
          <TextInput
            key="recovery"
            label="Recovery code"
            autoComplete="off"
            autoFocus
            error={errors.recoveryCode?.message}
            {...form.register("recoveryCode")}
          />
        ) : (
          <CodeInput key="code" error={errors.code?.message} autoFocus {...form.register("code")} />
        )}
        <FormAlert message={errors.root?.server?.message} />
        <Button type="submit" loading={isSubmitting} size="md" fullWidth>
          Sign in
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={() => setRecovery(!recovery)}>
          {recovery ? "Use a code from the app" : "Use a recovery code"}
        </Anchor>
      </Stack>
    </form>
  );
}

export function RequiredEnrolment({ challenge, onSignedIn }: { challenge: string; onSignedIn: () => void }) {
  const start = useStartChallengeEnrolment();
  const confirm = useConfirmChallengeEnrolment();
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <RecoveryCodes codes={codes} onDone={onSignedIn} />;
  if (start.data)
    return (
      <EnrolmentSteps
        enrolment={start.data}
        onCode={async (code) => {
          setCodes((await confirm.mutateAsync({ challenge, code })).recoveryCodes);
        }}
      />
    );
  return (
    <Stack>
      <Text size="sm">
        Your firm requires two-factor sign-in: besides your password, a code from an authenticator app on your
        phone. Set it up now to sign in.
      </Text>
      {start.isError ? <FormAlert message={EXPIRED} /> : null}
      <Button size="md" fullWidth loading={start.isPending} onClick={() => start.mutate(challenge)}>
        Set up two-factor sign-in
      </Button>
    </Stack>
  );
}
