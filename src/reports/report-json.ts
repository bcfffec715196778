/**
 * Reports as JSON for scripts: every amount, rate, duration and quantity appears twice, as the
 * exact integer (minor units, ten-thousandths, minutes, thousandths) and as the formatted text
 * a person reads ("1234.50", "150.00", "1.50"). Scripts add the integers, never the text.
 */
import { formatHours } from "../domain/duration.js";
import { formatAmount, formatQuantity, formatRate } from "../domain/money.js";
import type { GroupBy, Report, ReportGroup, ReportLine, Totals } from "./report.js";

function totalsJson(totals: Totals, minorDigits: number) {
  return {
    minutes: totals.minutes,
    hours: formatHours(totals.minutes),
    billableMinutes: totals.billableMinutes,
    billableHours: formatHours(totals.billableMinutes),
    amount: totals.amount,
    amountText: formatAmount(totals.amount, minorDigits),
    billableAmount: totals.billableAmount,
    billableAmountText: formatAmount(totals.billableAmount, minorDigits),
    timeEntries: totals.timeEntries,
    expenseEntries: totals.expenseEntries,
  };
}

function lineJson(line: ReportLine, minorDigits: number) {
  const time = line.kind === "time";
  return {
    kind: line.kind,
    id: line.id,
    date: line.date,
    staffNumber: line.staffNumber,
    staffName: line.staffName,
    clientCode: line.clientCode,
    clientName: line.clientName,
    projectCode: line.projectCode,
    workCode: line.workCode,
    description: line.description,
    minutes: time ? line.quantity : null,
    hours: time ? formatHours(line.quantity) : null,
    quantity: time ? null : line.quantity,
    quantityText: time ? null : formatQuantity(line.quantity),
    rate: line.rate,
    rateText: formatRate(line.rate),
    amount: line.amount,
    amountText: formatAmount(line.amount, minorDigits),
    billable: line.billable,
    status: line.status,
  };
}

interface GroupJson {
  by: GroupBy;
  id: string;
  code: string;
  name: string;
  totals: ReturnType<typeof totalsJson>;
  /** Sub-groups, on every level but the last. */
  groups?: GroupJson[];
  /** Entry lines, on the last level of a detailed report. */
  lines?: ReturnType<typeof lineJson>[];
}

function groupJson(report: Report, group: ReportGroup): GroupJson {
  const digits = report.firm.minorDigits;
  const { by, id, code, name } = group.key;
  const json: GroupJson = { by, id, code, name, totals: totalsJson(group.totals, digits) };
  if (group.groups.length) json.groups = group.groups.map((sub) => groupJson(report, sub));
  else if (report.type === "detailed") json.lines = group.lines.map((line) => lineJson(line, digits));
  return json;
}

export function reportToJson(report: Report) {
  return {
    report: report.type,
    firm: report.firm.name,
    currency: report.firm.currency,
    minorDigits: report.firm.minorDigits,
    criteria: report.criteria,
    groupBy: report.groupBy,
    groups: report.groups.map((group) => groupJson(report, group)),
    total: totalsJson(report.total, report.firm.minorDigits),
  };
}

export type ReportJson = ReturnType<typeof reportToJson>;

const totalsFromJson = (json: ReturnType<typeof totalsJson>): Totals => ({
  minutes: json.minutes,
  billableMinutes: json.billableMinutes,
  amount: json.amount,
  billableAmount: json.billableAmount,
  timeEntries: json.timeEntries,
  expenseEntries: json.expenseEntries,
});

// The JSON names records by code and name only: the ids a line was built from stay empty,
// which no output format reads.
const lineFromJson = (json: ReturnType<typeof lineJson>): ReportLine => ({
  kind: json.kind,
  id: json.id,
  date: json.date,
  staffId: "",
  staffNumber: json.staffNumber,
  staffName: json.staffName,
  clientId: "",
  clientCode: json.clientCode,
  clientName: json.clientName,
  projectCode: json.projectCode,
  workCodeId: "",
  workCode: json.workCode,
  workCodeName: "",
  description: json.description,
  quantity: json.minutes ?? json.quantity ?? 0,
  rate: json.rate,
  amount: json.amount,
  billable: json.billable,
  status: json.status,
});

const groupFromJson = (json: GroupJson): ReportGroup => ({
  key: { by: json.by, id: json.id, code: json.code, name: json.name },
  totals: totalsFromJson(json.totals),
  groups: (json.groups ?? []).map(groupFromJson),
  lines: (json.lines ?? []).map(lineFromJson),
});

/**
 * A report back from its JSON (as the cloud API sends it), so the CLI prints a cloud's report
 * as text or CSV exactly as it prints a firm file's: reportToJson(reportFromJson(j)) equals j.
 */
export function reportFromJson(json: ReportJson): Report {
  return {
    type: json.report,
    firm: { name: json.firm, currency: json.currency, minorDigits: json.minorDigits },
    criteria: json.criteria,
    groupBy: json.groupBy,
    groups: json.groups.map(groupFromJson),
    total: totalsFromJson(json.total),
  };
}
