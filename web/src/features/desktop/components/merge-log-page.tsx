/**
 * The merge's warning and error logs: warnings say what integration left out or changed and
 * which entries are held on this desktop; errors are changes the cloud refused, with the values
 * refused (the desktop holds the cloud's value now). Open warnings unless closed ones are asked for.
 */
import { Alert, Badge, Card, Group, SegmentedControl, Stack, Switch, Text } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { PagePagination } from "../../../components/page-pagination";
import { PageTitle } from "../../../components/page-title";
import { formatDateTime } from "../../../lib/format";
import { LOG_PAGE_SIZE, useMergeLog, type LogEntry, type LogLevel } from "../api/merge-log";

const refusedValues = (entry: LogEntry) =>
  Object.entries(entry.data)
    .map(([field, value]) => `${field} ${value === null ? "(empty)" : `“${String(value)}”`}`)
    .join(", ");

function EntryCard({ entry }: { entry: LogEntry }) {
  return (
    <Card withBorder component="li">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{entry.record}</Text>
          <Text size="sm" c="dimmed">
            {formatDateTime(entry.at)}
          </Text>
        </Group>
        <Text>{entry.message.charAt(0).toUpperCase() + entry.message.slice(1)}</Text>
        <Group gap="xs">
          <Badge variant="outline" color="gray.8" styles={{ label: { textTransform: "none" } }}>
            {entry.code}
          </Badge>
          {entry.closedAt ? (
            <Text size="sm" c="dimmed">
              Closed {formatDateTime(entry.closedAt)}
            </Text>
          ) : null}
        </Group>
        {entry.level === "error" && Object.keys(entry.data).length > 0 ? (
          <Text size="sm">Refused: {refusedValues(entry)}</Text>
        ) : null}
      </Stack>
    </Card>
  );
}

export function MergeLogPage() {
  const [level, setLevel] = useState<LogLevel>("warning");
  const [includeClosed, setIncludeClosed] = useState(false);
  const [page, setPage] = useState(0);
  const log = useMergeLog(level, includeClosed, page);
  const data = log.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / LOG_PAGE_SIZE)) : 1;
  return (
    <Stack>
      <PageTitle
        title="Warnings and errors"
        subtitle="What merging changed, held back or was refused"
        actions={
          <SegmentedControl
            aria-label="Which log"
            value={level}
            onChange={(value) => {
              setLevel(value);
              setPage(0);
            }}
            data={[
              { value: "warning", label: "Warnings" },
              { value: "error", label: "Errors" },
            ]}
          />
        }
      />
      {level === "warning" ? (
        <Switch
          label="Show closed warnings too"
          checked={includeClosed}
          onChange={(event) => {
            setIncludeClosed(event.currentTarget.checked);
            setPage(0);
          }}
        />
      ) : null}
      {log.isError ? <Alert color="red">{problemText(log.error)}</Alert> : null}
      {data && data.items.length === 0 ? (
        <Text>{level === "warning" ? "No warnings." : "No errors: the cloud refused nothing."}</Text>
      ) : null}
      {data && data.items.length > 0 ? (
        <>
          <Text size="sm" c="dimmed">
            {`${data.total.toLocaleString()} ${data.total === 1 ? level : `${level}s`}`}
          </Text>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {data.items.map((entry) => (
              <EntryCard key={entry.id} entry={entry} />
            ))}
          </Stack>
          <PagePagination total={pages} page={page} onChange={setPage} />
        </>
      ) : null}
    </Stack>
  );
}
