/**
 * The charts: hours and amounts by client, staff, work code and month, billable against
 * non-billable, each staff member's billable share. Bars are drawn from integers the server
 * summed (minutes, minor units, basis points) and labelled with the server's own texts; each
 * chart has its numbers as a table beside it, for screen readers and for reading exact values.
 */
import "@mantine/charts/styles.css";
import { BarChart, DonutChart } from "@mantine/charts";
import { Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { formatMinutes, formatMoney } from "../../../lib/format";
import type { ChartPoint, Charts } from "../api/reports";
import { shareText } from "../report-criteria";

/**
 * The drawings are pictures of the tables beside them: hidden from screen readers, and so kept
 * out of the tab order too (recharts' keyboard layer would make them focusable).
 */
const NOT_FOCUSABLE = { accessibilityLayer: false };

/** Bars a chart shows before "and N more" (the table below still lists the top ones). */
const TOP = 12;
type Measure = "hours" | "amount";

function ChartCard({ title, children, table }: { title: string; children: ReactNode; table: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <div aria-hidden="true">{children}</div>
      <details>
        <summary>
          <Text span size="sm">
            The numbers
          </Text>
        </summary>
        {table}
      </details>
    </Card>
  );
}

function PointsTable({
  caption,
  points,
  money,
}: {
  caption: string;
  points: ChartPoint[];
  money: (minor: number) => string;
}) {
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table verticalSpacing={4} fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col" ta="right">
              Hours
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Billable share
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Amount
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {points.map((point) => (
            <Table.Tr key={point.id}>
              <Table.Th scope="row" fw={400}>
                {point.code === point.name ? point.name : `${point.code} · ${point.name}`}
              </Table.Th>
              <Table.Td ta="right">{point.hours}</Table.Td>
              <Table.Td ta="right">{shareText(point.billableShareBasisPoints)}</Table.Td>
              <Table.Td ta="right">{money(point.amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The biggest by the measure first; the rest counted. */
function top(points: ChartPoint[], measure: Measure): { shown: ChartPoint[]; more: number } {
  const key = measure === "hours" ? "minutes" : "amount";
  const sorted = [...points].sort((a, b) => b[key] - a[key]);
  return { shown: sorted.slice(0, TOP), more: Math.max(0, sorted.length - TOP) };
}

function SplitBars({
  title,
  points,
  measure,
  money,
}: {
  title: string;
  points: ChartPoint[];
  measure: Measure;
  money: (minor: number) => string;
}) {
  const { shown, more } = top(points, measure);
  const data = shown.map((point) => ({
    name: point.code,
    billable: measure === "hours" ? point.billableMinutes : point.billableAmount,
    nonBillable: measure === "hours" ? point.nonBillableMinutes : point.nonBillableAmount,
  }));
  return (
    <ChartCard title={title} table={<PointsTable caption={title} points={shown} money={money} />}>
      {data.length === 0 ? (
        <Text c="dimmed">No entries in the period.</Text>
      ) : (
        <>
          <BarChart
            barChartProps={NOT_FOCUSABLE}
            h={Math.max(160, data.length * 30 + 40)}
            data={data}
            dataKey="name"
            orientation="vertical"
            type="stacked"
            withLegend
            valueFormatter={measure === "hours" ? formatMinutes : money}
            yAxisProps={{ width: 90 }}
            series={[
              { name: "billable", label: "Billable", color: "blue.8" },
              { name: "nonBillable", label: "Non-billable", color: "gray.5" },
            ]}
          />
          {more ? (
            <Text size="sm" c="dimmed">
              and {more} more
            </Text>
          ) : null}
        </>
      )}
    </ChartCard>
  );
}

export function ReportCharts({ charts }: { charts: Charts }) {
  const [measure, setMeasure] = useState<Measure>("hours");
  const money = (minor: number) => formatMoney(minor, charts.minorDigits);
  const months = charts.byMonth.map((point) => ({
    name: point.name,
    billable: measure === "hours" ? point.billableMinutes : point.billableAmount,
    nonBillable: measure === "hours" ? point.nonBillableMinutes : point.nonBillableAmount,
  }));
  const { total } = charts;
  const shares = [...charts.byStaff]
    .filter((point) => point.billableShareBasisPoints !== null)
    .sort((a, b) => (b.billableShareBasisPoints ?? 0) - (a.billableShareBasisPoints ?? 0));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">
          {total.hours} hours ({shareText(total.billableShareBasisPoints)} billable) ·{" "}
          {formatMoney(total.amount, charts.minorDigits, charts.currency)}
        </Text>
        <SegmentedControl
          aria-label="Measure"
          value={measure}
          onChange={(value) => setMeasure(value)}
          data={[
            { value: "hours", label: "Hours" },
            { value: "amount", label: "Amounts" },
          ]}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ChartCard
          title={`${measure === "hours" ? "Hours" : "Amounts"} by month`}
          table={<PointsTable caption="By month" points={charts.byMonth} money={money} />}
        >
          {months.length === 0 ? (
            <Text c="dimmed">No entries in the period.</Text>
          ) : (
            <BarChart
              barChartProps={NOT_FOCUSABLE}
              h={220}
              data={months}
              dataKey="name"
              type="stacked"
              withLegend
              valueFormatter={measure === "hours" ? formatMinutes : money}
              series={[
                { name: "billable", label: "Billable", color: "blue.8" },
                { name: "nonBillable", label: "Non-billable", color: "gray.5" },
              ]}
            />
          )}
        </ChartCard>
        <ChartCard
          title="Billable and non-billable time"
          table={
            <Table fz="sm">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">Billable</Table.Th>
                  <Table.Td ta="right">{formatMinutes(total.billableMinutes)}</Table.Td>
                  <Table.Td ta="right">{money(total.billableAmount)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Non-billable</Table.Th>
                  <Table.Td ta="right">{formatMinutes(total.nonBillableMinutes)}</Table.Td>
                  <Table.Td ta="right">{money(total.nonBillableAmount)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          }
        >
          {total.minutes === 0 ? (
            <Text c="dimmed">No time in the period.</Text>
          ) : (
            <Group justify="center">
              <DonutChart
                pieChartProps={NOT_FOCUSABLE}
                pieProps={{ rootTabIndex: -1 }}
                size={180}
                thickness={28}
                withLabelsLine={false}
                chartLabel={shareText(total.billableShareBasisPoints)}
                valueFormatter={formatMinutes}
                data={[
                  { name: "Billable", value: total.billableMinutes, color: "blue.8" },
                  { name: "Non-billable", value: total.nonBillableMinutes, color: "gray.5" },
                ]}
              />
            </Group>
          )}
        </ChartCard>
        <SplitBars title="By client" points={charts.byClient} measure={measure} money={money} />
        <SplitBars title="By staff" points={charts.byStaff} measure={measure} money={money} />
        <SplitBars title="By work code" points={charts.byWorkCode} measure={measure} money={money} />
        <ChartCard
          title="Billable share by staff"
          table={<PointsTable caption="Billable share by staff" points={shares} money={money} />}
        >
          {shares.length === 0 ? (
            <Text c="dimmed">No time in the period.</Text>
          ) : (
            <BarChart
              barChartProps={NOT_FOCUSABLE}
              h={Math.max(160, Math.min(shares.length, TOP) * 30 + 40)}
              data={shares.slice(0, TOP).map((point) => ({
                name: point.code,
                share: point.billableShareBasisPoints ?? 0,
              }))}
              dataKey="name"
              orientation="vertical"
              valueFormatter={shareText}
              yAxisProps={{ width: 90 }}
              xAxisProps={{ domain: [0, 10000] }}
              series={[{ name: "share", label: "Billable share", color: "teal.8" }]}
            />
          )}
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}
