/**
 * Property: whatever the rates and durations (negative adjustments included), a report's total
 * is the sum of its lines, each line being round(rate × minutes / 60) half away from zero, and
 * the group subtotals add up to the grand total. The expected amounts are computed here with
 * BigInt by a formula of the test's own, not by the domain's money functions.
 *
 * 50 runs × 2,000 entries = 100,000 random (rate, minutes) cases per engine (REPORT_PROPERTY_RUNS
 * runs instead: fewer on .ci/run's Node.js 24 pass). Each run records its entries in a month of
 * its own, with the staff rates of that run effective from the 1st.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { addClient } from "../firm-setup/client-service.js";
import { setRate } from "../firm-setup/rate-service.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { countFromEnv } from "../test-support/env-count.js";
import { ENGINES, useTestFirm } from "../test-support/stores.js";
import { addTimeEntries, type TimeEntryInput } from "../time-expense/time-entry-service.js";
import { basicReport, detailedReport } from "./report-service.js";
import type { GroupBy, ReportGroup } from "./report.js";

const RUNS = countFromEnv("REPORT_PROPERTY_RUNS") ?? 50;
const ENTRIES_PER_RUN = 2_000;
const STAFF = ["S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7"];
const CLIENTS = ["C0", "C1", "C2"];
const WORK_CODES = ["T1", "T2"];
const GROUPINGS: GroupBy[][] = [
  ["staff"],
  ["client"],
  ["workcode"],
  ["month"],
  ["staff", "client"],
  ["client", "workcode"],
];

/** round(rate × minutes / 60) in cents, half away from zero: rate is ten-thousandths per hour. */
function expectedCents(rate: number, minutes: number): bigint {
  const numerator = BigInt(rate) * BigInt(minutes) * 100n;
  const denominator = 60n * 10_000n;
  const magnitude = numerator < 0n ? -numerator : numerator;
  const quotient = magnitude / denominator;
  const roundsUp = (magnitude % denominator) * 2n >= denominator;
  const rounded = roundsUp ? quotient + 1n : quotient;
  return numerator < 0n ? -rounded : rounded;
}

const entryArbitrary = fc.record({
  staff: fc.integer({ min: 0, max: STAFF.length - 1 }),
  client: fc.integer({ min: 0, max: CLIENTS.length - 1 }),
  workCode: fc.integer({ min: 0, max: WORK_CODES.length - 1 }),
  day: fc.integer({ min: 1, max: 28 }),
  minutes: fc.integer({ min: -1_440, max: 1_440 }).filter((minutes) => minutes !== 0),
  billable: fc.boolean(),
});

const runArbitrary = fc.record({
  // Up to 10,000.0000 an hour, with every sub-cent fraction (13.125/h is 131250).
  rates: fc.array(fc.integer({ min: 0, max: 100_000_000 }), {
    minLength: STAFF.length,
    maxLength: STAFF.length,
  }),
  entries: fc.array(entryArbitrary, { minLength: ENTRIES_PER_RUN, maxLength: ENTRIES_PER_RUN }),
  groupBy: fc.constantFrom(...GROUPINGS),
});

/** Every leaf group by its path of codes ("S3/C1"), and checks each parent adds up its children. */
function leafAmounts(
  groups: readonly ReportGroup[],
  path: string[] = [],
  into = new Map<string, bigint>(),
): Map<string, bigint> {
  for (const group of groups) {
    const here = [...path, group.key.code];
    if (group.groups.length) {
      const children = group.groups.reduce((sum, sub) => sum + BigInt(sub.totals.amount), 0n);
      expect(BigInt(group.totals.amount)).toBe(children);
      leafAmounts(group.groups, here, into);
    } else into.set(here.join("/"), BigInt(group.totals.amount));
  }
  return into;
}

describe.each(ENGINES)("report totals are sums of rounded lines, on %s", (engine) => {
  const t = useTestFirm(engine, { timeIncrement: 1 });

  beforeAll(async () => {
    for (const number of STAFF)
      await addStaff(t.store.db, t.scope, { staffNumber: number, firstName: "Staff", lastName: number });
    for (const code of CLIENTS) await addClient(t.store.db, t.scope, { code, name: `Client ${code}` });
    for (const code of WORK_CODES)
      await addWorkCode(t.store.db, t.scope, { code, kind: "time", name: `Work ${code}`, rate: 1_000_000 });
  });

  it(`holds over ${RUNS} × ${ENTRIES_PER_RUN} random (rate, minutes) entries`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(runArbitrary, async ({ rates, entries, groupBy }) => {
        // A month of its own per run (shrinking included), so each run's rates and entries stand alone.
        const monthIndex = run++;
        const month = `${2000 + Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, "0")}`;
        for (const [index, rate] of rates.entries()) {
          await setRate(t.store.db, t.scope, { staff: STAFF[index]!, rate, effectiveDate: `${month}-01` });
        }
        const inputs: TimeEntryInput[] = entries.map((entry) => ({
          staff: STAFF[entry.staff]!,
          client: CLIENTS[entry.client]!,
          workCode: WORK_CODES[entry.workCode]!,
          date: `${month}-${String(entry.day).padStart(2, "0")}`,
          minutes: entry.minutes,
          billable: entry.billable,
        }));
        const recorded = await addTimeEntries(t.store.db, t.scope, inputs);

        const expectedById = new Map<string, bigint>();
        const expectedByPath = new Map<string, bigint>();
        let expectedTotal = 0n;
        let expectedBillable = 0n;
        entries.forEach((entry, index) => {
          const cents = expectedCents(rates[entry.staff]!, entry.minutes);
          expectedById.set(recorded[index]!.id, cents);
          expectedTotal += cents;
          if (entry.billable) expectedBillable += cents;
          const codes: Record<GroupBy, string> = {
            staff: STAFF[entry.staff]!,
            client: CLIENTS[entry.client]!,
            workcode: WORK_CODES[entry.workCode]!,
            month,
          };
          const path = groupBy.map((by) => codes[by]).join("/");
          expectedByPath.set(path, (expectedByPath.get(path) ?? 0n) + cents);
        });

        const request = { month, groupBy };
        const basic = await basicReport(t.store.db, t.scope, request);
        const detailed = await detailedReport(t.store.db, t.scope, request);

        const lines = detailed.groups.flatMap(function leaves(group): ReportGroup["lines"] {
          return group.groups.length ? group.groups.flatMap(leaves) : group.lines;
        });
        expect(lines).toHaveLength(ENTRIES_PER_RUN);
        const mispriced = lines.filter((line) => BigInt(line.amount) !== expectedById.get(line.id));
        expect(mispriced).toEqual([]);
        const sumOfLines = lines.reduce((sum, line) => sum + BigInt(line.amount), 0n);

        for (const report of [basic, detailed]) {
          expect(BigInt(report.total.amount)).toBe(expectedTotal);
          expect(BigInt(report.total.amount)).toBe(sumOfLines);
          expect(BigInt(report.total.billableAmount)).toBe(expectedBillable);
          expect(report.total.minutes).toBe(entries.reduce((sum, entry) => sum + entry.minutes, 0));
          expect(report.total.timeEntries).toBe(ENTRIES_PER_RUN);
          const topLevel = report.groups.reduce((sum, group) => sum + BigInt(group.totals.amount), 0n);
          expect(topLevel).toBe(BigInt(report.total.amount));
          expect(leafAmounts(report.groups)).toEqual(expectedByPath);
        }
      }),
      // No shrinking: each step would record 2,000 entries again; `mispriced` names the bad lines.
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 180_000); // 100,000 entries written through the services: slow on a busy PostgreSQL, not a timing test
});
