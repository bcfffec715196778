/**
 * A run's items: what moved, what was refused and why, what waits for which counterpart; a page
 * of 100 at a time ("Load more" asks for those after the last shown). A readiness check's items
 * are its findings, grouped under plain headings; other runs' can be narrowed to one outcome.
 */
import { Button, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { useRunItems, type AccountingRun, type RunItem } from "../api/runs";
import { outcomesOf, outcomeWords, phaseWords, READINESS_GROUPS } from "./run-words";

function ItemRow({ item }: { item: RunItem }) {
  return (
    <li>
      <Text size="sm">
        <Text span size="sm" fw={500}>
          {item.name.charAt(0).toUpperCase() + item.name.slice(1)}
        </Text>
        {" — "}
        {item.message}
      </Text>
      <Text size="xs" c="dark.4">
        {phaseWords(item.phase)} · {outcomeWords(item.outcome)}
        {item.externalId ? ` · id in the books ${item.externalId}` : ""}
      </Text>
    </li>
  );
}

function ItemList({ run, outcome, empty }: { run: AccountingRun; outcome: string | null; empty: string }) {
  // Read again from the start when the run moves on (its items grow while it runs).
  const items = useRunItems(run.id, outcome, `${run.status}:${run.progress.done}`);
  const rows = items.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="xs">
      {items.isPending ? <Text size="sm">Loading…</Text> : null}
      {items.isError ? (
        <Text size="sm" c="red.8" role="alert">
          {problemText(items.error)}
        </Text>
      ) : null}
      {items.data && rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : null}
      {rows.length > 0 ? (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: "none" }}>
          {rows.map((item) => (
            <ItemRow key={item.seq} item={item} />
          ))}
        </Stack>
      ) : null}
      {items.hasNextPage ? (
        <Group>
          <Button
            variant="default"
            size="xs"
            loading={items.isFetchingNextPage}
            onClick={() => void items.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** The readiness check's findings, one section per kind of finding it recorded. */
export function ReadinessFindings({ run }: { run: AccountingRun }) {
  const found = READINESS_GROUPS.filter(({ outcome }) => (run.summary?.[`readiness.${outcome}`] ?? 0) > 0);
  if (run.status !== "done") return null;
  if (found.length === 0)
    return (
      <Paper withBorder p="md">
        <Text size="sm">Ready: every record is linked and named the same on both sides.</Text>
      </Paper>
    );
  return (
    <>
      {found.map(({ outcome, heading }) => (
        <Paper key={outcome} withBorder p="md" component="section" aria-labelledby={`found-${outcome}`}>
          <Stack gap="xs">
            <Title order={2} size="h4" id={`found-${outcome}`}>
              {heading} ({(run.summary?.[`readiness.${outcome}`] ?? 0).toLocaleString()})
            </Title>
            <ItemList run={run} outcome={outcome} empty="None." />
          </Stack>
        </Paper>
      ))}
    </>
  );
}

export function RunItems({ run }: { run: AccountingRun }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomes = outcomesOf(run.summary);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="items-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="items-title">
          What the run did
        </Title>
        {outcomes.length > 1 ? (
          <Select
            label="Show"
            data={outcomes.map((value) => ({ value, label: outcomeWords(value) }))}
            value={outcome}
            onChange={setOutcome}
            clearable
            placeholder="Everything"
            w={280}
          />
        ) : null}
        <ItemList
          run={run}
          outcome={outcome}
          empty={run.status === "queued" ? "The run has not started yet." : "Nothing recorded."}
        />
      </Stack>
    </Paper>
  );
}
