/**
 * One time entry, new or changed: client, project, work code, date, duration, description and
 * whether it is billable (the work code's default unless chosen). The server's answer decides:
 * its words land beside the field they are about.
 */
import { Button, Checkbox, Group, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { FormAlert } from "../../../components/form-alert";
import { ClientPicker, ProjectPicker, WorkCodePicker } from "../../../components/record-pickers";
import { ApiProblem, problemField, problemText } from "../../../api/problem";
import type { TimeEntry } from "../api/time-entries";
import { durationText, readDuration } from "../../../lib/duration-text";

export interface EntryFormValues {
  clientId: string;
  projectId: string | null;
  workCodeId: string;
  date: string;
  minutes: number;
  description: string;
  billable: boolean | undefined;
}

type Field = "clientId" | "workCodeId" | "date" | "minutes" | "description";
const FIELDS: Field[] = ["clientId", "workCodeId", "date", "minutes", "description"];

export function EntryForm({
  entry,
  date,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  entry?: TimeEntry | undefined;
  date: string;
  submitLabel: string;
  onSubmit: (values: EntryFormValues) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [clientId, setClientId] = useState<string | null>(entry?.clientId ?? null);
  const [projectId, setProjectId] = useState<string | null>(entry?.projectId ?? null);
  const [workCodeId, setWorkCodeId] = useState<string | null>(entry?.workCodeId ?? null);
  const [day, setDay] = useState(entry?.date ?? date);
  const [duration, setDuration] = useState(entry ? durationText(entry.minutes) : "");
  const [description, setDescription] = useState(entry?.description ?? "");
  const [billable, setBillable] = useState<boolean | undefined>(entry?.billable);
  const [errors, setErrors] = useState<Partial<Record<Field | "form", string>>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const reading = readDuration(duration);
    const found: typeof errors = {};
    if (!clientId) found.clientId = "Choose the client";
    if (!workCodeId) found.workCodeId = "Choose the work code";
    if ("error" in reading) found.minutes = reading.error;
    else if (reading.minutes === 0) found.minutes = "Type how long, like 1:30";
    setErrors(found);
    if (Object.keys(found).length || !clientId || !workCodeId || "error" in reading) return;
    setBusy(true);
    try {
      await onSubmit({
        clientId,
        projectId,
        workCodeId,
        date: day,
        minutes: reading.minutes,
        description,
        billable,
      });
    } catch (error) {
      const field = error instanceof ApiProblem ? problemField(error, FIELDS) : null;
      setErrors({ [field ?? "form"]: problemText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => (event.preventDefault(), void submit())} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <ClientPicker
            value={clientId}
            required
            onChange={(id) => {
              setClientId(id);
              setProjectId(null);
            }}
            error={errors.clientId}
          />
          <ProjectPicker clientId={clientId} value={projectId} onChange={setProjectId} />
          <WorkCodePicker
            kind="time"
            required
            value={workCodeId}
            onChange={setWorkCodeId}
            error={errors.workCodeId}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <TextInput
            label="Date"
            type="date"
            required
            value={day}
            onChange={(event) => setDay(event.currentTarget.value)}
            error={errors.date}
          />
          <TextInput
            label="Time"
            placeholder="1:30"
            required
            inputMode="decimal"
            value={duration}
            onChange={(event) => setDuration(event.currentTarget.value)}
            error={errors.minutes}
          />
          <Checkbox
            mt={{ base: 0, sm: 32 }}
            label="Billable"
            checked={billable ?? true}
            indeterminate={billable === undefined}
            onChange={(event) => setBillable(event.currentTarget.checked)}
            description={billable === undefined ? "as the work code says" : undefined}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxLength={4000}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.description}
        />
        <FormAlert message={errors.form} />
        <Group>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
