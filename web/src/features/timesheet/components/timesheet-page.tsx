/**
 * The weekly timesheet: the person's week in a grid they type into, one cell at a time; rows
 * added or copied from last week; the week submitted for review in one step.
 */
import { Alert, Badge, Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { localToday } from "../../../lib/calendar";
import { PageTitle } from "../../../components/page-title";
import { formatDate } from "../../../lib/format";
import { useMe } from "../../../lib/me";
import { useEntriesBetween, useTimeEntryChanges } from "../api/time-entries";
import { addDays, buildRows, rowKeyOf, weekDays, weekStart, type RowKey } from "../timesheet-math";
import { AddRowForm } from "./add-row-form";
import { WeekGrid } from "./week-grid";

const weekWords = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

export function TimesheetPage({ week }: { week: string | undefined }) {
  const me = useMe();
  const navigate = useNavigate();
  const today = localToday();
  const monday = weekStart(week ?? today);
  const days = weekDays(monday);
  const sunday = days[6]!;
  const entries = useEntriesBetween(null, monday, sunday);
  const lastWeek = useEntriesBetween(null, addDays(monday, -7), addDays(monday, -1));
  const [addedRows, setAddedRows] = useState<RowKey[]>([]);
  const [adding, setAdding] = useState(false);
  const changes = useTimeEntryChanges(null);
  const lockDate = me?.firm.lockDate ?? null;

  const items = entries.data?.items;
  const rows = useMemo(() => buildRows(items ?? [], addedRows), [items, addedRows]);
  const drafts = (items ?? []).filter(
    (entry) => entry.status === "draft" && !(lockDate && entry.date <= lockDate),
  );
  const counts = (items ?? []).reduce<Record<string, number>>(
    (all, entry) => ({ ...all, [entry.status]: (all[entry.status] ?? 0) + 1 }),
    {},
  );

  const goToWeek = (date: string) => void navigate({ to: "/time", search: { week: weekStart(date) } });
  const copyLastWeek = () => {
    const known = new Set(rows.map((row) => row.key));
    const copied = buildRows(lastWeek.data?.items ?? []).filter((row) => !known.has(row.key));
    setAddedRows((current) => [
      ...current,
      ...copied.map(({ clientId, projectId, workCodeId }) => ({ clientId, projectId, workCodeId })),
    ]);
  };

  return (
    <Stack>
      <PageTitle
        title="Timesheet"
        subtitle={`Week of ${weekWords.format(new Date(`${monday}T00:00:00Z`))}`}
        actions={
          <>
            <Button
              variant="default"
              onClick={() => goToWeek(addDays(monday, -7))}
              aria-label="Previous week"
            >
              ‹
            </Button>
            <Button variant="default" onClick={() => goToWeek(today)} disabled={monday === weekStart(today)}>
              This week
            </Button>
            <Button variant="default" onClick={() => goToWeek(addDays(monday, 7))} aria-label="Next week">
              ›
            </Button>
          </>
        }
      />
      {lockDate && lockDate >= monday ? (
        <Alert color="gray" variant="light" p="xs">
          Entries on or before {formatDate(lockDate)} are locked: the firm has closed that period.
        </Alert>
      ) : null}
      <Group gap="xs">
        {Object.entries(counts).map(([status, count]) => (
          <Badge
            key={status}
            variant="light"
            color={status === "draft" ? "gray" : status === "approved" ? "green" : "blue"}
          >
            {count} {status}
          </Badge>
        ))}
      </Group>
      {entries.isPending ? (
        <Loader aria-label="Loading the week" />
      ) : entries.isError ? (
        <FormAlert message={problemText(entries.error)} />
      ) : rows.length === 0 && !adding ? (
        <Text>Nothing recorded this week yet. Add a row, or copy last week's rows.</Text>
      ) : (
        <WeekGrid rows={rows} days={days} staffId={null} lockDate={lockDate} today={today} />
      )}
      {adding ? (
        <AddRowForm
          onAdd={(row) => {
            if (!rows.some((existing) => existing.key === rowKeyOf(row)))
              setAddedRows((current) => [...current, row]);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <Group>
        <Button variant="light" onClick={() => setAdding(true)} disabled={adding}>
          Add a row
        </Button>
        <Button variant="default" onClick={copyLastWeek} disabled={!lastWeek.data?.items.length}>
          Copy last week's rows
        </Button>
        <Button
          onClick={() =>
            changes.setStatus.mutate({ ids: drafts.map((entry) => entry.id), status: "submitted" })
          }
          disabled={drafts.length === 0}
          loading={changes.setStatus.isPending}
        >
          Submit the week ({drafts.length})
        </Button>
      </Group>
      {changes.setStatus.isError ? <FormAlert message={problemText(changes.setStatus.error)} /> : null}
      {changes.setStatus.isSuccess ? (
        <Text role="status" size="sm">
          The week's drafts are submitted for review.
        </Text>
      ) : null}
    </Stack>
  );
}
