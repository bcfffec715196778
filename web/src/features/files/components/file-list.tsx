/** One page of files as cards, with the words for an empty list and the pages below. */
import { Alert, Stack, Text } from "@mantine/core";
import { problemText } from "../../../api/problem";
import { PagePagination } from "../../../components/page-pagination";
import type { EntityFile, FilePage, Folder } from "../api/file-types";
import { FileCard } from "./file-card";

export const FILES_PAGE = 20;

export function FileList({
  files,
  error,
  pending,
  empty,
  folders,
  staff,
  mayAskApproval,
  page,
  onPage,
  label,
}: {
  files: FilePage | undefined;
  error: unknown;
  pending: boolean;
  empty: string;
  folders: readonly Folder[];
  staff: boolean;
  mayAskApproval: boolean;
  page: number;
  onPage: (page: number) => void;
  label: string;
}) {
  if (error) return <Alert color="red">{problemText(error)}</Alert>;
  if (pending) return <Text role="status">Loading the files…</Text>;
  const items: EntityFile[] = files?.items ?? [];
  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <Stack
          gap="sm"
          component="ul"
          aria-label={label}
          style={{ listStyle: "none", padding: 0, margin: 0 }}
        >
          {items.map((file) => (
            <li key={file.id}>
              <FileCard file={file} folders={folders} staff={staff} mayAskApproval={mayAskApproval} />
            </li>
          ))}
        </Stack>
      )}
      <PagePagination total={Math.ceil((files?.total ?? 0) / FILES_PAGE)} page={page} onChange={onPage} />
    </Stack>
  );
}
