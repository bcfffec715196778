/**
 * The week: a row per client / project / work code, a cell per day, totals per row and per day.
 * On a phone the row names stay put while the days scroll sideways.
 */
import { Table, Text } from "@mantine/core";
import { useCallback } from "react";
import { formatMinutes } from "../../../lib/format";
import { dayTotal, isLocked, rowTotal, type GridRow } from "../timesheet-math";
import { RowLabel, useRowWords } from "./row-label";
import { TimeCell, type CellPosition } from "./time-cell";

const dayName = new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: "UTC" });
const dayNumber = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

const sticky = {
  position: "sticky" as const,
  left: 0,
  zIndex: 1,
  background: "var(--mantine-color-body)",
  minWidth: 150,
  maxWidth: 220,
};

function GridRowView({
  row,
  index,
  days,
  staffId,
  lockDate,
  onMove,
}: {
  row: GridRow;
  index: number;
  days: string[];
  staffId: string | null;
  lockDate: string | null;
  onMove: (from: CellPosition, rowStep: number, columnStep: number) => void;
}) {
  const words = useRowWords(row);
  return (
    <Table.Tr>
      <Table.Th scope="row" style={sticky}>
        <RowLabel row={row} />
      </Table.Th>
      {days.map((date, column) => (
        <Table.Td key={date} miw={76} p={4}>
          <TimeCell
            staffId={staffId}
            row={row}
            date={date}
            entries={row.cells.get(date)}
            label={`${words}, ${longDay.format(asDate(date))}`}
            locked={isLocked(date, lockDate) ? "locked: on or before the lock date" : null}
            position={{ row: index, column }}
            onMove={onMove}
          />
        </Table.Td>
      ))}
      <Table.Td ta="right" className="tabular" fw={600}>
        {formatMinutes(rowTotal(row))}
      </Table.Td>
    </Table.Tr>
  );
}

export function WeekGrid({
  rows,
  days,
  staffId,
  lockDate,
  today,
}: {
  rows: GridRow[];
  days: string[];
  staffId: string | null;
  lockDate: string | null;
  today: string;
}) {
  const onMove = useCallback((from: CellPosition, rowStep: number, columnStep: number) => {
    const target = document.querySelector<HTMLInputElement>(
      `[data-cell="${from.row + rowStep}:${from.column + columnStep}"]`,
    );
    target?.focus();
    target?.select();
  }, []);
  const weekTotal = rows.reduce((sum, row) => sum + rowTotal(row), 0);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder withColumnBorders verticalSpacing={4} aria-label="Hours of the week">
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={sticky}>Client · work code</Table.Th>
            {days.map((date) => (
              <Table.Th key={date} ta="center" bg={date === today ? "blue.0" : undefined}>
                <Text size="xs" fw={700}>
                  {dayName.format(asDate(date))}
                </Text>
                <Text size="xs" c="dimmed">
                  {dayNumber.format(asDate(date))}
                </Text>
              </Table.Th>
            ))}
            <Table.Th ta="right">Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <GridRowView
              key={row.key}
              row={row}
              index={index}
              days={days}
              staffId={staffId}
              lockDate={lockDate}
              onMove={onMove}
            />
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" style={sticky}>
              Day total
            </Table.Th>
            {days.map((date) => (
              <Table.Td key={date} ta="right" className="tabular" fw={600}>
                {formatMinutes(dayTotal(rows, date))}
              </Table.Td>
            ))}
            <Table.Td ta="right" className="tabular" fw={700}>
              {formatMinutes(weekTotal)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
