/**
 * The desktop's connection to its cloud: the state and why, the counts behind it, "Merge now",
 * working offline by choice, and the way to the conflict log and the warning and error logs.
 */
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { PageTitle } from "../../../components/page-title";
import { formatDateTime } from "../../../lib/format";
import { mayDo, useMe } from "../../../lib/me";
import { useConnectionStatus, type ConnectionStatus } from "../api/connection-state";
import { useMergeNow, useWorkOffline } from "../api/desktop-actions";
import { STATE_COLOURS } from "./connection-words";

function Count({ label, value }: { label: string; value: number | null }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value === null ? "—" : value.toLocaleString()}
      </Text>
    </Paper>
  );
}

function Counts({ status }: { status: ConnectionStatus }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
      <Count label="Waiting to go up" value={status.waitingUp} />
      <Count label="Waiting to come down" value={status.waitingDown} />
      <Count label="Open conflicts" value={status.conflicts} />
      <Count label="Refused by the cloud" value={status.refusals} />
      <Count label="Held on this desktop" value={status.held} />
    </SimpleGrid>
  );
}

export function ConnectionPage() {
  const me = useMe();
  const status = useConnectionStatus();
  const mergeNow = useMergeNow();
  const workOffline = useWorkOffline();
  const [problem, setProblem] = useState<string | null>(null);
  const mayMerge = mayDo(me, "merge", "E", "firm");
  const mayRead = mayDo(me, "merge", "R", "firm");
  const data = status.data;

  const merge = () => {
    setProblem(null);
    mergeNow.mutate(undefined, {
      onSuccess: ({ summary }) =>
        notifications.show({
          closeButtonProps: { "aria-label": "Close" },
          color: "green",
          message: `Merged: ${summary.pushed} sent, ${summary.pulled} fetched${summary.refused ? `, ${summary.refused} refused` : ""}${summary.conflicts ? `, ${summary.conflicts} new conflicts` : ""}.`,
        }),
      onError: (error) => setProblem(problemText(error)),
    });
  };

  return (
    <Stack>
      <PageTitle
        title="Connection"
        subtitle={data?.cloudUrl ? `This desktop merges with ${data.cloudUrl}` : "This desktop's firm file"}
      />
      {status.isError ? <Alert color="red">{problemText(status.error)}</Alert> : null}
      {data ? (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="state-title">
            <Stack gap="xs">
              <Title order={2} size="h3" id="state-title" c={STATE_COLOURS[data.state]}>
                {data.state}
              </Title>
              {data.reason ? (
                <Text>{data.reason.charAt(0).toUpperCase() + data.reason.slice(1)}.</Text>
              ) : null}
              <Text size="sm" c="dimmed">
                Last merge: {data.lastMergeAt ? formatDateTime(data.lastMergeAt) : "never"}
              </Text>
            </Stack>
          </Paper>
          <Counts status={data} />
          {mayMerge ? (
            <Paper withBorder p="md" component="section" aria-labelledby="merge-title">
              <Stack>
                <Title order={2} size="h4" id="merge-title">
                  Merging
                </Title>
                <Group>
                  <Button onClick={merge} loading={mergeNow.isPending} disabled={data.workingOffline}>
                    Merge now
                  </Button>
                  <Switch
                    label="Work offline"
                    description="Stop merging until you turn this off; changes wait here."
                    checked={data.workingOffline}
                    disabled={workOffline.isPending}
                    onChange={(event) =>
                      workOffline.mutate(event.currentTarget.checked, {
                        onError: (error) => setProblem(problemText(error)),
                      })
                    }
                  />
                </Group>
                {problem ? (
                  <Alert color="red" role="alert" title="Could not merge">
                    {problem}
                  </Alert>
                ) : null}
              </Stack>
            </Paper>
          ) : null}
          {mayRead ? (
            <Group>
              <Anchor component={Link} to="/conflicts">
                The conflict log
              </Anchor>
              <Anchor component={Link} to="/merge-log">
                Warnings and errors
              </Anchor>
            </Group>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
