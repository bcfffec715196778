/**
 * Staff add a file: who sees it (firm only, or shared with the client) and its folder are chosen
 * first, then the file is picked and sent with its progress.
 */
import { Group, NativeSelect, Paper, Stack, Title } from "@mantine/core";
import { useState } from "react";
import type { FileKind, Folder } from "../api/file-types";
import { useUploadFile } from "../api/upload-file";
import { folderOptions, STAFF_KIND_WORDS } from "./file-words";
import { UploadButton } from "./upload-button";

type StaffKind = Exclude<FileKind, "client">;
const STAFF_KINDS: StaffKind[] = ["firm", "shared"];

export function NewFilePanel({
  clientId,
  kinds,
  folders,
  kind: shownKind,
  folderId: shownFolder,
  onUploaded,
}: {
  clientId: string;
  /** The kinds this person may add here (the server's word). */
  kinds: readonly FileKind[];
  folders: readonly Folder[];
  /** The kind and folder on screen, offered first. */
  kind: FileKind;
  folderId: string | null;
  onUploaded: (kind: StaffKind) => void;
}) {
  const upload = useUploadFile(clientId);
  const [kind, setKind] = useState<StaffKind>(shownKind === "shared" ? "shared" : "firm");
  const [folderId, setFolderId] = useState(shownFolder ?? "");
  // What is on screen is offered again whenever it changes (another tab, another folder).
  const [shown, setShown] = useState({ kind: shownKind, folderId: shownFolder });
  if (shown.kind !== shownKind || shown.folderId !== shownFolder) {
    setShown({ kind: shownKind, folderId: shownFolder });
    if (shownKind !== "client") setKind(shownKind);
    setFolderId(shownFolder ?? "");
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-file-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="new-file-title">
          Add a file
        </Title>
        <Group gap="sm" align="flex-end">
          <NativeSelect
            label="Who sees it"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as StaffKind)}
            data={STAFF_KINDS.filter((one) => kinds.includes(one)).map((one) => ({
              value: one,
              label: STAFF_KIND_WORDS[one].tab,
            }))}
            style={{ flex: "1 1 180px" }}
          />
          <NativeSelect
            label="Into the folder"
            value={folderId}
            onChange={(event) => setFolderId(event.currentTarget.value)}
            data={[{ value: "", label: "No folder" }, ...folderOptions(folders)]}
            style={{ flex: "1 1 180px" }}
          />
        </Group>
        <UploadButton
          label="Choose a file and upload"
          name="Choose a file to add"
          send={async (file, onProgress) => {
            const sent = kind;
            await upload.mutateAsync({ file, kind: sent, folderId: folderId || null, onProgress });
            onUploaded(sent);
          }}
        />
      </Stack>
    </Paper>
  );
}
