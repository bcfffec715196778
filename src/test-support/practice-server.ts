/**
 * A small practice on a test server, for route tests of own / assigned / all rights: two
 * clients, a project, work codes, time and expense entries of several staff members, users
 * holding each kind of right, and a second firm whose ids must never work here. Records are
 * made through the real services and stores; callers act through real HTTP (app.inject).
 */
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { beforeAll } from "vitest";
import { findRoleByName, insertAssignment } from "../access/access-store.js";
import { insertUser } from "../access/account-store.js";
import { hashPassword } from "../access/passwords.js";
import type { AssignmentScope } from "../access/permissions.js";
import { addClient } from "../firm-setup/client-service.js";
import { addContact } from "../firm-setup/contact-service.js";
import type { Firm } from "../firm-setup/firm-store.js";
import { addProject } from "../firm-setup/project-service.js";
import type { FirmScope } from "../firm-setup/scope.js";
import { addStaff } from "../firm-setup/staff-service.js";
import { addWorkCode } from "../firm-setup/work-code-service.js";
import { addExpenseEntry } from "../time-expense/expense-entry-service.js";
import { addTimeEntry } from "../time-expense/time-entry-service.js";
import { newCloudFirm, PASSWORD, signIn, type TestServer } from "./server.js";

type Payload = NonNullable<InjectOptions["payload"]>;

export interface Caller {
  get(path: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(path: string, body: Payload): Promise<LightMyRequestResponse>;
  patch(path: string, body: Payload): Promise<LightMyRequestResponse>;
  put(path: string, body: Payload): Promise<LightMyRequestResponse>;
  delete(path: string): Promise<LightMyRequestResponse>;
}

/** Someone calling the firm's API with a signed-in session. */
export function callerOf(server: TestServer, slug: string, headers: Record<string, string>): Caller {
  const url = (path: string) => `/f/${slug}/api/v1${path}`;
  const inject = (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", path: string, payload?: Payload) =>
    server.app.inject({ method, url: url(path), headers, ...(payload === undefined ? {} : { payload }) });
  return {
    get: (path, extra = {}) =>
      server.app.inject({ method: "GET", url: url(path), headers: { ...headers, ...extra } }),
    post: (path, body) => inject("POST", path, body),
    patch: (path, body) => inject("PATCH", path, body),
    put: (path, body) => inject("PUT", path, body),
    delete: (path) => inject("DELETE", path),
  };
}

export const PEOPLE = ["admin", "jane", "al", "cara", "vera", "ed", "connie"] as const;
export type Person = (typeof PEOPLE)[number];

export interface Practice {
  firm: Firm;
  scope: FirmScope;
  /** Callers: admin (Admin), jane (staff, no role), al (Editor on ACME), cara (manager of
   * BETA), vera (Viewer firm-wide), ed (Entities Admin), connie (contact with Entity Access on ACME). */
  as: Record<Person, Caller>;
  staff: Record<"admin" | "jane" | "al" | "cara" | "vera" | "ed", string>;
  contactId: string;
  clients: { acme: string; beta: string };
  project: string;
  workCodes: { tax: string; mile: string };
  /** Time entries: jane's on ACME and on BETA, al's on ACME, cara's on BETA. */
  time: { janeAcme: string; janeBeta: string; alAcme: string; caraBeta: string };
  /** Expense entries: jane's on ACME, cara's on BETA. */
  expense: { janeAcme: string; caraBeta: string };
  /** Ids of the other firm: a client, a project, a work code, a staff member, a time entry. */
  other: { client: string; project: string; workCode: string; staff: string; timeEntry: string };
}

interface Grant {
  role: string;
  scope: AssignmentScope;
  entityId?: string;
}

async function addUser(
  server: TestServer,
  firm: Firm,
  person: { email: string; staffId?: string; contactId?: string; grants?: Grant[] },
): Promise<void> {
  const { db } = server.deps.store;
  const now = server.deps.clock.now().toISOString();
  const userId = await insertUser(
    db,
    {
      firmId: firm.id,
      email: person.email,
      status: "active",
      staffId: person.staffId ?? null,
      contactId: person.contactId ?? null,
      passwordHash: await hashPassword(PASSWORD),
    },
    now,
  );
  for (const grant of person.grants ?? []) {
    const role = (await findRoleByName(db, firm.id, grant.role))!;
    await insertAssignment(db, firm.id, {
      roleId: role.id,
      principalKind: "user",
      principalId: userId,
      scope: grant.scope,
      entityId: grant.entityId ?? null,
      itemId: null,
      createdAt: now,
    });
  }
}

async function seedOtherFirm(server: TestServer, slug: string): Promise<Practice["other"]> {
  const { firm, staff } = await newCloudFirm(server, slug);
  const scope = { firm, clock: server.deps.clock, actor: "test" };
  const db = server.deps.store.db;
  const client = await addClient(db, scope, { code: "ZED", name: "Zed plc" });
  const project = await addProject(db, scope, { client: client.id, code: "Z1", name: "Zed job" });
  const workCode = await addWorkCode(db, scope, { code: "TAX", kind: "time", name: "Tax", rate: 1_000_000 });
  const entry = await addTimeEntry(db, scope, {
    staff: staff.id,
    client: client.id,
    workCode: workCode.id,
    date: "2026-06-02",
    minutes: 60,
  });
  return {
    client: client.id,
    project: project.id,
    workCode: workCode.id,
    staff: staff.id,
    timeEntry: entry.id,
  };
}

/** Seeds the practice (firm `slug`, other firm `${slug}-other`) once for a describe block. */
export function usePractice(server: TestServer, slug: string): Practice {
  const practice = {} as Practice;
  beforeAll(async () => {
    Object.assign(practice, await seedPractice(server, slug));
  });
  return practice;
}

async function seedPractice(server: TestServer, slug: string): Promise<Practice> {
  const db = server.deps.store.db;
  const { firm, staff: adminStaff } = await newCloudFirm(server, slug);
  const scope: FirmScope = { firm, clock: server.deps.clock, actor: "test" };
  const person = (staffNumber: string, firstName: string) =>
    addStaff(db, scope, {
      staffNumber,
      firstName,
      lastName: "Test",
      email: `${firstName.toLowerCase()}@${slug}.test`,
    });
  const jane = await person("JD", "Jane");
  const al = await person("AB", "Al");
  const cara = await person("CM", "Cara");
  const vera = await person("VV", "Vera");
  const ed = await person("ED", "Ed");
  const acme = await addClient(db, scope, { code: "ACME", name: "Acme Ltd" });
  const beta = await addClient(db, scope, { code: "BETA", name: "Beta LLP", manager: cara.id });
  const project = await addProject(db, scope, { client: acme.id, code: "AUDIT", name: "Year-end audit" });
  const tax = await addWorkCode(db, scope, { code: "TAX", kind: "time", name: "Tax", rate: 1_500_000 });
  const mile = await addWorkCode(db, scope, { code: "MILE", kind: "expense", name: "Mileage", rate: 5_800 });
  const connie = await addContact(db, scope, {
    firstName: "Connie",
    lastName: "Contact",
    email: `connie@${slug}.test`,
    clients: [acme.id],
  });

  const time = (staffId: string, clientId: string, date: string, minutes: number) =>
    addTimeEntry(db, scope, { staff: staffId, client: clientId, workCode: tax.id, date, minutes });
  const expense = (staffId: string, clientId: string, date: string) =>
    addExpenseEntry(db, scope, {
      staff: staffId,
      client: clientId,
      workCode: mile.id,
      date,
      quantity: 10_000,
    });
  const entries = {
    time: {
      janeAcme: (await time(jane.id, acme.id, "2026-06-01", 60)).id,
      janeBeta: (await time(jane.id, beta.id, "2026-06-02", 90)).id,
      alAcme: (await time(al.id, acme.id, "2026-06-03", 120)).id,
      caraBeta: (await time(cara.id, beta.id, "2026-06-04", 30)).id,
    },
    expense: {
      janeAcme: (await expense(jane.id, acme.id, "2026-06-01")).id,
      caraBeta: (await expense(cara.id, beta.id, "2026-06-04")).id,
    },
  };

  await addUser(server, firm, { email: jane.email!, staffId: jane.id });
  await addUser(server, firm, {
    email: al.email!,
    staffId: al.id,
    grants: [{ role: "Editor", scope: "entity", entityId: acme.id }],
  });
  await addUser(server, firm, { email: cara.email!, staffId: cara.id });
  await addUser(server, firm, {
    email: vera.email!,
    staffId: vera.id,
    grants: [{ role: "Viewer", scope: "system" }],
  });
  await addUser(server, firm, {
    email: ed.email!,
    staffId: ed.id,
    grants: [{ role: "Entities Admin", scope: "system" }],
  });
  await addUser(server, firm, {
    email: connie.email!,
    contactId: connie.id,
    grants: [{ role: "Contact – Entity Access", scope: "entity", entityId: acme.id }],
  });

  const emails: Record<Person, string> = {
    admin: `admin@${slug}.test`,
    jane: jane.email!,
    al: al.email!,
    cara: cara.email!,
    vera: vera.email!,
    ed: ed.email!,
    connie: connie.email!,
  };
  const as = {} as Record<Person, Caller>;
  for (const who of PEOPLE)
    as[who] = callerOf(server, slug, (await signIn(server, slug, emails[who])).headers);

  return {
    firm,
    scope,
    as,
    staff: { admin: adminStaff.id, jane: jane.id, al: al.id, cara: cara.id, vera: vera.id, ed: ed.id },
    contactId: connie.id,
    clients: { acme: acme.id, beta: beta.id },
    project: project.id,
    workCodes: { tax: tax.id, mile: mile.id },
    ...entries,
    other: await seedOtherFirm(server, `${slug}-other`),
  };
}

/** The ids of a list response, in order. */
export const idsOf = (response: LightMyRequestResponse): string[] =>
  response.json<{ items: { id: string }[] }>().items.map((item) => item.id);
