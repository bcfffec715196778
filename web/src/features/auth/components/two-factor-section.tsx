/** The account page's two-factor section: turn it on (enrol), new recovery codes, turn it off. */
import { Badge, Button, Divider, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import {
  useConfirmEnrolment,
  useRegenerateRecoveryCodes,
  useStartEnrolment,
  useTurnOffTwoFactor,
  useTwoFactorStatus,
} from "../api/two-factor";
import { CodeForm, EnrolmentSteps, RecoveryCodes } from "./two-factor-parts";

export function TwoFactorSection() {
  const status = useTwoFactorStatus();
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const regenerate = useRegenerateRecoveryCodes();
  const turnOff = useTurnOffTwoFactor();
  const [codes, setCodes] = useState<string[] | null>(null);
  const state = status.data;

  let body;
  if (codes) body = <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  else if (!state) body = status.isError ? <FormAlert message={problemText(status.error)} /> : null;
  else if (!state.enabled)
    body = start.data ? (
      <EnrolmentSteps
        enrolment={start.data}
        onCode={async (code) => {
          setCodes(await confirm.mutateAsync(code).then((answer) => answer.recoveryCodes));
          start.reset();
        }}
      />
    ) : (
      <Stack gap="sm">
        <Text size="sm">
          {state.required
            ? "Your firm requires two-factor sign-in: set it up now."
            : "Besides your password, ask for a code from an authenticator app on your phone when you sign in."}
        </Text>
        {start.isError ? <FormAlert message={problemText(start.error)} /> : null}
        <Group>
          <Button loading={start.isPending} onClick={() => start.mutate()}>
            Turn on two-factor sign-in
          </Button>
        </Group>
      </Stack>
    );
  else
    body = (
      <Stack gap="md">
        <Text size="sm">
          You have {state.recoveryCodesLeft} unused recovery code{state.recoveryCodesLeft === 1 ? "" : "s"}.
        </Text>
        <Divider label="New recovery codes" labelPosition="left" />
        <Text size="sm">Your old recovery codes stop working.</Text>
        <CodeForm
          submitLabel="Make new recovery codes"
          onCode={async (code) => setCodes((await regenerate.mutateAsync(code)).recoveryCodes)}
        />
        <Divider label="Turn off" labelPosition="left" />
        {state.required ? (
          <Text size="sm">Your firm requires two-factor sign-in, so it stays on.</Text>
        ) : (
          <CodeForm
            submitLabel="Turn off two-factor sign-in"
            color="red"
            onCode={async (code) => {
              await turnOff.mutateAsync(code);
              notifications.show({ color: "green", message: "Two-factor sign-in is off." });
            }}
          />
        )}
      </Stack>
    );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="two-factor-title">
      <Group gap="sm" mb="sm">
        <Title order={2} size="h4" id="two-factor-title">
          Two-factor sign-in
        </Title>
        {state ? <Badge variant="default">{state.enabled ? "On" : "Off"}</Badge> : null}
      </Group>
      {body}
    </Paper>
  );
}
