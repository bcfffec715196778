/**
 * A button that picks a file and sends it at once, showing how much is sent (a phone on a slow
 * connection takes a while), then what happened in words beside it: sent, or the server's refusal.
 */
import { Button, FileButton, Progress, Stack, Text, type ButtonProps } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import type { UploadProgress } from "../../../lib/upload";

/** What a phone's file picker may offer: the documents the firm accepts (checked again on content). */
export const DOCUMENTS =
  "application/pdf,image/*,.heic,.docx,.xlsx,.pptx,.odt,.ods,.doc,.xls,.ppt,.txt,.csv,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function UploadButton({
  label,
  name,
  send,
  ...button
}: {
  label: string;
  /** The button's name for screen readers and tests, when `label` alone is ambiguous on the page. */
  name: string;
  send: (file: File, onProgress: (progress: UploadProgress) => void) => Promise<unknown>;
} & Pick<ButtonProps, "variant" | "size" | "fullWidth">) {
  const [percent, setPercent] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; words: string } | null>(null);
  const choose = (file: File | null) => {
    if (!file) return;
    setOutcome(null);
    setPercent(0);
    send(file, ({ sent, total }) => setPercent(total > 0 ? Math.round((sent * 100) / total) : 0))
      .then(() => setOutcome({ ok: true, words: `${file.name} is uploaded.` }))
      .catch((error: unknown) => setOutcome({ ok: false, words: problemText(error) }))
      .finally(() => setPercent(null));
  };
  return (
    <Stack gap={4} align={button.fullWidth ? "stretch" : "flex-start"}>
      <FileButton onChange={choose} accept={DOCUMENTS} inputProps={{ "aria-label": name }}>
        {(props) => (
          <Button {...props} {...button} loading={percent !== null}>
            {label}
          </Button>
        )}
      </FileButton>
      {percent !== null ? (
        <Stack gap={2} w="100%" maw={480}>
          <Progress value={percent} aria-label={`Sending: ${name}`} size="lg" />
          <Text size="xs" role="status">
            Sending… {percent}%
          </Text>
        </Stack>
      ) : null}
      {outcome ? (
        <Text size="sm" c={outcome.ok ? "teal.9" : "red.8"} role={outcome.ok ? "status" : "alert"}>
          {outcome.words}
        </Text>
      ) : null}
    </Stack>
  );
}
