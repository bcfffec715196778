/**
 * About three months of the demo firm's time and expense entries, up to today, made through
 * the entry services, then moved through their statuses by age the way a firm's month-end
 * does: older work approved and billed, last month's submitted, the last two weeks in draft.
 * A seeded random sequence makes every demo the same shape.
 */
import { seededRandom } from "../generate/seeded-random.js";
import { addDays, todayIn } from "../domain/dates.js";
import type { EntryStatus } from "../domain/entries.js";
import { parseQuantity, parseRate } from "../domain/money.js";
import type { FirmScope } from "../firm-setup/scope.js";
import type { Db } from "../store/database.js";
import type { ExpenseEntryInput } from "../time-expense/expense-entry-service.js";
import { addExpenseEntries } from "../time-expense/expense-entry-service.js";
import { setEntryStatus } from "../time-expense/status-service.js";
import { addTimeEntries, type TimeEntryInput } from "../time-expense/time-entry-service.js";
import type { EntryKind } from "../time-expense/entry-store.js";
import {
  CLIENT_MANAGERS,
  CLIENT_PARTNERS,
  DEMO_CLIENTS,
  DEMO_PROJECTS,
  DEMO_STAFF,
  INTERNAL_CLIENT,
  INTERNAL_DESCRIPTIONS,
  NON_BILLABLE_CODES,
  TEAM_CODES,
  TIME_DESCRIPTIONS,
  type DemoStaff,
} from "./demo-data.js";

export const DEMO_DAYS = 91;

export interface DemoEntryCounts {
  time: number;
  expense: number;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));

const isWorkday = (date: string): boolean => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
};

const ACTIVE_CLIENTS = DEMO_CLIENTS.filter(([, , active]) => active !== false).map(([code]) => code);
const OPEN_PROJECTS = DEMO_PROJECTS.filter((p) => (p.status ?? "open") === "open");

/** The clients a person mostly works for: those they lead, and a few more. */
function portfolioOf(person: DemoStaff, random: Random): string[] {
  const led = DEMO_CLIENTS.filter(
    (_, index) =>
      CLIENT_PARTNERS[index % CLIENT_PARTNERS.length] === person.number ||
      CLIENT_MANAGERS[index % CLIENT_MANAGERS.length] === person.number,
  ).map(([code]) => code);
  const others = Array.from({ length: 6 }, () => pick(random, ACTIVE_CLIENTS));
  return [...new Set([...led, ...others])].filter((code) => ACTIVE_CLIENTS.includes(code));
}

function timeEntry(person: DemoStaff, date: string, portfolio: string[], random: Random): TimeEntryInput {
  const minutes = 6 * between(random, 5, 40);
  if (person.level === "admin" || random() < 0.12) {
    const workCode = person.level === "admin" && random() < 0.5 ? "ADM" : pick(random, NON_BILLABLE_CODES);
    const description = pick(random, INTERNAL_DESCRIPTIONS[workCode]);
    return { staff: person.number, client: INTERNAL_CLIENT.code, workCode, date, minutes, description };
  }
  const client = pick(random, portfolio);
  const projects = OPEN_PROJECTS.filter((p) => p.client === client);
  const project = projects.length && random() < 0.7 ? pick(random, projects).code : null;
  const team = person.groups.find((group) => TEAM_CODES[group]) ?? "Audit";
  const workCode = pick(random, TEAM_CODES[team]!);
  return {
    staff: person.number,
    client,
    project,
    workCode,
    date,
    minutes,
    description: pick(random, TIME_DESCRIPTIONS),
  };
}

function expenseEntry(
  person: DemoStaff,
  date: string,
  portfolio: string[],
  random: Random,
): ExpenseEntryInput {
  const base = { staff: person.number, client: pick(random, portfolio), date };
  const receipt = (low: number, high: number) =>
    parseRate(`${between(random, low, high)}.${between(random, 10, 99)}`);
  switch (pick(random, ["MILE", "MILE", "PRINT", "TRAVEL", "FILING", "MEALS"] as const)) {
    case "MILE":
      return {
        ...base,
        workCode: "MILE",
        quantity: parseQuantity(String(between(random, 8, 90))),
        description: "Drive to client site",
      };
    case "PRINT":
      return {
        ...base,
        workCode: "PRINT",
        quantity: parseQuantity(String(between(random, 40, 400))),
        description: "Printed binders",
      };
    case "TRAVEL":
      return {
        ...base,
        workCode: "TRAVEL",
        unitRate: receipt(40, 420),
        description: "Train and taxi (receipt)",
      };
    case "FILING":
      return { ...base, workCode: "FILING", unitRate: receipt(50, 300), description: "State filing fee" };
    case "MEALS":
      return { ...base, workCode: "MEALS", unitRate: receipt(25, 120), description: "Lunch with client" };
  }
}

/** Who records on a given day: everyone still with the firm that day. */
const recordsOn = (person: DemoStaff, date: string, today: string): boolean =>
  !person.leftDaysAgo || date < addDays(today, -person.leftDaysAgo);

export async function addDemoEntries(db: Db, scope: FirmScope): Promise<DemoEntryCounts> {
  const random = seededRandom(20_240_611);
  const today = todayIn(scope.clock.now());
  const times: TimeEntryInput[] = [];
  const expenses: ExpenseEntryInput[] = [];
  for (const person of DEMO_STAFF) {
    const portfolio = portfolioOf(person, random);
    for (let day = DEMO_DAYS; day >= 0; day--) {
      const date = addDays(today, -day);
      if (!isWorkday(date) || !recordsOn(person, date, today)) continue;
      const count = between(random, 2, 4);
      for (let n = 0; n < count; n++) times.push(timeEntry(person, date, portfolio, random));
      if (person.level !== "admin" && random() < 0.3)
        expenses.push(expenseEntry(person, date, portfolio, random));
    }
  }
  times.push(...writeDowns(today));
  const timeEntries = await addTimeEntries(db, scope, times);
  const expenseEntries = await addExpenseEntries(db, scope, expenses);
  await advanceByAge(db, scope, "time", timeEntries, today);
  await advanceByAge(db, scope, "expense", expenseEntries, today);
  return { time: timeEntries.length, expense: expenseEntries.length };
}

/** Negative adjustments a partner made to time over budget. */
const writeDowns = (today: string): TimeEntryInput[] => [
  {
    staff: "MH",
    client: "ACME",
    project: "YE2025",
    workCode: "AUD",
    date: addDays(today, -20),
    minutes: -120,
    description: "Write-down: over budget",
  },
  {
    staff: "PP",
    client: "LUMEN",
    project: "RND",
    workCode: "TAXP",
    date: addDays(today, -34),
    minutes: -60,
    description: "Write-down: rework",
  },
];

/** draft → submitted after two weeks, → approved after a month, billable work → billed after two. */
async function advanceByAge(
  db: Db,
  scope: FirmScope,
  kind: EntryKind,
  entries: readonly { id: string; date: string; billable: boolean }[],
  today: string,
): Promise<void> {
  const olderThan = (days: number) => entries.filter((e) => e.date < addDays(today, -days));
  const steps: [EntryStatus, { id: string }[]][] = [
    ["submitted", olderThan(14)],
    ["approved", olderThan(30)],
    ["billed", olderThan(60).filter((e) => e.billable)],
  ];
  for (const [status, due] of steps)
    if (due.length)
      await setEntryStatus(
        db,
        scope,
        kind,
        due.map((e) => e.id),
        status,
      );
}
