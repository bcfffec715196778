/**
 * What is linked to what: each firmtime record and its record in the books, by kind. Unlinking
 * (after a confirmation) makes the next run link it again by name, or create it.
 */
import { Button, Group, Modal, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { formatDateTime } from "../../../lib/format";
import { useAccountingLinks, useUnlink, type AccountingLink, type LocalKind } from "../api/links";

const KINDS: { value: LocalKind; label: string }[] = [
  { value: "staff", label: "Staff" },
  { value: "client", label: "Clients" },
  { value: "project", label: "Projects" },
  { value: "work_code", label: "Work codes" },
];
const KIND_WORD: Record<LocalKind, string> = {
  staff: "Staff member",
  client: "Client",
  project: "Project",
  work_code: "Work code",
};
/** A firm may have thousands of links: a page shows this many more at a time. */
const SHOWN = 50;

function LinkRow({
  link,
  editable,
  onUnlink,
}: {
  link: AccountingLink;
  editable: boolean;
  onUnlink: (link: AccountingLink) => void;
}) {
  return (
    <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
      <Stack gap={0} style={{ flex: "1 1 18rem", minWidth: 0 }}>
        <Text size="sm" fw={500}>
          {KIND_WORD[link.localKind]}: {link.localName}
        </Text>
        <Text size="sm">
          In the books: {link.externalKind} “{link.externalName}” (id {link.externalId})
        </Text>
        <Text size="xs" c="dark.4">
          Linked {formatDateTime(link.linkedAt)}
        </Text>
      </Stack>
      {editable ? (
        <Button
          size="xs"
          variant="outline"
          color="red.9"
          aria-label={`Unlink ${link.localName}`}
          onClick={() => onUnlink(link)}
        >
          Unlink
        </Button>
      ) : null}
    </Group>
  );
}

function UnlinkConfirm({ link, onClose }: { link: AccountingLink | null; onClose: () => void }) {
  const unlink = useUnlink();
  return (
    <Modal
      opened={link !== null}
      onClose={() => {
        unlink.reset();
        onClose();
      }}
      title={link ? `Unlink ${link.localName}?` : ""}
      closeButtonProps={{ "aria-label": "Close" }}
    >
      {link ? (
        <Stack gap="sm">
          <Text size="sm">
            {KIND_WORD[link.localKind]} “{link.localName}” will no longer be linked to {link.externalKind} “
            {link.externalName}” in the books. Nothing is deleted on either side; the next transfer or import
            links it again by name, or creates it.
          </Text>
          {unlink.isError ? (
            <Text size="sm" c="red.8" role="alert">
              {problemText(unlink.error)}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep the link
            </Button>
            <Button
              color="red.9"
              loading={unlink.isPending}
              onClick={() =>
                unlink.mutate({ localKind: link.localKind, localId: link.localId }, { onSuccess: onClose })
              }
            >
              Unlink
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

export function LinksSection({ editable }: { editable: boolean }) {
  const [kind, setKind] = useState<LocalKind | null>(null);
  const [shown, setShown] = useState(SHOWN);
  const [unlinking, setUnlinking] = useState<AccountingLink | null>(null);
  const links = useAccountingLinks(kind);
  const items = links.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="links-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="links-title">
          Links
        </Title>
        <Text size="sm">
          Records linked to their counterparts in the books. After the first link, runs find them by id, so a
          rename on either side does not make a second record.
        </Text>
        <Select
          label="Show"
          data={KINDS}
          value={kind}
          onChange={(value) => {
            setKind(value);
            setShown(SHOWN);
          }}
          clearable
          placeholder="Every kind"
          w={220}
        />
        {links.isError ? (
          <Text size="sm" c="red.8" role="alert">
            {problemText(links.error)}
          </Text>
        ) : null}
        {links.data && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing is linked yet. A transfer or an import links records by name the first time.
          </Text>
        ) : null}
        {items.slice(0, shown).map((link) => (
          <LinkRow
            key={`${link.localKind}:${link.localId}`}
            link={link}
            editable={editable}
            onUnlink={setUnlinking}
          />
        ))}
        {items.length > shown ? (
          <Group>
            <Button variant="default" onClick={() => setShown(shown + SHOWN)}>
              Show more ({items.length - shown} not shown)
            </Button>
          </Group>
        ) : null}
      </Stack>
      <UnlinkConfirm link={unlinking} onClose={() => setUnlinking(null)} />
    </Paper>
  );
}
