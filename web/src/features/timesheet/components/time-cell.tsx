/**
 * One day of one row: typed in the firm's terms (1:30, 1.5, 90), saved on its own when the
 * person leaves it or presses Enter, with its state in words for screen readers and a mark for
 * the eye: saving…, saved, or what went wrong.
 */
import { Box, Loader, TextInput, Tooltip } from "@mantine/core";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { problemText } from "../../../api/problem";
import { useCellSave } from "../api/cell-save";
import { durationText, readDuration } from "../duration-text";
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

  const commit = async () => {
    editing.current = false;
    const reading = readDuration(text);
    if ("error" in reading) {
      setProblem(reading.error);
      return;
    }
    const plan = planCellSave(entries, reading.minutes);
    if (plan.kind === "none") {
      setProblem(null);
      setText(shown);
      return;
    }
    if (plan.kind === "refuse") {
      setProblem(plan.reason);
      return;
    }
    setProblem(null);
    try {
      const answer = await save.mutateAsync(plan);
      // The server's rounding (to the firm's increment) is what the cell shows from now on.
      setText(answer && "minutes" in answer ? durationText(answer.minutes) : "");
      setSaved(true);
    } catch (error) {
      setProblem(problemText(error));
    }
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
  const state = save.isPending ? "saving" : problem ? problem : saved ? "saved" : readOnly ? readOnly : "";
  return (
    <Box pos="relative">
      <Tooltip label={problem ?? readOnly ?? ""} disabled={!problem && !readOnly} withArrow>
        <TextInput
          size="sm"
          value={text}
          readOnly={Boolean(readOnly)}
          aria-label={label}
          aria-describedby={stateId}
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
            },
          }}
          rightSectionWidth={18}
          rightSection={save.isPending ? <Loader size={10} /> : saved ? <span aria-hidden>✓</span> : null}
        />
      </Tooltip>
      <span id={stateId} className="visually-hidden" role="status">
        {state}
      </span>
    </Box>
  );
}
