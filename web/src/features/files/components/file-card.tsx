/**
 * One file: its name, folder and current version (who uploaded it, when, how big), a download,
 * its versions, and what the person may do with it — a new version, share or stop sharing, move
 * it to a folder, ask a contact to approve it, delete it — each shown only when the server's `you`
 * says it may.
 */
import { Button, Card, Group, Modal, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { firmApiBase } from "../../../api/client";
import { problemText } from "../../../api/problem";
import { useFirm } from "../../../lib/firm-context";
import { useDeleteFile } from "../api/delete-file";
import { useEditFile } from "../api/edit-file";
import type { EntityFile, Folder } from "../api/file-types";
import { useUploadVersion } from "../api/upload-version";
import { AskApprovalDialog } from "./ask-approval-dialog";
import { FileVersions } from "./file-versions";
import { folderOptions, folderPath, versionWords } from "./file-words";
import { UploadButton } from "./upload-button";

export function FileCard({
  file,
  folders,
  staff,
  mayAskApproval,
}: {
  file: EntityFile;
  folders: readonly Folder[];
  /** Staff share, unshare and ask for approval; a contact only downloads (and versions their own). */
  staff: boolean;
  mayAskApproval: boolean;
}) {
  const { slug } = useFirm();
  const [showVersions, setShowVersions] = useState(false);
  const version = useUploadVersion(file.id);
  const titleId = `file-${file.id}`;
  const folder = folderPath(folders, file.folderId);
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Stack gap={2}>
          <Title order={3} size="h5" id={titleId} style={{ wordBreak: "break-word" }}>
            {file.name}
          </Title>
          {folder ? (
            <Text size="xs" c="dark.4">
              In {folder}
            </Text>
          ) : null}
          <Text size="sm">{versionWords(file.current)}</Text>
        </Stack>
        <Group gap="xs">
          <Button
            component="a"
            href={`${firmApiBase(slug)}/files/${file.id}/content`}
            variant="light"
            aria-label={`Download ${file.name}`}
          >
            Download
          </Button>
          <Button
            variant="subtle"
            onClick={() => setShowVersions((shown) => !shown)}
            aria-expanded={showVersions}
            aria-controls={`${titleId}-versions`}
            aria-label={`Versions of ${file.name}`}
          >
            {showVersions ? "Hide versions" : `Versions (${file.current.version})`}
          </Button>
        </Group>
        <div id={`${titleId}-versions`}>{showVersions ? <FileVersions file={file} /> : null}</div>
        {file.you.mayVersion ? (
          <UploadButton
            label="Upload a new version"
            name={`Upload a new version of ${file.name}`}
            variant="default"
            send={(chosen, onProgress) => version.mutateAsync({ file: chosen, onProgress })}
          />
        ) : null}
        {staff ? <StaffActions file={file} folders={folders} mayAskApproval={mayAskApproval} /> : null}
      </Stack>
    </Card>
  );
}

function StaffActions({
  file,
  folders,
  mayAskApproval,
}: {
  file: EntityFile;
  folders: readonly Folder[];
  mayAskApproval: boolean;
}) {
  const edit = useEditFile(file.id);
  const remove = useDeleteFile(file.id);
  const [dialog, setDialog] = useState<"approval" | "delete" | null>(null);
  // A file the client sent stays the client's: it is never shared or made firm-only.
  const mayShare = file.you.mayEdit && file.kind !== "client";
  const askable = mayAskApproval && file.you.mayEdit && file.kind === "shared";
  const mayMove = file.you.mayEdit && folders.length > 0;
  if (!mayShare && !askable && !mayMove && !file.you.mayDelete) return null;
  const problem = edit.error ?? remove.error;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        {mayShare ? (
          <Button
            variant="default"
            loading={edit.isPending}
            onClick={() => edit.mutate({ kind: file.kind === "firm" ? "shared" : "firm" })}
            aria-label={`${file.kind === "firm" ? "Share with the client" : "Stop sharing"}: ${file.name}`}
          >
            {file.kind === "firm" ? "Share with the client" : "Stop sharing"}
          </Button>
        ) : null}
        {askable ? (
          <Button
            variant="default"
            onClick={() => setDialog("approval")}
            aria-label={`Ask to approve ${file.name}`}
          >
            Ask to approve…
          </Button>
        ) : null}
        {file.you.mayDelete ? (
          <Button
            variant="outline"
            color="red.9"
            onClick={() => setDialog("delete")}
            aria-label={`Delete ${file.name}`}
          >
            Delete…
          </Button>
        ) : null}
      </Group>
      {mayMove ? (
        <NativeSelect
          label="Move to the folder"
          size="xs"
          maw={320}
          value={file.folderId ?? ""}
          disabled={edit.isPending}
          onChange={(event) => edit.mutate({ folderId: event.currentTarget.value || null })}
          data={[{ value: "", label: "No folder" }, ...folderOptions(folders)]}
        />
      ) : null}
      {problem ? (
        <Text size="sm" c="red.8" role="alert">
          {problemText(problem)}
        </Text>
      ) : null}
      {askable ? (
        <AskApprovalDialog file={file} opened={dialog === "approval"} onClose={() => setDialog(null)} />
      ) : null}
      <Modal
        opened={dialog === "delete"}
        onClose={() => setDialog(null)}
        title={`Delete ${file.name}?`}
        closeButtonProps={{ "aria-label": "Close" }}
      >
        <Stack>
          <Text size="sm">
            The file and{" "}
            {file.current.version === 1 ? "its version" : `all ${file.current.version} of its versions`} are
            deleted for everyone
            {file.kind === "firm" ? "" : ", the client included"}. A file that answered a request or was put
            up for approval stays: it is the record of it.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Keep it
            </Button>
            <Button
              color="red.9"
              onClick={() => {
                setDialog(null);
                remove.mutate();
              }}
            >
              Delete the file
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
