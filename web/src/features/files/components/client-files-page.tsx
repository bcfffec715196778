/**
 * A client's files for the firm's staff (/clients/{id}/files): the three kinds apart in tabs
 * (firm only, shared with the client, from the client), filtered by folder, with folders to make,
 * rename and delete, a file to add, and the client's history below. Buttons show only where the
 * person's rights allow; the server decides anyway and its refusals are said beside them.
 */
import { Alert, Anchor, Badge, Stack, Tabs, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { ApiProblem, problemText } from "../../../api/problem";
import { PageTitle } from "../../../components/page-title";
import { mayDo, useMe } from "../../../lib/me";
import type { FileKind, FolderFilter } from "../api/file-types";
import { useClient } from "../api/get-client";
import { useFileCount } from "../api/get-file-count";
import { useFileRights } from "../api/get-file-rights";
import { useClientFiles } from "../api/get-files";
import { useFolders } from "../api/get-folders";
import { ActivityHistory } from "./activity-history";
import { FileList, FILES_PAGE } from "./file-list";
import { STAFF_KIND_WORDS } from "./file-words";
import { FolderBar } from "./folder-bar";
import { NewFilePanel } from "./new-file-panel";

const KINDS: FileKind[] = ["firm", "shared", "client"];

export function ClientFilesPage({ clientId }: { clientId: string }) {
  const client = useClient(clientId);
  if (client.isError)
    return (
      <Stack>
        <PageTitle title="Files" />
        <Alert color="red" title="These files cannot be shown">
          {client.error instanceof ApiProblem && client.error.status === 404
            ? "There is no such client, or it is not shared with you."
            : problemText(client.error)}
        </Alert>
      </Stack>
    );
  if (client.isPending) return <Text role="status">Loading the client…</Text>;
  return <ClientFiles clientId={clientId} clientName={`${client.data.code} · ${client.data.name}`} />;
}

function ClientFiles({ clientId, clientName }: { clientId: string; clientName: string }) {
  const me = useMe();
  const folders = useFolders(clientId);
  const [kind, setKind] = useState<FileKind>("firm");
  const [folder, setFolder] = useState<FolderFilter>("all");
  const [page, setPage] = useState(0);
  const files = useClientFiles(clientId, { kind, folder, limit: FILES_PAGE, offset: page * FILES_PAGE });
  const folderList = folders.data?.items ?? [];
  // What this person may do on this client (the server's answer); buttons wait for it.
  const rights = useFileRights(clientId).data;
  const noFolders = { create: false, edit: false, delete: false };
  // Viewer rights somewhere: the server checks them on this client and says so if not.
  const readsHistory = mayDo(me, "activities", "R");
  const show = (next: { kind?: FileKind; folder?: FolderFilter }) => {
    if (next.kind) setKind(next.kind);
    if (next.folder) setFolder(next.folder);
    setPage(0);
  };
  return (
    <Stack gap="lg" maw={960}>
      <Anchor component={Link} to={`/setup/clients/${clientId}`} size="sm">
        ← {clientName}
      </Anchor>
      <PageTitle title="Files" subtitle={clientName} />
      <FolderBar
        clientId={clientId}
        folders={folderList}
        value={folder}
        onChange={(next) => show({ folder: next })}
        rights={rights?.folders ?? noFolders}
      />
      {rights && rights.mayAdd.length > 0 ? (
        <NewFilePanel
          kinds={rights.mayAdd}
          clientId={clientId}
          folders={folderList}
          kind={kind}
          folderId={folder === "all" || folder === "root" ? null : folder}
          onUploaded={(uploaded) => show({ kind: uploaded })}
        />
      ) : null}
      <Tabs value={kind} onChange={(value) => show({ kind: value as FileKind })} keepMounted={false}>
        <Tabs.List>
          {KINDS.map((one) => (
            <KindTab key={one} clientId={clientId} kind={one} folder={folder} />
          ))}
        </Tabs.List>
        {KINDS.map((one) => (
          <Tabs.Panel key={one} value={one} pt="md">
            <FileList
              files={files.data}
              error={files.error}
              pending={files.isPending}
              empty={STAFF_KIND_WORDS[one].empty}
              folders={folderList}
              staff
              mayAskApproval={readsHistory}
              page={page}
              onPage={setPage}
              label={`${STAFF_KIND_WORDS[one].tab}: files`}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
      {readsHistory ? <ActivityHistory clientId={clientId} /> : null}
    </Stack>
  );
}

/** A kind's tab, with how many files it holds in the folder shown (the client's new ones at a glance). */
function KindTab({ clientId, kind, folder }: { clientId: string; kind: FileKind; folder: FolderFilter }) {
  const count = useFileCount(clientId, kind, folder).data;
  const label = STAFF_KIND_WORDS[kind].tab;
  return (
    <Tabs.Tab
      value={kind}
      // The count is said in words to a screen reader, shown as a badge to the eye.
      aria-label={count === undefined ? label : `${label}, ${count} ${count === 1 ? "file" : "files"}`}
      rightSection={
        count === undefined ? null : (
          <Badge size="sm" variant="filled" color="gray.7" aria-hidden>
            {count}
          </Badge>
        )
      }
    >
      {label}
    </Tabs.Tab>
  );
}
