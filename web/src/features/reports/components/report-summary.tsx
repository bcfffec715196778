/**
 * The basic report: one line per group (and per group within it), with the server's totals as
 * integers (minor units) and hour texts: nothing is added up in the browser.
 */
import { Table, Text } from "@mantine/core";
import { formatMoney } from "../../../lib/format";
import type { Report, ReportGroup, ReportTotals } from "../api/reports";
import { GROUP_TITLES } from "../report-criteria";

function TotalsCells({ totals, strong, digits }: { totals: ReportTotals; strong?: boolean; digits: number }) {
  const weight = strong ? 700 : undefined;
  return (
    <>
      <Table.Td ta="right" fw={weight}>
        {totals.hours}
      </Table.Td>
      <Table.Td ta="right" fw={weight} visibleFrom="sm">
        {totals.billableHours}
      </Table.Td>
      <Table.Td ta="right" fw={weight}>
        {formatMoney(totals.amount, digits)}
      </Table.Td>
      <Table.Td ta="right" fw={weight} visibleFrom="sm">
        {formatMoney(totals.billableAmount, digits)}
      </Table.Td>
      <Table.Td ta="right" fw={weight} visibleFrom="md">
        {totals.timeEntries + totals.expenseEntries}
      </Table.Td>
    </>
  );
}

const groupName = (group: ReportGroup) =>
  group.by === "month" || group.code === group.name ? group.name : `${group.code} · ${group.name}`;

export function ReportSummary({ report }: { report: Report }) {
  const [first, second] = report.groupBy;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped verticalSpacing="xs" aria-label="Report summary">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              {GROUP_TITLES[first!]}
              {second ? `, then ${GROUP_TITLES[second].toLowerCase()}` : ""}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Hours
            </Table.Th>
            <Table.Th scope="col" ta="right" visibleFrom="sm">
              Billable hours
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Amount ({report.currency})
            </Table.Th>
            <Table.Th scope="col" ta="right" visibleFrom="sm">
              Billable amount
            </Table.Th>
            <Table.Th scope="col" ta="right" visibleFrom="md">
              Entries
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.groups.map((group) => [
            <Table.Tr key={`${group.by}:${group.id}`}>
              <Table.Th scope="row" fw={second ? 700 : 500}>
                {groupName(group)}
              </Table.Th>
              <TotalsCells totals={group.totals} strong={Boolean(second)} digits={report.minorDigits} />
            </Table.Tr>,
            ...(group.groups ?? []).map((inner) => (
              <Table.Tr key={`${group.id}/${inner.by}:${inner.id}`}>
                <Table.Th scope="row" fw={400} pl="xl">
                  <Text span size="sm">
                    {groupName(inner)}
                  </Text>
                </Table.Th>
                <TotalsCells totals={inner.totals} digits={report.minorDigits} />
              </Table.Tr>
            )),
          ])}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">Total</Table.Th>
            <TotalsCells totals={report.total} strong digits={report.minorDigits} />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
