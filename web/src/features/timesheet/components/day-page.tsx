/**
 * One day's time, entry by entry: what the grid shows as a single cell, opened up. Entries are
 * added, changed and deleted here, descriptions included; locked and reviewed entries say so, and
 * an entry a reviewer returned shows the reviewer's comment.
 */
import { Badge, Button, Card, Group, Loader, Stack, Text } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { formatMinutes } from "../../../lib/format";
import { useMe } from "../../../lib/me";
import { useEntriesBetween, useTimeEntryChanges, type TimeEntry } from "../api/time-entries";
import { localToday } from "../../../lib/calendar";
import { addDays, isLocked } from "../timesheet-math";
import { EntryForm } from "./entry-form";
import { RowLabel } from "./row-label";

const dayWords = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeZone: "UTC" });

function EntryCard({ entry }: { entry: TimeEntry }) {
  const [editing, setEditing] = useState(false);
  const changes = useTimeEntryChanges(null);
  // The server says whether the entry is locked (its status or the firm's lock date).
  const locked = entry.locked;
  const editable = entry.status === "draft" && !locked;
  if (editing) {
    return (
      <Card withBorder>
        <EntryForm
          entry={entry}
          date={entry.date}
          submitLabel="Save"
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await changes.update.mutateAsync({ id: entry.id, change: values });
            setEditing(false);
          }}
        />
      </Card>
    );
  }
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} miw={0}>
          <RowLabel row={entry} />
          {entry.description ? <Text size="sm">{entry.description}</Text> : null}
          {entry.reviewComment ? (
            <Text size="sm" c="red.9">
              <Text span fw={700}>
                Returned:
              </Text>{" "}
              {entry.reviewComment}
            </Text>
          ) : null}
          <Group gap={6}>
            <Badge variant="light" color={entry.status === "draft" ? "gray" : "blue"}>
              {entry.status}
            </Badge>
            {entry.billable ? null : (
              <Badge variant="outline" color="gray">
                not billable
              </Badge>
            )}
            {locked ? (
              <Badge variant="outline" color="dark">
                locked
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Text fw={700} className="tabular">
          {formatMinutes(entry.minutes)}
        </Text>
      </Group>
      {editable ? (
        <Group mt="sm" gap="xs">
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            Change
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            loading={changes.remove.isPending}
            onClick={() => changes.remove.mutate(entry.id)}
          >
            Delete
          </Button>
        </Group>
      ) : null}
      {changes.remove.isError ? <FormAlert message={problemText(changes.remove.error)} /> : null}
    </Card>
  );
}

export function DayPage({ date }: { date: string | undefined }) {
  const me = useMe();
  const navigate = useNavigate();
  const day = date ?? localToday();
  const entries = useEntriesBetween(null, day, day);
  const changes = useTimeEntryChanges(null);
  const [adding, setAdding] = useState(false);
  const lockDate = me?.firm.lockDate ?? null;
  const total = (entries.data?.items ?? []).reduce((sum, entry) => sum + entry.minutes, 0);
  const go = (to: string) => void navigate({ to: "/time/day", search: { date: to } });
  return (
    <Stack>
      <PageTitle
        title="Day"
        subtitle={`${dayWords.format(new Date(`${day}T00:00:00Z`))} · ${formatMinutes(total)} recorded`}
        actions={
          <>
            <Button variant="default" aria-label="Previous day" onClick={() => go(addDays(day, -1))}>
              ‹
            </Button>
            <Button variant="default" disabled={day === localToday()} onClick={() => go(localToday())}>
              Today
            </Button>
            <Button variant="default" aria-label="Next day" onClick={() => go(addDays(day, 1))}>
              ›
            </Button>
          </>
        }
      />
      {isLocked(day, lockDate) ? (
        <Text size="sm">This day is on or before the lock date: its entries can no longer change.</Text>
      ) : adding ? (
        <Card withBorder>
          <EntryForm
            date={day}
            submitLabel="Record"
            onCancel={() => setAdding(false)}
            onSubmit={async (values) => {
              await changes.create.mutateAsync(values);
              setAdding(false);
            }}
          />
        </Card>
      ) : (
        <Group>
          <Button onClick={() => setAdding(true)}>Record time</Button>
        </Group>
      )}
      {entries.isPending ? <Loader aria-label="Loading the day" /> : null}
      {entries.isError ? <FormAlert message={problemText(entries.error)} /> : null}
      {entries.data?.items.length === 0 ? <Text c="dimmed">Nothing recorded on this day.</Text> : null}
      {entries.data?.items.map((entry) => (
        <EntryCard key={entry.id} entry={entry} />
      ))}
    </Stack>
  );
}
