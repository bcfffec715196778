/**
 * The files page (/files), a client's contact's: for each client they reach, what the firm shared
 * with them and what their side sent, each to download; uploading their own file when they
 * collaborate; and the part of the client's history that concerns them. Never a firm-only file
 * (the server keeps them back), never a delete button (the firm's record stays). Staff are sent
 * to each client's own files page.
 */
import { Alert, Anchor, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { PageTitle } from "../../../components/page-title";
import { useMe } from "../../../lib/me";
import type { ClientRecord, Folder } from "../api/file-types";
import { useClientFiles } from "../api/get-files";
import { useFileRights } from "../api/get-file-rights";
import { useFolders } from "../api/get-folders";
import { useMyClients } from "../api/get-my-clients";
import { useUploadFile } from "../api/upload-file";
import { ActivityHistory } from "./activity-history";
import { FileList, FILES_PAGE } from "./file-list";
import { CONTACT_KIND_WORDS } from "./file-words";
import { UploadButton } from "./upload-button";

export function FilesIndexPage() {
  const me = useMe();
  if (me?.contactId != null) return <ContactFilesPage />;
  // Staff open a client's files from the client's page: the firm may have hundreds of clients.
  return (
    <Stack gap="lg" maw={760}>
      <PageTitle title="Files" />
      <Text>
        Each client&apos;s files are on its page: open a client under{" "}
        <Anchor component={Link} to="/setup/clients">
          Setup › Clients
        </Anchor>{" "}
        and choose Files.
      </Text>
    </Stack>
  );
}

function ContactFilesPage() {
  const me = useMe();
  const clients = useMyClients();
  const list = clients.data?.items ?? [];
  return (
    <Stack gap="lg" maw={760}>
      <PageTitle title="Files" subtitle={me?.firm.name} />
      {clients.isError ? <Alert color="red">{problemText(clients.error)}</Alert> : null}
      {clients.isPending ? <Text role="status">Loading your files…</Text> : null}
      {clients.data && list.length === 0 ? (
        <Paper withBorder p="md">
          <Text>No client is shared with you yet.</Text>
        </Paper>
      ) : null}
      {list.map((client) => (
        <ClientSection key={client.id} client={client} titled={list.length > 1} />
      ))}
    </Stack>
  );
}

function ClientSection({ client, titled }: { client: ClientRecord; titled: boolean }) {
  const folders = useFolders(client.id);
  // A collaborator on this client adds files; Entity Access only reads (the server's word).
  const mayUpload = useFileRights(client.id).data?.mayAdd.includes("client") ?? false;
  const upload = useUploadFile(client.id);
  return (
    <Stack gap="md" component="section" aria-label={client.name}>
      {titled ? (
        <Title order={2} size="h3">
          {client.name}
        </Title>
      ) : null}
      {mayUpload ? (
        <UploadButton
          label="Send a file to the firm"
          name={`Send a file to the firm for ${client.name}`}
          size="md"
          fullWidth
          send={(file, onProgress) => upload.mutateAsync({ file, folderId: null, onProgress })}
        />
      ) : null}
      {(["shared", "client"] as const).map((kind) => (
        <KindFiles
          key={kind}
          clientId={client.id}
          kind={kind}
          folders={folders.data?.items ?? []}
          level={titled ? 3 : 2}
        />
      ))}
      <ActivityHistory
        clientId={client.id}
        title={titled ? `History of ${client.name}` : "History"}
        level={titled ? 3 : 2}
      />
    </Stack>
  );
}

function KindFiles({
  clientId,
  kind,
  folders,
  level,
}: {
  clientId: string;
  kind: "shared" | "client";
  folders: readonly Folder[];
  /** Under the client's own heading when the contact reaches several. */
  level: 2 | 3;
}) {
  const [page, setPage] = useState(0);
  const files = useClientFiles(clientId, {
    kind,
    folder: "all",
    limit: FILES_PAGE,
    offset: page * FILES_PAGE,
  });
  const words = CONTACT_KIND_WORDS[kind];
  const titleId = `${kind}-${clientId}`;
  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={level} size="h4" id={titleId}>
        {words.title}
      </Title>
      <FileList
        files={files.data}
        error={files.error}
        pending={files.isPending}
        empty={words.empty}
        folders={folders}
        staff={false}
        mayAskApproval={false}
        page={page}
        onPage={setPage}
        label={words.title}
      />
    </Stack>
  );
}
