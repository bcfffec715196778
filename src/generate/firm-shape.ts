/**
 * A deterministic synthetic accounting firm, as the records a firm file holds: the benchmark
 * issue's S, M and L firms (or any size). Pure: no I/O, no clock, no Math.random.
 *
 * Shapes: four years of workdays (busier in tax season), 6-minute increments, a few large
 * clients carrying most hours (a Zipf-like weight per client), staff and work-code rates with
 * several effective dates, client rate overrides, about 1 % negative adjustments, varied
 * descriptions of realistic length, and statuses by age (old work billed, recent work draft).
 *
 * Determinism: every choice comes from a mulberry32 stream seeded from (seed, stream), and
 * random numbers only meet integer operations and IEEE + - * / (never Math.pow, log or exp,
 * whose last bits may differ between engines), so one seed gives the same records, ids
 * included, on every machine. Each kind of record has its own stream, so the time entries of a
 * seed do not change when, say, the expense count does.
 *
 * Money goes through the domain's one path: rates parsed by parseRate, resolved by the rate
 * book (domain/rates.ts) and priced by timeAmount / expenseAmount (domain/money.ts), exactly as
 * the entry services price what people type.
 */
import type { WorkCode } from "../firm-setup/work-code-store.js";
import { seededRandom } from "./seeded-random.js";
import type { EntryStatus } from "../domain/entries.js";
import { invalid } from "../domain/errors.js";
import {
  normaliseCode,
  normaliseCurrency,
  normaliseEmail,
  normaliseStaffNumber,
  optionalText,
  requireText,
} from "../domain/fields.js";
import { expenseAmount, formatQuantity, parsePercent, parseRate, timeAmount } from "../domain/money.js";
import { ALWAYS, createRateBook, type RateBook, type RateRow } from "../domain/rates.js";
import type { ExpenseEntry, TimeEntry } from "../time-expense/entry-store.js";

export type Scale = "S" | "M" | "L";

export interface FirmSize {
  staff: number;
  clients: number;
  timeEntries: number;
  expenseEntries: number;
}

/** The benchmark issue's firms; expenses are 10 % of the time entries at every scale. */
export const SCALES: Readonly<Record<Scale, Readonly<FirmSize>>> = {
  S: { staff: 20, clients: 300, timeEntries: 50_000, expenseEntries: 5_000 },
  M: { staff: 100, clients: 5_000, timeEntries: 1_000_000, expenseEntries: 100_000 },
  L: { staff: 500, clients: 20_000, timeEntries: 5_000_000, expenseEntries: 500_000 },
};

export const isScale = (value: string): value is Scale => value === "S" || value === "M" || value === "L";

/** The firm's history: fixed, so a seed never depends on the day it is generated. */
export const HISTORY = { from: "2022-01-01", to: "2025-12-31" } as const;
/** When the firm was set up, and the moment the generated file "is" (status changes, protection). */
export const FIRM_CREATED_AT = "2021-12-01T09:00:00.000Z";
export const GENERATED_AT = "2026-01-05T09:00:00.000Z";

/** Seeds are 32-bit: mulberry32's state. */
export const MAX_SEED = 0xffff_ffff;
/** Record ids carry their index in 26 bits. */
const MAX_RECORDS = 1 << 26;

/** What prepareExpenseEntry records as the rate source of a unit rate typed in (ENTERED_RATE). */
export const ENTERED_RATE_SOURCE = "entered";

// --- records ---

export interface FirmRecord {
  id: string;
  name: string;
  currency: string;
  minorDigits: number;
  timeIncrement: number;
  fiscalYearStartMonth: number;
  createdAt: string;
}

export type StaffRole = "partner" | "manager" | "senior" | "staff" | "bookkeeper" | "admin";

export interface StaffRecord {
  id: string;
  staffNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  status: "active" | "inactive";
  inactiveDate: string | null;
  role: StaffRole;
  createdAt: string;
  /** When they were made inactive, if they were. */
  updatedAt: string;
}

export interface StaffGroupRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface GroupMemberRecord {
  groupId: string;
  staffId: string;
  createdAt: string;
}

type ClientProfile =
  "internal" | "audit" | "review" | "corporate_tax" | "personal" | "bookkeeping" | "advisory";

export interface ClientRecord {
  id: string;
  code: string;
  name: string;
  status: "active" | "inactive";
  partnerId: string;
  managerId: string | null;
  address: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
  profile: ClientProfile;
  /** Size rank by hours (0 = largest); the internal client is -1. */
  rank: number;
}

/** A work code as the firm file holds it (its update time is the generation time). */
export type WorkCodeRecord = Omit<WorkCode, "updatedAt">;

export interface RateRecord extends RateRow {
  createdAt: string;
}

/** Everything but the entries: small (a few tens of thousands of records at L), held in memory. */
export interface FirmPlan {
  seed: number;
  size: FirmSize;
  firm: FirmRecord;
  staff: StaffRecord[];
  groups: StaffGroupRecord[];
  members: GroupMemberRecord[];
  clients: ClientRecord[];
  workCodes: WorkCodeRecord[];
  rates: RateRecord[];
  /** Staff member 1, the managing partner: the file's first Admin. */
  admin: StaffRecord;
}

// --- random streams and ids ---

type Random = () => number;

const STREAM = { firm: 1, staff: 2, clients: 3, rates: 4, time: 5, expense: 6 } as const;
const ID_TAG = { firm: 0, staff: 1, group: 2, client: 3, workCode: 4, rate: 5, time: 6, expense: 7 } as const;

/** A 32-bit seed per (seed, stream): murmur3's finaliser over both. */
function streamSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const randomStream = (seed: number, stream: number): Random => seededRandom(streamSeed(seed, stream));
const below = (random: Random, n: number): number => Math.floor(random() * n);
const between = (random: Random, low: number, high: number): number => low + below(random, high - low + 1);
const chance = (random: Random, p: number): boolean => random() < p;
const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)]!;
/** 32 random bits: mulberry32 yields k / 2^32, so the product is an exact integer. */
const bits32 = (random: Random): number => random() * 0x1_0000_0000;

function weighted<T>(random: Random, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of table) total += weight;
  let at = below(random, total);
  for (const [value, weight] of table) {
    if (at < weight) return value;
    at -= weight;
  }
  return table[table.length - 1]![0];
}

const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, "0");

/**
 * UUIDv7-shaped ids, as the product's (time-ordered by the record's creation time), derived
 * from the seed: 48 bits of milliseconds, version 7, 12 random bits, the variant, then the
 * record kind (4 bits) and its index (26 bits), so two records never share an id, and 32
 * random bits, so two seeds' firms do not either.
 */
function idMaker(seed: number, tag: number): (index: number, createdAt: string) => string {
  const random = randomStream(seed, 64 + tag);
  return (index, createdAt) => {
    if (index >= MAX_RECORDS) throw new RangeError(`more than ${MAX_RECORDS} records of one kind`);
    const millis = hex(Date.parse(createdAt), 12);
    const randA = hex(below(random, 0x1000), 3);
    const high = hex(((0b10 << 30) | (tag << 26) | index) >>> 0, 8);
    const low = hex(bits32(random), 8);
    return `${millis.slice(0, 8)}-${millis.slice(8)}-7${randA}-${high.slice(0, 4)}-${high.slice(4)}${low}`;
  };
}

// --- calendar ---

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 1970-01-01 was a Thursday: 0 is Sunday, 6 Saturday. */
const weekdayOf = (day: number): number => (day + 4) % 7;
const HOLIDAYS = new Set(["01-01", "07-04", "12-25"]);
/** Entries per workday, by month: tax season (Feb-Apr) busy, summer quiet. */
const MONTH_WEIGHT = [11, 13, 14, 14, 11, 9, 8, 8, 10, 10, 10, 9];

interface Workday {
  day: number;
  iso: string;
  weight: number;
}

function workdays(): Workday[] {
  const days: Workday[] = [];
  for (let day = dayOf(HISTORY.from); day <= dayOf(HISTORY.to); day++) {
    const weekday = weekdayOf(day);
    const iso = isoOf(day);
    if (weekday === 0 || weekday === 6 || HOLIDAYS.has(iso.slice(5))) continue;
    const month = Number(iso.slice(5, 7)) - 1;
    days.push({ day, iso, weight: MONTH_WEIGHT[month]! - (weekday === 5 ? 2 : 0) });
  }
  return days;
}

/** How many of `total` entries fall on each workday: by weight, exactly `total` in all. */
function entriesPerDay(days: readonly Workday[], total: number): number[] {
  const sum = days.reduce((acc, d) => acc + d.weight, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let before = 0;
  for (const d of days) {
    cumulative += d.weight;
    const upTo = Math.floor((total * cumulative) / sum);
    counts.push(upTo - before);
    before = upTo;
  }
  return counts;
}

/** A time of day on `day` as an ISO timestamp (whole seconds). */
const stamp = (day: number, seconds: number): string => new Date(day * DAY_MS + seconds * 1000).toISOString();

// --- vocabulary ---

/** A word list written compactly: items separated by "|", line breaks ignored. */
const list = (text: string): readonly string[] =>
  text
    .split("|")
    .map((item) => item.trim())
    .filter(Boolean);

const FIRST_NAMES = list(`
  James | Mary | Robert | Patricia | John | Jennifer | Michael | Linda | David | Elizabeth |
  William | Barbara | Richard | Susan | Joseph | Jessica | Thomas | Sarah | Charles | Karen |
  Daniel | Nancy | Matthew | Lisa | Anthony | Betty | Mark | Sandra | Steven | Ashley | Andrew |
  Kimberly | Joshua | Emily | Kevin | Donna | Brian | Michelle | George | Carol | Wei | Mei |
  Hiroshi | Yuki | Arjun | Priya | Rahul | Ananya | Mohammed | Fatima | Omar | Aisha | Carlos |
  Sofia | Luis | Camila | Diego | Valentina | Mateo | Lucia | Olusegun | Chiamaka | Kwame |
  Amara | Liam | Chloe | Noah | Zoe | Ethan | Grace | Lucas | Hannah | Mason | Nora | Owen |
  Leah | Isaac | Maya | Gabriel | Ruth | Samuel | Naomi | Henry | Claire | Jack | Alice | Leo |
  Ingrid | Sven | Astrid | Pierre | Amelie | Marco | Giulia | Dmitri | Anya | Tomasz |
  Katarzyna | Sean | Siobhan
`);

const LAST_NAMES = list(`
  Smith | Johnson | Williams | Brown | Jones | Garcia | Miller | Davis | Rodriguez | Martinez |
  Hernandez | Lopez | Gonzalez | Wilson | Anderson | Thomas | Taylor | Moore | Jackson | Martin |
  Lee | Perez | Thompson | White | Harris | Sanchez | Clark | Ramirez | Lewis | Robinson |
  Walker | Young | Allen | King | Wright | Scott | Torres | Nguyen | Hill | Flores | Green |
  Adams | Nelson | Baker | Hall | Rivera | Campbell | Mitchell | Carter | Roberts | Chen | Wang |
  Li | Zhang | Liu | Tanaka | Sato | Kim | Park | Choi | Patel | Shah | Singh | Kumar | Gupta |
  Khan | Ali | Hassan | Okafor | Adeyemi | Mensah | Owusu | O'Brien | O'Connor | McCarthy |
  Murphy | Kelly | Byrne | Novak | Kowalski | Nowak | Ivanov | Petrov | Müller | Schmidt |
  Schneider | Fischer | Weber | Rossi | Russo | Bianchi | Dubois | Laurent | Lefebvre |
  Johansson | Lindqvist | Hansen | Jensen | Van der Berg | De Vries | Hartley | Whitfield |
  Ashworth | Pemberton | Caldwell | Thornton | Blackwood | Fairbanks | Holloway | Kensington
`);

const PLACES = list(`
  Riverside | Northgate | Lakeview | Cedar Hill | Harbor | Maple Grove | Oakridge | Pinecrest |
  Westfield | Eastbrook | Summit | Brookside | Fairview | Highland | Meadowbrook | Stonebridge |
  Willow Creek | Silver Lake | Granite | Bayshore | Redwood | Ironwood | Clearwater | Foxhill |
  Kingsbury | Millbrook | Ashford | Elmwood | Hawthorne | Sterling
`);

const INDUSTRIES = list(`
  Dental Group | Plumbing | Logistics | Family Farms | Auto Repair | Construction | Landscaping |
  Veterinary Clinic | Physiotherapy | Realty | Bakery | Brewing Company | Marine Services |
  Electrical Contractors | Medical Associates | Software | Design Studio | Law Office |
  Insurance Brokers | Property Management | Roofing | Catering | Hardware | Optometry |
  Printing | Fitness | Pharmacy | Tooling | Trucking | Florist | Engineering
`);

const COMPANY_SUFFIXES = ["Inc.", "Ltd", "LLC", "Corp.", "Co.", "Group", "Partners LP", "Holdings Inc."];

const NONPROFITS = list(`
  Youth Soccer Association | Food Bank | Community Foundation | Historical Society |
  Arts Council | Library Friends | Animal Rescue | Hospice Society | Rotary Club |
  Chamber of Commerce
`);

const STREETS = list(`
  Main | Maple | Oak | Pine | Cedar | Elm | Washington | Lake | Hill | Park | Church | Mill |
  River | Spring | Ridge | Highland | Sunset | Meadow | Forest | Jefferson | Franklin | Lincoln
`);
const STREET_KINDS = ["Street", "Avenue", "Road", "Drive", "Lane", "Boulevard", "Way", "Court"];
// prettier-ignore
const CITIES: readonly (readonly [string, string, number])[] = [
  ["Springfield", "IL", 62704], ["Madison", "WI", 53703], ["Columbus", "OH", 43215], ["Portland", "OR", 97205],
  ["Austin", "TX", 78701], ["Raleigh", "NC", 27601], ["Boise", "ID", 83702], ["Albany", "NY", 12207],
  ["Denver", "CO", 80202], ["Richmond", "VA", 23219], ["Sacramento", "CA", 95814], ["Trenton", "NJ", 8608],
  ["Hartford", "CT", 6103], ["Nashville", "TN", 37203], ["Omaha", "NE", 68102], ["Tucson", "AZ", 85701],
];

const CLIENT_NOTES = list(`
  Year end March 31. | Year end June 30; audit committee meets in September. |
  Prefers contact by email. Send invoices to the controller. |
  Engagement letter renewed every January. |
  Payroll processed bi-weekly; remittances due on the 15th. |
  Owner-managed; spouse signs as second director. |
  Bank requires reviewed statements within 120 days of year end. |
  Uses QuickBooks Online; we have accountant access. | Multi-state filer (see permanent file). |
  Client portal set up; documents uploaded monthly.
`);

// --- the firm ---

const ROLE_BASE_RATE: Record<StaffRole, readonly [number, number] | null> = {
  partner: [320, 420],
  manager: [200, 260],
  senior: [150, 185],
  staff: [105, 135],
  bookkeeper: [70, 90],
  admin: null,
};

const ROLE_GROUPS: Record<StaffRole, readonly (readonly string[])[]> = {
  partner: [
    ["Partners", "Audit & Assurance"],
    ["Partners", "Tax"],
    ["Partners", "Advisory"],
  ],
  manager: [
    ["Managers", "Audit & Assurance"],
    ["Managers", "Tax"],
    ["Managers", "Client Accounting"],
  ],
  senior: [["Audit & Assurance"], ["Tax"], ["Audit & Assurance", "Tax"], ["Advisory"]],
  staff: [["Audit & Assurance"], ["Tax"], ["Audit & Assurance", "Tax"], ["Client Accounting"]],
  bookkeeper: [["Client Accounting"]],
  admin: [["Administration"]],
};

/** How many hours a role records on a day, relative to a full day (partners sell more than they do). */
const ROLE_HOURS: Record<StaffRole, number> = {
  partner: 0.6,
  manager: 0.85,
  senior: 1,
  staff: 1,
  bookkeeper: 1,
  admin: 0.9,
};

function checkSize(size: FirmSize): void {
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!whole(size.staff) || size.staff < 2) throw invalid("a generated firm has at least 2 staff");
  if (!whole(size.clients) || size.clients < 2) throw invalid("a generated firm has at least 2 clients");
  for (const n of [size.staff, size.clients, size.timeEntries, size.expenseEntries]) {
    if (!whole(n) || n >= MAX_RECORDS)
      throw invalid(`record counts must be whole numbers below ${MAX_RECORDS}`);
  }
}

export function checkSeed(seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw invalid(`a seed is a whole number from 0 to ${MAX_SEED}`);
  return seed;
}

/** Plans the firm's records (everything but the entries, which stream from the plan). */
export function planFirm(size: FirmSize, seed: number): FirmPlan {
  checkSize(size);
  checkSeed(seed);
  const random = randomStream(seed, STREAM.firm);
  const first = pick(random, LAST_NAMES);
  let second = pick(random, LAST_NAMES);
  if (second === first) second = LAST_NAMES[(LAST_NAMES.indexOf(first) + 7) % LAST_NAMES.length]!;
  const { currency, minorDigits } = normaliseCurrency("USD");
  const firm: FirmRecord = {
    id: idMaker(seed, ID_TAG.firm)(0, FIRM_CREATED_AT),
    name: requireText(`${first} ${second} & Co. CPAs`, "firm name"),
    currency,
    minorDigits,
    timeIncrement: 6,
    fiscalYearStartMonth: 1,
    createdAt: FIRM_CREATED_AT,
  };
  const domain = `${asciiLetters(first)}${asciiLetters(second)}.example`;
  const days = workdays();
  const staff = planStaff(size.staff, seed, domain, days);
  const { groups, members } = planGroups(staff, seed);
  const clients = planClients(size.clients, seed, firm.name, staff);
  const workCodes = planWorkCodes(seed);
  const rates = planRates(seed, staff, clients, workCodes);
  return {
    seed,
    size: { ...size },
    firm,
    staff,
    groups,
    members,
    clients,
    workCodes,
    rates,
    admin: staff[0]!,
  };
}

/** Letters only, lower-cased and without accents: for emails and codes. */
function asciiLetters(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

/** Seconds after the firm was set up, so records made at setup have distinct, ordered times. */
const setupStamp = (offset: number): string =>
  new Date(Date.parse(FIRM_CREATED_AT) + offset * 1000).toISOString();

function roles(count: number, random: Random): StaffRole[] {
  const share = (fraction: number, minimum: number) => Math.max(minimum, Math.floor(count * fraction));
  const partners = share(0.1, 1);
  const managers = count >= 3 ? share(0.15, 1) : count - partners;
  const admins = count >= 10 ? share(0.05, 1) : 0;
  const bookkeepers = count >= 8 ? share(0.08, 1) : 0;
  const seniors = Math.floor(count * 0.25);
  const list: StaffRole[] = [
    ...Array<StaffRole>(partners - 1).fill("partner"),
    ...Array<StaffRole>(managers).fill("manager"),
    ...Array<StaffRole>(admins).fill("admin"),
    ...Array<StaffRole>(bookkeepers).fill("bookkeeper"),
    ...Array<StaffRole>(seniors).fill("senior"),
  ];
  while (list.length < count - 1) list.push("staff");
  list.length = count - 1;
  // Fisher-Yates: roles spread over the staff numbers; staff member 1 is the managing partner.
  for (let i = list.length - 1; i > 0; i--) {
    const j = below(random, i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return ["partner", ...list];
}

function planStaff(count: number, seed: number, domain: string, days: readonly Workday[]): StaffRecord[] {
  const random = randomStream(seed, STREAM.staff);
  const id = idMaker(seed, ID_TAG.staff);
  const emails = new Set<string>();
  return roles(count, random).map((role, index) => {
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const local = `${asciiLetters(firstName)}.${asciiLetters(lastName)}`;
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
    emails.add(email);
    // Some people leave over the years; partners and managers stay (clients name them).
    const leaves = index > 0 && role !== "partner" && role !== "manager" && chance(random, 0.08);
    const inactiveDate = leaves
      ? days[Math.floor(days.length * 0.25) + below(random, Math.floor(days.length * 0.7))]!.iso
      : null;
    const createdAt = setupStamp(60 + index);
    return {
      id: id(index, createdAt),
      staffNumber: normaliseStaffNumber(`S${index + 1}`),
      firstName: requireText(firstName, "first name", 60),
      lastName: requireText(lastName, "last name", 60),
      email: normaliseEmail(email)!,
      status: inactiveDate ? "inactive" : "active",
      inactiveDate,
      role,
      createdAt,
      updatedAt: inactiveDate ? `${inactiveDate}T17:30:00.000Z` : createdAt,
    };
  });
}

function planGroups(staff: readonly StaffRecord[], seed: number) {
  const random = randomStream(seed, STREAM.staff + 32);
  const chosen = staff.map((member) => pick(random, ROLE_GROUPS[member.role]));
  const names = [...new Set(chosen.flat())].sort();
  const id = idMaker(seed, ID_TAG.group);
  const groups: StaffGroupRecord[] = names.map((name, index) => {
    const createdAt = setupStamp(30 + index);
    return { id: id(index, createdAt), name: requireText(name, "group name", 60), createdAt };
  });
  const byName = new Map(groups.map((group) => [group.name, group]));
  const members: GroupMemberRecord[] = staff.flatMap((member, index) =>
    [...chosen[index]!].sort().map((name) => ({
      groupId: byName.get(name)!.id,
      staffId: member.id,
      createdAt: member.createdAt,
    })),
  );
  return { groups, members };
}

// --- clients ---

// prettier-ignore
const PROFILE_SHARE: readonly (readonly [ClientProfile, number])[] = [
  ["personal", 35], ["bookkeeping", 20], ["review", 15], ["corporate_tax", 15], ["advisory", 8], ["audit", 7],
];

/**
 * The hours weight of the client ranked `rank` (0 = largest) among `count`: 1/(r+b) + b/(r+b)^2
 * with b = 1 + count/1000, so the top 5 % of clients carry about 60 % of the hours at every
 * scale, while the largest stays a plausible share of a big firm (about 20 % at S, 1 % at L).
 */
function clientWeight(rank: number, count: number): number {
  const b = 1 + count / 1000;
  const r = rank + b;
  return 1 / r + b / (r * r);
}

function planClients(
  count: number,
  seed: number,
  firmName: string,
  staff: readonly StaffRecord[],
): ClientRecord[] {
  const random = randomStream(seed, STREAM.clients);
  const id = idMaker(seed, ID_TAG.client);
  const partners = staff.filter((s) => s.role === "partner");
  const managers = staff.filter((s) => s.role === "manager");
  const prefixes = new Map<string, number>();
  const ranks = shuffledRanks(count - 1, random);
  const clients: ClientRecord[] = [];
  const internalAt = setupStamp(200);
  clients.push({
    id: id(0, internalAt),
    code: normaliseCode("FIRM", "client code"),
    name: requireText(`${firmName} (internal time)`, "client name"),
    status: "active",
    partnerId: staff[0]!.id,
    managerId: null,
    address: "",
    notes: "Firm administration, training and business development.",
    createdAt: internalAt,
    updatedAt: internalAt,
    profile: "internal",
    rank: -1,
  });
  for (let index = 1; index < count; index++) {
    const rank = ranks[index - 1]!;
    const large = rank < Math.max(1, Math.floor(count * 0.03));
    const profile: ClientProfile = large
      ? chance(random, 0.75)
        ? "audit"
        : "review"
      : weighted(random, PROFILE_SHARE);
    const { name, key } = clientName(random, profile);
    const prefix = (asciiLetters(key).toUpperCase() + "XXXX").slice(0, 4);
    const serial = (prefixes.get(prefix) ?? 0) + 1;
    prefixes.set(prefix, serial);
    // Former clients, kept inactive with no work in the period: the cloud refuses entries of an
    // inactive client (revalidate.ts), so a closed client with history could not be integrated.
    const inactive = rank > count * 0.2 && chance(random, 0.03);
    const createdAt = setupStamp(200 + index);
    clients.push({
      id: id(index, createdAt),
      code: normaliseCode(`${prefix}${String(serial).padStart(2, "0")}`, "client code"),
      name: requireText(name, "client name"),
      status: inactive ? "inactive" : "active",
      partnerId: pick(random, partners).id,
      managerId: managers.length && !chance(random, 0.05) ? pick(random, managers).id : null,
      address: optionalText(address(random), "address", 500),
      notes: optionalText(chance(random, 0.3) ? pick(random, CLIENT_NOTES) : "", "notes", 4000),
      createdAt,
      updatedAt: createdAt,
      profile,
      rank,
    });
  }
  return clients;
}

/** A random permutation of 0..n-1: which client has which size rank. */
function shuffledRanks(n: number, random: Random): Int32Array {
  const ranks = new Int32Array(n);
  for (let i = 0; i < n; i++) ranks[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = below(random, i + 1);
    const swap = ranks[i]!;
    ranks[i] = ranks[j]!;
    ranks[j] = swap;
  }
  return ranks;
}

function clientName(random: Random, profile: ClientProfile): { name: string; key: string } {
  if (profile === "personal") {
    const last = pick(random, LAST_NAMES);
    const first = pick(random, FIRST_NAMES);
    if (chance(random, 0.15)) return { name: `${last} Family Trust`, key: last };
    const joint = chance(random, 0.4) ? ` & ${pick(random, FIRST_NAMES)}` : "";
    return { name: `${last}, ${first}${joint}`, key: last };
  }
  if (profile === "advisory" && chance(random, 0.35)) {
    const place = pick(random, PLACES);
    return { name: `${place} ${pick(random, NONPROFITS)}`, key: place };
  }
  const word = chance(random, 0.5) ? pick(random, PLACES) : pick(random, LAST_NAMES);
  return { name: `${word} ${pick(random, INDUSTRIES)} ${pick(random, COMPANY_SUFFIXES)}`, key: word };
}

function address(random: Random): string {
  const [city, state, zip] = pick(random, CITIES);
  const street = `${between(random, 10, 9899)} ${pick(random, STREETS)} ${pick(random, STREET_KINDS)}`;
  const suite = chance(random, 0.25) ? `, Suite ${between(random, 100, 950)}` : "";
  return `${street}${suite}, ${city}, ${state} ${String(zip + below(random, 40)).padStart(5, "0")}`;
}

// --- work codes ---

/**
 * The firm's work codes: code, kind, B or NB, name, then the default rate's history as the
 * domain parses it ("165.00" from always, "2024-01-01=175.00" from that date); empty when the
 * code has no default (time priced by staff rates, receipts typed in).
 */
// prettier-ignore
const WORK_CODE_TABLE: readonly (readonly [string, "time" | "expense", "B" | "NB", string, string])[] = [
  ["AUD",   "time",    "B",  "Audit fieldwork",               "165.00 2024-01-01=175.00"],
  ["AUDP",  "time",    "B",  "Audit planning and completion", "175.00 2024-01-01=185.00"],
  ["REV",   "time",    "B",  "Review engagement",             "150.00 2024-01-01=160.00"],
  ["COMP",  "time",    "B",  "Compilation engagement",        "125.00 2024-01-01=135.00"],
  ["TAXC",  "time",    "B",  "Corporate tax return",          "150.00 2023-01-01=155.00 2025-01-01=165.00"],
  ["TAXP",  "time",    "B",  "Personal tax return",           "125.00 2023-01-01=130.00 2025-01-01=140.00"],
  ["TAXPL", "time",    "B",  "Tax planning",                  "185.00 2024-01-01=195.00"],
  ["BKP",   "time",    "B",  "Bookkeeping",                   "85.00 2024-01-01=90.00"],
  ["PAY",   "time",    "B",  "Payroll",                       "75.00 2024-01-01=80.00"],
  ["ADV",   "time",    "B",  "Advisory",                      "210.00 2024-01-01=225.00"],
  ["MTG",   "time",    "B",  "Client meeting",                "150.00 2024-01-01=160.00"],
  ["CORR",  "time",    "B",  "Correspondence and calls",      "120.00"],
  ["TRVT",  "time",    "B",  "Travel time",                   "95.00"],
  ["ADM",   "time",    "NB", "Firm administration",           ""],
  ["INT",   "time",    "NB", "Internal meeting",              ""],
  ["TRN",   "time",    "NB", "Training and CPD",              ""],
  ["BD",    "time",    "NB", "Business development",          ""],
  ["MILE",  "expense", "B",  "Mileage",                       "0.56 2022-01-01=0.585 2022-07-01=0.625 2023-01-01=0.655 2024-01-01=0.67 2025-01-01=0.70"],
  ["COPY",  "expense", "B",  "Printing and photocopies",      "0.15 2024-01-01=0.20"],
  ["SOFT",  "expense", "B",  "Cloud accounting subscription", "35.00 2024-01-01=39.00"],
  ["PARK",  "expense", "B",  "Parking",                       ""],
  ["FILE",  "expense", "B",  "Government filing fees",        ""],
  ["COUR",  "expense", "B",  "Courier and postage",           ""],
  ["TRAV",  "expense", "B",  "Travel (air, hotel)",           ""],
  ["MEAL",  "expense", "NB", "Meals with clients",            ""],
];

/** Surcharges (percent, as typed) and internal notes, which never reach reports or invoices. */
const SURCHARGES: Readonly<Record<string, string>> = { COUR: "10" };
const INTERNAL_NOTES: Readonly<Record<string, string>> = {
  TRVT: "Bill at half the standard rate where the engagement letter says so.",
  TRN: "Record CPD hours in the training log too.",
  MILE: "IRS standard mileage rate.",
  COUR: "10 % handling charge on courier costs.",
};

/** A code's default rates as [effective date, rate]: the first from always. */
function defaultRates(history: string): [string, number][] {
  return history
    .split(" ")
    .filter(Boolean)
    .map((part, index) => {
      const [date, text] = index === 0 ? [ALWAYS, part] : part.split("=");
      return [date!, parseRate(text!)];
    });
}

function planWorkCodes(seed: number): WorkCodeRecord[] {
  const id = idMaker(seed, ID_TAG.workCode);
  return WORK_CODE_TABLE.map(([code, kind, billable, name], index) => {
    const createdAt = setupStamp(10 + index);
    return {
      id: id(index, createdAt),
      code: normaliseCode(code, "work code", 10),
      kind,
      billable: billable === "B",
      name: requireText(name, "work code name", 100),
      surchargeBp: SURCHARGES[code] ? parsePercent(SURCHARGES[code]) : 0,
      internalNote: optionalText(INTERNAL_NOTES[code], "internal note"),
      active: true,
      createdAt,
    };
  });
}

// --- rates ---

const dollars = (amount: number): number => parseRate(String(amount));
/**
 * A rate raised by `percent`, rounded as the firm sets rates: to whole $5, or (firms that
 * raise by the exact percentage) to the cent, which gives the odd-cent rates (154.35/h) whose
 * 6-minute amounts need the one rounding path.
 */
const raised = (rate: number, percent: number, toTheCent: boolean): number => {
  const step = toTheCent ? 100 : 50_000;
  return Math.max(rate + step, Math.round((rate * (100 + percent)) / (100 * step)) * step);
};

/** A rate is entered a little before it takes effect (setup rates at setup). */
function rateCreatedAt(effectiveDate: string, offset: number): string {
  if (effectiveDate <= HISTORY.from) return setupStamp(1000 + offset);
  return stamp(dayOf(effectiveDate) - 10, 15 * 3600 + (offset % 3600));
}

function planRates(
  seed: number,
  staff: readonly StaffRecord[],
  clients: readonly ClientRecord[],
  workCodes: readonly WorkCodeRecord[],
): RateRecord[] {
  const random = randomStream(seed, STREAM.rates);
  const id = idMaker(seed, ID_TAG.rate);
  const rates: RateRecord[] = [];
  const add = (row: Omit<RateRecord, "id" | "createdAt" | "projectId">) => {
    const createdAt = rateCreatedAt(row.effectiveDate, rates.length);
    rates.push({ ...row, projectId: null, id: id(rates.length, createdAt), createdAt });
  };
  const codeId = new Map(workCodes.map((code) => [code.code, code.id]));
  const none = { staffId: null, clientId: null };

  for (const [code, , , , history] of WORK_CODE_TABLE) {
    for (const [effectiveDate, rate] of defaultRates(history)) {
      add({ ...none, scope: "work_code", workCodeId: codeId.get(code)!, effectiveDate, rate });
    }
  }
  for (const member of staff) {
    for (const [effectiveDate, rate] of staffRateHistory(random, member)) {
      add({ ...none, scope: "staff", staffId: member.id, workCodeId: null, effectiveDate, rate });
      // Partners sell advisory work above their standard rate.
      if (member.role === "partner" && (effectiveDate === HISTORY.from || effectiveDate === "2024-01-01")) {
        add({
          ...none,
          scope: "staff",
          staffId: member.id,
          workCodeId: codeId.get("ADV")!,
          effectiveDate,
          rate: rate + dollars(40),
        });
      }
    }
  }
  for (const client of clients) {
    if (client.profile === "internal") continue;
    if (chance(random, client.profile === "advisory" ? 0.12 : 0.02)) {
      // A negotiated flat rate (a non-profit discount, a fixed engagement), renewed later for some.
      const from = chance(random, 0.5)
        ? HISTORY.from
        : `2023-${String(between(random, 1, 12)).padStart(2, "0")}-01`;
      const rate = dollars(5 * between(random, 19, 28));
      add({ ...none, scope: "client", clientId: client.id, workCodeId: null, effectiveDate: from, rate });
      if (chance(random, 0.5))
        add({
          ...none,
          scope: "client",
          clientId: client.id,
          workCodeId: null,
          effectiveDate: "2025-01-01",
          rate: rate + dollars(10),
        });
    } else if (client.profile === "bookkeeping" && chance(random, 0.12)) {
      const rate = dollars(5 * between(random, 12, 16));
      const bookkeeping = codeId.get("BKP")!;
      add({
        ...none,
        scope: "client",
        clientId: client.id,
        workCodeId: bookkeeping,
        effectiveDate: HISTORY.from,
        rate,
      });
      add({
        ...none,
        scope: "client",
        clientId: client.id,
        workCodeId: bookkeeping,
        effectiveDate: "2024-07-01",
        rate: rate + dollars(5),
      });
    }
  }
  return rates;
}

/** A standard rate from the start of the history, raised each January, with mid-year promotions. */
function staffRateHistory(random: Random, member: StaffRecord): [string, number][] {
  const band = ROLE_BASE_RATE[member.role];
  if (!band) return []; // administrative staff are priced by the work code's default
  const contractor = (member.role === "senior" || member.role === "staff") && chance(random, 0.1);
  const exact = chance(random, 0.4);
  // A contractor's day rate divided by 8: sub-cent hourly rates (140.625/h) are normal.
  let day = 25 * between(random, 40, 52);
  let rate = contractor ? parseRate(String(day)) / 8 : dollars(5 * between(random, band[0] / 5, band[1] / 5));
  const history: [string, number][] = [[HISTORY.from, rate]];
  const promotion =
    !contractor && member.role !== "partner" && chance(random, 0.15)
      ? pick(random, ["2023-07-01", "2024-07-01"])
      : null;
  for (const date of ["2023-01-01", "2023-07-01", "2024-01-01", "2024-07-01", "2025-01-01"]) {
    if (member.inactiveDate && date >= member.inactiveDate) break;
    if (date === promotion) rate = raised(rate, 20, exact);
    else if (date.endsWith("01-01")) {
      if (contractor) {
        day += 25;
        rate = parseRate(String(day)) / 8;
      } else {
        rate = raised(rate, between(random, 3, 6), exact);
      }
    } else continue;
    history.push([date, rate]);
  }
  return history;
}

// --- entries ---

/** Work codes by client profile, with weights. */
// prettier-ignore
const PROFILE_CODES: Record<Exclude<ClientProfile, "internal">, readonly (readonly [string, number])[]> = {
  audit: [["AUD", 45], ["AUDP", 15], ["TAXC", 10], ["MTG", 10], ["CORR", 8], ["ADV", 5], ["TRVT", 7]],
  review: [["REV", 40], ["COMP", 15], ["TAXC", 20], ["MTG", 10], ["CORR", 10], ["TRVT", 5]],
  corporate_tax: [["TAXC", 55], ["TAXPL", 15], ["COMP", 10], ["MTG", 10], ["CORR", 10]],
  personal: [["TAXP", 70], ["TAXPL", 10], ["MTG", 10], ["CORR", 10]],
  bookkeeping: [["BKP", 55], ["PAY", 25], ["TAXC", 8], ["CORR", 7], ["MTG", 5]],
  advisory: [["ADV", 50], ["TAXPL", 15], ["MTG", 20], ["CORR", 10], ["TRVT", 5]],
};
// prettier-ignore
const INTERNAL_CODES: readonly (readonly [string, number])[] = [["ADM", 40], ["INT", 25], ["TRN", 20], ["BD", 15]];
// prettier-ignore
const BOOKKEEPER_CODES: readonly (readonly [string, number])[] = [["BKP", 65], ["PAY", 30], ["CORR", 5]];

// prettier-ignore
const EXPENSE_CODES: readonly (readonly [string, number])[] = [
  ["MILE", 30], ["COPY", 15], ["PARK", 14], ["FILE", 10], ["COUR", 9], ["SOFT", 8], ["TRAV", 7], ["MEAL", 7],
];

/** The references entries draw on, built once per stream from the plan. */
interface EntryContext {
  plan: FirmPlan;
  days: Workday[];
  endDay: number;
  book: RateBook;
  codes: Map<string, WorkCodeRecord>;
  /** Cumulative client weights (index 0, the internal client, weighs nothing). */
  cumulative: Float64Array;
  /** The largest client: always active. */
  largest: ClientRecord;
  staffDays: { member: StaffRecord; lastDay: number }[];
}

function entryContext(plan: FirmPlan): EntryContext {
  const count = plan.clients.length;
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let index = 1; index < count; index++) {
    total += clientWeight(plan.clients[index]!.rank, count - 1);
    cumulative[index] = total;
  }
  return {
    plan,
    days: workdays(),
    endDay: dayOf(HISTORY.to),
    book: createRateBook(plan.rates),
    codes: new Map(plan.workCodes.map((code) => [code.code, code])),
    cumulative,
    largest: plan.clients.find((client) => client.rank === 0)!,
    staffDays: plan.staff.map((member) => ({
      member,
      lastDay: member.inactiveDate ? dayOf(member.inactiveDate) - 1 : Number.POSITIVE_INFINITY,
    })),
  };
}

/** A client by hours weight, active (an inactive client has no work); never the internal client. */
function drawClient(context: EntryContext, random: Random): ClientRecord {
  const { cumulative, plan } = context;
  for (let attempt = 0; attempt < 20; attempt++) {
    const target = random() * cumulative[cumulative.length - 1]!;
    let low = 1;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    const client = plan.clients[low]!;
    if (client.status === "active") return client;
  }
  return context.largest;
}

/** Active staff on a day, in staff-number order. */
const activeOn = (context: EntryContext, day: number): StaffRecord[] =>
  context.staffDays.filter((s) => day <= s.lastDay).map((s) => s.member);

function entryStatus(random: Random, age: number, billable: boolean): EntryStatus {
  if (age <= 14) return chance(random, 0.7) ? "draft" : "submitted";
  if (age <= 45) return chance(random, 0.25) ? "submitted" : "approved";
  if (!billable) return "approved";
  return chance(random, 0.97) ? "billed" : "approved";
}

/** When an entry was typed (usually that evening, sometimes days later) and last changed (its status). */
function entryTimes(
  random: Random,
  day: number,
  status: EntryStatus,
): { createdAt: string; updatedAt: string } {
  const generatedAt = Date.parse(GENERATED_AT);
  const late = chance(random, 0.12) ? between(random, 1, 3) : 0;
  const created = Math.min(
    (day + late) * DAY_MS + between(random, 15 * 3600, 20 * 3600) * 1000,
    generatedAt - 3_600_000,
  );
  const changed =
    status === "draft" ? created : Math.min(created + between(random, 2, 40) * DAY_MS, generatedAt - 60_000);
  return { createdAt: new Date(created).toISOString(), updatedAt: new Date(changed).toISOString() };
}

/**
 * The time entries, in date order, one at a time: each workday's entries (by its weight)
 * are shared round-robin among the staff active that day, with durations that add up to a
 * plausible day for each.
 */
export function* timeEntries(plan: FirmPlan): Generator<TimeEntry> {
  const context = entryContext(plan);
  const random = randomStream(plan.seed, STREAM.time);
  const id = idMaker(plan.seed, ID_TAG.time);
  const { minorDigits } = plan.firm;
  const internal = plan.clients[0]!;
  const counts = entriesPerDay(context.days, plan.size.timeEntries);
  let index = 0;
  for (const [d, workday] of context.days.entries()) {
    const count = counts[d]!;
    if (count === 0) continue;
    const active = activeOn(context, workday.day);
    const perPerson = count / active.length;
    for (let j = 0; j < count; j++) {
      const member = active[(j + d) % active.length]!;
      const inside = member.role === "admin" ? chance(random, 0.85) : chance(random, 0.07);
      const client = inside ? internal : drawClient(context, random);
      const code = context.codes.get(
        weighted(
          random,
          inside
            ? INTERNAL_CODES
            : member.role === "bookkeeper"
              ? BOOKKEEPER_CODES
              : PROFILE_CODES[client.profile as Exclude<ClientProfile, "internal">],
        ),
      )!;
      const adjustment = chance(random, 0.01);
      const minutes = adjustment ? -6 * between(random, 1, 8) : 6 * entrySteps(random, member, perPerson);
      const resolved = context.book.resolve({
        date: workday.iso,
        staffId: member.id,
        clientId: client.id,
        projectId: null,
        workCodeId: code.id,
        kind: "time",
      });
      // "No charge" time: a billable code recorded as non-billable now and then.
      const billable = code.billable && !chance(random, 0.02);
      const status = entryStatus(random, context.endDay - workday.day, billable);
      const times = entryTimes(random, workday.day, status);
      yield {
        id: id(index++, times.createdAt),
        staffId: member.id,
        clientId: client.id,
        projectId: null,
        workCodeId: code.id,
        date: workday.iso,
        reviewComment: null,
        minutes,
        rate: resolved.rate,
        rateSource: resolved.source,
        amount: timeAmount(resolved.rate, minutes, minorDigits),
        billable,
        description: adjustment
          ? adjustmentDescription(random, workday.iso)
          : timeDescription(random, code.code, workday.iso),
        status,
        ...times,
      };
    }
  }
}

/**
 * 6-minute steps for one entry: a full day (7.5 h, less for partners) shared among the
 * person's entries that day, times a factor from 0.2 to 1.8 (triangular), with quick calls
 * and emails of one to three steps mixed in.
 */
function entrySteps(random: Random, member: StaffRecord, perPerson: number): number {
  if (chance(random, 0.12)) return between(random, 1, 3);
  const mean = (75 * ROLE_HOURS[member.role]) / Math.max(1, perPerson);
  const factor = 0.2 + 0.8 * (random() + random());
  return Math.min(100, Math.max(1, Math.round(mean * factor)));
}

/** The expense entries, in date order, one at a time. */
export function* expenseEntries(plan: FirmPlan): Generator<ExpenseEntry> {
  const context = entryContext(plan);
  const random = randomStream(plan.seed, STREAM.expense);
  const id = idMaker(plan.seed, ID_TAG.expense);
  const { minorDigits } = plan.firm;
  const counts = entriesPerDay(context.days, plan.size.expenseEntries);
  let index = 0;
  for (const [d, workday] of context.days.entries()) {
    const count = counts[d]!;
    if (count === 0) continue;
    const active = activeOn(context, workday.day).filter((member) => member.role !== "admin");
    for (let j = 0; j < count; j++) {
      const member = pick(random, active);
      const client = drawClient(context, random);
      const code = context.codes.get(weighted(random, EXPENSE_CODES))!;
      const { quantity, entered, detail } = expenseQuantity(random, code.code);
      const credit = chance(random, 0.01);
      const signed = credit ? -quantity : quantity;
      const resolved = context.book.resolve({
        date: workday.iso,
        staffId: member.id,
        clientId: client.id,
        projectId: null,
        workCodeId: code.id,
        kind: "expense",
      });
      const unitRate = entered ?? resolved.rate;
      const status = entryStatus(random, context.endDay - workday.day, code.billable);
      const times = entryTimes(random, workday.day, status);
      yield {
        id: id(index++, times.createdAt),
        staffId: member.id,
        clientId: client.id,
        projectId: null,
        workCodeId: code.id,
        date: workday.iso,
        reviewComment: null,
        quantity: signed,
        unitRate,
        rateSource: entered === null ? resolved.source : ENTERED_RATE_SOURCE,
        surchargeBp: code.surchargeBp,
        amount: expenseAmount(signed, unitRate, code.surchargeBp, minorDigits),
        billable: code.billable,
        description: expenseDescription(random, code.code, detail, credit, workday.iso),
        receiptFile: null,
        status,
        ...times,
      };
    }
  }
}

/** Quantity (thousandths) and, for receipts, the unit rate typed in (ten-thousandths). */
function expenseQuantity(
  random: Random,
  code: string,
): { quantity: number; entered: number | null; detail: string } {
  const cents = (low: number, high: number) => between(random, low, high) * 100;
  switch (code) {
    case "MILE": {
      const quantity = between(random, 6, 160) * 1000 + (chance(random, 0.2) ? 500 : 0);
      return { quantity, entered: null, detail: formatQuantity(quantity) };
    }
    case "COPY": {
      const copies = between(random, 10, 400);
      return { quantity: copies * 1000, entered: null, detail: String(copies) };
    }
    case "SOFT":
      return { quantity: 1000, entered: null, detail: "" };
    case "PARK":
      return { quantity: 1000, entered: cents(600, 4500), detail: "" };
    case "FILE":
      return { quantity: 1000, entered: dollars(pick(random, [25, 35, 50, 75, 95, 150, 300])), detail: "" };
    case "COUR":
      return { quantity: 1000, entered: cents(1250, 8500), detail: "" };
    case "TRAV": {
      const nights = between(random, 1, 4);
      return { quantity: 1000, entered: cents(8500, 95000), detail: String(nights) };
    }
    default:
      return { quantity: 1000, entered: cents(1800, 14000), detail: "" };
  }
}

// --- descriptions ---

const MONTHS = list(`
  January | February | March | April | May | June | July | August | September | October |
  November | December
`);

/** A period an entry might name, relative to its date (tax work is for the year before). */
function period(random: Random, date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (below(random, 5)) {
    case 0:
      return `${MONTHS[(month + 10) % 12]} ${month === 1 ? year - 1 : year}`;
    case 1:
      return `Q${Math.floor((month - 1) / 3) || 4} ${month <= 3 ? year - 1 : year}`;
    case 2:
      return `FY${String(year - 1).slice(2)}`;
    case 3:
      return `year-end ${year - 1}`;
    default:
      return `${year - 1}`;
  }
}

interface Vocabulary {
  short: readonly string[];
  verbs: readonly string[];
  objects: readonly string[];
}

const VOCABULARY: Record<string, Vocabulary> = {
  audit: {
    short: list(`
      Fieldwork | AR confirmations | Inventory count | Lead sheets | Audit file review |
      Cut-off testing
    `),
    verbs: list(`
      Tested | Vouched | Reviewed | Documented | Performed | Prepared | Updated | Agreed |
      Reconciled | Completed
    `),
    objects: list(`
      accounts receivable confirmations | inventory count sheets and price testing |
      fixed asset additions to invoices | revenue cut-off around year end |
      payroll expense analytics | subsequent disbursements for unrecorded liabilities |
      bank reconciliations and confirmations | accrued liabilities | related party transactions |
      going concern assessment | materiality and risk assessment memo |
      internal control walkthroughs | journal entry testing | lease schedules under ASC 842 |
      debt covenant calculations | management letter points
    `),
  },
  review: {
    short: ["Review file", "Draft FS", "Analytics", "Notes to FS", "Comp file"],
    verbs: ["Prepared", "Reviewed", "Drafted", "Updated", "Performed", "Finalized", "Compiled"],
    objects: list(`
      analytical procedures on the income statement | draft financial statements |
      notes to the financial statements | trial balance and adjusting entries |
      inquiries of management | working paper file | representation letter | comparative figures |
      review engagement report | cash flow statement
    `),
  },
  tax: {
    short: ["T2 prep", "1120 prep", "1040 prep", "Tax return", "K-1s", "Estimates", "E-file"],
    verbs: ["Prepared", "Reviewed", "Finalized", "E-filed", "Drafted", "Calculated", "Researched", "Amended"],
    objects: list(`
      federal and state income tax returns | estimated tax payments | depreciation schedules |
      K-1 allocations | charitable contribution carryforwards | home office deduction worksheet |
      capital gains on brokerage statements | foreign tax credit calculation |
      R&D credit documentation | sales tax nexus analysis | IRS notice response | extension request |
      rental property schedules | shareholder loan reconciliation
    `),
  },
  books: {
    short: ["Bank rec", "Payroll", "AP entry", "Monthly close", "Sales tax", "Payroll run"],
    verbs: ["Posted", "Reconciled", "Processed", "Entered", "Reviewed", "Cleaned up", "Coded"],
    objects: list(`
      bank and credit card transactions | payroll and remittances | vendor bills and payments |
      sales invoices | month-end accruals | sales tax return | petty cash |
      loan amortization entries | inventory adjustments | W-2 and 1099 forms | undeposited funds
    `),
  },
  advisory: {
    short: ["Advisory call", "Cash flow model", "Budget", "Valuation", "Strategy mtg"],
    verbs: ["Prepared", "Reviewed", "Updated", "Discussed", "Modelled", "Drafted", "Presented"],
    objects: list(`
      13-week cash flow forecast | budget for the coming year | business valuation |
      succession plan | financing proposal for the bank | KPI dashboard | pricing analysis |
      entity restructuring options | buy-sell agreement terms | grant application budget
    `),
  },
  meeting: {
    short: ["Client mtg", "Call with client", "Zoom call", "Year-end mtg"],
    verbs: ["Met with", "Call with", "Video call with", "Meeting with"],
    objects: list(`
      the owner | the controller | the CFO | the board treasurer | the client and their banker |
      the client and their lawyer
    `),
  },
  correspondence: {
    short: ["Emails", "Phone call", "Client emails", "Voicemail follow-up"],
    verbs: ["Emails with", "Phone call with", "Correspondence with", "Follow-up with"],
    objects: list(`
      the client | the client's bank | the IRS | the state revenue department | the client's lawyer |
      the previous accountant
    `),
  },
  travel: {
    short: ["Travel", "Travel to client", "Return travel"],
    verbs: ["Travel to", "Return travel from", "Drive to"],
    objects: ["client site", "client's warehouse", "client's head office", "inventory count location"],
  },
  internal: {
    short: ["Admin", "Timesheets", "Staff meeting", "CPD", "Training", "Proposal", "IT issues", "Scheduling"],
    verbs: ["Attended", "Prepared", "Reviewed", "Planned", "Completed", "Organised"],
    objects: list(`
      weekly staff meeting | CPD webinar on lease accounting | tax update seminar |
      practice management meeting | engagement scheduling for busy season |
      proposal for a prospective client | quality control review | new-hire onboarding |
      firm newsletter | software training | networking event | performance reviews
    `),
  },
};

// prettier-ignore
const CODE_VOCABULARY: Record<string, keyof typeof VOCABULARY> = {
  AUD: "audit", AUDP: "audit", REV: "review", COMP: "review", TAXC: "tax", TAXP: "tax", TAXPL: "tax",
  BKP: "books", PAY: "books", ADV: "advisory", MTG: "meeting", CORR: "correspondence", TRVT: "travel",
  ADM: "internal", INT: "internal", TRN: "internal", BD: "internal",
};

const TAILS = list(`
  ; followed up on open items | ; waiting on client for support |  per manager's review notes |
  ; cleared review points | ; updated working papers | ; noted exceptions for manager review |
   and sent a summary email to the client |  (continued from yesterday) |
  ; discussed findings with the partner | ; requested missing statements from the client |
  ; documented in the permanent file | ; questions list sent to the client
`);

const WITH_NAME = [
  " re: {topic} with {name}",
  ", discussed with {name}",
  " - {name} to send the remaining documents",
];
const TOPICS = list(`
  year-end adjustments | the engagement letter | missing invoices | payroll changes |
  the loan application | estimated payments | the management letter | timing of fieldwork
`);

function timeDescription(random: Random, code: string, date: string): string {
  const words = VOCABULARY[CODE_VOCABULARY[code] ?? "internal"]!;
  const form = below(random, 20);
  if (form < 3) return pick(random, words.short);
  if (form < 5) return `${pick(random, words.short)} ${period(random, date)}`;
  let text = `${pick(random, words.verbs)} ${pick(random, words.objects)}`;
  if (chance(random, 0.45)) text += ` for ${period(random, date)}`;
  if (form >= 14) text += pick(random, TAILS);
  if (form >= 17) {
    text += pick(random, WITH_NAME)
      .replace("{topic}", pick(random, TOPICS))
      .replace("{name}", pick(random, FIRST_NAMES));
  }
  if (form === 19)
    text += `. ${pick(random, words.verbs)} ${pick(random, words.objects)}${pick(random, TAILS)}`;
  return optionalText(text, "description", 4000);
}

const ADJUSTMENTS = list(`
  Write-down per partner review | Adjustment: duplicate entry reversed |
  Correction of time posted to the wrong client | Reversal of over-recorded time |
  Write-down: fixed fee engagement over budget | Adjustment per billing review
`);

function adjustmentDescription(random: Random, date: string): string {
  return chance(random, 0.5)
    ? pick(random, ADJUSTMENTS)
    : `${pick(random, ADJUSTMENTS)} (${period(random, date)})`;
}

const FILING_FEES = list(`
  Annual report filing fee | Articles of amendment filing fee | Business name search | Certificate of good standing
`);
const COURIERS = list(`
  Courier of signed returns to the client | Certified mail: IRS correspondence | Overnight delivery of original documents
`);

function expenseDescription(
  random: Random,
  code: string,
  detail: string,
  credit: boolean,
  date: string,
): string {
  const city = pick(random, CITIES)[0];
  const text = (() => {
    switch (code) {
      case "MILE":
        return pick(random, [
          `Mileage to client office (${detail} mi round trip)`,
          `Drive to ${city} for fieldwork (${detail} mi)`,
          `Mileage: client meeting in ${city}, ${detail} mi`,
        ]);
      case "COPY":
        return chance(random, 0.5)
          ? `Printing of financial statements (${detail} pages)`
          : `Photocopies of supporting documents, ${detail} pages`;
      case "SOFT":
        return `Cloud accounting subscription, ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
      case "PARK":
        return chance(random, 0.5) ? "Parking at client premises" : `Parking, downtown ${city}`;
      case "FILE":
        return pick(random, FILING_FEES);
      case "COUR":
        return pick(random, COURIERS);
      case "TRAV":
        return chance(random, 0.5)
          ? `Airfare to ${city} for inventory count`
          : `Hotel, ${detail} night${detail === "1" ? "" : "s"}, ${city} fieldwork`;
      default:
        return `Lunch meeting with ${pick(random, FIRST_NAMES)} (client)`;
    }
  })();
  return optionalText(credit ? `Credit: ${text} (refunded)` : text, "description", 4000);
}
