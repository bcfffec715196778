/**
 * Builds the group tree of a report from grouped items: entry lines (detailed report) or
 * per-group sums the database computed (basic report). Pure.
 *
 * Invariant: a group's totals are the exact BigInt-checked sum of the totals beneath it, and
 * the grand total the sum of the top-level groups, so every subtotal and total is a sum of the
 * stored, already-rounded line amounts and nothing is rounded again.
 */
import { sumAmounts } from "../domain/money.js";
import type { GroupBy, GroupKey, ReportGroup, ReportLine, Totals } from "./report.js";

/** Something to file under groups: its key at each level, its totals, and its line if any. */
export interface GroupedItem {
  keys: readonly GroupKey[];
  totals: Totals;
  line?: ReportLine;
}

export function sumTotals(parts: readonly Totals[]): Totals {
  const sum = (field: keyof Totals) => sumAmounts(parts.map((part) => part[field]));
  return {
    minutes: sum("minutes"),
    billableMinutes: sum("billableMinutes"),
    amount: sum("amount"),
    billableAmount: sum("billableAmount"),
    timeEntries: sum("timeEntries"),
    expenseEntries: sum("expenseEntries"),
  };
}

/** One line's contribution to its groups' totals. */
export function lineTotals(line: ReportLine): Totals {
  const minutes = line.kind === "time" ? line.quantity : 0;
  return {
    minutes,
    billableMinutes: line.billable ? minutes : 0,
    amount: line.amount,
    billableAmount: line.billable ? line.amount : 0,
    timeEntries: line.kind === "time" ? 1 : 0,
    expenseEntries: line.kind === "expense" ? 1 : 0,
  };
}

/** The group a line falls in at one level. */
function lineKey(line: ReportLine, by: GroupBy): GroupKey {
  switch (by) {
    case "client":
      return { by, id: line.clientId, code: line.clientCode, name: line.clientName };
    case "staff":
      return { by, id: line.staffId, code: line.staffNumber, name: line.staffName };
    case "workcode":
      return { by, id: line.workCodeId, code: line.workCode, name: line.workCodeName };
    case "month":
      return monthKey(line.date.slice(0, 7));
  }
}

export const monthKey = (month: string): GroupKey => ({ by: "month", id: month, code: month, name: "" });

export function lineItem(line: ReportLine, groupBy: readonly GroupBy[]): GroupedItem {
  return { keys: groupBy.map((by) => lineKey(line, by)), totals: lineTotals(line), line };
}

// Plain code-point order (not locale order) so both engines and every machine print groups alike.
const byCode = (a: ReportGroup, b: ReportGroup): number =>
  a.key.code < b.key.code
    ? -1
    : a.key.code > b.key.code
      ? 1
      : a.key.id < b.key.id
        ? -1
        : a.key.id > b.key.id
          ? 1
          : 0;

/**
 * Files items under `levels` grouping levels, in code order. Lines keep the order they came in
 * (the store returns them by date), so a last-level group lists its entries by date.
 */
export function buildGroups(items: Iterable<GroupedItem>, levels: number, level = 0): ReportGroup[] {
  const partitions = new Map<string, { key: GroupKey; items: GroupedItem[] }>();
  for (const item of items) {
    const key = item.keys[level];
    if (!key) throw new RangeError(`an item has no key at grouping level ${level + 1}`);
    const partition = partitions.get(key.id) ?? { key, items: [] };
    partition.items.push(item);
    partitions.set(key.id, partition);
  }
  const groups = [...partitions.values()].map(({ key, items: members }) => {
    if (level + 1 < levels) {
      const subgroups = buildGroups(members, levels, level + 1);
      return { key, totals: sumTotals(subgroups.map((group) => group.totals)), groups: subgroups, lines: [] };
    }
    // A loop, not flatMap: that made an array per line of the report.
    const lines: ReportLine[] = [];
    for (const member of members) if (member.line) lines.push(member.line);
    return { key, totals: sumTotals(members.map((member) => member.totals)), groups: [], lines };
  });
  return groups.sort(byCode);
}

export const grandTotal = (groups: readonly ReportGroup[]): Totals =>
  sumTotals(groups.map((group) => group.totals));
