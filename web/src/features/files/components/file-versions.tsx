/** A file's versions, newest first: who uploaded each and when, its size and SHA-256, a download. */
import { Anchor, List, Text } from "@mantine/core";
import { firmApiBase } from "../../../api/client";
import { problemText } from "../../../api/problem";
import { useFirm } from "../../../lib/firm-context";
import { useFileVersions } from "../api/get-file";
import type { EntityFile } from "../api/file-types";
import { versionWords } from "./file-words";

export function FileVersions({ file }: { file: EntityFile }) {
  const { slug } = useFirm();
  const full = useFileVersions(file.id, true);
  if (full.isPending) return <Text size="sm">Loading the versions…</Text>;
  if (full.isError)
    return (
      <Text size="sm" c="red.8" role="alert">
        {problemText(full.error)}
      </Text>
    );
  const versions = [...(full.data.versions ?? [full.data.current])].reverse();
  return (
    <List
      size="sm"
      spacing={6}
      aria-label={`Versions of ${file.name}`}
      listStyleType="none"
      withPadding={false}
    >
      {versions.map((version) => (
        <List.Item key={version.id}>
          <Anchor
            href={`${firmApiBase(slug)}/files/${file.id}/versions/${version.id}/content`}
            aria-label={`Download version ${version.version} of ${file.name}`}
          >
            {version.fileName}
          </Anchor>
          <Text size="xs" c="dark.4">
            {versionWords(version)}
          </Text>
          <Text size="xs" c="dark.4" style={{ wordBreak: "break-all" }}>
            SHA-256 {version.sha256}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
