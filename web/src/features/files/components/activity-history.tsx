/**
 * A client's history, a page at a time: requests, uploads, downloads, shares, comments and
 * approvals in the order they happened (newest first by default, oldest first on request). Staff
 * see all of it; a contact the part that concerns them (the server decides which).
 */
import { Group, List, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { PagePagination } from "../../../components/page-pagination";
import { formatDateTime } from "../../../lib/format";
import { useActivityPage, type ActivityQuery } from "../api/get-activity";

const PAGE = 20;

export function ActivityHistory({
  clientId,
  title = "History",
  level = 2,
}: {
  clientId: string;
  title?: string;
  /** Its heading's level: 3 under a client's own heading. */
  level?: 2 | 3;
}) {
  const [order, setOrder] = useState<ActivityQuery["order"]>("newest");
  const [page, setPage] = useState(0);
  const activity = useActivityPage(clientId, { order, limit: PAGE, offset: page * PAGE });
  const events = activity.data?.items ?? [];
  const titleId = `history-${clientId}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={level} size="h4" id={titleId}>
            {title}
          </Title>
          <SegmentedControl
            size="xs"
            aria-label="Order of the history"
            value={order}
            onChange={(value) => {
              setOrder(value);
              setPage(0);
            }}
            data={[
              { value: "newest", label: "Newest first" },
              { value: "oldest", label: "Oldest first" },
            ]}
          />
        </Group>
        {activity.isError ? (
          <Text size="sm" c="red.8" role="alert">
            {problemText(activity.error)}
          </Text>
        ) : events.length === 0 ? (
          <Text size="sm">{activity.isPending ? "Loading…" : "Nothing has happened yet."}</Text>
        ) : (
          <List size="sm" spacing={6} listStyleType="none" withPadding={false} aria-label={title}>
            {events.map((event) => (
              <List.Item key={event.id}>
                <Text span size="xs" c="dark.4">
                  {formatDateTime(event.at)}
                </Text>{" "}
                {event.summary}
              </List.Item>
            ))}
          </List>
        )}
        <PagePagination
          total={Math.ceil((activity.data?.total ?? 0) / PAGE)}
          page={page}
          onChange={setPage}
        />
      </Stack>
    </Paper>
  );
}
