/**
 * Chart data as the API sends it: integers (minutes, minor units, basis points) beside the
 * formatted text a label shows ("12.50", "1234.50"). A chart scales the integers; nothing here
 * turns money into a float.
 */
import { z } from "zod";
import { formatHours } from "../domain/duration.js";
import { formatAmount } from "../domain/money.js";
import { ENTRY_STATUSES } from "../domain/entries.js";
import { shareBasisPoints, type ChartData, type ChartItem } from "./chart-service.js";
import { KIND_FILTERS, type Totals } from "./report.js";

const figuresSchema = z.object({
  minutes: z.number().int(),
  hours: z.string(),
  billableMinutes: z.number().int(),
  nonBillableMinutes: z.number().int(),
  amount: z.number().int().describe("minor units"),
  amountText: z.string(),
  billableAmount: z.number().int().describe("minor units"),
  nonBillableAmount: z.number().int().describe("minor units"),
  timeEntries: z.number().int(),
  expenseEntries: z.number().int(),
  billableShareBasisPoints: z
    .number()
    .int()
    .nullable()
    .describe("billable minutes / minutes in basis points (10000 = all billable); null without time"),
});

const itemSchema = figuresSchema.extend({
  id: z.string().describe("the client, staff or work code id, or the month (YYYY-MM)"),
  code: z.string(),
  name: z.string(),
});

export const chartSchema = z.object({
  firm: z.string(),
  currency: z.string(),
  minorDigits: z.number().int(),
  criteria: z.object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    staff: z.string().nullable(),
    client: z.string().nullable(),
    project: z.string().nullable(),
    workCode: z.string().nullable(),
    billable: z.boolean().nullable(),
    status: z.array(z.enum(ENTRY_STATUSES)),
    kind: z.enum(KIND_FILTERS),
  }),
  total: figuresSchema,
  byClient: z.array(itemSchema).describe("in client code order"),
  byStaff: z.array(itemSchema).describe("in staff number order"),
  byWorkCode: z.array(itemSchema).describe("in work code order"),
  byMonth: z.array(itemSchema).describe("months with entries, oldest first"),
});

export type ChartJson = z.infer<typeof chartSchema>;

function figures(totals: Totals, minorDigits: number): z.infer<typeof figuresSchema> {
  return {
    minutes: totals.minutes,
    hours: formatHours(totals.minutes),
    billableMinutes: totals.billableMinutes,
    nonBillableMinutes: totals.minutes - totals.billableMinutes,
    amount: totals.amount,
    amountText: formatAmount(totals.amount, minorDigits),
    billableAmount: totals.billableAmount,
    nonBillableAmount: totals.amount - totals.billableAmount,
    timeEntries: totals.timeEntries,
    expenseEntries: totals.expenseEntries,
    billableShareBasisPoints: shareBasisPoints(totals.billableMinutes, totals.minutes),
  };
}

const items = (series: readonly ChartItem[], minorDigits: number) =>
  series.map(({ key, totals }) => ({
    id: key.id,
    code: key.code,
    name: key.name,
    ...figures(totals, minorDigits),
  }));

export function chartToJson(data: ChartData): ChartJson {
  const digits = data.firm.minorDigits;
  return {
    firm: data.firm.name,
    currency: data.firm.currency,
    minorDigits: digits,
    criteria: data.criteria,
    total: figures(data.total, digits),
    byClient: items(data.series.client, digits),
    byStaff: items(data.series.staff, digits),
    byWorkCode: items(data.series.workcode, digits),
    byMonth: items(data.series.month, digits),
  };
}
