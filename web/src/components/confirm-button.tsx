/**
 * A button that asks before it does something that cannot be undone (deleting, deactivating,
 * disconnecting), and shows the server's refusal inside the question, where the person is
 * looking.
 */
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../api/problem";
import { FormAlert } from "./form-alert";

export function ConfirmButton({
  label,
  name,
  question,
  confirmLabel,
  onConfirm,
  color = "red",
  size,
}: {
  label: string;
  /** The button's full name for screen readers and the dialog's title, when `label` is short. */
  name?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  color?: string;
  size?: string;
}) {
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const close = () => {
    setOpened(false);
    setError(undefined);
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      setOpened(false);
    } catch (problem) {
      setError(problemText(problem));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="outline" color={color} onClick={() => setOpened(true)} aria-label={name} size={size}>
        {label}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={name ?? label}
        centered
        closeButtonProps={{ "aria-label": "Close" }}
      >
        <Stack>
          <Text>{question}</Text>
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color={color} loading={busy} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
