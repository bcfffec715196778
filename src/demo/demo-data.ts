/**
 * The demo firm's people and records: a mid-size practice with audit, tax and advisory teams.
 * Plain data; demo-firm.ts feeds it through the real services.
 */

export const DEMO_SLUG = "demo";
export const DEMO_FIRM_NAME = "Harbor & Pine CPAs";
export const DEMO_DOMAIN = "harbor.example";

export type Level = "partner" | "manager" | "senior" | "staff" | "admin";

/** Hourly rates in dollars before and after the raise a few weeks ago: a rate history. */
export const LEVEL_RATES: Record<Level, [before: string, after: string]> = {
  partner: ["260", "275"],
  manager: ["185", "195"],
  senior: ["145", "155"],
  staff: ["110", "120"],
  admin: ["70", "75"],
};

export interface DemoStaff {
  number: string;
  first: string;
  last: string;
  email: string;
  level: Level;
  groups: string[];
  /** A demo user account: the Admin, a system-scope Viewer, or plain staff (own entries only). */
  user?: "Admin" | "Viewer" | "staff";
  /** Left the firm this many days ago: inactive, with history before. */
  leftDaysAgo?: number;
}

const person = (
  number: string,
  first: string,
  last: string,
  level: Level,
  groups: string[],
  extra: Partial<DemoStaff> = {},
): DemoStaff => ({
  number,
  first,
  last,
  email: `${first}.${last}@${DEMO_DOMAIN}`.toLowerCase(),
  level,
  groups,
  ...extra,
});

/** The first is the demo Admin (the firm's managing partner). */
export const DEMO_STAFF: readonly DemoStaff[] = [
  person("MH", "Morgan", "Harbor", "partner", ["Partners", "Audit"], {
    email: `demo@${DEMO_DOMAIN}`,
    user: "Admin",
  }),
  person("PP", "Priya", "Pine", "partner", ["Partners", "Tax"]),
  person("JO", "James", "Okafor", "partner", ["Partners", "Advisory"]),
  person("LC", "Lena", "Castro", "manager", ["Audit"]),
  person("RK", "Raj", "Kumar", "manager", ["Tax"]),
  person("SW", "Sofia", "Walsh", "senior", ["Audit"]),
  person("TN", "Tom", "Nguyen", "senior", ["Tax", "Advisory"]),
  person("AB", "Aisha", "Bello", "staff", ["Audit"]),
  person("EM", "Eli", "Moreau", "staff", ["Tax"]),
  person("GF", "Grace", "Fischer", "staff", ["Advisory"]),
  person("SP", "Sam", "Patel", "staff", ["Audit"], { email: `staff@${DEMO_DOMAIN}`, user: "staff" }),
  person("VL", "Vera", "Lind", "admin", ["Administration"], {
    email: `viewer@${DEMO_DOMAIN}`,
    user: "Viewer",
  }),
  person("OG", "Oliver", "Grant", "staff", ["Tax"], { leftDaysAgo: 40 }),
];

export interface DemoWorkCode {
  code: string;
  kind: "time" | "expense";
  billable: boolean;
  name: string;
  /** Dollars per hour or per unit; none for codes priced by staff rates or by receipt. */
  rate?: string;
  surchargePercent?: string;
}

export const DEMO_WORK_CODES: readonly DemoWorkCode[] = [
  { code: "AUD", kind: "time", billable: true, name: "Audit fieldwork", rate: "165" },
  { code: "REV", kind: "time", billable: true, name: "Review engagement", rate: "150" },
  { code: "TAX", kind: "time", billable: true, name: "Tax return preparation", rate: "140" },
  { code: "TAXP", kind: "time", billable: true, name: "Tax planning", rate: "185" },
  { code: "BKP", kind: "time", billable: true, name: "Bookkeeping", rate: "85" },
  { code: "PAY", kind: "time", billable: true, name: "Payroll", rate: "75" },
  { code: "ADV", kind: "time", billable: true, name: "Advisory", rate: "210" },
  { code: "MTG", kind: "time", billable: true, name: "Client meeting", rate: "150" },
  { code: "ADM", kind: "time", billable: false, name: "Administration" },
  { code: "TRN", kind: "time", billable: false, name: "Training and CPD" },
  { code: "BD", kind: "time", billable: false, name: "Business development" },
  { code: "MILE", kind: "expense", billable: true, name: "Mileage", rate: "0.67" },
  {
    code: "PRINT",
    kind: "expense",
    billable: true,
    name: "Printing and copies",
    rate: "0.25",
    surchargePercent: "15",
  },
  { code: "TRAVEL", kind: "expense", billable: true, name: "Travel (per receipt)" },
  { code: "FILING", kind: "expense", billable: true, name: "Filing fees" },
  { code: "MEALS", kind: "expense", billable: false, name: "Client meals" },
];

/** Billable time codes each team records most. */
export const TEAM_CODES: Record<string, readonly string[]> = {
  Audit: ["AUD", "AUD", "REV", "MTG"],
  Tax: ["TAX", "TAX", "TAXP", "MTG"],
  Advisory: ["ADV", "ADV", "BKP", "PAY", "MTG"],
  Administration: ["BKP", "PAY"],
};

export const NON_BILLABLE_CODES = ["ADM", "TRN", "BD"] as const;

/** Where the firm's own time goes. */
export const INTERNAL_CLIENT = { code: "HPINT", name: "Harbor & Pine (internal)" };

export const DEMO_COMPANIES: readonly { name: string; address: string; clients: string[] }[] = [
  {
    name: "Bayside Holdings Group",
    address: "1 Harbor Plaza, Bayside",
    clients: ["BAYSH", "LAKES", "OCEAN"],
  },
  { name: "Redwood Capital", address: "400 Redwood Ave, Suite 12", clients: ["REDWD", "KEYST", "WESTW"] },
  { name: "Juniper Health Network", address: "77 Juniper Way", clients: ["JUNIP", "RIVER"] },
  { name: "Harborview Dental Holdings", address: "9 Shore Road", clients: ["BLUEO", "UNION"] },
  { name: "Valley Agricultural Co-op", address: "Route 5, Orchard Valley", clients: ["ORCHD", "VALLY"] },
];

/** Client code, name, and whether the firm still serves them. */
export const DEMO_CLIENTS: readonly [code: string, name: string, active?: false][] = [
  ["ACME", "Acme Manufacturing Ltd"],
  ["BAYSH", "Bayside Shipping Co."],
  ["BLUEO", "Blue Oak Dental Group"],
  ["BRKFD", "Brookfield Family Trust"],
  ["CASCD", "Cascade Outdoor Supply"],
  ["CEDAR", "Cedar & Stone Architects"],
  ["CORAL", "Coral Reef Restaurants LLC"],
  ["DELTA", "Delta Logistics Inc."],
  ["EVERG", "Evergreen Landscaping"],
  ["FALCN", "Falcon Aviation Services"],
  ["FRNDS", "Friends of the Harbor Foundation"],
  ["GOLDN", "Golden Gate Bakery"],
  ["GRANT", "Grant & Sons Plumbing", false],
  ["HILLS", "Hillside Veterinary Clinic"],
  ["IRONW", "Ironwood Construction"],
  ["JUNIP", "Juniper Health Partners"],
  ["KEYST", "Keystone Property Management"],
  ["LAKES", "Lakeshore Marina"],
  ["LUMEN", "Lumen Software Inc."],
  ["MAPLE", "Maple Street Pharmacy"],
  ["MERID", "Meridian Consulting Group"],
  ["NORTH", "Northwind Traders"],
  ["OCEAN", "Ocean View Hotel"],
  ["ORCHD", "Orchard Valley Farms"],
  ["PIONR", "Pioneer Auto Repair", false],
  ["QUILL", "Quill & Ink Publishing"],
  ["REDWD", "Redwood Capital Partners"],
  ["RIVER", "Riverside Medical Imaging"],
  ["SAGE", "Sage Wellness Studio"],
  ["SILVR", "Silverline Electric"],
  ["SUMMT", "Summit Engineering"],
  ["TIDAL", "Tidal Energy Cooperative"],
  ["TRAIL", "Trailhead Coffee Roasters"],
  ["UNION", "Union Street Dental"],
  ["VALLY", "Valley Fresh Grocers"],
  ["WESTW", "Westwind Realty"],
  ["WILLW", "Willow Creek Daycare"],
  ["YORKE", "Yorke Family (personal tax)"],
  ["ZENIT", "Zenith Fitness Clubs"],
];

export const CLIENT_PARTNERS = ["MH", "PP", "JO"] as const;
export const CLIENT_MANAGERS = ["LC", "RK", "SW", "TN"] as const;

export interface DemoProject {
  client: string;
  code: string;
  name: string;
  status?: "open" | "closed";
  budgetHours?: number;
  budgetFee?: string;
  /** A fixed hourly rate agreed for the whole project. */
  rate?: string;
}

export const DEMO_PROJECTS: readonly DemoProject[] = [
  { client: "ACME", code: "YE2025", name: "2025 year-end audit", budgetHours: 120, budgetFee: "18000" },
  { client: "ACME", code: "TAX2025", name: "2025 corporate tax return", budgetHours: 30 },
  { client: "BAYSH", code: "AUDIT", name: "Statutory audit (fixed rate)", rate: "150" },
  { client: "LUMEN", code: "RND", name: "R&D tax credit claim", budgetHours: 40, budgetFee: "7500" },
  { client: "DELTA", code: "SYSTEMS", name: "Accounting systems implementation" },
  { client: "FRNDS", code: "REVIEW", name: "Annual review engagement", budgetHours: 35 },
  { client: "KEYST", code: "BOOKS", name: "Monthly bookkeeping" },
  { client: "OCEAN", code: "YE2024", name: "2024 year-end audit", status: "closed" },
];

/** A negotiated client rate: Bayside's tax work is discounted. */
export const DEMO_CLIENT_RATES: readonly { client: string; workCode: string; rate: string }[] = [
  { client: "BAYSH", workCode: "TAX", rate: "120" },
];

export const CONTACT_FIRST_NAMES = [
  "Alex",
  "Bianca",
  "Carlos",
  "Diane",
  "Ethan",
  "Fatima",
  "George",
  "Hannah",
  "Ivan",
  "Julia",
  "Kenji",
  "Laura",
  "Marcus",
  "Nadia",
  "Owen",
  "Paula",
  "Quentin",
  "Rosa",
  "Stefan",
  "Tara",
];
export const CONTACT_LAST_NAMES = [
  "Adams",
  "Brooks",
  "Chen",
  "Dubois",
  "Evans",
  "Ferreira",
  "Gallagher",
  "Hughes",
  "Ito",
  "Jensen",
  "Kowalski",
  "Lopez",
  "Murphy",
  "Novak",
  "O'Brien",
  "Price",
  "Quinn",
  "Russo",
  "Schmidt",
  "Turner",
];

export const TIME_DESCRIPTIONS = [
  "Reconciled bank accounts and cleared outstanding items",
  "Prepared working papers for fixed assets",
  "Call with client about year-end adjustments",
  "Reviewed payroll summaries and remittances",
  "Drafted return and supporting schedules",
  "Followed up on missing invoices",
  "Prepared adjusting journal entries",
  "Planning meeting with the engagement team",
  "Reviewed revenue cut-off testing",
  "Answered client questions by email",
];

export const INTERNAL_DESCRIPTIONS: Record<(typeof NON_BILLABLE_CODES)[number], readonly string[]> = {
  ADM: ["Timesheets and admin", "Team meeting", "IT set-up"],
  TRN: ["CPD webinar: lease accounting", "Internal training on the new audit file"],
  BD: ["Proposal for a prospective client", "Chamber of commerce breakfast"],
};
