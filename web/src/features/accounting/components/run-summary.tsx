/** A run's state and what it did, in words: shared by the history and the run's page. */
import { Badge, List, Text } from "@mantine/core";
import type { AccountingRun } from "../api/runs";
import { phaseWords, STATUS, summaryLines, summaryText } from "./run-words";

export function RunStatusBadge({ run }: { run: AccountingRun }) {
  const status = STATUS[run.status];
  return (
    <Badge color={status.color} variant="filled">
      {status.words}
    </Badge>
  );
}

export function whoAsked(run: AccountingRun): string {
  if (run.scheduled) return "the nightly schedule";
  return run.requestedBy?.email ?? "someone no longer in the firm";
}

export function RunSummary({ run }: { run: AccountingRun }) {
  const lines = summaryLines(run.summary);
  if (run.status === "queued" || run.status === "running") return null;
  if (lines.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nothing to do: nothing moved and nothing waits.
      </Text>
    );
  return (
    <List size="sm" spacing={2}>
      {lines.map((line) => (
        <List.Item key={line.phase}>
          <Text span size="sm" fw={500}>
            {phaseWords(line.phase)}:
          </Text>{" "}
          {summaryText(line)}
        </List.Item>
      ))}
    </List>
  );
}
