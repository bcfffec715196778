/** A folder's name asked in a dialog (new or renamed); a refusal is said beside the field. */
import { Button, Group, Modal, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import type { Folder } from "../api/file-types";
import { folderOptions } from "./file-words";

export function FolderNameDialog({
  opened,
  title,
  initialName,
  parentChoice,
  submitLabel,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  title: string;
  initialName: string;
  /** For a new folder: the folders it may go in (none: at the top). */
  parentChoice?: readonly Folder[];
  submitLabel: string;
  onClose: () => void;
  onSubmit: (name: string, parentId: string | null) => Promise<unknown>;
}) {
  const [name, setName] = useState(initialName);
  const [parentId, setParentId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ "aria-label": "Close" }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return setError("Give the folder a name");
          setPending(true);
          onSubmit(name.trim(), parentId || null)
            .then(() => {
              setName(initialName);
              close();
            })
            .catch((problem: unknown) => setError(problemText(problem)))
            .finally(() => setPending(false));
        }}
      >
        <Stack>
          <TextInput
            label="Folder name"
            required
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setError(null);
            }}
            error={error ?? undefined}
            data-autofocus
          />
          {parentChoice && parentChoice.length > 0 ? (
            <NativeSelect
              label="Inside"
              value={parentId}
              onChange={(event) => setParentId(event.currentTarget.value)}
              data={[{ value: "", label: "At the top" }, ...folderOptions(parentChoice)]}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
