/**
 * The reports scenario's hand-written SQL gives what our report service gives, on the demo
 * firm (time and expense entries, projects, billable and not): the same lines in the same
 * order, the same totals per client. And a difference is caught.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoFirm } from "../demo/demo-firm.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { basicReport, detailedReport } from "../reports/report-service.js";
import { fixedClock } from "../store/clock.js";
import { createFirmFile, openFirmFile } from "../store/database.js";
import {
  busiestPeriod,
  checkSameDetailed,
  checkSameYearTotals,
  createFloor,
  detailedOf,
  yearTotalsOf,
} from "./report-floor.js";

const clock = fixedClock("2026-06-15T12:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "firmtime-report-floor-"));
const firmFile = join(dir, "demo.firm");

beforeAll(async () => {
  const store = await createFirmFile(firmFile);
  try {
    await seedDemoFirm(store.db, clock, { password: "demo password, long enough" });
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the reports floor", () => {
  it("computes our detailed month and year's totals by client with hand-written SQL", async () => {
    const raw = new BetterSqlite3(firmFile, { readonly: true });
    const store = await openFirmFile(firmFile);
    try {
      const period = busiestPeriod(raw);
      const floor = createFloor(raw, period);
      const scope: FirmScope = { firm: await findOnlyFirm(store.db), clock, actor: "test" };
      expect(period.firmId).toBe(scope.firm.id);

      const ours = detailedOf(
        await detailedReport(store.db, scope, { month: period.month, groupBy: ["client"] }),
      );
      const hand = floor.detailed();
      expect(hand.lineIds.length).toBeGreaterThan(10);
      expect([...hand.byClient.values()].some((totals) => totals.expenseEntries > 0)).toBe(true);
      checkSameDetailed(ours, hand);

      const year = yearTotalsOf(
        await basicReport(store.db, scope, { year: period.year, groupBy: ["client"] }),
      );
      checkSameYearTotals(year, floor.yearTotals());

      const swapped = { ...hand, lineIds: [...hand.lineIds].reverse() };
      expect(() => checkSameDetailed(ours, swapped)).toThrow(/line 1 is/);
      const [client, totals] = [...hand.byClient][0]!;
      const off = new Map(hand.byClient).set(client, { ...totals, amount: totals.amount + 1 });
      expect(() => checkSameDetailed(ours, { ...hand, byClient: off })).toThrow(/totals differ/);
    } finally {
      raw.close();
      await store.close();
    }
  });
});
