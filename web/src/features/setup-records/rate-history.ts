/**
 * Rates as histories: one per target (an owner — project, client, staff member or work code —
 * optionally for one work code), oldest to newest, with the row in effect today marked and
 * future rows apart. Which row is in effect comes from the server's `timing` (its today, in the
 * firm's time zone): the newest row that is not future. Pure, so it is tested alone.
 */
export interface RateRow {
  id: string;
  scope: "project" | "client" | "staff" | "work_code";
  staffId: string | null;
  clientId: string | null;
  projectId: string | null;
  workCodeId: string | null;
  staffNumber: string | null;
  clientCode: string | null;
  projectCode: string | null;
  workCode: string | null;
  effectiveDate: string;
  rate: number;
  timing: "historical" | "current" | "future";
}

export interface RateHistoryRow<T extends RateRow> {
  rate: T;
  /** The row that applies to entries dated today. */
  inEffect: boolean;
}

export interface RateHistory<T extends RateRow> {
  key: string;
  /** Where these rates come from, in words: "Client ACME, work code AUD". */
  source: string;
  /** 1 (most specific) to 7: the order in which entries take rates (domain.md, "Rates"). */
  level: number;
  rows: RateHistoryRow<T>[];
}

const targetKey = (rate: RateRow) =>
  [rate.scope, rate.projectId ?? rate.clientId ?? rate.staffId ?? "", rate.workCodeId ?? ""].join(":");

/** The owner and work code a rate belongs to, as people name them. */
export function rateSource(rate: RateRow): string {
  const forCode = rate.workCode ? `, work code ${rate.workCode}` : ", every work code";
  switch (rate.scope) {
    case "project":
      return `Project ${rate.clientCode ?? "?"}/${rate.projectCode ?? "?"}${forCode}`;
    case "client":
      return `Client ${rate.clientCode ?? "?"}${forCode}`;
    case "staff":
      return rate.workCode
        ? `Staff ${rate.staffNumber ?? "?"}, work code ${rate.workCode}`
        : `Staff ${rate.staffNumber ?? "?"}, standard rate`;
    case "work_code":
      return `Work code ${rate.workCode ?? "?"} default`;
  }
}

/** Resolution order: project × work code, project, client × work code, client, staff × work code, staff, default. */
export function rateLevel(rate: Pick<RateRow, "scope" | "workCodeId">): number {
  const order = { project: 0, client: 2, staff: 4, work_code: 6 }[rate.scope];
  return order + (rate.workCodeId || rate.scope === "work_code" ? 1 : 2);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `rates` (any order) as histories, most specific level first, each oldest to newest. */
export function rateHistories<T extends RateRow>(rates: readonly T[]): RateHistory<T>[] {
  const groups = new Map<string, T[]>();
  for (const rate of rates) {
    const key = targetKey(rate);
    groups.set(key, [...(groups.get(key) ?? []), rate]);
  }
  const histories = [...groups.entries()].map(([key, group]) => {
    const sorted = [...group].sort((a, b) => compareText(a.effectiveDate, b.effectiveDate));
    const current = sorted.filter((rate) => rate.timing !== "future").at(-1);
    return {
      key,
      source: rateSource(sorted[0]!),
      level: rateLevel(sorted[0]!),
      rows: sorted.map((rate) => ({ rate, inEffect: rate === current })),
    };
  });
  return histories.sort((a, b) => a.level - b.level || compareText(a.source, b.source));
}
