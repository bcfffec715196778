/**
 * Reports: the summary (basic report), every entry (detailed report) and the charts, for one set
 * of filters kept in the address. Downloads make the same report on the server.
 */
import { Alert, Group, Loader, Stack, Tabs, Text } from "@mantine/core";
import { problemText } from "../../../api/problem";
import { PageTitle } from "../../../components/page-title";
import { useCharts, useReport } from "../api/reports";
import { periodWords, type ReportCriteria } from "../report-criteria";
import { ReportCharts } from "./report-charts";
import { ReportDetail } from "./report-detail";
import { ReportDownload } from "./report-download";
import { ReportFilters } from "./report-filters";
import { ReportSummary } from "./report-summary";

export type ReportView = "summary" | "detailed" | "charts";

/** Beyond this many entries the detailed report is downloaded, not drawn on the page. */
export const DETAIL_ON_SCREEN_LIMIT = 10_000;

const monthWords = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
const formatMonth = (month: string) => monthWords.format(new Date(`${month}-01T00:00:00Z`));

function Waiting({ what }: { what: string }) {
  return (
    <Group gap="xs" p="md">
      <Loader size="sm" aria-hidden />
      <Text size="sm">Making {what}…</Text>
    </Group>
  );
}

function Failure({ error }: { error: unknown }) {
  return (
    <Alert color="red" variant="light" role="alert">
      {problemText(error)}
    </Alert>
  );
}

export function ReportsPage({
  criteria,
  view,
  onChange,
}: {
  criteria: ReportCriteria;
  view: ReportView;
  onChange: (criteria: ReportCriteria, view: ReportView) => void;
}) {
  const summary = useReport("basic", criteria);
  const entries = summary.data ? summary.data.total.timeEntries + summary.data.total.expenseEntries : null;
  const detailFits = entries !== null && entries <= DETAIL_ON_SCREEN_LIMIT;
  const detail = useReport("detailed", criteria, view === "detailed" && detailFits);
  const charts = useCharts(criteria, view === "charts");

  return (
    <Stack gap="md">
      <PageTitle
        title="Reports"
        subtitle={periodWords(criteria.period, formatMonth)}
        actions={
          view === "charts" ? null : (
            <ReportDownload type={view === "detailed" ? "detailed" : "basic"} criteria={criteria} />
          )
        }
      />
      <ReportFilters criteria={criteria} onChange={(next) => onChange(next, view)} />
      <Tabs
        value={view}
        onChange={(next) => onChange(criteria, (next ?? "summary") as ReportView)}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="summary">Summary</Tabs.Tab>
          <Tabs.Tab value="detailed">Every entry</Tabs.Tab>
          <Tabs.Tab value="charts">Charts</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="summary" pt="md">
          {summary.error ? (
            <Failure error={summary.error} />
          ) : summary.data ? (
            summary.data.groups.length === 0 ? (
              <Text>No entries match these filters in the period.</Text>
            ) : (
              <ReportSummary report={summary.data} />
            )
          ) : (
            <Waiting what="the report" />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="detailed" pt="md">
          {summary.error ? (
            <Failure error={summary.error} />
          ) : entries !== null && !detailFits ? (
            <Alert color="blue" variant="light">
              This report has {entries.toLocaleString()} entries, too many to show on the page. Download it as
              CSV, XLSX or PDF above, or narrow the filters.
            </Alert>
          ) : detail.error ? (
            <Failure error={detail.error} />
          ) : detail.data ? (
            detail.data.groups.length === 0 ? (
              <Text>No entries match these filters in the period.</Text>
            ) : (
              <ReportDetail report={detail.data} />
            )
          ) : (
            <Waiting what="the detailed report" />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="charts" pt="md">
          {charts.error ? (
            <Failure error={charts.error} />
          ) : charts.data ? (
            <ReportCharts charts={charts.data} />
          ) : (
            <Waiting what="the charts" />
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export type { ReportCriteria };
