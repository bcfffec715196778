/**
 * `firmtime serve --demo`: a realistic demo firm to explore, made through the real services
 * (so it obeys every rule a real firm does), in one transaction: all of it or none. Idempotent:
 * when the demo firm exists, nothing is added.
 */
import { findRoleByName, insertAssignment } from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { createCloudFirm } from "../access/firm-bootstrap.js";
import { hashPassword } from "../access/passwords.js";
import { newSecret } from "../access/secrets.js";
import { addDays, todayIn } from "../domain/dates.js";
import { parseAmount, parsePercent, parseRate } from "../domain/money.js";
import { addClient } from "../firm-setup/client-service.js";
import { addContact, addContactCompany } from "../firm-setup/contact-service.js";
import { findFirmBySlug, type Firm } from "../firm-setup/firm-store.js";
import { addProject } from "../firm-setup/project-service.js";
import { setRate } from "../firm-setup/rate-service.js";
import { nowIso, type FirmScope } from "../firm-setup/scope.js";
import { addStaff, editStaff } from "../firm-setup/staff-service.js";
import type { Staff } from "../firm-setup/staff-store.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import type { Clock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import { addDemoEntries, type DemoEntryCounts } from "./demo-entries.js";
import {
  CLIENT_MANAGERS,
  CLIENT_PARTNERS,
  CONTACT_FIRST_NAMES,
  CONTACT_LAST_NAMES,
  DEMO_CLIENT_RATES,
  DEMO_CLIENTS,
  DEMO_COMPANIES,
  DEMO_FIRM_NAME,
  DEMO_PROJECTS,
  DEMO_SLUG,
  DEMO_STAFF,
  DEMO_WORK_CODES,
  INTERNAL_CLIENT,
  LEVEL_RATES,
  type DemoStaff,
} from "./demo-data.js";

export interface DemoUser {
  email: string;
  name: string;
  role: string;
}

export type DemoFirm =
  | { created: true; firm: Firm; users: DemoUser[]; password: string; counts: DemoEntryCounts }
  | { created: false; firm: Firm; users: DemoUser[] };

const ROLE_LABELS: Record<NonNullable<DemoStaff["user"]>, string> = {
  Admin: "Admin",
  Viewer: "Viewer (reads everything)",
  staff: "staff (own entries only)",
};

export const DEMO_USERS: readonly DemoUser[] = DEMO_STAFF.filter((s) => s.user).map((s) => ({
  email: s.email,
  name: `${s.first} ${s.last}`,
  role: ROLE_LABELS[s.user!],
}));

/** One password for the demo users, random so a demo left running is not an open door. */
const newDemoPassword = (): string => `demo-${newSecret(12)}`;

export async function seedDemoFirm(
  db: Db,
  clock: Clock,
  options: { password?: string } = {},
): Promise<DemoFirm> {
  const existing = await findFirmBySlug(db, DEMO_SLUG);
  if (existing) return { created: false, firm: existing, users: [...DEMO_USERS] };
  const password = options.password ?? newDemoPassword();
  const admin = DEMO_STAFF[0]!;
  return inTransaction(db, async (tx) => {
    const { firm } = await createCloudFirm(tx, clock, {
      name: DEMO_FIRM_NAME,
      slug: DEMO_SLUG,
      currency: "USD",
      admin: {
        email: admin.email,
        firstName: admin.first,
        lastName: admin.last,
        staffNumber: admin.number,
        password,
      },
    });
    const scope: FirmScope = { firm, clock, actor: "demo" };
    await addDemoStaff(tx, scope, password);
    await addDemoWorkCodes(tx, scope);
    await addDemoClients(tx, scope);
    const counts = await addDemoEntries(tx, scope);
    return { created: true, firm, users: [...DEMO_USERS], password, counts };
  });
}

/** When the firm's first rates took effect: the start of last year, before any demo entry. */
const firstRatesDate = (clock: Clock): string => `${Number(todayIn(clock.now()).slice(0, 4)) - 1}-01-01`;

/** The start of the month some six weeks back: the day the last raise took effect. */
export function raiseDate(clock: Clock): string {
  return `${addDays(todayIn(clock.now()), -45).slice(0, 7)}-01`;
}

async function addDemoStaff(db: Db, scope: FirmScope, password: string): Promise<void> {
  const today = todayIn(scope.clock.now());
  const [before, after] = [firstRatesDate(scope.clock), raiseDate(scope.clock)];
  for (const person of DEMO_STAFF) {
    const staff =
      person.user === "Admin"
        ? await editStaff(db, scope, person.number, { groups: person.groups })
        : await addStaff(db, scope, {
            staffNumber: person.number,
            firstName: person.first,
            lastName: person.last,
            email: person.email,
            groups: person.groups,
            ...(person.leftDaysAgo
              ? { status: "inactive" as const, inactiveDate: addDays(today, -person.leftDaysAgo) }
              : {}),
          });
    const [oldRate, newRate] = LEVEL_RATES[person.level];
    await setRate(db, scope, { staff: person.number, effectiveDate: before, rate: parseRate(oldRate) });
    if (!person.leftDaysAgo)
      await setRate(db, scope, { staff: person.number, effectiveDate: after, rate: parseRate(newRate) });
    if (person.user === "Viewer" || person.user === "staff")
      await addDemoUser(db, scope, staff, password, person.user === "Viewer" ? "Viewer" : null);
  }
}

/** A signed-in account for a staff member, with a system-scope role or none (own entries only). */
async function addDemoUser(
  db: Db,
  scope: FirmScope,
  staff: Staff,
  password: string,
  role: "Viewer" | null,
): Promise<void> {
  const now = nowIso(scope);
  const firmId = scope.firm.id;
  const userId = await insertUser(
    db,
    {
      firmId,
      email: staff.email!,
      status: "active",
      staffId: staff.id,
      contactId: null,
      passwordHash: await hashPassword(password),
    },
    now,
  );
  if (!role) return;
  const roleId = (await findRoleByName(db, firmId, role))!.id;
  await insertAssignment(db, firmId, {
    roleId,
    principalKind: "user",
    principalId: userId,
    scope: "system",
    entityId: null,
    itemId: null,
    createdAt: now,
  });
}

async function addDemoWorkCodes(db: Db, scope: FirmScope): Promise<void> {
  for (const code of DEMO_WORK_CODES) {
    await addWorkCode(db, scope, {
      code: code.code,
      kind: code.kind,
      billable: code.billable,
      name: code.name,
      ...(code.rate ? { rate: parseRate(code.rate) } : {}),
      ...(code.surchargePercent ? { surchargeBp: parsePercent(code.surchargePercent) } : {}),
    });
  }
}

async function addDemoClients(db: Db, scope: FirmScope): Promise<void> {
  const companyOf = new Map<string, string>();
  for (const company of DEMO_COMPANIES) {
    await addContactCompany(db, scope, { name: company.name, address: company.address });
    for (const client of company.clients) companyOf.set(client, company.name);
  }
  await addClient(db, scope, { ...INTERNAL_CLIENT, partner: "MH", notes: "The firm's own time" });
  for (const [index, [code, name, active]] of DEMO_CLIENTS.entries()) {
    await addClient(db, scope, {
      code,
      name,
      status: active === false ? "inactive" : "active",
      contactCompany: companyOf.get(code) ?? null,
      partner: CLIENT_PARTNERS[index % CLIENT_PARTNERS.length],
      manager: CLIENT_MANAGERS[index % CLIENT_MANAGERS.length],
      address: `${100 + index * 7} Harbor Street`,
    });
  }
  await addDemoProjects(db, scope);
  await addDemoContacts(db, scope, companyOf);
}

async function addDemoProjects(db: Db, scope: FirmScope): Promise<void> {
  const fee = (text: string) => parseAmount(text, scope.firm.minorDigits);
  for (const project of DEMO_PROJECTS) {
    await addProject(db, scope, {
      client: project.client,
      code: project.code,
      name: project.name,
      status: project.status ?? "open",
      budgetMinutes: project.budgetHours ? project.budgetHours * 60 : null,
      budgetFee: project.budgetFee ? fee(project.budgetFee) : null,
    });
    if (project.rate) {
      const rate = { client: project.client, project: project.code, rate: parseRate(project.rate) };
      await setRate(db, scope, { ...rate, effectiveDate: firstRatesDate(scope.clock) });
    }
  }
  for (const { client, workCode, rate } of DEMO_CLIENT_RATES)
    await setRate(db, scope, {
      client,
      workCode,
      rate: parseRate(rate),
      effectiveDate: firstRatesDate(scope.clock),
    });
}

/** One or two contacts for most clients; a company's contacts belong to all its clients. */
async function addDemoContacts(db: Db, scope: FirmScope, companyOf: Map<string, string>): Promise<void> {
  const clients = DEMO_CLIENTS.slice(0, 30);
  for (const [index, [code]] of clients.entries()) {
    const count = index % 4 === 0 ? 2 : 1;
    for (let n = 0; n < count; n++) {
      const first = CONTACT_FIRST_NAMES[(index + n * 7) % CONTACT_FIRST_NAMES.length]!;
      const last = CONTACT_LAST_NAMES[(index * 3 + n) % CONTACT_LAST_NAMES.length]!;
      const company = companyOf.get(code) ?? null;
      const siblings = DEMO_COMPANIES.find((c) => c.name === company)?.clients ?? [code];
      await addContact(db, scope, {
        firstName: first,
        lastName: last,
        email: `${first}.${last.replace(/\W/g, "")}@${code}.example`.toLowerCase(),
        workPhone: `555-01${String(index).padStart(2, "0")}`,
        contactCompany: company,
        clients: n === 0 ? siblings : [code],
      });
    }
  }
}
