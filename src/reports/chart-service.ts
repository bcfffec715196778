/**
 * Chart data for a period and the report filters: hours and amounts by client, by staff, by
 * work code and by month, billable against non-billable, and each series item's billable share.
 * Every series is the basic report's GROUP BY on one level (report-service.groupSums), so a
 * chart's client bar equals the basic report's client line to the cent, and covers exactly the
 * entries the caller's report would.
 */
import { divideRounded, toSafeInteger } from "../domain/money.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import { grandTotal } from "./report-grouping.js";
import { groupSums, prepareReport, type ReportRequest, type ReportVisibility } from "./report-service.js";
import { GROUP_BYS, type GroupBy, type GroupKey, type ReportCriteria, type Totals } from "./report.js";

export type ChartRequest = Omit<ReportRequest, "groupBy">;

export interface ChartItem {
  key: GroupKey;
  totals: Totals;
}

export interface ChartData {
  firm: { name: string; currency: string; minorDigits: number };
  criteria: ReportCriteria;
  series: Record<GroupBy, ChartItem[]>;
  total: Totals;
}

export async function chartData(
  db: Db,
  scope: FirmScope,
  request: ChartRequest,
  visibility: ReportVisibility = {},
): Promise<ChartData> {
  // The grouping is only checked here; each series picks its own.
  const prepared = await prepareReport(db, scope, { ...request, groupBy: ["client"] }, visibility);
  const series = {} as Record<GroupBy, ChartItem[]>;
  for (const by of GROUP_BYS) {
    series[by] = (await groupSums(db, scope, prepared, [by])).map(({ key, totals }) => ({ key, totals }));
  }
  const { name, currency, minorDigits } = scope.firm;
  return {
    firm: { name, currency, minorDigits },
    criteria: prepared.criteria,
    series,
    total: grandTotal(series.client.map((item) => ({ ...item, groups: [], lines: [] }))),
  };
}

/** part / whole in basis points (10,000 = all), rounded half away from zero; null for an empty whole. */
export function shareBasisPoints(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return toSafeInteger(divideRounded(BigInt(part) * 10_000n, BigInt(whole)), "share");
}
