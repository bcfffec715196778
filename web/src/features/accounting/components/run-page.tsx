/**
 * /accounting/runs/$runId: one run of the connector. While it waits or runs it is read again
 * every 2 seconds (its phase and a progress bar); once finished: its summary in words, its error,
 * an export's file to download, and its items.
 */
import { Button, Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { ApiProblem, problemText } from "../../../api/problem";
import { NotAllowed } from "../../../components/not-allowed";
import { PageTitle } from "../../../components/page-title";
import { formatDateTime } from "../../../lib/format";
import { useRun, useRunFileDownload, type AccountingRun } from "../api/runs";
import { ACCOUNTING_RIGHT, useAccountingRights } from "./accounting-rights";
import { Notice } from "./notice";
import { ReadinessFindings, RunItems } from "./run-items";
import { RunStatusBadge, RunSummary, whoAsked } from "./run-summary";
import { runKindWords } from "./run-words";

function RunProgress({ run }: { run: AccountingRun }) {
  if (run.status === "queued")
    return (
      <Text size="sm" role="status">
        Waiting for the connector to start it.
      </Text>
    );
  if (run.status !== "running") return null;
  const { done, total } = run.progress;
  // Whole percent from integers; no total yet means the phase is still counting.
  const percent = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0;
  return (
    <Stack gap={4}>
      <Text size="sm" role="status">
        {run.phase ? `Now ${run.phase}` : "Running"}
        {total > 0 ? `: ${done.toLocaleString()} of ${total.toLocaleString()}` : "…"}
      </Text>
      <Progress value={percent} animated={total === 0} aria-label={`Progress of ${runKindWords(run)}`} />
    </Stack>
  );
}

function FileDownload({ run }: { run: AccountingRun }) {
  const download = useRunFileDownload();
  const [state, setState] = useState<
    { step: "idle" | "saving" } | { step: "saved"; name: string } | { step: "failed"; message: string }
  >({ step: "idle" });
  if (!run.fileName) return null;
  const save = async () => {
    setState({ step: "saving" });
    try {
      setState({ step: "saved", name: await download(run) });
    } catch (error) {
      setState({ step: "failed", message: problemText(error) });
    }
  };
  return (
    <Group gap="sm" wrap="wrap">
      <Button onClick={() => void save()} loading={state.step === "saving"}>
        Download {run.fileName}
      </Button>
      {state.step === "saved" ? (
        <Text size="sm" role="status">
          Saved {state.name}
        </Text>
      ) : null}
      {state.step === "failed" ? (
        <Text size="sm" c="red.8" role="alert">
          {state.message}
        </Text>
      ) : null}
    </Group>
  );
}

function RunView({ run }: { run: AccountingRun }) {
  const readiness = run.kind === "readiness";
  return (
    <Stack maw={900}>
      <PageTitle
        title={runKindWords(run)}
        subtitle={`Asked by ${whoAsked(run)} on ${formatDateTime(run.requestedAt)}`}
        actions={
          <Button component={Link} to="/accounting/runs" variant="default">
            History
          </Button>
        }
      />
      <Paper withBorder p="md" component="section" aria-label="State of the run">
        <Stack gap="sm">
          <Group gap="sm">
            <RunStatusBadge run={run} />
            <Text size="sm">
              {run.startedAt ? `Started ${formatDateTime(run.startedAt)}` : "Not started"}
              {run.finishedAt ? `; finished ${formatDateTime(run.finishedAt)}` : ""}
            </Text>
          </Group>
          <RunProgress run={run} />
          {run.error ? (
            // A queued run's error is why it waits (it is tried again); a finished one's is final.
            <Notice tone={run.status === "queued" ? "waiting" : "bad"}>{run.error}</Notice>
          ) : null}
          <RunSummary run={run} />
          <FileDownload run={run} />
        </Stack>
      </Paper>
      {readiness ? <ReadinessFindings run={run} /> : <RunItems run={run} />}
    </Stack>
  );
}

export function RunPage({ runId }: { runId: string }) {
  const allowed = useAccountingRights().read;
  const run = useRun(runId, allowed);
  if (!allowed) return <NotAllowed what="this run" right={ACCOUNTING_RIGHT} />;
  if (run.isPending) return <Text role="status">Loading the run…</Text>;
  if (run.isError)
    return (
      <Stack maw={640}>
        <PageTitle title="Accounting run" />
        <Notice tone="bad" heading="This run cannot be shown">
          {run.error instanceof ApiProblem && run.error.status === 404
            ? "There is no such run in this firm."
            : problemText(run.error)}
        </Notice>
      </Stack>
    );
  return <RunView run={run.data} />;
}
