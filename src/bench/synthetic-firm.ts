/**
 * A deterministic synthetic firm as the CSV files a firm would import: staff, clients, work
 * codes and a year of time entries on workdays, in 6-minute steps, with a few large clients
 * carrying most of the hours and a sprinkling of negative adjustments.
 */
import { seededRandom } from "../generate/seeded-random.js";

export interface SyntheticFirmSize {
  staff: number;
  clients: number;
  timeEntries: number;
  year: number;
}

const WORK_CODES: [code: string, type: "B" | "NB", name: string, rate: string][] = [
  ["AUD", "B", "Audit fieldwork", "165.00"],
  ["REV", "B", "Review engagement", "150.00"],
  ["TAX", "B", "Tax return preparation", "140.00"],
  ["TAXP", "B", "Tax planning", "185.00"],
  ["BKP", "B", "Bookkeeping", "85.00"],
  ["PAY", "B", "Payroll", "75.00"],
  ["ADV", "B", "Advisory", "210.00"],
  ["MTG", "B", "Client meeting", "150.00"],
  ["ADM", "NB", "Administration", "0"],
  ["TRN", "NB", "Training", "0"],
];

const DESCRIPTIONS = [
  "Reconciled bank accounts and reviewed outstanding items",
  "Prepared working papers for fixed assets",
  "Call with client regarding year-end adjustments",
  "Reviewed payroll summaries and remittances",
  "Drafted tax return and supporting schedules",
  "Follow-up on missing invoices",
  "Prepared adjusting journal entries",
  "Planning meeting with engagement team",
];

const csvLine = (fields: (string | number)[]) =>
  fields
    .map((field) =>
      /[",\n]/.test(String(field)) ? `"${String(field).replaceAll('"', '""')}"` : String(field),
    )
    .join(",");

export function staffCsv(size: SyntheticFirmSize): string {
  const lines = [csvLine(["Number", "First Name", "Last Name", "Email", "Groups"])];
  for (let i = 1; i <= size.staff; i++) {
    const group = i % 3 === 0 ? "Tax" : i % 3 === 1 ? "Audit" : "Audit~Advisory";
    lines.push(csvLine([`S${i}`, `First${i}`, `Last${i}`, `staff${i}@firm.example`, group]));
  }
  return lines.join("\n") + "\n";
}

export function clientsCsv(size: SyntheticFirmSize): string {
  const lines = [csvLine(["Code", "Name", "Partner", "Manager", "Address", "Notes"])];
  for (let i = 1; i <= size.clients; i++) {
    const partner = `S${1 + (i % Math.min(10, size.staff))}`;
    const manager = `S${1 + (i % size.staff)}`;
    lines.push(csvLine([`C${i}`, `Client ${i}, Inc.`, partner, manager, `${i} Main Street`, ""]));
  }
  return lines.join("\n") + "\n";
}

export function workCodesCsv(): string {
  return (
    [
      csvLine(["Code", "Type", "Name", "Rate", "Surcharge"]),
      ...WORK_CODES.map((code) => csvLine([...code, "0"])),
    ].join("\n") + "\n"
  );
}

function workdays(year: number): string[] {
  const days: string[] = [];
  for (
    const date = new Date(Date.UTC(year, 0, 1));
    date.getUTCFullYear() === year;
    date.setUTCDate(date.getUTCDate() + 1)
  ) {
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

/** Client index skewed so that the first few percent of clients carry most of the hours. */
function skewedClient(random: () => number, clients: number): number {
  return 1 + Math.floor(clients * Math.pow(random(), 3));
}

export function timeEntriesCsv(size: SyntheticFirmSize, seed: number): string {
  const random = seededRandom(seed);
  const days = workdays(size.year);
  const lines = [csvLine(["Staff", "Client", "Work Code", "Date", "Duration", "Description"])];
  for (let i = 0; i < size.timeEntries; i++) {
    const staff = 1 + Math.floor(random() * size.staff);
    const code = WORK_CODES[Math.floor(random() * WORK_CODES.length)]![0];
    const day = days[Math.floor((i / size.timeEntries) * days.length)]!;
    const steps = 1 + Math.floor(random() * 40); // 6 minutes to 4 hours
    const minutes = random() < 0.01 ? -steps * 6 : steps * 6; // 1 % negative adjustments
    const description = DESCRIPTIONS[Math.floor(random() * DESCRIPTIONS.length)]!;
    lines.push(
      csvLine([`S${staff}`, `C${skewedClient(random, size.clients)}`, code, day, minutes, description]),
    );
  }
  return lines.join("\n") + "\n";
}
