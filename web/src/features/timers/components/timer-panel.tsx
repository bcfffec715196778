/**
 * The person's timer, whole: the running one (its clock, what it is for, stop, switch, discard)
 * or the form that starts one. Shown in the header's timer popover on every page and as a card
 * on the home page. A forgotten timer (past midnight, or over 10 hours) asks for the real time
 * worked before it is recorded; the server refuses to guess.
 */
import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { ApiProblem, problemField, problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { ClientPicker, ProjectPicker, WorkCodePicker } from "../../../components/record-pickers";
import { durationText } from "../../../lib/duration-text";
import { formatDate, formatDateTime } from "../../../lib/format";
import { clientLabel, useClient, useProject, useWorkCodes, workCodeLabel } from "../../../lib/records";
import { useCurrentTimer, useTimerActions, type Timer } from "../api/timers";
import { clockText, elapsedSeconds, forgottenWords, readWorkedTime, spokenDuration } from "../timer-clock";
import { useNow } from "../use-now";

/** "ACME · Acme Ltd — P1 · Audit — AUD · Audit work" as words for the timer's work. */
function useTimerWork(timer: Pick<Timer, "clientId" | "projectId" | "workCodeId">) {
  const client = useClient(timer.clientId);
  const project = useProject(timer.projectId);
  const codes = useWorkCodes("time");
  const code = codes.data?.items.find((item) => item.id === timer.workCodeId);
  return {
    client: clientLabel(client.data),
    project: project.data ? `${project.data.code} · ${project.data.name}` : null,
    workCode: workCodeLabel(code),
  };
}

/** The running clock, as digits; read by screen readers only when asked (role="timer"). */
export function TimerClock({ timer, size }: { timer: Timer; size?: string }) {
  const now = useNow(1000);
  const seconds = elapsedSeconds(timer.startedAt, now);
  return (
    <Text
      role="timer"
      className="tabular"
      fz={size}
      fw={700}
      aria-label={`running for ${spokenDuration(seconds)}`}
    >
      {clockText(seconds)}
    </Text>
  );
}

type StopField = "minutes" | "description";

function RunningTimer({
  timer,
  onSwitch,
  onRecorded,
}: {
  timer: Timer;
  onSwitch: () => void;
  onRecorded: (message: string) => void;
}) {
  const work = useTimerWork(timer);
  const { stop, discard } = useTimerActions();
  const [description, setDescription] = useState(timer.description);
  const [worked, setWorked] = useState("");
  const [errors, setErrors] = useState<Partial<Record<StopField | "form", string>>>({});
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const forgotten = forgottenWords(timer.forgotten);

  const stopTimer = async () => {
    const reading = readWorkedTime(worked, timer.forgotten !== null);
    if ("error" in reading) return setErrors({ minutes: reading.error });
    const { minutes } = reading;
    setErrors({});
    try {
      const { entry } = await stop.mutateAsync({
        minutes,
        description: description === timer.description ? undefined : description,
      });
      onRecorded(`Recorded ${durationText(entry.minutes)} on ${formatDate(entry.date)} for ${work.client}.`);
    } catch (error) {
      const field = error instanceof ApiProblem ? problemField(error, ["minutes", "description"]) : null;
      setErrors({ [field ?? "form"]: problemText(error) });
    }
  };

  const discardTimer = async () => {
    try {
      await discard.mutateAsync();
      onRecorded("The timer was discarded; nothing was recorded.");
    } catch (error) {
      setErrors({ form: problemText(error) });
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline" wrap="nowrap">
        <Text fw={600}>{timer.forgotten ? "Forgotten timer?" : "Timer running"}</Text>
        <TimerClock timer={timer} size="xl" />
      </Group>
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {work.client}
        </Text>
        <Text size="sm" c="dimmed">
          {[work.project, work.workCode].filter(Boolean).join(" — ")}
        </Text>
        <Text size="xs" c="dimmed">
          Started {formatDateTime(timer.startedAt)}
        </Text>
      </Stack>
      {forgotten ? (
        <Alert color="orange" variant="light" p="sm" title="This timer looks forgotten">
          {forgotten} Type how long you really worked; it is recorded on {formatDate(timer.date)}.
        </Alert>
      ) : null}
      <TextInput
        label={timer.forgotten ? "Time you really worked" : "Time worked (if not the timer's)"}
        placeholder="1:30"
        inputMode="decimal"
        required={timer.forgotten !== null}
        value={worked}
        onChange={(event) => setWorked(event.currentTarget.value)}
        error={errors.minutes}
      />
      <Textarea
        label="Description"
        autosize
        minRows={1}
        maxLength={4000}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        error={errors.description}
      />
      <FormAlert message={errors.form} />
      {confirmDiscard ? (
        <Stack gap="xs">
          <Text size="sm">Throw this timer away? Nothing is recorded.</Text>
          <Group gap="xs">
            <Button color="red" onClick={() => void discardTimer()} loading={discard.isPending}>
              Discard the timer
            </Button>
            <Button variant="default" onClick={() => setConfirmDiscard(false)}>
              Keep it
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group gap="xs">
          <Button onClick={() => void stopTimer()} loading={stop.isPending}>
            Stop and record
          </Button>
          <Button variant="default" onClick={onSwitch}>
            Switch to other work
          </Button>
          <Button variant="subtle" color="red" onClick={() => setConfirmDiscard(true)}>
            Discard
          </Button>
        </Group>
      )}
    </Stack>
  );
}

type StartField = "clientId" | "workCodeId" | "description" | "minutes";
const START_FIELDS: StartField[] = ["clientId", "workCodeId", "description", "minutes"];

/** Starts a timer, or, with `running`, stops that one into an entry and starts this in one go. */
function StartTimerForm({
  running,
  inPopover,
  onCancel,
  onStarted,
}: {
  running: Timer | null;
  inPopover: boolean;
  onCancel?: () => void;
  onStarted: (message: string) => void;
}) {
  const { start, switchTo } = useTimerActions();
  const [clientId, setClientId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [workCodeId, setWorkCodeId] = useState<string | null>(null);
  const [description, setDescription] = useState("");
  const [worked, setWorked] = useState("");
  const [errors, setErrors] = useState<Partial<Record<StartField | "form", string>>>({});

  const submit = async () => {
    const found: typeof errors = {};
    if (!clientId) found.clientId = "Choose the client";
    if (!workCodeId) found.workCodeId = "Choose the work code";
    // Switching from a forgotten timer records it: its real time is needed first.
    const reading = running?.forgotten ? readWorkedTime(worked, true) : {};
    if ("error" in reading) found.minutes = reading.error;
    const minutes = "minutes" in reading ? reading.minutes : undefined;
    setErrors(found);
    if (Object.keys(found).length || !clientId || !workCodeId) return;
    const body = { clientId, projectId, workCodeId, description };
    try {
      if (running) {
        const { stopped } = await switchTo.mutateAsync({ ...body, stop: minutes ? { minutes } : undefined });
        onStarted(
          stopped
            ? `Recorded ${durationText(stopped.minutes)} on ${formatDate(stopped.date)}; the new timer is running.`
            : "The timer is running.",
        );
      } else {
        await start.mutateAsync(body);
        onStarted("The timer is running.");
      }
    } catch (error) {
      if (error instanceof ApiProblem && error.code === "TIMER_RUNNING") {
        setErrors({ form: "A timer is already running, started elsewhere; it is shown now." });
        return;
      }
      const field = error instanceof ApiProblem ? problemField(error, START_FIELDS) : null;
      setErrors({ [field ?? "form"]: problemText(error) });
    }
  };

  return (
    <form onSubmit={(event) => (event.preventDefault(), void submit())} noValidate>
      <Stack gap="sm">
        <Text fw={600}>{running ? "Switch to other work" : "Start a timer"}</Text>
        <SimpleGrid cols={1}>
          <ClientPicker
            inPopover={inPopover}
            value={clientId}
            required
            onChange={(id) => (setClientId(id), setProjectId(null))}
            error={errors.clientId}
          />
          <ProjectPicker
            inPopover={inPopover}
            clientId={clientId}
            value={projectId}
            onChange={setProjectId}
          />
          <WorkCodePicker
            inPopover={inPopover}
            kind="time"
            required
            value={workCodeId}
            onChange={setWorkCodeId}
            error={errors.workCodeId}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          autosize
          minRows={1}
          maxLength={4000}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.description}
        />
        {running?.forgotten ? (
          <TextInput
            label="Time you really worked on the running timer"
            description={forgottenWords(running.forgotten) ?? undefined}
            placeholder="1:30"
            inputMode="decimal"
            required
            value={worked}
            onChange={(event) => setWorked(event.currentTarget.value)}
            error={errors.minutes}
          />
        ) : null}
        <FormAlert message={errors.form} />
        <Group gap="xs">
          <Button type="submit" loading={start.isPending || switchTo.isPending}>
            {running ? "Switch" : "Start timer"}
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

/** `inPopover`: shown in the header's popover (its lists then open in place). */
export function TimerPanel({ inPopover = false }: { inPopover?: boolean }) {
  const current = useCurrentTimer();
  const [switching, setSwitching] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const timer = current.data ?? null;
  const done = (words: string) => {
    setSwitching(false);
    setMessage(words);
  };
  if (current.isPending) return <Loader size="sm" aria-label="Loading the timer" />;
  if (current.isError) return <FormAlert message={problemText(current.error)} />;
  return (
    <Stack gap="sm">
      {timer && !switching ? (
        <RunningTimer
          key={timer.id}
          timer={timer}
          onSwitch={() => (setSwitching(true), setMessage(null))}
          onRecorded={done}
        />
      ) : (
        <StartTimerForm
          key={timer?.id ?? "none"}
          running={timer}
          inPopover={inPopover}
          onCancel={timer ? () => setSwitching(false) : undefined}
          onStarted={done}
        />
      )}
      {/* Always present, so what is put in it is announced. */}
      <Text size="sm" role="status">
        {message}
      </Text>
    </Stack>
  );
}
