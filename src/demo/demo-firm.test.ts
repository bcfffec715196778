/**
 * The demo firm on both engines: the records a newcomer explores, made through the services,
 * with three users who can sign in; a second seeding changes nothing.
 */
import { describe, expect, it } from "vitest";
import { selectAssignments, selectRoles } from "../access/access-store.js";
import { selectUsers } from "../access/account-store.js";
import { checkCredentials } from "../access/login-service.js";
import { addDays } from "../domain/dates.js";
import { listClients } from "../firm-setup/client-service.js";
import { listContactCompanies, listContacts } from "../firm-setup/contact-service.js";
import { listProjects } from "../firm-setup/project-service.js";
import { listRates } from "../firm-setup/rate-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { listGroups, listStaff } from "../firm-setup/staff-service.js";
import { listWorkCodes } from "../firm-setup/work-code-service.js";
import { fixedClock } from "../store/clock.js";
import type { Db } from "../store/database.js";
import { snapshotStore } from "../test-support/seed.js";
import { ENGINES, openTestStore } from "../test-support/stores.js";
import { seedDemoFirm, raiseDate } from "./demo-firm.js";

const PASSWORD = "demo password for tests";
const TODAY = "2026-06-15";
const clock = fixedClock(`${TODAY}T12:00:00Z`);

async function entryRows(db: Db, table: "time_entry" | "expense_entry") {
  return db.selectFrom(table).select(["entry_date", "status", "billable", "amount"]).execute();
}

describe.each(ENGINES)("the demo firm [%s]", (engine) => {
  it("is a realistic firm made through the services, seeded once", async () => {
    const store = await openTestStore(engine);
    try {
      const seeded = await seedDemoFirm(store.db, clock, { password: PASSWORD });
      expect(seeded.created).toBe(true);
      const scope: FirmScope = { firm: seeded.firm, clock, actor: "test" };
      expect(seeded.firm).toMatchObject({ name: "Harbor & Pine CPAs", slug: "demo", protection: true });
      await expectPeople(store.db, scope);
      await expectClients(store.db, scope);
      await expectEntries(store.db);
      await expectUsers(store.db, scope);

      const before = await snapshotStore(store.db);
      const again = await seedDemoFirm(store.db, clock);
      expect(again.created).toBe(false);
      expect(again.firm.id).toBe(seeded.firm.id);
      expect(await snapshotStore(store.db)).toEqual(before);
    } finally {
      await store.close();
    }
  });
});

async function expectPeople(db: Db, scope: FirmScope): Promise<void> {
  const staff = await listStaff(db, scope);
  expect(staff).toHaveLength(13);
  expect(staff.filter((s) => s.status === "inactive").map((s) => s.staffNumber)).toEqual(["OG"]);
  expect((await listGroups(db, scope)).map((g) => g.name).sort()).toEqual([
    "Administration",
    "Advisory",
    "Audit",
    "Partners",
    "Tax",
  ]);
  // A rate history: the rate each had, then the raise.
  const rates = await listRates(db, scope, { staff: "MH" });
  expect(rates.map((r) => r.effectiveDate).sort()).toEqual(["2025-01-01", raiseDate(clock)]);
  const codes = await listWorkCodes(db, scope);
  const kinds = new Set(codes.map((c) => `${c.kind}:${c.billable ? "B" : "NB"}`));
  expect([...kinds].sort()).toEqual(["expense:B", "expense:NB", "time:B", "time:NB"]);
}

async function expectClients(db: Db, scope: FirmScope): Promise<void> {
  const clients = await listClients(db, scope);
  expect(clients).toHaveLength(40);
  expect(clients.filter((c) => c.status === "inactive")).toHaveLength(2);
  expect(clients.every((c) => c.partnerId !== null)).toBe(true);
  const projects = await listProjects(db, scope);
  expect(projects.length).toBeGreaterThanOrEqual(6);
  expect(projects.some((p) => p.status === "closed")).toBe(true);
  expect(await listContactCompanies(db, scope)).toHaveLength(5);
  const contacts = await listContacts(db, scope);
  expect(contacts.length).toBeGreaterThanOrEqual(30);
  expect(contacts.some((c) => c.clients.length > 1)).toBe(true);
}

async function expectEntries(db: Db): Promise<void> {
  const times = await entryRows(db, "time_entry");
  expect(times.length).toBeGreaterThan(1_500);
  const dates = times.map((t) => t.entry_date).sort();
  expect(dates[0]! <= addDays(TODAY, -85)).toBe(true);
  expect(dates.at(-1)! <= TODAY).toBe(true);
  expect(new Set(times.map((t) => t.status))).toEqual(new Set(["draft", "submitted", "approved", "billed"]));
  expect(times.some((t) => t.amount < 0)).toBe(true);
  expect(times.some((t) => t.billable === 0)).toBe(true);
  const expenses = await entryRows(db, "expense_entry");
  expect(expenses.length).toBeGreaterThan(100);
  expect(new Set(expenses.map((e) => e.status)).size).toBeGreaterThanOrEqual(3);
}

async function expectUsers(db: Db, scope: FirmScope): Promise<void> {
  const firmId = scope.firm.id;
  const users = await selectUsers(db, firmId);
  expect(users.map((u) => u.email)).toEqual([
    "demo@harbor.example",
    "staff@harbor.example",
    "viewer@harbor.example",
  ]);
  for (const user of users) await checkCredentials(db, firmId, user.email, PASSWORD);
  const roles = new Map((await selectRoles(db, firmId)).map((role) => [role.id, role.name]));
  const roleOf = async (email: string) => {
    const user = users.find((u) => u.email === email)!;
    return (await selectAssignments(db, firmId, { principalId: user.id })).map((a) => roles.get(a.roleId));
  };
  expect(await roleOf("demo@harbor.example")).toEqual(["Admin"]);
  expect(await roleOf("viewer@harbor.example")).toEqual(["Viewer"]);
  expect(await roleOf("staff@harbor.example")).toEqual([]);
}
