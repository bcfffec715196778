/**
 * The detailed report: every entry under its group, with the group's subtotal and the grand
 * total, as the server made them. A long report is drawn a screenful at a time (virtual rows),
 * so a few thousand lines scroll as smoothly as ten.
 */
import { Badge, Box, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { formatDate } from "../../../lib/format";
import type { Report, ReportGroup, ReportLine, ReportTotals } from "../api/reports";

type Row =
  | { type: "group"; depth: number; group: ReportGroup }
  | { type: "line"; depth: number; line: ReportLine }
  | { type: "subtotal"; depth: number; group: ReportGroup }
  | { type: "total"; depth: 0; totals: ReportTotals };

/** Groups, lines and subtotals in print order: the same order as the PDF and the CSV. */
export function reportRows(report: Report): Row[] {
  const rows: Row[] = [];
  const visit = (group: ReportGroup, depth: number) => {
    rows.push({ type: "group", depth, group });
    for (const line of group.lines ?? []) rows.push({ type: "line", depth: depth + 1, line });
    for (const inner of group.groups ?? []) visit(inner, depth + 1);
    rows.push({ type: "subtotal", depth, group });
  };
  for (const group of report.groups) visit(group, 0);
  rows.push({ type: "total", depth: 0, totals: report.total });
  return rows;
}

const DESK_COLUMNS = "7rem minmax(7rem, 1fr) 6rem minmax(10rem, 2fr) 5rem 6rem 7rem 6.5rem";
const HEADERS = ["Date", "Staff", "Code", "Description", "Hours", "Rate", "Amount", "Status"];

const groupName = (group: ReportGroup) =>
  group.by === "month" || group.code === group.name ? group.name : `${group.code} · ${group.name}`;

function LineRow({ line, phone }: { line: ReportLine; phone: boolean }) {
  const quantity = line.kind === "time" ? line.hours : line.quantityText;
  if (phone) {
    return (
      <Box py={6} px="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Box style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
          <Text size="sm" fw={500}>
            {formatDate(line.date)} · {line.workCode}
          </Text>
          <Text size="sm" fw={600}>
            {line.amountText}
          </Text>
        </Box>
        <Text size="sm">{line.description || "—"}</Text>
        <Text size="xs" c="dimmed">
          {line.staffName} · {quantity ?? ""} {line.kind === "time" ? "h" : ""} × {line.rateText}
          {line.billable ? "" : " · non-billable"} · {line.status}
        </Text>
      </Box>
    );
  }
  return (
    <Box
      role="row"
      style={{
        display: "grid",
        gridTemplateColumns: DESK_COLUMNS,
        gap: 8,
        padding: "4px 8px",
        borderBottom: "1px solid var(--mantine-color-gray-3)",
      }}
    >
      <Text role="cell" size="sm">
        {formatDate(line.date)}
      </Text>
      <Text role="cell" size="sm" truncate>
        {line.staffName}
      </Text>
      <Text role="cell" size="sm">
        {line.workCode}
      </Text>
      <Text role="cell" size="sm" style={{ overflowWrap: "anywhere" }}>
        {line.description}
        {line.billable ? null : (
          <Badge ml={6} size="xs" variant="outline" color="gray">
            non-billable
          </Badge>
        )}
      </Text>
      <Text role="cell" size="sm" ta="right">
        {quantity}
      </Text>
      <Text role="cell" size="sm" ta="right">
        {line.rateText}
      </Text>
      <Text role="cell" size="sm" ta="right" fw={500}>
        {line.amountText}
      </Text>
      <Text role="cell" size="sm">
        {line.status}
      </Text>
    </Box>
  );
}

function SumRow({
  label,
  totals,
  depth,
  phone,
}: {
  label: string;
  totals: ReportTotals;
  depth: number;
  phone: boolean;
}) {
  return (
    <Box
      role="row"
      py={6}
      px="xs"
      pl={8 + depth * 16}
      style={{
        display: "flex",
        justifyContent: "space-between",
        gap: 8,
        background: "var(--mantine-color-gray-1)",
        borderBottom: "1px solid var(--mantine-color-gray-4)",
      }}
    >
      <Text role="rowheader" size="sm" fw={700}>
        {label}
      </Text>
      <Text role="cell" size="sm" fw={700} ta="right" style={{ whiteSpace: "nowrap" }}>
        {totals.hours} h{phone ? "" : ` (${totals.billableHours} billable)`} · {totals.amountText}
      </Text>
    </Box>
  );
}

export function ReportDetail({ report }: { report: Report }) {
  const phone = useMediaQuery("(max-width: 48em)") ?? false;
  const rows = useMemo(() => reportRows(report), [report]);
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => setScrollMargin(listRef.current?.offsetTop ?? 0), []);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index]!.type === "line" ? (phone ? 72 : 34) : 36),
    overscan: 12,
    scrollMargin,
  });

  return (
    <Box role="table" aria-label="Detailed report">
      {phone ? null : (
        <Box
          role="row"
          style={{
            display: "grid",
            gridTemplateColumns: DESK_COLUMNS,
            gap: 8,
            padding: "4px 8px",
            borderBottom: "2px solid var(--mantine-color-gray-5)",
          }}
        >
          {HEADERS.map((header, index) => (
            <Text
              key={header}
              role="columnheader"
              size="sm"
              fw={700}
              ta={index >= 4 && index <= 6 ? "right" : undefined}
            >
              {header}
            </Text>
          ))}
        </Box>
      )}
      <div ref={listRef} role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{
                position: "absolute",
                top: 0,
                left: 0,
                width: "100%",
                transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
              }}
            >
              {row.type === "line" ? (
                <LineRow line={row.line} phone={phone} />
              ) : row.type === "group" ? (
                <Box role="row" pt="sm" pb={4} px="xs" pl={8 + row.depth * 16}>
                  <Text role="rowheader" fw={700} size={row.depth === 0 ? "md" : "sm"}>
                    {groupName(row.group)}
                  </Text>
                </Box>
              ) : row.type === "subtotal" ? (
                <SumRow
                  label={`Total ${groupName(row.group)}`}
                  totals={row.group.totals}
                  depth={row.depth}
                  phone={phone}
                />
              ) : (
                <SumRow label="Total" totals={row.totals} depth={0} phone={phone} />
              )}
            </div>
          );
        })}
      </div>
    </Box>
  );
}
