/**
 * Which folder's files show (every file, those in no folder, or one folder's), and for staff with
 * the rights: make a folder, rename the chosen one, delete it when it is empty (the server says
 * so when it is not, in words beside the buttons).
 */
import { Button, Group, Modal, NativeSelect, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { useCreateFolder } from "../api/create-folder";
import { useDeleteFolder } from "../api/delete-folder";
import type { Folder, FolderFilter } from "../api/file-types";
import { useRenameFolder } from "../api/rename-folder";
import { FolderNameDialog } from "./folder-name-dialog";
import { folderOptions, folderPath } from "./file-words";

export interface FolderRights {
  create: boolean;
  edit: boolean;
  delete: boolean;
}

export function FolderBar({
  clientId,
  folders,
  value,
  onChange,
  rights,
}: {
  clientId: string;
  folders: readonly Folder[];
  value: FolderFilter;
  onChange: (next: FolderFilter) => void;
  rights: FolderRights;
}) {
  const create = useCreateFolder(clientId);
  const rename = useRenameFolder();
  const remove = useDeleteFolder();
  const [dialog, setDialog] = useState<"new" | "rename" | "delete" | null>(null);
  const chosen = folders.find((folder) => folder.id === value) ?? null;
  const chosenName = chosen ? folderPath(folders, chosen.id) : "";
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs">
        <NativeSelect
          label="Show the files in"
          value={value}
          onChange={(event) => {
            // A refusal about the folder shown before is not about this one.
            remove.reset();
            onChange(event.currentTarget.value);
          }}
          data={[
            { value: "all", label: "All folders" },
            { value: "root", label: "Not in a folder" },
            ...folderOptions(folders),
          ]}
          style={{ flex: "1 1 200px", maxWidth: 360 }}
        />
        {rights.create ? (
          <Button variant="default" onClick={() => setDialog("new")}>
            New folder
          </Button>
        ) : null}
        {chosen && rights.edit ? (
          <Button variant="default" onClick={() => setDialog("rename")}>
            Rename folder
          </Button>
        ) : null}
        {chosen && rights.delete ? (
          <Button variant="outline" color="red.9" onClick={() => setDialog("delete")}>
            Delete folder
          </Button>
        ) : null}
      </Group>
      {remove.isError ? (
        <Text size="sm" c="red.8" role="alert">
          {problemText(remove.error)}
        </Text>
      ) : null}
      <FolderNameDialog
        opened={dialog === "new"}
        title="New folder"
        initialName=""
        parentChoice={folders}
        submitLabel="Make the folder"
        onClose={() => setDialog(null)}
        onSubmit={async (name, parentId) => onChange((await create.mutateAsync({ name, parentId })).id)}
      />
      {chosen ? (
        <FolderNameDialog
          key={chosen.id}
          opened={dialog === "rename"}
          title={`Rename ${chosenName}`}
          initialName={chosen.name}
          submitLabel="Rename"
          onClose={() => setDialog(null)}
          onSubmit={(name) => rename.mutateAsync({ folderId: chosen.id, name })}
        />
      ) : null}
      <Modal
        opened={dialog === "delete" && chosen !== null}
        onClose={() => setDialog(null)}
        title={`Delete the folder ${chosenName}?`}
        closeButtonProps={{ "aria-label": "Close" }}
      >
        <Stack>
          <Text size="sm">Only an empty folder can be deleted: move or delete its files first.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Keep it
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={() => {
                setDialog(null);
                if (chosen) remove.mutate(chosen.id, { onSuccess: () => onChange("all") });
              }}
            >
              Delete the folder
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
