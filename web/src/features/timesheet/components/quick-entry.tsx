/**
 * Recording time from the home page in three taps: one of the rows used lately, a duration,
 * Record. Anything else (another client, a description) is one tap away in the day view.
 */
import { Button, Card, Chip, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { formatMinutes } from "../../../lib/format";
import { useEntriesBetween, useTimeEntryChanges } from "../api/time-entries";
import { durationText, readDuration } from "../../../lib/duration-text";
import { localToday } from "../../../lib/calendar";
import { addDays, buildRows, rowKeyOf, type RowKey } from "../timesheet-math";
import { useRowWords } from "./row-label";

const DURATIONS = [15, 30, 60, 120];

function RowChip({ row }: { row: RowKey }) {
  return <Chip value={rowKeyOf(row)}>{useRowWords(row)}</Chip>;
}

export function QuickEntry() {
  const today = localToday();
  const recent = useEntriesBetween(null, addDays(today, -13), today);
  const changes = useTimeEntryChanges(null);
  const rows = useMemo(() => {
    const items = [...(recent.data?.items ?? [])].sort((a, b) => b.date.localeCompare(a.date));
    return buildRows(items).slice(0, 4);
  }, [recent.data]);
  const [rowKey, setRowKey] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const todayTotal = (recent.data?.items ?? [])
    .filter((entry) => entry.date === today)
    .reduce((sum, entry) => sum + entry.minutes, 0);
  const row = rows.find((candidate) => candidate.key === (rowKey ?? rows[0]?.key));

  const record = async () => {
    setDone(null);
    const reading = minutes ? { minutes: Number(minutes) } : readDuration(typed);
    if ("error" in reading || reading.minutes === 0 || !row) {
      setProblem("error" in reading ? reading.error : !row ? "Choose what you worked on" : "Choose how long");
      return;
    }
    setProblem(null);
    try {
      const entry = await changes.create.mutateAsync({
        clientId: row.clientId,
        projectId: row.projectId,
        workCodeId: row.workCodeId,
        date: today,
        minutes: reading.minutes,
      });
      setDone(`Recorded ${durationText(entry.minutes)} for today.`);
      setMinutes(null);
      setTyped("");
    } catch (error) {
      setProblem(problemText(error));
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="quick-entry-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="quick-entry-title">
            Record time for today
          </Title>
          <Text size="sm" c="dimmed" className="tabular">
            {formatMinutes(todayTotal)} today
          </Text>
        </Group>
        {rows.length === 0 ? (
          <Text size="sm">
            Your recent clients and work codes will show here. Start in the{" "}
            <Link to="/time/day" search={{ date: today }}>
              day view
            </Link>
            .
          </Text>
        ) : (
          <>
            <Chip.Group multiple={false} value={row?.key ?? null} onChange={setRowKey}>
              <Group gap="xs" aria-label="What you worked on" role="radiogroup">
                {rows.map((candidate) => (
                  <RowChip key={candidate.key} row={candidate} />
                ))}
              </Group>
            </Chip.Group>
            <Chip.Group
              multiple={false}
              value={minutes}
              onChange={(value) => (setMinutes(value), setTyped(""))}
            >
              <Group gap="xs" aria-label="How long" role="radiogroup">
                {DURATIONS.map((duration) => (
                  <Chip key={duration} value={String(duration)}>
                    {durationText(duration)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <Group align="flex-end">
              <TextInput
                label="Or type it"
                placeholder="1:45"
                inputMode="decimal"
                w={140}
                value={typed}
                onChange={(event) => (setTyped(event.currentTarget.value), setMinutes(null))}
              />
              <Button onClick={() => void record()} loading={changes.create.isPending}>
                Record
              </Button>
            </Group>
          </>
        )}
        <FormAlert message={problem ?? undefined} />
        {done ? (
          <Text size="sm" role="status">
            {done}
          </Text>
        ) : null}
        <Group gap="md">
          <Link to="/time/day" search={{ date: today }}>
            Today in detail
          </Link>
          <Link to="/time" search={{ week: undefined }}>
            This week
          </Link>
        </Group>
      </Stack>
    </Card>
  );
}
