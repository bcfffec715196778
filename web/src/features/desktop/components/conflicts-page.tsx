/**
 * The conflict log: each value that lost to a concurrent change, on which record, by whom and
 * what won; restore puts the lost value back (on every replica, at the next merge), dismiss
 * keeps what won. Open conflicts first; all of them on request; a page at a time.
 */
import { Alert, Button, Card, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { PagePagination } from "../../../components/page-pagination";
import { PageTitle } from "../../../components/page-title";
import { formatDateTime } from "../../../lib/format";
import { mayDo, useMe } from "../../../lib/me";
import {
  CONFLICT_PAGE_SIZE,
  useConflicts,
  useResolveConflict,
  type Conflict,
  type ConflictFilter,
} from "../api/conflicts";

const show = (value: Conflict["lostValue"]) => (value === null ? "(empty)" : `“${String(value)}”`);

function describe(conflict: Conflict): string {
  if (conflict.kind === "deleted") return "An edit made while the record was deleted elsewhere";
  if (conflict.kind === "unique")
    return `${conflict.field} ${show(conflict.lostValue)} was taken; kept as ${show(conflict.keptValue)}`;
  return `${conflict.field} ${show(conflict.lostValue)} lost to ${show(conflict.keptValue)}`;
}

function ConflictCard({ conflict, mayResolve }: { conflict: Conflict; mayResolve: boolean }) {
  const resolve = useResolveConflict();
  const [problem, setProblem] = useState<string | null>(null);
  const act = (action: "restore" | "dismiss") => {
    setProblem(null);
    resolve.mutate(
      { id: conflict.id, action },
      {
        onSuccess: () =>
          notifications.show({
            closeButtonProps: { "aria-label": "Close" },
            color: "green",
            message:
              action === "restore"
                ? `Restored ${conflict.record ?? "the value"}: it goes to the cloud at the next merge.`
                : "Dismissed: the value that won stays.",
          }),
        onError: (error) => setProblem(problemText(error)),
      },
    );
  };
  return (
    <Card withBorder component="li" aria-label={`${conflict.record ?? conflict.tbl}: ${describe(conflict)}`}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{conflict.record ?? `${conflict.tbl} ${conflict.rowId}`}</Text>
          <Text size="sm" c="dimmed">
            {conflict.status === "open"
              ? formatDateTime(conflict.at)
              : `${conflict.status} ${formatDateTime(conflict.resolvedAt ?? conflict.at)}`}
          </Text>
        </Group>
        <Text>{describe(conflict)}</Text>
        <Text size="sm" c="dimmed">
          The lost value was written by {conflict.lostAuthor ?? "an unknown author"}.
        </Text>
        {conflict.status === "open" && mayResolve ? (
          <Group mt="xs">
            <Button
              size="sm"
              onClick={() => act("restore")}
              loading={resolve.isPending && resolve.variables?.action === "restore"}
            >
              Restore the lost value
            </Button>
            <Button
              size="sm"
              variant="default"
              onClick={() => act("dismiss")}
              loading={resolve.isPending && resolve.variables?.action === "dismiss"}
            >
              Dismiss
            </Button>
          </Group>
        ) : null}
        {problem ? (
          <Alert color="red" role="alert" p="xs">
            {problem}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

export function ConflictsPage() {
  const me = useMe();
  const [filter, setFilter] = useState<ConflictFilter>("open");
  const [page, setPage] = useState(0);
  const conflicts = useConflicts(filter, page);
  const data = conflicts.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / CONFLICT_PAGE_SIZE)) : 1;
  return (
    <Stack>
      <PageTitle
        title="Conflict log"
        subtitle="Values that lost to a change made elsewhere at the same time"
        actions={
          <SegmentedControl
            aria-label="Which conflicts"
            value={filter}
            onChange={(value) => {
              setFilter(value);
              setPage(0);
            }}
            data={[
              { value: "open", label: "Open" },
              { value: "all", label: "All" },
            ]}
          />
        }
      />
      {conflicts.isError ? <Alert color="red">{problemText(conflicts.error)}</Alert> : null}
      {data && data.items.length === 0 ? (
        <Text>{filter === "open" ? "No open conflicts." : "No conflicts."}</Text>
      ) : null}
      {data && data.items.length > 0 ? (
        <>
          <Text size="sm" c="dimmed">
            {data.total.toLocaleString()} {data.total === 1 ? "conflict" : "conflicts"}
          </Text>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {data.items.map((conflict) => (
              <ConflictCard
                key={conflict.id}
                conflict={conflict}
                mayResolve={mayDo(me, "merge", "E", "firm")}
              />
            ))}
          </Stack>
          <PagePagination total={pages} page={page} onChange={setPage} />
        </>
      ) : null}
    </Stack>
  );
}
