/**
 * A firm of 50 staff, 500 clients, 100 projects and 22,000 approved entries (20,000 time, 2,000
 * expenses) goes to the books through `firmtime connector` (a real child process) and the
 * QBO-compatible server, through the real npm clients.
 *
 * - First it is exported to an IIF file and an hledger journal: the IIF parses back to the same
 *   entries; `hledger check -s` passes and `hledger balance` per client equals firmtime's report.
 * - Then transferred: phase 1 links customers whose names differ only in case and spacing and
 *   reports (never creates) a client whose name a vendor has. During phase 3 the connector is
 *   killed (SIGKILL) five times at random and restarted; a 429 storm and dropped answers are
 *   ridden out; access tokens are expired at every restart, so rotated refresh tokens must have
 *   been stored. No entry is posted twice, none is missing, a second run posts nothing, and the
 *   books' totals per client equal `firmtime report` to the cent.
 *
 * The test server allows more than QuickBooks' 500 requests a minute here, so the run takes
 * seconds, not minutes: the real limits are the accounting benchmark's (`npm run bench`).
 */
import { writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { editSettings, requestRun } from "../src/accounting/accounting-service.js";
import {
  completeConnect,
  beginConnect,
  findConnection,
  findRun,
  selectLinks,
  selectRunItems,
  type AccountingRun,
} from "../src/accounting/accounting-store.js";
import { iifText, iifTimeActivities, parseIif } from "../src/accounting/iif/iif.js";
import { runHledger } from "../src/accounting/ledger/journal.js";
import { findUserByEmail } from "../src/access/account-store.js";
import { parseDecimal } from "../src/domain/money.js";
import { selectClients } from "../src/firm-setup/client-store.js";
import { findOnlyFirm } from "../src/firm-setup/firm-store.js";
import { addProject } from "../src/firm-setup/project-service.js";
import { selectProjects } from "../src/firm-setup/project-store.js";
import { selectStaff } from "../src/firm-setup/staff-store.js";
import { openFileStore } from "../src/files/open-file-store.js";
import { generateFirmFileOfSize } from "../src/generate/generate-firm.js";
import { basicReport } from "../src/reports/report-service.js";
import { openSqliteStore, type Store } from "../src/store/database.js";
import { systemClock } from "../src/store/clock.js";
import { TokenSeal } from "../src/accounting/qbo/token-seal.js";
import { startQboServer, type QboServer } from "../src/test-support/qbo-server.js";
import { runFirmtime, type FirmtimeProcess } from "../src/test-support/serve-process.js";
import { tempDir } from "../src/test-support/temp-dir.js";

const dataDir = tempDir("accounting-e2e");
let store: Store;
let qbo: QboServer;
let connector: FirmtimeProcess | undefined;

afterAll(async () => {
  connector?.child.kill("SIGKILL");
  await store?.close();
  await qbo?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startConnector(): FirmtimeProcess {
  return runFirmtime(["connector", "--data", dataDir, "--log-level", "warn"], {
    FIRMTIME_QBO_CLIENT_ID: qbo.clientId,
    FIRMTIME_QBO_CLIENT_SECRET: qbo.clientSecret,
    FIRMTIME_QBO_API_URL: qbo.apiUrl,
    FIRMTIME_QBO_TOKEN_URL: qbo.tokenUrl,
    FIRMTIME_QBO_AUTHORIZE_URL: qbo.authorizeUrl,
    FIRMTIME_QBO_REQUESTS_PER_MINUTE: "100000",
    FIRMTIME_JOB_POLL_MS: "200",
    FIRMTIME_JOB_LEASE_MS: "2000",
  });
}

async function waitForRun(firmId: string, runId: string, limitMs = 240_000): Promise<AccountingRun> {
  const until = Date.now() + limitMs;
  for (;;) {
    const run = (await findRun(store.db, firmId, runId))!;
    if (run.status === "done" || run.status === "failed" || run.status === "refused") return run;
    if (Date.now() > until)
      throw new Error(`run ${runId} still ${run.status} (${run.phase}); log: ${connector?.log()}`);
    await sleep(200);
  }
}

/** Cents per client code, from firmtime's own report over entries of these statuses. */
async function reportByClientCode(firmId: string, status: string[]): Promise<Map<string, bigint>> {
  const firm = await findOnlyFirm(store.db);
  const report = await basicReport(
    store.db,
    { firm, clock: systemClock, actor: "test" },
    { from: "2000-01-01", to: "2099-12-31", status, groupBy: ["client"] },
  );
  void firmId;
  return new Map(report.groups.map((group) => [group.key.code, BigInt(group.totals.amount)]));
}

describe("a firm of 22,000 approved entries goes to the books through firmtime connector", () => {
  let firmId: string;
  let userId: string;

  it(
    "exports to IIF and an hledger journal that agree with firmtime's report",
    { timeout: 240_000 },
    async () => {
      const path = join(dataDir, "firmtime.db");
      const generated = await generateFirmFileOfSize(
        path,
        { staff: 50, clients: 500, timeEntries: 20_000, expenseEntries: 2_000 },
        { seed: 1313, adminPassword: "correct horse battery staple" },
      );
      store = await openSqliteStore(path);
      const firm = await findOnlyFirm(store.db);
      firmId = firm.id;
      userId = (await findUserByEmail(store.db, firmId, generated.adminEmail))!.id;
      // Every entry approved (the generator dates statuses by age) and 100 projects with work.
      await store.db
        .updateTable("time_entry")
        .set({ status: "approved" })
        .where("firm_id", "=", firmId)
        .execute();
      await store.db
        .updateTable("expense_entry")
        .set({ status: "approved" })
        .where("firm_id", "=", firmId)
        .execute();
      const clients = await selectClients(store.db, firmId);
      const scope = { firm, clock: systemClock, actor: "test" };
      for (const client of clients.slice(100, 200)) {
        const project = await addProject(store.db, scope, {
          client: client.id,
          code: "YE",
          name: `Year end ${client.code}`,
        });
        await store.db
          .updateTable("time_entry")
          .set({ project_id: project.id })
          .where("firm_id", "=", firmId)
          .where("client_id", "=", client.id)
          .execute();
      }
      await editSettings(store.db, systemClock, firmId, userId, { schedule: "off" });

      qbo = await startQboServer({ perMinute: 100_000, accessTokenSeconds: 120 });
      connector = startConnector();
      const iifRun = (
        await requestRun(store.db, systemClock, firmId, userId, { kind: "export", format: "iif" })
      ).run;
      const journalRun = (
        await requestRun(store.db, systemClock, firmId, userId, { kind: "export", format: "hledger" })
      ).run;
      const iif = await waitForRun(firmId, iifRun.id);
      const journal = await waitForRun(firmId, journalRun.id);
      expect([iif.status, journal.status]).toEqual(["done", "done"]);

      // IIF: every non-negative time entry comes back (a day over 23:59 as rows that add up).
      const parsed = iifTimeActivities(parseIif(iifText(await fileBytes(iif.file!.key))));
      const entries = await store.db
        .selectFrom("time_entry")
        .select(["entry_date", "minutes"])
        .where("firm_id", "=", firmId)
        .where("minutes", ">=", 0)
        .execute();
      const minutesByDate = (rows: { date: string; minutes: number }[]) => {
        const totals = new Map<string, number>();
        for (const row of rows) totals.set(row.date, (totals.get(row.date) ?? 0) + row.minutes);
        return totals;
      };
      expect(minutesByDate(parsed)).toEqual(
        minutesByDate(entries.map((entry) => ({ date: entry.entry_date, minutes: Number(entry.minutes) }))),
      );

      // hledger: the strict check, then the balance per client against the report.
      const journalPath = join(dataDir, "export.journal");
      writeFileSync(journalPath, await fileText(journal.file!.key));
      await runHledger(["check", "-s"], journalPath);
      const csv = await runHledger(
        ["balance", "assets:unbilled", "--flat", "--no-total", "-O", "csv"],
        journalPath,
      );
      const balances = new Map(
        csv
          .trim()
          .split("\n")
          .slice(1)
          .map((line) => line.split(",").map((cell) => cell.replace(/"/g, "")))
          .map(([account, amount]) => [
            account!.split(":")[2]!,
            parseDecimal(amount!.replace(/ \S+$/, ""), 2),
          ]),
      );
      const report = await reportByClientCode(firmId, ["approved"]);
      for (const [code, amount] of report) if (amount === 0n) report.delete(code);
      for (const [code, amount] of balances) if (amount === 0n) balances.delete(code);
      expect(balances).toEqual(report);
    },
  );

  it(
    "transfers each entry exactly once through five SIGKILLs, a 429 storm and lost answers",
    { timeout: 300_000 },
    async () => {
      const { db } = store;
      const clients = await selectClients(db, firmId);
      const active = clients.filter((client) => client.status === "active");
      // The books already hold ten customers under names that differ in case and spacing, and a
      // vendor with the name of an eleventh client.
      for (const client of active.slice(0, 10))
        qbo.seed("Customer", { DisplayName: `  ${client.name.toUpperCase().replace(/ /g, "  ")}` });
      qbo.seed("Vendor", { DisplayName: active[10]!.name });
      const reimbursable = qbo
        .records("Account")
        .find((account) => account.Name === "Reimbursable Expenses")!;
      await editSettings(db, systemClock, firmId, userId, { expenseAccountId: reimbursable.Id });
      const issued = qbo.issueTokens();
      const now = new Date().toISOString();
      await beginConnect(db, firmId, "e2e", now, now);
      await completeConnect(
        db,
        firmId,
        qbo.realmId,
        {
          accessToken: issued.accessToken,
          accessExpiresAt: new Date(Date.now() + 120_000).toISOString(),
          refreshToken: issued.refreshToken,
          refreshExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
        userId,
        now,
      );
      const { run } = await requestRun(db, systemClock, firmId, userId, { kind: "transfer" });

      // Five kills at random points of phase 3, each followed by a restart with expired access tokens.
      const faults = [
        () => qbo.inject({ kind: "throttle-for", ms: 3_000 }),
        () => qbo.inject({ kind: "drop-after-write", count: 2 }),
        () => qbo.inject({ kind: "server-error", count: 3 }),
      ];
      for (let kill = 0; kill < 5; kill += 1) {
        const target = qbo.stats.batches + 15 + Math.floor(Math.random() * 60);
        const until = Date.now() + 60_000;
        while (qbo.stats.batches < target) {
          const status = (await findRun(db, firmId, run.id))!.status;
          if (status !== "queued" && status !== "running") break;
          if (Date.now() > until)
            throw new Error(
              `no progress in a minute: ${JSON.stringify(qbo.stats)} ${JSON.stringify(await findRun(db, firmId, run.id))} ${connector!.log()}`,
            );
          await sleep(25);
        }
        connector!.child.kill("SIGKILL");
        await connector!.exited;
        faults[kill % faults.length]!();
        qbo.expireAccessTokens();
        connector = startConnector();
      }
      const done = await waitForRun(firmId, run.id);
      expect(done).toMatchObject({ status: "done", error: null });

      const items = await selectRunItems(db, firmId, run.id, { limit: 100_000 });
      const of = (phase: string, outcome: string) =>
        items.filter((item) => item.phase === phase && item.outcome === outcome);
      expect(of("lists", "linked").length).toBeGreaterThanOrEqual(10);
      expect(of("lists", "duplicate").map((item) => item.name)).toContain(active[10]!.name);
      expect(qbo.records("Customer").filter((customer) => customer.DisplayName === active[10]!.name)).toEqual(
        [],
      );

      // Exactly once: the books hold one activity per transferred entry, and every approved entry
      // not transferred waits or was skipped, with its reason.
      const transferred = await db
        .selectFrom("time_entry")
        .select("id")
        .where("firm_id", "=", firmId)
        .where("status", "=", "transferred")
        .execute();
      const transferredExpenses = await db
        .selectFrom("expense_entry")
        .select("id")
        .where("firm_id", "=", firmId)
        .where("status", "=", "transferred")
        .execute();
      expect(qbo.records("TimeActivity")).toHaveLength(transferred.length);
      expect(qbo.records("Purchase")).toHaveLength(transferredExpenses.length);
      expect(transferred.length).toBeGreaterThan(15_000);
      const leftOver = await db
        .selectFrom("time_entry")
        .select("id")
        .where("firm_id", "=", firmId)
        .where("status", "=", "approved")
        .execute();
      const explained = new Set(
        items
          .filter(
            (item) => item.phase === "time" && (item.outcome === "waiting" || item.outcome === "skipped"),
          )
          .map((item) => item.localId),
      );
      expect(leftOver.filter((entry) => !explained.has(entry.id))).toEqual([]);
      expect(qbo.stats.replays).toBeGreaterThanOrEqual(1);

      // The refresh token the store holds is a live one: the next run starts with it.
      const connection = (await findConnection(db, firmId))!;
      expect(connection.state).toBe("connected");
      const live = new TokenSeal(qbo.clientSecret).openTokens(firmId, connection.tokens!);
      expect(live.refreshToken).toMatch(/^rt-/);
      expect(live.refreshToken).not.toBe(issued.refreshToken);

      // A second run posts nothing, and asks the books only what changed in their lists.
      const asked = qbo.log.length;
      const second = (await requestRun(db, systemClock, firmId, userId, { kind: "transfer" })).run;
      const after = await waitForRun(firmId, second.id);
      expect(after.status).toBe("done");
      expect(after.summary?.["time.posted"]).toBeUndefined();
      expect(qbo.records("TimeActivity")).toHaveLength(transferred.length);
      const secondRequests = qbo.log.slice(asked);
      expect(secondRequests.filter((request) => request.path === "cdc")).toHaveLength(4);
      const listQueries = secondRequests.filter(
        (request) =>
          request.path === "query" && /from (customer|employee|vendor|item)\b/i.test(request.query ?? ""),
      );
      expect(listQueries).toEqual([]);

      // The books' totals per client equal firmtime's report of what was transferred, to the cent.
      const links = await selectLinks(db, firmId, "qbo");
      const clientOfCustomer = new Map<string, string>();
      const projects = new Map(
        (await selectProjects(db, firmId)).map((project) => [project.id, project.clientId]),
      );
      for (const link of links) {
        if (link.localKind === "client") clientOfCustomer.set(link.externalId, link.localId);
        if (link.localKind === "project") clientOfCustomer.set(link.externalId, projects.get(link.localId)!);
      }
      const codeOf = new Map(clients.map((client) => [client.id, client.code]));
      const books = new Map<string, bigint>();
      for (const [customerId, cents] of qbo.totalsByCustomer()) {
        const code = codeOf.get(clientOfCustomer.get(customerId)!)!;
        books.set(code, (books.get(code) ?? 0n) + cents);
      }
      const report = await reportByClientCode(firmId, ["transferred"]);
      expect(books).toEqual(report);
      expect((await selectStaff(db, firmId)).length).toBe(50);

      connector!.child.kill("SIGTERM");
      expect(await connector!.exited).toBe(0);
      connector = undefined;
    },
  );
});

/** An export's bytes, from the cloud's file store (the data folder's, as `firmtime connector` has it). */
async function fileBytes(key: string): Promise<Uint8Array> {
  const files = await openFileStore({ dataDir, s3Region: "us-east-1" });
  return new Uint8Array(
    await new Response(Readable.toWeb(await files.open(key)) as ReadableStream).arrayBuffer(),
  );
}

const fileText = async (key: string): Promise<string> => new TextDecoder().decode(await fileBytes(key));
