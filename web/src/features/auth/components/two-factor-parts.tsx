/**
 * The pieces of two-factor sign-in every page shares: the code field (numeric keyboard,
 * one-time-code autofill), enrolment (QR code, the key to type, then a code) and the recovery
 * codes, shown once with copy and download.
 */
import { Button, Code, CopyButton, Group, List, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useForm, type UseFormRegisterReturn } from "react-hook-form";
import { FormAlert } from "../../../components/form-alert";
import { QrCodeImage } from "../../../components/qr-code-image";
import { showProblem } from "../../../lib/form-problems";

export function CodeInput({
  error,
  label = "Code from your authenticator app",
  ...field
}: {
  error?: string | undefined;
  label?: string;
  autoFocus?: boolean;
} & UseFormRegisterReturn) {
  return (
    <TextInput
      label={label}
      description="6 digits"
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
      error={error}
      {...field}
    />
  );
}

/** A form with one code field, for confirming, regenerating or turning off. */
export function CodeForm({
  submitLabel,
  onCode,
  label,
  color,
}: {
  submitLabel: string;
  onCode: (code: string) => Promise<void>;
  label?: string;
  color?: string;
}) {
  const form = useForm<{ code: string }>({ defaultValues: { code: "" } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ code }) => {
    const typed = code.replace(/\s/g, "");
    if (!/^\d{6}$/.test(typed)) {
      form.setError("code", { message: "Enter the 6 digits your app shows now" });
      return;
    }
    try {
      await onCode(typed);
      form.reset();
    } catch (error) {
      showProblem(error, form.setError, ["code"], (problem) =>
        problem.status === 401 ? "That code did not work. Enter the code your app shows now." : null,
      );
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm" maw={320}>
        <CodeInput label={label} error={errors.code?.message} {...form.register("code")} />
        <FormAlert message={errors.root?.server?.message} />
        <Group>
          <Button type="submit" loading={isSubmitting} color={color}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Enrolment: the QR code and the key, then a code from the app confirms it. */
export function EnrolmentSteps({
  enrolment,
  onCode,
}: {
  enrolment: { otpauthUri: string; secret: string };
  onCode: (code: string) => Promise<void>;
}) {
  const grouped = enrolment.secret.match(/.{1,4}/g)?.join(" ") ?? enrolment.secret;
  return (
    <Stack>
      <Text size="sm">
        1. In an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…), add an account
        by scanning this QR code:
      </Text>
      <Group justify="center">
        <QrCodeImage text={enrolment.otpauthUri} label="QR code of your two-factor key" />
      </Group>
      <Text size="sm">Or type this key into the app:</Text>
      <Group gap="xs">
        <Code data-testid="two-factor-secret" style={{ overflowWrap: "anywhere" }}>
          {grouped}
        </Code>
        <CopyButton value={enrolment.secret}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy} style={{ flexShrink: 0 }}>
              {copied ? "Copied" : "Copy key"}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm">2. Enter the code the app shows to finish:</Text>
      <CodeForm submitLabel="Turn on two-factor sign-in" onCode={onCode} />
    </Stack>
  );
}

/** The recovery codes, shown once: each signs in once when the phone is not at hand. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const text = codes.join("\n") + "\n";
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "firmtime-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
    setSaved(true);
  };
  return (
    <Paper withBorder p="md" role="status" aria-labelledby="recovery-codes-title">
      <Title order={3} size="h5" id="recovery-codes-title" mb="xs">
        Your recovery codes
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          Keep them somewhere safe: each one signs you in once if you lose your phone. They are shown only
          now.
        </Text>
        <List spacing={2} listStyleType="none" data-testid="recovery-codes">
          {codes.map((code) => (
            <List.Item key={code}>
              <Code fz="md">{code}</Code>
            </List.Item>
          ))}
        </List>
        <Group gap="xs">
          <CopyButton value={text}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  copy();
                  setSaved(true);
                }}
              >
                {copied ? "Copied" : "Copy"}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="light" onClick={download}>
            Download
          </Button>
        </Group>
        <Group>
          <Button onClick={onDone} variant={saved ? "filled" : "outline"}>
            I have saved them
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
