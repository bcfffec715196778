/**
 * /accounting/runs: every run of the firm's connector, newest first, 20 at a time ("Load more"
 * asks for the ones before the last shown). Runs still waiting or running are read again every
 * 2 seconds until they finish.
 */
import { Anchor, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { problemText } from "../../../api/problem";
import { NotAllowed } from "../../../components/not-allowed";
import { PageTitle } from "../../../components/page-title";
import { formatDateTime } from "../../../lib/format";
import { useRunHistory, type AccountingRun } from "../api/runs";
import { ACCOUNTING_RIGHT, useAccountingRights } from "./accounting-rights";
import { Notice } from "./notice";
import { RunStatusBadge, RunSummary, whoAsked } from "./run-summary";
import { runKindWords } from "./run-words";

function RunCard({ run }: { run: AccountingRun }) {
  const title = runKindWords(run);
  return (
    <Paper withBorder p="sm" component="article" aria-label={`${title}, ${formatDateTime(run.requestedAt)}`}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor component={Link} to={`/accounting/runs/${run.id}`} fw={500}>
            {title}
          </Anchor>
          <RunStatusBadge run={run} />
        </Group>
        <Text size="sm">
          Asked by {whoAsked(run)} on {formatDateTime(run.requestedAt)}
          {run.finishedAt ? `; finished ${formatDateTime(run.finishedAt)}` : ""}
        </Text>
        {run.status === "running" && run.phase ? <Text size="sm">Now: {run.phase}</Text> : null}
        {run.error ? (
          <Text size="sm" c="red.8">
            {run.error}
          </Text>
        ) : null}
        <RunSummary run={run} />
      </Stack>
    </Paper>
  );
}

export function RunsPage() {
  const allowed = useAccountingRights().read;
  const history = useRunHistory(allowed);
  if (!allowed) return <NotAllowed what="the accounting history" right={ACCOUNTING_RIGHT} />;
  const runs = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack maw={900}>
      <PageTitle
        title="Accounting history"
        subtitle="Every transfer, import, readiness check and export: who asked, when, and what it did."
        actions={
          <Button component={Link} to="/accounting" variant="default">
            Accounting
          </Button>
        }
      />
      {history.isPending ? <Text role="status">Loading the history…</Text> : null}
      {history.isError ? <Notice tone="bad">{problemText(history.error)}</Notice> : null}
      {history.data && runs.length === 0 ? (
        <Text c="dimmed">Nothing was asked of the connector yet.</Text>
      ) : null}
      {runs.map((run) => (
        <RunCard key={run.id} run={run} />
      ))}
      {history.hasNextPage ? (
        <Group>
          <Button
            variant="default"
            loading={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
