/**
 * Scenario "accounting": approved time entries posted to the QBO-compatible server at
 * QuickBooks Online's real limits (500 requests a minute and 10 at once per company, batches of
 * 30), through the connector's own path (createConnector, QboTarget, node-quickbooks). The
 * ceiling is 500 × 30 = 15,000 entries a minute (250 a second); the figure is the entries per
 * second a transfer reaches, and its ratio to that ceiling. The run includes phase 1 and 2 (the
 * firm's staff, clients and work codes created in the books first), as a firm's first transfer
 * does.
 */
import { join } from "node:path";
import { findUserByEmail } from "../access/account-store.js";
import { editSettings, requestRun } from "../accounting/accounting-service.js";
import { beginConnect, completeConnect, findRun } from "../accounting/accounting-store.js";
import { createConnector } from "../accounting/connector.js";
import { qboTargetOpener } from "../accounting/qbo/open-qbo-target.js";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import { generateFirmFileOfSize } from "../generate/generate-firm.js";
import { openSqliteStore } from "../store/database.js";
import { systemClock } from "../store/clock.js";
import { startQboServer } from "../test-support/qbo-server.js";
import { measure, type Figure } from "./harness.js";
import type { ScenarioContext } from "./bench-firm.js";

/** 500 requests a minute, 30 entries each. */
export const QBO_CEILING_PER_SECOND = (500 * 30) / 60;

export async function accountingScenario(context: ScenarioContext): Promise<Figure[]> {
  const entries = context.quick ? 3_000 : 20_000;
  const dir = context.fixture.scratch("accounting");
  const path = join(dir, "firmtime.db");
  const generated = await generateFirmFileOfSize(
    path,
    { staff: 20, clients: 100, timeEntries: entries, expenseEntries: 0 },
    { seed: 99, adminPassword: "correct horse battery staple" },
  );
  const store = await openSqliteStore(path);
  const qbo = await startQboServer(); // QuickBooks' limits: 10 at once, 500 a minute
  try {
    const firm = await findOnlyFirm(store.db);
    const userId = (await findUserByEmail(store.db, firm.id, generated.adminEmail))!.id;
    // Positive entries approved; adjustments are skipped by a transfer anyway.
    await store.db
      .updateTable("time_entry")
      .set({ status: "approved" })
      .where("firm_id", "=", firm.id)
      .execute();
    await editSettings(store.db, systemClock, firm.id, userId, { schedule: "off" });
    const issued = qbo.issueTokens();
    const now = new Date().toISOString();
    await beginConnect(store.db, firm.id, "bench", now, now);
    await completeConnect(
      store.db,
      firm.id,
      qbo.realmId,
      {
        accessToken: issued.accessToken,
        accessExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        refreshToken: issued.refreshToken,
        refreshExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      userId,
      now,
    );
    const connector = createConnector({
      store,
      clock: systemClock,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      openTarget: qboTargetOpener({
        qboClientId: qbo.clientId,
        qboClientSecret: qbo.clientSecret,
        qboApiUrl: qbo.apiUrl,
        qboTokenUrl: qbo.tokenUrl,
        qboAuthorizeUrl: qbo.authorizeUrl,
      }),
      publicUrl: "http://127.0.0.1:9",
    });
    let posted = 0;
    const rate = await measure(1, async () => {
      const { run } = await requestRun(store.db, systemClock, firm.id, userId, { kind: "transfer" });
      const started = performance.now();
      await connector.runDue();
      const seconds = (performance.now() - started) / 1000;
      const done = (await findRun(store.db, firm.id, run.id))!;
      if (done.status !== "done") throw new Error(`the transfer ended ${done.status}: ${done.error ?? ""}`);
      posted = done.summary?.["time.posted"] ?? 0;
      return posted / seconds;
    });
    const note = `${posted} entries posted (of ${entries} generated; negatives skipped) to the test server at 500 requests/min and 10 at once; ${qbo.stats.requests} requests, ${qbo.stats.throttled} answered 429, at most ${qbo.stats.maxPerMinute} in a minute`;
    return [
      {
        scenario: "accounting",
        name: "transfer to QuickBooks Online (first run)",
        unit: "entries/s",
        ...rate,
        note,
      },
      {
        scenario: "accounting",
        name: "share of the QuickBooks ceiling (250 entries/s)",
        unit: "×",
        runs: rate.runs,
        median: rate.median / QBO_CEILING_PER_SECOND,
        min: rate.min / QBO_CEILING_PER_SECOND,
        max: rate.max / QBO_CEILING_PER_SECOND,
        note,
      },
    ];
  } finally {
    await qbo.close();
    await store.close();
  }
}
