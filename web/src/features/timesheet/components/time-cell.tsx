/**
 * One day of one row: typed in the firm's terms (1:30, 1.5, 90), saved on its own when the
 * person leaves it or presses Enter, with its state in words for screen readers and a mark for
 * the eye: saving…, saved, or what went wrong.
 */
import { Box, Loader, InputBase, Tooltip } from "@mantine/core";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { problemText } from "../../../api/problem";
import { useCellSave } from "../api/cell-save";
import { durationText, readDuration } from "../../../lib/duration-text";
import { cellMinutes, planCellSave, type GridEntry, type RowKey } from "../timesheet-math";

export interface CellPosition {
  row: number;
  column: number;
}

export function TimeCell({
  staffId,
  row,
  date,
  entries,
  label,
  locked,
  position,
  onMove,
}: {
  staffId: string | null;
  row: RowKey;
  date: string;
  entries: GridEntry[] | undefined;
  label: string;
  locked: string | null;
  position: CellPosition;
  onMove: (from: CellPosition, rowStep: number, columnStep: number) => void;
}) {
  const minutes = cellMinutes(entries);
  const shown = durationText(minutes);
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const editing = useRef(false);
  const save = useCellSave(staffId, row, date);
  const several = (entries?.length ?? 0) > 1;
  const notDraft = entries?.find((entry) => entry.status !== "draft");
  const returnedComment = entries?.find((entry) => entry.reviewComment)?.reviewComment;
  const returned = returnedComment ? `Returned: ${returnedComment}` : null;
  const readOnly =
    locked ??
    (several ? "several entries: open the day to change them" : null) ??
    (notDraft ? `${notDraft.status}` : null);

  // What the server answered replaces what was typed, unless the person is typing.
  useEffect(() => {
    if (!editing.current) setText(shown);
  }, [shown]);

  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(false), 2_000);
    return () => clearTimeout(timer);
  }, [saved]);

  // Saves of one cell run one after another: a value typed while the last one is still on its
  // way is planned from what that save left (an entry made, changed or gone), not from the list
  // as it was before it.
  const inflight = useRef<Promise<void> | null>(null);
  const latest = useRef(entries);
  latest.current = entries;
  const leftBySave = useRef<GridEntry[] | undefined>(undefined);
  useEffect(() => {
    leftBySave.current = undefined;
  }, [entries]);

  const commit = async () => {
    editing.current = false;
    const typed = text;
    const previous = inflight.current;
    const run = (async () => {
      if (previous) await previous;
      const reading = readDuration(typed);
      if ("error" in reading) {
        setProblem(reading.error);
        return;
      }
      const current = leftBySave.current ?? latest.current;
      const plan = planCellSave(current, reading.minutes);
      if (plan.kind === "none") {
        setProblem(null);
        setText(durationText(cellMinutes(current)));
        return;
      }
      if (plan.kind === "refuse") {
        setProblem(plan.reason);
        return;
      }
      setProblem(null);
      try {
        const answer = await save.mutateAsync(plan);
        leftBySave.current = answer && "minutes" in answer ? [answer] : [];
        // The server's rounding (to the firm's increment) is what the cell shows from now on.
        if (!editing.current) setText(answer && "minutes" in answer ? durationText(answer.minutes) : "");
        setSaved(true);
      } catch (error) {
        setProblem(problemText(error));
      }
    })();
    inflight.current = run;
    await run;
    if (inflight.current === run) inflight.current = null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void commit();
      onMove(position, 1, 0);
    } else if (event.key === "Escape") {
      editing.current = false;
      setText(shown);
      setProblem(null);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      onMove(position, event.key === "ArrowDown" ? 1 : -1, 0);
    }
  };

  const stateId = `cell-${position.row}-${position.column}-state`;
  const returnedId = `cell-${position.row}-${position.column}-returned`;
  const state = save.isPending ? "saving" : problem ? problem : saved ? "saved" : readOnly ? readOnly : "";
  return (
    <Box pos="relative">
      <Tooltip
        label={problem ?? readOnly ?? returned ?? ""}
        disabled={!problem && !readOnly && !returned}
        withArrow
        multiline
        maw={260}
      >
        <InputBase
          size="sm"
          value={text}
          readOnly={Boolean(readOnly)}
          aria-label={label}
          // Mantine would replace aria-describedby with its own (none here): the cell's state
          // (saving, saved, what went wrong) is what describes it to a screen reader.
          withAria={false}
          aria-describedby={returned ? `${stateId} ${returnedId}` : stateId}
          aria-invalid={problem ? true : undefined}
          data-cell={`${position.row}:${position.column}`}
          inputMode="decimal"
          autoComplete="off"
          error={Boolean(problem)}
          onChange={(event) => {
            editing.current = true;
            setText(event.currentTarget.value);
          }}
          onBlur={() => {
            if (editing.current) void commit();
          }}
          onKeyDown={onKeyDown}
          styles={{
            input: {
              textAlign: "right",
              fontVariantNumeric: "tabular-nums",
              backgroundColor: readOnly ? "var(--mantine-color-gray-1)" : undefined,
              borderColor: saved ? "var(--mantine-color-green-8)" : undefined,
              // A returned entry is marked for the eye; its comment is in the description.
              borderLeft: returned ? "4px solid var(--mantine-color-red-9)" : undefined,
            },
          }}
          rightSectionWidth={18}
          rightSection={save.isPending ? <Loader size={10} /> : saved ? <span aria-hidden>✓</span> : null}
        />
      </Tooltip>
      <span id={stateId} className="visually-hidden" role="status">
        {state}
      </span>
      {returned ? (
        <span id={returnedId} className="visually-hidden">
          {returned}
        </span>
      ) : null}
    </Box>
  );
}
