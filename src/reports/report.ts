/**
 * The shape of a time & expense transaction report, shared by the service, the grouping and
 * every output format. Pure types and constants: no I/O.
 *
 * Units follow domain.md: amounts are integer minor units, minutes are integers, expense
 * quantities are thousandths, rates ten-thousandths. Every total in a report is the exact sum
 * of the stored, already-rounded line amounts below it; nothing here rounds money.
 */
import type { EntryStatus } from "../domain/entries.js";
import type { EntryKind } from "../time-expense/entry-store.js";

export const REPORT_TYPES = ["basic", "detailed"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const GROUP_BYS = ["client", "staff", "workcode", "month"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** A report groups by one level, or by two (e.g. client, then month). */
export const MAX_GROUP_LEVELS = 2;

export const KIND_FILTERS = ["time", "expense", "both"] as const;
export type KindFilter = (typeof KIND_FILTERS)[number];

export interface Totals {
  /** Time entries only: expense quantities are not hours. */
  minutes: number;
  billableMinutes: number;
  /** Minor units, time and expense together. */
  amount: number;
  billableAmount: number;
  timeEntries: number;
  expenseEntries: number;
}

/** What a group is: a client, a staff member, a work code or a month ("2026-03"). */
export interface GroupKey {
  by: GroupBy;
  /** The record id, or the month itself. */
  id: string;
  /** Client code, staff number, work code, or the month: groups sort by it. */
  code: string;
  /** Client name, staff "First Last", work code name; empty for a month. */
  name: string;
}

/** One time or expense entry as a detailed report shows it. */
export interface ReportLine {
  kind: EntryKind;
  id: string;
  date: string;
  staffId: string;
  staffNumber: string;
  staffName: string;
  clientId: string;
  clientCode: string;
  clientName: string;
  projectCode: string | null;
  workCodeId: string;
  workCode: string;
  workCodeName: string;
  description: string;
  /** Minutes for a time entry; thousandths of a unit for an expense entry. */
  quantity: number;
  /** Hourly rate (time) or unit rate (expense), ten-thousandths: the entry's snapshot. */
  rate: number;
  /** The stored, already-rounded amount in minor units. */
  amount: number;
  billable: boolean;
  status: EntryStatus;
}

/**
 * A group and what lies under it: sub-groups (all levels but the last) or, in a detailed
 * report, the entry lines of a last-level group. Invariant: `totals` is the exact sum of the
 * totals of its sub-groups, or of its lines.
 */
export interface ReportGroup {
  key: GroupKey;
  totals: Totals;
  groups: ReportGroup[];
  lines: ReportLine[];
}

/** The criteria a report was run with, echoed on every output so a printout explains itself. */
export interface ReportCriteria {
  from: string | null;
  to: string | null;
  staff: string | null;
  client: string | null;
  project: string | null;
  workCode: string | null;
  billable: boolean | null;
  status: EntryStatus[];
  kind: KindFilter;
}

export interface Report {
  type: ReportType;
  firm: { name: string; currency: string; minorDigits: number };
  criteria: ReportCriteria;
  groupBy: GroupBy[];
  groups: ReportGroup[];
  /** Invariant: the exact sum of the top-level groups' totals. */
  total: Totals;
}

export const GROUP_TITLES: Record<GroupBy, string> = {
  client: "Client",
  staff: "Staff",
  workcode: "Work code",
  month: "Month",
};
