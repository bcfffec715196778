/**
 * Asking the connector for a run: transfer, import and the readiness check for QuickBooks Online,
 * an export for IIF files and hledger journals. The connector does the work; this says what was
 * queued (or that the same kind was already waiting) and links to its page.
 */
import { Anchor, Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import type { AccountingSettings } from "../api/settings";
import { useAskRun, type RunRequest } from "../api/runs";
import { Notice } from "./notice";
import { runKindWords } from "./run-words";

const QBO_RUNS = [
  {
    kind: "transfer",
    label: "Transfer now",
    words: "Staff, clients, projects and work codes first, then approved time and expenses not sent before.",
  },
  {
    kind: "import",
    label: "Import now",
    words: "Lists and jobs from the books, for the lists the books lead. No time or expenses move.",
  },
  {
    kind: "readiness",
    label: "Check readiness",
    words:
      "Compares both sides and lists what is missing, named differently or only in the books. Nothing changes: a preview of what a transfer would link.",
  },
] as const;

function AskedNotice({ asked }: { asked: NonNullable<ReturnType<typeof useAskRun>["data"]> }) {
  const what = runKindWords(asked.run);
  return (
    <Notice tone={asked.queued ? "good" : "info"}>
      {asked.queued
        ? `${what} is queued: the connector starts it shortly. `
        : `${what}: one was already waiting, so no new one was queued. `}
      <Anchor component={Link} to={`/accounting/runs/${asked.run.id}`}>
        {asked.queued ? "Follow its progress" : "Follow the one waiting"}
      </Anchor>
    </Notice>
  );
}

export function RunActions({ settings }: { settings: AccountingSettings }) {
  const ask = useAskRun();
  const [again, setAgain] = useState(false);
  const send = (request: RunRequest) => ask.mutate(request);
  const asking = (kind: RunRequest["kind"]) => ask.isPending && ask.variables.kind === kind;
  const file = settings.target === "qbo" ? null : settings.target;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="runs-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="runs-title">
          {file ? "Export" : "Transfer"}
        </Title>
        {file ? (
          <>
            <Text size="sm">
              Writes approved time and expenses to {file === "iif" ? "an IIF file" : "an hledger journal"} to
              download from the run's page. Entries exported before are left out unless you ask for them.
            </Text>
            <Checkbox
              label="Include what was exported before"
              checked={again}
              onChange={(event) => setAgain(event.currentTarget.checked)}
            />
            <Group>
              <Button
                onClick={() => send({ kind: "export", format: file, again })}
                loading={asking("export")}
              >
                Export
              </Button>
            </Group>
          </>
        ) : (
          <Stack gap="xs">
            {QBO_RUNS.map((run) => (
              // Side by side at a desk; on a phone the words wrap under their button.
              <Group key={run.kind} gap="sm" wrap="wrap" align="flex-start">
                <Button
                  miw={170}
                  variant={run.kind === "transfer" ? "filled" : "default"}
                  onClick={() => send({ kind: run.kind })}
                  loading={asking(run.kind)}
                >
                  {run.label}
                </Button>
                <Text size="sm" style={{ flex: "1 1 16rem" }}>
                  {run.words}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
        {ask.isError ? (
          <Text size="sm" c="red.8" role="alert">
            {problemText(ask.error)}
          </Text>
        ) : null}
        {ask.data ? <AskedNotice asked={ask.data} /> : null}
      </Stack>
    </Paper>
  );
}
