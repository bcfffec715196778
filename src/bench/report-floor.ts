/**
 * Scenario "reports": our two everyday reports beside the floor, the same result from a
 * hand-written SQL query on the same firm file (better-sqlite3, prepared once):
 * - the detailed one-month report, grouped by client: every time and expense line of the month
 *   with its staff, client, project and work code, ordered as the report orders (client code,
 *   then date, then id), and each client's subtotal;
 * - a year's totals by client (the basic report): minutes, billable minutes, amount, billable
 *   amount and entry counts per client, summed per table and then added up per client.
 * Ours run in-process through the report service (src/reports/report-service.ts) on a store
 * opened as the CLI opens it, so both sides are queries plus assembly, without start-up or
 * output. Before timing, each pair is compared: a difference fails the scenario.
 */
import BetterSqlite3 from "better-sqlite3";
import { findOnlyFirm } from "../firm-setup/firm-store.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { basicReport, detailedReport } from "../reports/report-service.js";
import type { Report, ReportGroup, Totals } from "../reports/report.js";
import { systemClock } from "../store/clock.js";
import { openFirmFile } from "../store/database.js";
import type { ScenarioContext } from "./bench-firm.js";
import { measure, type Figure } from "./harness.js";

export const DETAILED_FIGURE = "detailed report, one month, grouped by client";
export const DETAILED_FLOOR_FIGURE = "detailed report floor: hand-written SQL";
export const YEAR_FIGURE = "year's totals by client";
export const YEAR_FLOOR_FIGURE = "year's totals floor: hand-written SQL";

/** Totals as both sides give them, per client: the report's own shape. */
export type ClientTotals = Totals;

export interface DetailedResult {
  /** Line ids in report order. */
  lineIds: string[];
  byClient: Map<string, ClientTotals>;
}

const DETAILED_SQL = `
  SELECT l.kind, l.id, l.date, l.staff_id, s.staff_number, s.first_name, s.last_name,
         l.client_id, c.code AS client_code, c.name AS client_name, p.code AS project_code,
         l.work_code_id, w.code AS work_code, w.name AS work_code_name, l.description,
         l.quantity, l.rate, l.amount, l.billable, l.status
    FROM (SELECT 'time' AS kind, id, entry_date AS date, staff_id, client_id, project_id,
                 work_code_id, description, minutes AS quantity, rate, amount, billable, status
            FROM time_entry WHERE firm_id = :firm AND entry_date BETWEEN :from AND :to
          UNION ALL
          SELECT 'expense', id, entry_date, staff_id, client_id, project_id,
                 work_code_id, description, quantity, unit_rate, amount, billable, status
            FROM expense_entry WHERE firm_id = :firm AND entry_date BETWEEN :from AND :to) l
    JOIN staff s ON s.id = l.staff_id AND s.firm_id = :firm
    JOIN client c ON c.id = l.client_id AND c.firm_id = :firm
    JOIN work_code w ON w.id = l.work_code_id AND w.firm_id = :firm
    LEFT JOIN project p ON p.id = l.project_id AND p.firm_id = :firm
   ORDER BY c.code, c.id, l.date, l.id`;

const YEAR_SQL = `
  SELECT c.id, c.code, c.name,
         sum(t.minutes) AS minutes, sum(t.billable_minutes) AS billable_minutes,
         sum(t.amount) AS amount, sum(t.billable_amount) AS billable_amount,
         sum(t.time_entries) AS time_entries, sum(t.expense_entries) AS expense_entries
    FROM (SELECT client_id, sum(minutes) AS minutes,
                 sum(CASE WHEN billable = 1 THEN minutes ELSE 0 END) AS billable_minutes,
                 sum(amount) AS amount,
                 sum(CASE WHEN billable = 1 THEN amount ELSE 0 END) AS billable_amount,
                 count(*) AS time_entries, 0 AS expense_entries
            FROM time_entry WHERE firm_id = :firm AND entry_date BETWEEN :from AND :to
           GROUP BY client_id
          UNION ALL
          SELECT client_id, 0, 0, sum(amount),
                 sum(CASE WHEN billable = 1 THEN amount ELSE 0 END), 0, count(*)
            FROM expense_entry WHERE firm_id = :firm AND entry_date BETWEEN :from AND :to
           GROUP BY client_id) t
    JOIN client c ON c.id = t.client_id AND c.firm_id = :firm
   GROUP BY c.id
   ORDER BY c.code, c.id`;

interface DetailedRow {
  kind: string;
  id: string;
  client_id: string;
  quantity: number;
  amount: number;
  billable: number;
}

interface YearRow {
  id: string;
  minutes: number;
  billable_minutes: number;
  amount: number;
  billable_amount: number;
  time_entries: number;
  expense_entries: number;
}

const noTotals = (): ClientTotals => ({
  minutes: 0,
  billableMinutes: 0,
  amount: 0,
  billableAmount: 0,
  timeEntries: 0,
  expenseEntries: 0,
});

export interface Period {
  firmId: string;
  month: string;
  year: string;
}

/** The year with the most time entries, and its busiest month. */
export function busiestPeriod(raw: BetterSqlite3.Database): Period {
  const firmId = raw.prepare("SELECT firm_id FROM firm").pluck().get() as string;
  const busiest = (length: number, prefix: string) =>
    raw
      .prepare(
        `SELECT substr(entry_date, 1, ${length}) FROM time_entry
          WHERE firm_id = ? AND entry_date LIKE ? GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      )
      .pluck()
      .get(firmId, `${prefix}%`) as string | undefined;
  const year = busiest(4, "");
  if (!year) throw new Error("the firm file has no time entries to report on");
  return { firmId, year, month: busiest(7, year)! };
}

function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

/** The hand-written queries, prepared once on a connection of their own. */
export function createFloor(raw: BetterSqlite3.Database, period: Period) {
  const detailed = raw.prepare(DETAILED_SQL);
  const year = raw.prepare(YEAR_SQL);
  return {
    detailed(): DetailedResult {
      const rows = detailed.all({ firm: period.firmId, ...monthRange(period.month) }) as DetailedRow[];
      const byClient = new Map<string, ClientTotals>();
      const lineIds: string[] = [];
      for (const row of rows) {
        lineIds.push(row.id);
        let totals = byClient.get(row.client_id);
        if (!totals) byClient.set(row.client_id, (totals = noTotals()));
        const minutes = row.kind === "time" ? row.quantity : 0;
        totals.minutes += minutes;
        totals.amount += row.amount;
        if (row.billable === 1) {
          totals.billableMinutes += minutes;
          totals.billableAmount += row.amount;
        }
        if (row.kind === "time") totals.timeEntries++;
        else totals.expenseEntries++;
      }
      return { lineIds, byClient };
    },
    yearTotals(): Map<string, ClientTotals> {
      const rows = year.all({
        firm: period.firmId,
        from: `${period.year}-01-01`,
        to: `${period.year}-12-31`,
      }) as YearRow[];
      return new Map(
        rows.map((row) => [
          row.id,
          {
            minutes: row.minutes,
            billableMinutes: row.billable_minutes,
            amount: row.amount,
            billableAmount: row.billable_amount,
            timeEntries: row.time_entries,
            expenseEntries: row.expense_entries,
          },
        ]),
      );
    },
  };
}

const totalsOf = (group: ReportGroup): ClientTotals => ({ ...group.totals });

export function detailedOf(report: Report): DetailedResult {
  return {
    lineIds: report.groups.flatMap((group) => group.lines.map((line) => line.id)),
    byClient: new Map(report.groups.map((group) => [group.key.id, totalsOf(group)])),
  };
}

export const yearTotalsOf = (report: Report): Map<string, ClientTotals> =>
  new Map(report.groups.map((group) => [group.key.id, totalsOf(group)]));

function sameTotals(what: string, ours: Map<string, ClientTotals>, floor: Map<string, ClientTotals>): void {
  if (ours.size !== floor.size)
    throw new Error(`${what}: ${ours.size} clients in our report, ${floor.size} by the hand-written SQL`);
  for (const [client, totals] of ours) {
    const other = floor.get(client);
    if (JSON.stringify(totals) !== JSON.stringify(other)) {
      throw new Error(
        `${what}: client ${client} totals differ: ours ${JSON.stringify(totals)}, SQL ${JSON.stringify(other)}`,
      );
    }
  }
}

/** Throws, naming the first difference, unless our report and the floor agree. */
export function checkSameDetailed(ours: DetailedResult, floor: DetailedResult): void {
  const what = "detailed report";
  if (ours.lineIds.length !== floor.lineIds.length)
    throw new Error(`${what}: ${ours.lineIds.length} lines in ours, ${floor.lineIds.length} by SQL`);
  const at = ours.lineIds.findIndex((id, i) => floor.lineIds[i] !== id);
  if (at >= 0)
    throw new Error(`${what}: line ${at + 1} is ${ours.lineIds[at]} in ours, ${floor.lineIds[at]} by SQL`);
  sameTotals(what, ours.byClient, floor.byClient);
}

export function checkSameYearTotals(ours: Map<string, ClientTotals>, floor: Map<string, ClientTotals>): void {
  sameTotals("year's totals by client", ours, floor);
}

const elapsedMs = async (work: () => unknown): Promise<number> => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

export async function reportFloorScenario(context: ScenarioContext): Promise<Figure[]> {
  const { quick, scale, fixture } = context;
  const file = (await fixture.firm(scale)).path;
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const store = await openFirmFile(file);
  try {
    const period = busiestPeriod(raw);
    const floor = createFloor(raw, period);
    const scope: FirmScope = { firm: await findOnlyFirm(store.db), clock: systemClock, actor: "bench" };
    const ourDetailed = () => detailedReport(store.db, scope, { month: period.month, groupBy: ["client"] });
    const ourYear = () => basicReport(store.db, scope, { year: period.year, groupBy: ["client"] });

    // The comparison doubles as the warm-up of both sides.
    const detailed = detailedOf(await ourDetailed());
    checkSameDetailed(detailed, floor.detailed());
    const clients = yearTotalsOf(await ourYear());
    checkSameYearTotals(clients, floor.yearTotals());

    const runs = quick ? 3 : 9;
    const lines = `${detailed.lineIds.length} lines`;
    const figure = (name: string, result: Awaited<ReturnType<typeof measure>>, note: string): Figure => ({
      scenario: "reports",
      name,
      unit: "ms",
      ...result,
      note,
    });
    return [
      figure(
        DETAILED_FIGURE,
        await measure(runs, () => elapsedMs(ourDetailed)),
        `${period.month}, ${lines}, in-process`,
      ),
      figure(DETAILED_FLOOR_FIGURE, await measure(runs, () => elapsedMs(() => floor.detailed())), lines),
      figure(
        YEAR_FIGURE,
        await measure(runs, () => elapsedMs(ourYear)),
        `${period.year}, ${clients.size} clients, in-process`,
      ),
      figure(
        YEAR_FLOOR_FIGURE,
        await measure(runs, () => elapsedMs(() => floor.yearTotals())),
        `${clients.size} clients`,
      ),
    ];
  } finally {
    raw.close();
    await store.close();
  }
}
