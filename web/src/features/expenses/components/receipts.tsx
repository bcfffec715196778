/**
 * An expense's receipts: photos shown small (a tap opens the full image), PDFs and HEIC photos
 * (which browsers cannot draw) as links; adding one from the phone's camera or files with the
 * share sent so far; removing one while the entry may still change. The server checks each file
 * on its content and size, and its refusal is shown beside the file.
 */
import { Anchor, Button, CloseButton, Group, Image, Progress, Stack, Text } from "@mantine/core";
import { useId, useRef, useState } from "react";
import { problemText } from "../../../api/problem";
import { byteText } from "../../../lib/download";
import {
  useReceiptAddress,
  useReceiptRemoval,
  useReceipts,
  useReceiptUpload,
  type Receipt,
} from "../api/expenses";

const DRAWABLE = new Set(["image/jpeg", "image/png", "image/webp"]);
/** What the file picker offers: photos (the camera on a phone) and PDFs. The server decides on content. */
export const RECEIPT_ACCEPT = "image/*,application/pdf,.heic,.heif";

interface Sending {
  key: number;
  name: string;
  sent: number;
  total: number;
  error?: string;
}

function ReceiptItem({ receipt, onRemove }: { receipt: Receipt; onRemove: (() => void) | null }) {
  const address = useReceiptAddress()(receipt);
  const label = `${receipt.fileName} (${receipt.mediaType === "application/pdf" ? "PDF" : "photo"}, ${byteText(receipt.size)})`;
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      {DRAWABLE.has(receipt.mediaType) ? (
        <Anchor href={address} target="_blank" rel="noopener" aria-label={`Open the receipt ${label}`}>
          <Image src={address} alt={`Receipt ${receipt.fileName}`} w={56} h={56} fit="cover" radius="sm" />
        </Anchor>
      ) : null}
      <Anchor href={address} target="_blank" rel="noopener" size="sm" style={{ overflowWrap: "anywhere" }}>
        {label}
      </Anchor>
      {onRemove ? (
        <CloseButton aria-label={`Remove the receipt ${receipt.fileName}`} onClick={onRemove} />
      ) : null}
    </Group>
  );
}

/** Files chosen, uploaded one after another; each keeps its own progress or refusal. */
export function useReceiptUploads() {
  const upload = useReceiptUpload();
  const [sending, setSending] = useState<Sending[]>([]);
  const next = useRef(0);
  /** Sends every file; true when all were attached. */
  const send = async (entryId: string, files: File[]): Promise<boolean> => {
    const batch = files.map((file) => ({ key: next.current++, name: file.name, sent: 0, total: file.size }));
    setSending((all) => [...all, ...batch]);
    let allSent = true;
    for (const [index, file] of files.entries()) {
      const key = batch[index]!.key;
      const update = (change: Partial<Sending> | null) =>
        setSending((all) =>
          change === null
            ? all.filter((one) => one.key !== key)
            : all.map((one) => (one.key === key ? { ...one, ...change } : one)),
        );
      try {
        await upload(entryId, file, (progress) => update({ sent: progress.sent, total: progress.total }));
        // Attached: it shows in the entry's receipts from now on.
        update(null);
      } catch (error) {
        allSent = false;
        update({ error: problemText(error) });
      }
    }
    return allSent;
  };
  const dismiss = (key: number) => setSending((all) => all.filter((one) => one.key !== key));
  return { send, sending, dismiss };
}

export function ReceiptFilePicker({
  onFiles,
  label = "Add a receipt",
}: {
  onFiles: (files: File[]) => void;
  label?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <>
      <input
        ref={input}
        id={id}
        type="file"
        accept={RECEIPT_ACCEPT}
        multiple
        hidden
        aria-label={label}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = "";
          if (files.length) onFiles(files);
        }}
      />
      <Button size="xs" variant="light" onClick={() => input.current?.click()}>
        {label}
      </Button>
    </>
  );
}

export function SendingList({
  sending,
  onDismiss,
}: {
  sending: Sending[];
  onDismiss: (key: number) => void;
}) {
  return (
    <>
      {sending.map((one) => (
        <Stack key={one.key} gap={2}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {one.name}
            </Text>
            {one.error ? (
              <CloseButton size="sm" aria-label={`Dismiss ${one.name}`} onClick={() => onDismiss(one.key)} />
            ) : null}
          </Group>
          {one.error ? (
            <Text size="sm" c="red.8" role="alert">
              Not attached: {one.error}
            </Text>
          ) : (
            <Progress
              value={one.total ? Math.round((one.sent * 100) / one.total) : 0}
              aria-label={`Sending ${one.name}`}
              size="sm"
            />
          )}
        </Stack>
      ))}
    </>
  );
}

export function Receipts({ entryId, editable }: { entryId: string; editable: boolean }) {
  const receipts = useReceipts(entryId);
  const removal = useReceiptRemoval(entryId);
  const uploads = useReceiptUploads();
  const items = receipts.data?.items ?? [];
  return (
    <Stack gap={6}>
      {items.length === 0 && !editable ? (
        <Text size="sm" c="dimmed">
          No receipt
        </Text>
      ) : null}
      {items.map((receipt) => (
        <ReceiptItem
          key={receipt.id}
          receipt={receipt}
          onRemove={editable ? () => removal.mutate(receipt.id) : null}
        />
      ))}
      {removal.isError ? (
        <Text size="sm" c="red.8" role="alert">
          {problemText(removal.error)}
        </Text>
      ) : null}
      <SendingList sending={uploads.sending} onDismiss={uploads.dismiss} />
      {editable ? (
        <Group>
          <ReceiptFilePicker onFiles={(files) => void uploads.send(entryId, files)} />
        </Group>
      ) : null}
    </Stack>
  );
}
