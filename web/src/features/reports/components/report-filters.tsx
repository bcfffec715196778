/**
 * Every filter and grouping of the reports. A change applies at once (the address changes and
 * the report is asked again); on a phone the filters fold away under one button.
 */
import {
  Button,
  Chip,
  Collapse,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { monthOf } from "../../../lib/calendar";
import { ClientPicker, ProjectPicker, StaffPicker, WorkCodePicker } from "../../../components/record-pickers";
import { mayDo, useMe } from "../../../lib/me";
import { GROUP_BYS, GROUP_TITLES, STATUSES, type Period, type ReportCriteria } from "../report-criteria";

const STATUS_WORDS: Record<(typeof STATUSES)[number], string> = {
  draft: "Draft",
  submitted: "Submitted",
  approved: "Approved",
  billed: "Billed",
  transferred: "Transferred",
};

function PeriodFields({ period, onChange }: { period: Period; onChange: (period: Period) => void }) {
  const thisMonth = monthOf();
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Period"
        value={period.kind}
        onChange={(kind) =>
          onChange(
            kind === "month"
              ? { kind: "month", month: thisMonth }
              : kind === "year"
                ? { kind: "year", year: thisMonth.slice(0, 4) }
                : { kind: "range", from: `${thisMonth}-01`, to: null },
          )
        }
        data={[
          { value: "month", label: "Month" },
          { value: "year", label: "Year" },
          { value: "range", label: "Dates" },
        ]}
      />
      {period.kind === "month" ? (
        <TextInput
          label="Month"
          type="month"
          value={period.month}
          onChange={(event) => {
            const month = event.currentTarget.value;
            if (/^\d{4}-\d{2}$/.test(month)) onChange({ kind: "month", month });
          }}
        />
      ) : period.kind === "year" ? (
        <TextInput
          label="Year"
          inputMode="numeric"
          maxLength={4}
          value={period.year}
          onChange={(event) => {
            const year = event.currentTarget.value;
            if (/^\d{4}$/.test(year)) onChange({ kind: "year", year });
          }}
        />
      ) : (
        // Each date keeps room for the whole date and its picker button: side by side on a
        // phone's full width, one above the other in a desk's narrow column.
        <Group gap="xs" wrap="wrap">
          <TextInput
            label="From"
            type="date"
            style={{ flex: "1 1 10rem" }}
            value={period.from ?? ""}
            onChange={(event) => onChange({ ...period, from: event.currentTarget.value || null })}
          />
          <TextInput
            label="To"
            type="date"
            style={{ flex: "1 1 10rem" }}
            value={period.to ?? ""}
            onChange={(event) => onChange({ ...period, to: event.currentTarget.value || null })}
          />
        </Group>
      )}
    </Stack>
  );
}

export function ReportFilters({
  criteria,
  onChange,
  extra,
}: {
  criteria: ReportCriteria;
  onChange: (criteria: ReportCriteria) => void;
  extra?: ReactNode;
}) {
  const phone = useMediaQuery("(max-width: 48em)");
  // Without staff:R the staff list answers only one's own record: no filter to offer.
  const mayStaff = mayDo(useMe(), "staff", "R");
  const [open, { toggle }] = useDisclosure(false);
  const set = (change: Partial<ReportCriteria>) => onChange({ ...criteria, ...change });
  const [first, second] = criteria.groupBy;
  const activeFilters = [
    criteria.kind !== "both",
    criteria.billable !== null,
    criteria.status.length > 0,
    criteria.clientId,
    criteria.projectId,
    criteria.staffId,
    criteria.workCodeId,
  ].filter(Boolean).length;

  const fields = (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
        <PeriodFields period={criteria.period} onChange={(period) => set({ period })} />
        <Select
          label="Group by"
          value={first}
          allowDeselect={false}
          data={GROUP_BYS.map((by) => ({ value: by, label: GROUP_TITLES[by] }))}
          onChange={(value) => {
            const by = value ?? "client";
            set({ groupBy: second && second !== by ? [by, second] : [by] });
          }}
        />
        <Select
          label="Then by"
          value={second ?? "none"}
          allowDeselect={false}
          data={[
            { value: "none", label: "Nothing" },
            ...GROUP_BYS.filter((by) => by !== first).map((by) => ({ value: by, label: GROUP_TITLES[by] })),
          ]}
          onChange={(value) => set({ groupBy: value && value !== "none" ? [first, value] : [first] })}
        />
        <Select
          label="Entries"
          value={criteria.kind}
          allowDeselect={false}
          data={[
            { value: "both", label: "Time and expenses" },
            { value: "time", label: "Time only" },
            { value: "expense", label: "Expenses only" },
          ]}
          onChange={(value) => set({ kind: value ?? "both" })}
        />
        <Select
          label="Billable"
          value={criteria.billable ?? "all"}
          allowDeselect={false}
          data={[
            { value: "all", label: "Billable and not" },
            { value: "true", label: "Billable only" },
            { value: "false", label: "Non-billable only" },
          ]}
          onChange={(value) => set({ billable: value === "true" || value === "false" ? value : null })}
        />
        <ClientPicker
          label="Client"
          value={criteria.clientId}
          onChange={(clientId) => set({ clientId, projectId: null })}
        />
        <ProjectPicker
          clientId={criteria.clientId}
          value={criteria.projectId}
          onChange={(projectId) => set({ projectId })}
        />
        {mayStaff ? <StaffPicker value={criteria.staffId} onChange={(staffId) => set({ staffId })} /> : null}
        <WorkCodePicker
          kind={criteria.kind === "expense" ? "expense" : "time"}
          label={criteria.kind === "expense" ? "Expense code" : "Work code"}
          value={criteria.workCodeId}
          onChange={(workCodeId) => set({ workCodeId })}
        />
      </SimpleGrid>
      <div role="group" aria-labelledby="report-status-label">
        <Text id="report-status-label" size="sm" fw={500} mb={4}>
          Status {criteria.status.length === 0 ? "(all)" : ""}
        </Text>
        <Chip.Group
          multiple
          value={criteria.status}
          onChange={(status) => set({ status: STATUSES.filter((one) => status.includes(one)) })}
        >
          <Group gap="xs">
            {STATUSES.map((status) => (
              <Chip key={status} value={status} size="sm">
                {STATUS_WORDS[status]}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </div>
      {extra}
    </Stack>
  );

  if (!phone) return fields;
  return (
    <Stack gap="xs">
      <Button variant="default" onClick={toggle} aria-expanded={open} aria-controls="report-filters">
        {open ? "Hide the filters" : `Filters${activeFilters ? ` (${activeFilters} on)` : ""}`}
      </Button>
      <Collapse expanded={open} id="report-filters">
        {fields}
      </Collapse>
    </Stack>
  );
}
